package manpage

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/zoomconnect/zoomconnect/page"
)

// splitBlocks splits text at blank lines into blocks of lines.
func splitBlocks(text string) [][]string {
	var blocks [][]string
	var cur []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, strings.TrimRight(line, " \t"))
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	return blocks
}

// joinBlocks is the inverse of splitBlocks.
func joinBlocks(blocks [][]string) string {
	parts := make([]string, len(blocks))
	for i, bl := range blocks {
		parts[i] = strings.Join(bl, "\n")
	}
	return strings.Join(parts, "\n\n")
}

// PartKind is what a Part of a help text is.
type PartKind uint8

// The kinds of Part.
const (
	// Paragraph is a run of lines at the left margin, re-joined.
	Paragraph PartKind = iota
	// Terms is a run of indented "  TERM  text" lines.
	Terms
	// Literal is any other run of indented lines, kept as they are.
	Literal
)

// Part is one piece of a help text (a command's Long): in each block of
// lines between blank lines, a run of lines at the left margin is one
// paragraph (wrapped lines re-joined); a run of indented lines is a list
// of terms or, when it is not one, literal lines. --help and the man
// pages both read Long this way.
type Part struct {
	Kind PartKind
	// Text is a Paragraph's text on one line.
	Text string
	// Items are the Terms.
	Items []Item
	// Lines are the Literal lines, without their common indentation.
	Lines []string
}

// Parse splits a help text into its parts.
func Parse(text string) []Part {
	var parts []Part
	for _, bl := range splitBlocks(text) {
		for len(bl) > 0 {
			n := 1
			indented := isIndented(bl[0])
			for n < len(bl) && isIndented(bl[n]) == indented {
				n++
			}
			run := bl[:n]
			bl = bl[n:]
			switch list, ok := termList(run); {
			case !indented:
				parts = append(parts, Part{Kind: Paragraph, Text: oneLine(strings.Join(run, "\n"))})
			case ok:
				parts = append(parts, Part{Kind: Terms, Items: list})
			default:
				parts = append(parts, Part{Kind: Literal, Lines: dedent(run)})
			}
		}
	}
	return parts
}

// writeText writes a help text (see Parse) as Markdown.
func writeText(b *strings.Builder, text string) {
	for _, p := range Parse(text) {
		switch p.Kind {
		case Paragraph:
			paragraph(b, p.Text)
		case Terms:
			items(b, p.Items)
		default:
			code(b, p.Lines)
		}
	}
}

func isIndented(line string) bool {
	return strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
}

// markdownHeading is the "#### " of a Markdown heading in cobra's own
// Long texts (the completion commands), shown as a bold line.
var markdownHeading = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^#+ `)
})

// paragraph writes one paragraph; its inline markup (`mono`, **strong**)
// is bold, the rest literal.
func paragraph(b *strings.Builder, text string) {
	if markdownHeading().MatchString(text) {
		fmt.Fprintf(b, "\n**%s**\n", escape(page.PlainText(markdownHeading().ReplaceAllString(text, ""))))
		return
	}
	fmt.Fprintf(b, "\n%s\n", inline(text))
}

// inline is text with page's inline markup as Markdown: mono and strong
// spans bold, everything else escaped.
func inline(text string) string {
	var b strings.Builder
	for _, sp := range page.Spans(text) {
		if sp.Style == page.Plain {
			b.WriteString(escape(sp.Text))
			continue
		}
		b.WriteString("**" + escape(sp.Text) + "**")
	}
	return b.String()
}

// oneLine joins lines with single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// code writes lines as a literal block, indented by four spaces instead
// of their common indentation.
func code(b *strings.Builder, lines []string) {
	lines = dedent(lines)
	b.WriteString("\n```\n")
	for _, l := range lines {
		b.WriteString(strings.TrimRight("    "+l, " ") + "\n")
	}
	b.WriteString("```\n")
}

// dedent removes the indentation all non-empty lines share (a tab counts
// as eight spaces).
func dedent(lines []string) []string {
	out := make([]string, len(lines))
	common := -1
	for i, l := range lines {
		out[i] = strings.ReplaceAll(l, "\t", "        ")
		if strings.TrimSpace(out[i]) == "" {
			continue
		}
		if n := len(out[i]) - len(strings.TrimLeft(out[i], " ")); common < 0 || n < common {
			common = n
		}
	}
	for i, l := range out {
		if len(l) >= common && common > 0 {
			out[i] = l[common:]
		}
	}
	return out
}

// termLine is "  TERM  text": one word, two or more spaces, the text.
var termLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^( +)(\S+)( {2,})(\S.*)$`)
})

// termList reads an indented run as a list of terms: each item's first
// line is a termLine, and continuation lines are indented to where its
// text starts. ok is false when the run has any other shape.
func termList(lines []string) (list []Item, ok bool) {
	m := termLine().FindStringSubmatch(lines[0])
	if m == nil {
		return nil, false
	}
	indent, col := len(m[1]), len(m[1])+len(m[2])+len(m[3])
	for _, l := range lines {
		if m := termLine().FindStringSubmatch(l); m != nil && len(m[1]) == indent {
			if len(m[1])+len(m[2])+len(m[3]) != col {
				return nil, false
			}
			list = append(list, Item{Term: m[2], Text: m[4]})
			continue
		}
		if strings.HasPrefix(l, strings.Repeat(" ", col)) && l[col] != ' ' {
			list[len(list)-1].Text += " " + l[col:]
			continue
		}
		return nil, false
	}
	return list, true
}

// markdownSpecial are the characters Markdown (blackfriday) gives a
// meaning and lets a backslash escape.
const markdownSpecial = "\\`*_{}[]()#+-.!:|&<>~"

// escape makes plain text literal in Markdown.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf && strings.ContainsRune(markdownSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// finish adjusts go-md2man's roff for man(7) readers: hyphenation is
// turned off after ".TH" (which turns it back on), also for ".EE" (which
// restores the HY register); blank lines outside literal blocks, which
// add space after .PP and .SH, go; in text lines every "-" is
// written "\-", so that option names are neither broken across lines nor
// shown as typographic hyphens (as help2man does); and every character
// outside ASCII becomes groff's \[uXXXX], since groff reads its input as
// Latin-1 and warns about UTF-8 bytes.
func finish(roff []byte) []byte {
	var b strings.Builder
	b.Grow(len(roff) + len(roff)/8)
	literal := false
	for _, line := range strings.Split(string(roff), "\n") {
		switch {
		case line == ".nh", line == "" && !literal:
			continue
		case strings.HasPrefix(line, ".TH "):
			line += "\n.nh\n.nr HY 0"
		case strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'"):
			literal = line == ".EX" || literal && line != ".EE"
		default:
			line = minusDashes(line)
		}
		b.WriteString(asciiOnly(line) + "\n")
	}
	return []byte(b.String())
}

// minusDashes writes each "-" that is not part of an escape as "\-".
func minusDashes(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line):
			b.WriteString(line[i : i+2])
			i++
		case c == '-':
			b.WriteString(`\-`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// asciiOnly replaces every character outside ASCII with \[uXXXX].
func asciiOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, `\[u%04X]`, r)
	}
	return b.String()
}
