package page

import "strings"

// Style is how a span of inline text is shown.
type Style uint8

// Inline styles.
const (
	// Plain is ordinary text.
	Plain Style = iota
	// Strong is emphasised text: **like this**.
	Strong
	// Mono is copyable text (a command, a path, a key): `like this`. It is
	// never broken across rows.
	Mono
)

// Span is a run of text in one style.
type Span struct {
	Text  string
	Style Style
}

// Spans parses inline markup: `mono` and **strong**; everything else is
// plain. Markers never nest; an unclosed marker is plain text. Values put
// into messages are cleaned of these markers by package i18n, so only the
// catalog's own text uses them.
func Spans(s string) []Span {
	var out []Span
	emit := func(text string, st Style) {
		if text == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Style == st {
			out[n-1].Text += text
			return
		}
		out = append(out, Span{text, st})
	}
	for s != "" {
		i := strings.IndexAny(s, "`*")
		if i < 0 {
			emit(s, Plain)
			break
		}
		emit(s[:i], Plain)
		s = s[i:]
		switch {
		case s[0] == '`':
			if j := strings.IndexByte(s[1:], '`'); j >= 0 {
				emit(s[1:1+j], Mono)
				s = s[2+j:]
				continue
			}
		case strings.HasPrefix(s, "**"):
			if j := strings.Index(s[2:], "**"); j >= 0 {
				emit(s[2:2+j], Strong)
				s = s[4+j:]
				continue
			}
		}
		// A lone marker is text.
		n := 1
		if strings.HasPrefix(s, "**") {
			n = 2
		}
		emit(s[:n], Plain)
		s = s[n:]
	}
	return out
}

// PlainText is s with its markup removed: what a reader that has no styles
// (a screen reader, a log) is given.
func PlainText(s string) string {
	var b strings.Builder
	for _, sp := range Spans(s) {
		b.WriteString(sp.Text)
	}
	return b.String()
}
