package i18n

import (
	"fmt"
	"regexp"
)

// typographyExempt is what French typography does not govern: fenced
// code blocks and `code spans` (commands, paths, Zoom's own English
// words), template actions, URLs and a leading outcome glyph ("! ", "✓ ").
var typographyExempt = regexp.MustCompile("(?s)```.*?```|`[^`]*`|\\{\\{[^}]*\\}\\}|[a-z][a-z0-9+.-]*://\\S+|(?m)^[!✓✗] ")

// CheckTypography lists what breaks French typography in text, one
// problem a string naming the character and its surroundings: a no-break
// space (U+00A0) before ":" and inside « », a narrow or ordinary no-break
// space (U+202F, U+00A0) before ";", "!" and "?", the apostrophe ’
// (U+2019) rather than ', and « » rather than ASCII double quotes. What
// typographyExempt matches is not checked. Both the catalog's French
// messages and the French guide templates are held to it.
func CheckTypography(text string) []string {
	const nbsp, nnbsp = '\u00a0', '\u202f'
	r := []rune(typographyExempt.ReplaceAllString(text, ""))
	var out []string
	bad := func(i int, what string) {
		lo, hi := max(0, i-12), min(len(r), i+12)
		out = append(out, fmt.Sprintf("%q: %s", string(r[lo:hi]), what))
	}
	for i, c := range r {
		var prev, next rune
		if i > 0 {
			prev = r[i-1]
		}
		if i+1 < len(r) {
			next = r[i+1]
		}
		switch c {
		case ':':
			if prev != nbsp && !isDigit(prev) {
				bad(i, `want a no-break space (U+00A0) before ":"`)
			}
		case ';', '!', '?':
			if prev != nbsp && prev != nnbsp {
				bad(i, fmt.Sprintf("want a narrow no-break space (U+202F) before %q", c))
			}
		case '«':
			if next != nbsp {
				bad(i, "want a no-break space after «")
			}
		case '»':
			if prev != nbsp {
				bad(i, "want a no-break space before »")
			}
		case '\'':
			bad(i, "use the apostrophe ’ (U+2019), not '")
		case '"':
			bad(i, `use « » quotes, not "`)
		}
	}
	return out
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
