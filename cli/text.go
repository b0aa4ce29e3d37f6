package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
)

// fallbackWidth is the width text wraps at on a terminal that does not
// say its width: an 80-column terminal with a margin.
const fallbackWidth = 78

// textOut is how the command line prints page blocks (reports and error
// explanations): the same blocks the wizard draws, as lines of text.
// Outcome lines start with their glyph (✓ ! ✗), or with a word in the
// accessible mode; text is wrapped with page.Wrap at Width (0: one line
// per block, for pipes, logs and screen readers) and a row never breaks
// a word or a `mono` span, so commands, flags and paths stay copyable. On
// a colour terminal the glyphs and mono spans are coloured with the
// terminal's own palette; lipgloss drops the colours elsewhere.
type textOut struct {
	Width int
	// Words replaces glyphs with words (the accessible mode's).
	Words bool
	T     *i18n.Printer
}

// textFor is how text printed to w looks: wrapped at its terminal's
// width (or $COLUMNS), or not at all; words instead of glyphs in the
// accessible mode.
func (o *rootOptions) textFor(w io.Writer) textOut {
	if o.Accessible {
		return textOut{Words: true, T: o.t}
	}
	return textOut{Width: o.widthOf(w), T: o.t}
}

// widthOf is the width text written to w wraps at: w's terminal width
// (fallbackWidth when the terminal does not say), else $COLUMNS, else 0
// (no wrapping: a pipe or log file keeps each message on one line for
// grep).
func (o *rootOptions) widthOf(w io.Writer) int {
	if f, ok := w.(interface{ Fd() uintptr }); ok && isTerminal(w) {
		if cols, _, err := term.GetSize(f.Fd()); err == nil && cols > 20 {
			return cols
		}
		return fallbackWidth
	}
	if cols, err := strconv.Atoi(o.env("COLUMNS")); err == nil && cols > 20 {
		return cols
	}
	return 0
}

// Glyphs before outcome lines, as on the wizard's screens.
const (
	markFail = "✗"
	markWarn = "!"
	markOK   = "✓"
)

// palette colours text with the terminal's own palette (red, green,
// yellow, blue, faint), so that light and dark themes both read.
type palette struct{ fail, ok, warn, code, muted, bold lipgloss.Style }

func newPalette() palette {
	s := lipgloss.NewStyle()
	return palette{fail: s.Foreground(lipgloss.Red), ok: s.Foreground(lipgloss.Green), warn: s.Foreground(lipgloss.Yellow),
		code: s.Foreground(lipgloss.Blue), muted: s.Faint(true), bold: s.Bold(true)}
}

// write prints blocks to w, every row after indent; it returns the first
// write error.
func (x textOut) write(w io.Writer, indent string, blocks []page.Block) error {
	s := x.render(indent, blocks)
	if s == "" {
		return nil
	}
	_, err := lipgloss.Fprint(w, s+"\n")
	return err
}

// render draws blocks as rows of text (with colour codes that write
// removes where colour is not wanted). Blocks are separated by a blank
// line unless Tight.
func (x textOut) render(indent string, blocks []page.Block) string {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 {
			b.WriteString("\n")
			if !bl.Tight {
				b.WriteString("\n")
			}
		}
		b.WriteString(x.block(indent, bl))
	}
	return b.String()
}

// plain is render with every style removed, for tests and for text that
// is handed on (the error handler's).
func (x textOut) plain(indent string, blocks []page.Block) string {
	return ansi.Strip(x.render(indent, blocks))
}

func (x textOut) block(indent string, bl page.Block) string {
	p := newPalette()
	switch bl.Kind {
	case page.KindOK:
		return x.outcome(indent, bl.Text, markOK, "a11y.ok", &p.ok)
	case page.KindWarn:
		return x.outcome(indent, bl.Text, markWarn, "a11y.note", &p.warn)
	case page.KindFail:
		return x.outcome(indent, bl.Text, markFail, "a11y.error", &p.fail)
	case page.KindNote:
		return x.text(indent, bl.Text, "", 0, &p.muted)
	case page.KindHeading:
		return x.text(indent, bl.Text, "", 0, &p.bold)
	case page.KindCode:
		return x.spans(indent, []page.Span{{Text: page.PlainText(bl.Text), Style: page.Mono}}, "", 0, nil)
	case page.KindList, page.KindSteps:
		return x.items(indent, bl)
	case page.KindRows:
		return x.rows(indent, bl.Items)
	}
	return x.text(indent, bl.Text, "", 0, nil)
}

