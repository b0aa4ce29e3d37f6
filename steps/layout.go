package steps

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/page"
)

// Glyphs before outcome lines, the same on every screen: never colour
// alone (the accessible mode says words instead).
const (
	glyphOK   = "✓ "
	glyphWarn = "! "
	glyphFail = "✗ "
)

// Render draws blocks as a screen body width cells wide: the one layout of
// every screen. Blocks are separated by a blank line unless Tight; text is
// wrapped at ordinary spaces (page.Wrap, cutting a word longer than a row,
// which the renderer would otherwise truncate); a list item's or an
// outcome line's rows continue under its text. widgets holds what a front
// end draws itself for a block ID (a text input's view).
func (st *Styles) Render(blocks []page.Block, width int, widgets map[string]string) string {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 {
			b.WriteString("\n")
			if !bl.Tight {
				b.WriteString("\n")
			}
		}
		b.WriteString(st.block(bl, width, widgets))
	}
	return b.String()
}

// block draws one block. A block other than a field whose ID names a
// widget (the authorize screen's spinner) has the widget drawn before its
// first row, its text beside it.
func (st *Styles) block(bl page.Block, width int, widgets map[string]string) string {
	if w, ok := widgets[bl.ID]; ok && bl.ID != "" && bl.Kind != page.KindField {
		gap := lipgloss.Width(w) + 1
		bl.ID = ""
		return w + " " + indentRows(st.block(bl, width-gap, nil), strings.Repeat(" ", gap), false)
	}
	switch bl.Kind {
	case page.KindHeading:
		return st.text(bl.Text, width, 0, "", &st.Strong)
	case page.KindNote:
		return st.text(bl.Text, width, 0, "", &st.Muted)
	case page.KindOK:
		return st.text(bl.Text, width, 2, glyphOK, &st.OK)
	case page.KindWarn:
		return st.text(bl.Text, width, 2, glyphWarn, &st.Warn)
	case page.KindFail:
		return st.text(bl.Text, width, 2, glyphFail, &st.Error)
	case page.KindCode:
		return st.code(bl.Text, width)
	case page.KindList:
		return st.items(bl.Items, width, func(int) string { return "• " })
	case page.KindSteps:
		start := max(bl.Start, 1)
		return st.items(bl.Items, width, func(i int) string { return strconv.Itoa(start+i) + ". " })
	case page.KindChoices:
		return st.choices(bl, width)
	case page.KindField:
		return st.field(bl, width, widgets[bl.ID])
	case page.KindRows:
		return st.rows(bl.Items, width)
	}
	return st.text(bl.Text, width, 0, "", nil)
}

// text wraps markup text at width, prefix on the first row and hang cells
// of indentation on the others; whole is the style of the whole text and
// its prefix (nil: the spans' own styles only).
func (st *Styles) text(text string, width, hang int, prefix string, whole *lipgloss.Style) string {
	rows := page.Wrap(page.Spans(text), width-page.Width(prefix), true)
	if hang > 0 && len(rows) > 1 {
		rest := page.Wrap(joinRows(rows[1:]), width-hang, true)
		rows = append(rows[:1], rest...)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		if i == 0 && prefix != "" {
			r = append([]page.Span{{Text: prefix}}, r...)
		} else if i > 0 && hang > 0 {
			out[i] = strings.Repeat(" ", hang)
		}
		out[i] += st.spans(r, whole)
	}
	return strings.Join(out, "\n")
}

// joinRows puts wrapped rows back into one run of spans (to wrap them
// again at another width).
func joinRows(rows [][]page.Span) []page.Span {
	var out []page.Span
	for i, r := range rows {
		if i > 0 {
			out = append(out, page.Span{Text: " "})
		}
		out = append(out, r...)
	}
	return out
}

// spans styles one row: Mono as Code, Strong bold (in the block's style
// when it has one), the rest in the block's style or as plain Text.
// Neighbouring spans of one style are drawn in one go.
func (st *Styles) spans(row []page.Span, whole *lipgloss.Style) string {
	base := st.Text
	if whole != nil {
		base = *whole
	}
	var b strings.Builder
	for i := 0; i < len(row); {
		j, text := i, ""
		for ; j < len(row) && row[j].Style == row[i].Style; j++ {
			text += row[j].Text
		}
		switch row[i].Style {
		case page.Mono:
			b.WriteString(st.Code.Render(text))
		case page.Strong:
			b.WriteString(base.Bold(true).Render(text))
		default:
			b.WriteString(base.Render(text))
		}
		i = j
	}
	return b.String()
}

