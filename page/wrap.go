package page

import (
	"strings"

	"github.com/clipperhouse/displaywidth"
)

// Width is the number of terminal columns s takes (no escape sequences).
func Width(s string) int { return displaywidth.String(s) }

// Wrap breaks spans into rows of at most width columns, at ordinary spaces
// only: a no-break space (U+00A0, U+202F, as French puts before ":" and
// inside « ») never breaks, and neither does a Mono span, so commands,
// flags and paths stay whole. A unit wider than a row gets a row of its
// own; with cut it is then cut into row-wide pieces (for a renderer that
// would otherwise truncate it), else it is left whole and longer than the
// row (for a terminal that soft-wraps it, so a mouse copy keeps it whole).
// A width below 1 means no wrapping: one row.
//
// It is the one wrapper of zoomconnect: the screens, the accessible mode
// (which does not wrap) and the command line's messages all use it.
func Wrap(spans []Span, width int, cut bool) [][]Span {
	if width < 1 {
		return [][]Span{trimSpans(spans)}
	}
	var rows [][]Span
	var cur []Span
	curW := 0
	flush := func() {
		rows = append(rows, trimSpans(cur))
		cur, curW = nil, 0
	}
	for _, u := range units(spans) {
		uw := u.width()
		switch {
		case curW > 0 && curW+1+uw <= width:
			cur = append(cur, Span{" ", Plain})
			cur = append(cur, u.spans...)
			curW += 1 + uw
		case curW > 0:
			flush()
			fallthrough
		default:
			if uw > width && cut {
				pieces := cutUnit(u, width)
				for _, p := range pieces[:len(pieces)-1] {
					rows = append(rows, p)
				}
				last := pieces[len(pieces)-1]
				cur, curW = last, spansWidth(last)
				continue
			}
			cur, curW = append(cur, u.spans...), uw
		}
	}
	flush()
	return rows
}

// WrapText wraps markup text and returns plain rows (markup removed), for
// output with no styles.
func WrapText(text string, width int, cut bool) []string {
	rows := Wrap(Spans(text), width, cut)
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = spansText(r)
	}
	return out
}

// unit is what Wrap never breaks: a word, or a whole Mono span with the
// words glued to it (a "`--flag`," keeps its comma).
type unit struct{ spans []Span }

func (u unit) width() int { return spansWidth(u.spans) }

// units splits spans at ordinary spaces outside Mono spans.
func units(spans []Span) []unit {
	var out []unit
	var cur []Span
	push := func() {
		if len(cur) > 0 {
			out = append(out, unit{cur})
			cur = nil
		}
	}
	for _, sp := range spans {
		if sp.Style == Mono {
			cur = append(cur, sp)
			continue
		}
		parts := strings.FieldsFunc(sp.Text, isBreak)
		starts := sp.Text != "" && isBreak(rune(sp.Text[0]))
		ends := sp.Text != "" && isBreak(rune(sp.Text[len(sp.Text)-1]))
		if starts || len(parts) == 0 {
			push()
		}
		for i, p := range parts {
			if i > 0 {
				push()
			}
			cur = append(cur, Span{p, sp.Style})
		}
		if ends && len(parts) > 0 {
			push()
		}
	}
	push()
	return out
}

// isBreak reports an ordinary space or tab: the only places a row breaks.
func isBreak(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }

// cutUnit cuts a unit into pieces of at most width columns.
func cutUnit(u unit, width int) [][]Span {
	var pieces [][]Span
	var cur []Span
	curW := 0
	for _, sp := range u.spans {
		g := displaywidth.StringGraphemes(sp.Text)
		var b strings.Builder
		for g.Next() {
			s := g.Value()
			w := displaywidth.String(s)
			if curW+w > width && curW > 0 {
				if b.Len() > 0 {
					cur = append(cur, Span{b.String(), sp.Style})
					b.Reset()
				}
				pieces = append(pieces, cur)
				cur, curW = nil, 0
			}
			b.WriteString(s)
			curW += w
		}
		if b.Len() > 0 {
			cur = append(cur, Span{b.String(), sp.Style})
		}
	}
	return append(pieces, cur)
}

func spansWidth(spans []Span) int {
	w := 0
	for _, s := range spans {
		w += displaywidth.String(s.Text)
	}
	return w
}

func spansText(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

// trimSpans merges neighbours of one style.
func trimSpans(spans []Span) []Span {
	var out []Span
	for _, s := range spans {
		if n := len(out); n > 0 && out[n-1].Style == s.Style {
			out[n-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	return out
}
