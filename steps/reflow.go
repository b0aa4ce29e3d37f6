package steps

import (
	"regexp"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// hangPrefix matches what continuation lines align under: indentation, a
// list or status marker, a task box.
var hangPrefix = regexp.MustCompile(`^\s*(?:(?:\d+\.|[-•✓✗!])\s+)?(?:\[[ x]\]\s+)?`)

// reflow wraps every line of text at width on word boundaries; the rows of
// a list item or an indented line continue under its text, not under the
// marker. A word longer than a row (a URL, a path) is cut into row-sized
// pieces: the renderer would otherwise truncate it.
func reflow(text string, width int) string {
	if width < 1 {
		return text
	}
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
	for _, line := range lines {
		out = append(out, reflowLine(line, width))
	}
	return strings.Join(out, "\n")
}

func reflowLine(line string, width int) string {
	if lipgloss.Width(line) <= width {
		return line
	}
	// Columns, not bytes: "• " and "✓ " are 4 bytes but 2 columns wide.
	// Both come from the text without styles: a styled line starts with
	// its escape sequence, not with its indentation.
	plain := ansi.Strip(line)
	ind := lipgloss.Width(hangPrefix.FindString(plain))
	if ind > width/2 {
		ind = 0
	}
	lead := plain[:len(plain)-len(strings.TrimLeft(plain, " "))]
	rows := wrapWords(line, max(width-len(lead), 1))
	rows[0] = lead + rows[0]
	if len(rows) == 1 || ind == 0 {
		return strings.Join(rows, "\n")
	}
	rest := wrapWords(strings.Join(rows[1:], " "), max(width-ind, 1))
	pad := strings.Repeat(" ", ind)
	for i := range rest {
		rest[i] = pad + rest[i]
	}
	return rows[0] + "\n" + strings.Join(rest, "\n")
}

// wrapWords breaks at spaces; a word longer than width is cut.
func wrapWords(s string, width int) []string {
	var rows []string
	cur, curW := "", 0
	for _, w := range strings.Fields(s) {
		ww := lipgloss.Width(w)
		if ww > width {
			if curW > 0 {
				rows = append(rows, cur)
			}
			for ww > width {
				rows = append(rows, ansi.Cut(w, 0, width))
				w, ww = ansi.Cut(w, width, ww), ww-width
			}
			cur, curW = w, ww
			continue
		}
		if curW > 0 && curW+1+ww > width {
			rows = append(rows, cur)
			cur, curW = "", 0
		}
		if curW > 0 {
			cur += " "
			curW++
		}
		cur += w
		curW += ww
	}
	return append(rows, cur)
}