// outcome draws an outcome line: its glyph (or word) and the text, the
// rows after the first under the text.
func (x textOut) outcome(indent, text, glyph, wordID string, st *lipgloss.Style) string {
	if x.Words {
		return x.text(indent, text, x.T.T(wordID)+" ", 0, nil)
	}
	return x.text(indent, text, glyph+" ", page.Width(glyph)+1, st)
}

// items draws a list or numbered steps, each item's rows under its text.
func (x textOut) items(indent string, bl page.Block) string {
	out := make([]string, len(bl.Items))
	for i, it := range bl.Items {
		m := "- "
		if bl.Kind == page.KindSteps {
			m = strconv.Itoa(max(bl.Start, 1)+i) + ". "
		}
		out[i] = x.text(indent, it.Text, m, page.Width(m), nil)
	}
	return strings.Join(out, "\n")
}

// rows draws label/value rows ("Label:  value"), the values aligned in
// a column and their rows under the value.
func (x textOut) rows(indent string, items []page.Item) string {
	w := 0
	for _, it := range items {
		w = max(w, page.Width(page.PlainText(it.Text)))
	}
	out := make([]string, len(items))
	for i, it := range items {
		label := page.PlainText(it.Text)
		label += strings.Repeat(" ", w-page.Width(label)+2)
		if x.Words {
			label = page.PlainText(it.Text) + " "
		}
		out[i] = x.text(indent, it.Detail, label, page.Width(label), nil)
	}
	return strings.Join(out, "\n")
}

// text wraps markup text after indent, prefix on the first row and hang
// columns of indentation on the others; whole styles the prefix and the
// text (nil: the spans' own styles only).
func (x textOut) text(indent, text, prefix string, hang int, whole *lipgloss.Style) string {
	return x.spans(indent, page.Spans(stripControls(text)), prefix, hang, whole)
}

// spans is text for parsed spans.
func (x textOut) spans(indent string, spans []page.Span, prefix string, hang int, whole *lipgloss.Style) string {
	width := 0
	if x.Width > 0 && !x.Words {
		width = max(x.Width-page.Width(indent)-max(page.Width(prefix), hang), 20)
	}
	rows := page.Wrap(spans, width, false)
	out := make([]string, len(rows))
	for i, r := range rows {
		lead := strings.Repeat(" ", hang)
		if i == 0 {
			lead = prefix
		}
		if whole != nil {
			lead = whole.Render(lead)
		}
		out[i] = strings.TrimRight(indent+lead+spansText(r, whole), " ")
	}
	return strings.Join(out, "\n")
}

// spansText styles one row: Mono in the code colour, Strong bold, the
// rest in whole (nil: as it is).
func spansText(row []page.Span, whole *lipgloss.Style) string {
	p := newPalette()
	var b strings.Builder
	for _, sp := range row {
		switch {
		case sp.Style == page.Mono:
			b.WriteString(p.code.Render(sp.Text))
		case sp.Style == page.Strong:
			bold := p.bold
			if whole != nil {
				bold = whole.Bold(true)
			}
			b.WriteString(bold.Render(sp.Text))
		case whole != nil:
			b.WriteString(whole.Render(sp.Text))
		default:
			b.WriteString(sp.Text)
		}
	}
	return b.String()
}

// clean is text from elsewhere (a profile, Zoom) made safe to put in
// markup: no control characters, no markup characters (as i18n does with
// a message's arguments).
func clean(s string) string { return fmt.Sprint(i18n.Arg(s)) }

// stripControls removes control characters other than newline and tab, so
// no text from a server or file can drive the terminal.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
