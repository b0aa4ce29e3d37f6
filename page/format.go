package page

import (
	"strconv"
	"strings"
)

// Glyph is the mark an outcome line starts with on a terminal: "✓ ", "! "
// or "✗ " for KindOK, KindWarn and KindFail, "" for any other kind.
func Glyph(k Kind) string {
	switch k {
	case KindOK:
		return "✓ "
	case KindWarn:
		return "! "
	case KindFail:
		return "✗ "
	}
	return ""
}

// Format renders blocks as plain text with no styles, for the command
// line's output (a terminal, a pipe, a file): blocks are separated by a
// blank line unless Tight; each is wrapped at width with WrapText (never
// cutting a word, nor a Mono span, so commands and URLs stay whole; width
// below 1 means one row per text); outcome lines start with their Glyph,
// list items with "• ", steps and a menu's items with their number, rows
// align their values; the rows after an item's first are indented under
// its text. A field is shown as its label. The result ends with a newline
// unless blocks is empty.
func Format(blocks []Block, width int) string {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 && !bl.Tight {
			b.WriteString("\n")
		}
		for _, row := range plainBlock(bl, width) {
			b.WriteString(row + "\n")
		}
	}
	return b.String()
}

// plainBlock is one block's rows.
func plainBlock(bl Block, width int) []string {
	switch bl.Kind {
	case KindOK, KindWarn, KindFail:
		return hanging(Glyph(bl.Kind), bl.Text, width)
	case KindCode:
		return []string{PlainText(bl.Text)}
	case KindList:
		return plainItems(bl.Items, width, func(int) string { return "• " })
	case KindSteps, KindChoices:
		start := max(bl.Start, 1)
		var head []string
		if bl.Kind == KindChoices && bl.Text != "" {
			head = WrapText(bl.Text, width, false)
		}
		return append(head, plainItems(bl.Items, width, func(i int) string { return strconv.Itoa(start+i) + ". " })...)
	case KindRows:
		return plainRows(bl.Items, width)
	case KindField:
		if len(bl.Items) > 0 {
			return WrapText(bl.Items[0].Text, width, false)
		}
		return nil
	}
	return WrapText(bl.Text, width, false)
}

// hanging wraps text after prefix, its later rows indented under the text.
func hanging(prefix, text string, width int) []string {
	pad := Width(prefix)
	rows := WrapText(text, width-pad, false)
	for i := range rows {
		if i == 0 {
			rows[i] = prefix + rows[i]
		} else {
			rows[i] = strings.Repeat(" ", pad) + rows[i]
		}
	}
	return rows
}

// plainItems renders list items, each with its marker and outcome glyph,
// and a menu item's detail under it.
func plainItems(items []Item, width int, marker func(int) string) []string {
	var out []string
	for i, it := range items {
		m := marker(i)
		rows := hanging(m+Glyph(it.Mark), it.Text, width)
		out = append(out, rows...)
		for _, d := range strings.Split(it.Detail, "\n") {
			if d != "" {
				out = append(out, hanging(strings.Repeat(" ", Width(m)), d, width)...)
			}
		}
	}
	return out
}

// plainRows aligns label/value rows in two columns.
func plainRows(items []Item, width int) []string {
	w := 0
	for _, it := range items {
		w = max(w, Width(PlainText(it.Text)))
	}
	var out []string
	for _, it := range items {
		label := PlainText(it.Text)
		label += strings.Repeat(" ", w-Width(label)+2)
		out = append(out, hanging(label, it.Detail, width)...)
	}
	return out
}