// code draws copyable text: cut into row-wide pieces (never at its
// spaces), every piece in the Code style, with no indentation, so a
// selection of the rows is the text. A URL's pieces are each an OSC 8
// hyperlink to the whole URL, so a terminal that supports links opens or
// copies it whole although it is cut into rows.
func (st *Styles) code(text string, width int) string {
	plain := page.PlainText(text)
	style := st.Code
	if isURL(plain) {
		style = style.Hyperlink(plain)
	}
	rows := page.Wrap([]page.Span{{Text: plain, Style: page.Mono}}, width, true)
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = style.Render(spansText(r))
	}
	return strings.Join(out, "\n")
}

// isURL reports whether s is one http(s) URL.
func isURL(s string) bool {
	return (strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")) && !strings.ContainsAny(s, " \t\n")
}

func spansText(r []page.Span) string {
	var b strings.Builder
	for _, s := range r {
		b.WriteString(s.Text)
	}
	return b.String()
}

// items draws a list, each item's rows under its text. An item with a
// Mark has the mark's glyph, in the mark's style, instead of the marker
// (only the glyph is coloured: the text keeps its spans' styles); an
// item's Detail follows under its text: for a marked item a muted
// sub-line two columns further in, for another its second paragraph.
func (st *Styles) items(items []page.Item, width int, marker func(int) string) string {
	out := make([]string, len(items))
	for i, it := range items {
		m := marker(i)
		if g, style := st.mark(it.Mark); g != "" {
			m = style.Render(g)
		}
		hang := page.Width(ansi.Strip(m))
		out[i] = m + indentRows(st.text(it.Text, width-hang, 0, "", nil), strings.Repeat(" ", hang), false)
		if it.Detail != "" {
			// A marked item's detail is a muted sub-line of the outcome, two
			// columns further in; an unmarked item's is its second paragraph.
			in, style := hang, (*lipgloss.Style)(nil)
			if it.Mark != page.KindPara {
				in, style = hang+2, &st.Muted
			}
			out[i] += "\n" + indentRows(st.text(it.Detail, width-in, 0, "", style), strings.Repeat(" ", in), true)
		}
	}
	return strings.Join(out, "\n")
}

// mark is the glyph and style of an item's outcome mark; "" for none.
func (st *Styles) mark(k page.Kind) (string, *lipgloss.Style) {
	switch k {
	case page.KindOK:
		return glyphOK, &st.OK
	case page.KindWarn:
		return glyphWarn, &st.Warn
	case page.KindFail:
		return glyphFail, &st.Error
	}
	return "", nil
}

// choices draws a menu: "> " before the focused choice (focus never
// depends on colour alone), two spaces before the others, a choice's
// detail muted under it.
func (st *Styles) choices(bl page.Block, width int) string {
	var out []string
	for i, it := range bl.Items {
		mark, style := "  ", &st.Text
		if i == bl.Cursor {
			mark, style = st.Cursor.Render(">")+" ", &st.Selected
		}
		out = append(out, mark+indentRows(st.text(it.Text, width-2, 0, "", style), "  ", false))
		for _, line := range detailLines(it.Detail) {
			out = append(out, indentRows(st.text(line, width-2, 0, "", &st.Muted), "  ", true))
		}
	}
	return strings.Join(out, "\n")
}

// field draws an input: its label (marked like a focused choice), the
// input's own view under it, and its validation message.
func (st *Styles) field(bl page.Block, width int, input string) string {
	it := bl.Items[0]
	cursor := -1
	if bl.Focused {
		cursor = 0
	}
	out := st.choices(page.Block{Items: []page.Item{{Text: it.Text}}, Cursor: cursor}, width) + "\n  " + input
	if it.Note != "" {
		out += "\n" + indentRows(st.text(it.Note, width-2, 2, glyphFail, &st.Error), "  ", true)
	}
	return out
}

// rows draws label/value rows, the values aligned in a column.
func (st *Styles) rows(items []page.Item, width int) string {
	w := 0
	for _, it := range items {
		w = max(w, page.Width(page.PlainText(it.Text)))
	}
	out := make([]string, len(items))
	for i, it := range items {
		label := st.spans(page.Spans(it.Text), nil) + strings.Repeat(" ", w-page.Width(page.PlainText(it.Text))+2)
		out[i] = label + indentRows(st.text(it.Detail, width-w-2, 0, "", nil), strings.Repeat(" ", w+2), false)
	}
	return strings.Join(out, "\n")
}

// indentRows puts pad before every row of s after the first (and before
// the first too when first).
func indentRows(s, pad string, first bool) string {
	s = strings.ReplaceAll(s, "\n", "\n"+pad)
	if first {
		s = pad + s
	}
	return s
}

// detailLines splits a menu item's detail into its lines (none for "").
func detailLines(d string) []string {
	if d == "" {
		return nil
	}
	return strings.Split(d, "\n")
}
