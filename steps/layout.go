package steps

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/page"
)

// Render draws blocks as a screen body width cells wide: the one layout of
// every screen. Blocks are separated by a blank line unless Tight (fields
// always are: a field is a label and its input, and two of them run
// together when stacked); text is wrapped at ordinary spaces (page.Wrap,
// cutting a word longer than a row, which the renderer would otherwise
// truncate); a list item's or an outcome line's rows continue under its
// text. widgets holds what a front end draws itself for a block ID (a
// text input's view). A block drawn before at the same width, with the
// same widget, comes from the cache: a frame costs what changed in it.
func (st *Styles) Render(blocks []page.Block, width int, widgets map[string]string) string {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 {
			b.WriteString("\n")
			if !bl.Tight || (bl.Kind == page.KindField && blocks[i-1].Kind == page.KindField) {
				b.WriteString("\n")
			}
		}
		b.WriteString(st.cachedBlock(bl, width, widgets))
	}
	return b.String()
}

// cachedBlock is block, drawn once per block, width and widget.
func (st *Styles) cachedBlock(bl page.Block, width int, widgets map[string]string) string {
	if st.cache == nil { // a Styles built by hand, not by NewStyles
		return st.block(bl, width, widgets)
	}
	k := blockKey(bl, width, widgets[bl.ID])
	if out, ok := st.cache.get(k); ok {
		return out
	}
	out := st.block(bl, width, widgets)
	st.cache.put(k, out)
	return out
}

// blockKey is everything a block's drawing depends on, as one string.
func blockKey(bl page.Block, width int, widget string) string {
	var b strings.Builder
	b.Grow(len(bl.Text) + len(widget) + 32)
	b.WriteString(strconv.Itoa(width))
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(int(bl.Kind)))
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(bl.Cursor))
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(bl.Start))
	b.WriteByte(0)
	if bl.Focused {
		b.WriteByte('f')
	}
	b.WriteByte(0)
	b.WriteString(bl.ID)
	b.WriteByte(0)
	b.WriteString(widget)
	b.WriteByte(0)
	b.WriteString(bl.Text)
	for _, it := range bl.Items {
		b.WriteByte(1)
		b.WriteString(it.Text)
		b.WriteByte(0)
		b.WriteString(it.Detail)
		b.WriteByte(0)
		b.WriteString(it.Note)
		b.WriteByte(0)
		b.WriteString(strconv.Itoa(int(it.Mark)))
		if it.Off {
			b.WriteByte('o')
		}
		if it.Secret {
			b.WriteByte('s')
		}
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
	case page.KindOK, page.KindWarn, page.KindFail:
		return st.outcome(bl.Kind, bl.Text, width)
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

// outcome draws an outcome line: its glyph in the outcome's colour, the
// text in the text's own styles, its rows under the text.
func (st *Styles) outcome(k page.Kind, text string, width int) string {
	g, style := st.Outcome(k)
	return style.Render(g) + indentRows(st.text(text, width-2, 0, "", nil), "  ", false)
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
			if isURL(text) {
				b.WriteString(st.Link.Hyperlink(text).Render(text))
			} else {
				b.WriteString(st.Code.Render(text))
			}
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
		style = st.Link.Hyperlink(plain)
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
		if g, style := st.Outcome(it.Mark); g != "" {
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

// choices draws a menu like a huh select: "> " in the accent colour
// before the focused choice (focus never depends on colour alone) and its
// label in the accent colour, two spaces before the others, a choice that
// cannot be chosen now muted, each choice's description muted under it,
// and a blank line between choices.
func (st *Styles) choices(bl page.Block, width int) string {
	out := make([]string, 0, len(bl.Items))
	for i, it := range bl.Items {
		mark, style := "  ", &st.Text
		switch {
		case i == bl.Cursor:
			mark, style = st.Cursor.Render(strings.TrimSpace(glyphCursor))+" ", &st.Selected
		case it.Off:
			style = &st.Off
		}
		one := mark + indentRows(st.text(it.Text, width-2, 0, "", style), "  ", false)
		for _, line := range detailLines(it.Detail) {
			one += "\n" + indentRows(st.text(line, width-2, 0, "", &st.Muted), "  ", true)
		}
		out = append(out, one)
	}
	return strings.Join(out, "\n\n")
}

// field draws a text input like a focused huh field: while it has the
// focus, a bar in the accent colour before its label, its input and its
// validation message (the bar, not only its colour, shows the focus);
// without it, the same rows two spaces in. The input's own view (its
// placeholder muted) is the front end's.
func (st *Styles) field(bl page.Block, width int, input string) string {
	it := bl.Items[0]
	pad, label := "  ", &st.Label
	if bl.Focused {
		pad, label = st.Bar.Render(strings.TrimSpace(glyphBar))+" ", &st.Selected
	}
	out := pad + indentRows(st.text(it.Text, width-2, 0, "", label), pad, false) + "\n" + pad + input
	if it.Note != "" {
		out += "\n" + indentRows(st.outcome(page.KindFail, it.Note, width-2), pad, true)
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
