package oauthflow

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxReasonRunes caps text taken from Zoom or from a callback query.
const maxReasonRunes = 300

// Sanitize makes text from Zoom or from a callback request safe for a
// terminal: ANSI CSI and OSC escape sequences and every other control or
// bidi-override character are removed, runs of white space become one space,
// and the result is cut to 300 runes with "…" appended when cut.
func Sanitize(s string) string {
	s = stripEscapes(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) {
			continue
		}
		if n >= maxReasonRunes {
			b.WriteString("…")
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// stripEscapes removes ESC-introduced sequences: CSI (ESC [ ... final byte),
// OSC/DCS/APC/PM/SOS (terminated by BEL or ESC \), and two-byte escapes.
func stripEscapes(s string) string {
	if !strings.ContainsAny(s, "\x1b\u009b\u009d") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b && i+1 < len(s):
			i += escapeLen(s[i+1:]) + 1
		case r == 0x9b:
			i += size + csiLen(s[i+size:])
		case r == 0x9d:
			i += size + stringSeqLen(s[i+size:])
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// escapeLen is the length of the sequence after an ESC byte.
func escapeLen(s string) int {
	switch s[0] {
	case '[':
		return 1 + csiLen(s[1:])
	case ']', 'P', '_', '^', 'X':
		return 1 + stringSeqLen(s[1:])
	default:
		return 1
	}
}

// csiLen is the length of CSI parameters up to and including the final byte.
func csiLen(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x40 && s[i] <= 0x7e {
			return i + 1
		}
	}
	return len(s)
}

// stringSeqLen is the length of an OSC-like string up to BEL or ESC \.
func stringSeqLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
	}
	return len(s)
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c || r == 0xfeff
}
