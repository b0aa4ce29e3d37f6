package wizard

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/zoomconnect/zoomconnect/page"
)

// The Markdown the guide templates write, line by line.
var (
	mdBullet = regexp.MustCompile(`^[-*] (?:\[([ xX])\] )?(.*)$`)
	mdNumber = regexp.MustCompile(`^(\d+)\. (.*)$`)
	mdNote   = regexp.MustCompile(`^_(.+)_$`)
)

// MarkdownPage turns a rendered guide (the small Markdown of the guide
// templates: the pre-approval guide, the request to the admin, the admin
// checklist) into a page, so that every front end draws it with its own
// layout. The first "# " line is the title; "## " lines are headings; "- "
// items a list (a task item "- [ ]" or "- [x]" too, ticked ones marked OK);
// "1. " items numbered steps; an indented line under an item (after
// Markdown's hard break) is its detail; a "✓ " line is an OK line; a
// whole _emphasised_ line is a note; other lines are paragraphs (a line
// right under another continues it). **strong** and `code` spans stay as
// they are: they are page markup too. A block with no blank line before
// it is Tight.
func MarkdownPage(md string) page.Page {
	var p page.Page
	gap := true // a blank line came before the line read
	for _, line := range strings.Split(md, "\n") {
		text := strings.TrimSpace(line)
		if text == "" {
			gap = true
			continue
		}
		if !markdownLine(&p, line, text, gap) {
			continue
		}
		if !gap && len(p.Blocks) > 1 {
			p.Blocks[len(p.Blocks)-1].Tight = true
		}
		gap = false
	}
	return p
}

// markdownLine adds line (text is it trimmed) to p: it extends the last
// block (a paragraph's next line, a list's next item, an item's detail)
// or appends a new one. It reports whether a new block was appended.
func markdownLine(p *page.Page, line, text string, gap bool) bool {
	last := lastBlock(p)
	switch {
	case strings.HasPrefix(text, "# ") && p.Title == "" && len(p.Blocks) == 0:
		p.Title = strings.TrimPrefix(text, "# ")
		return false
	case strings.HasPrefix(text, "#"):
		p.Add(page.Heading(strings.TrimSpace(strings.TrimLeft(text, "#"))))
	case last != nil && !gap && indented(line) && len(last.Items) > 0 && isList(last.Kind):
		it := &last.Items[len(last.Items)-1]
		it.Detail = joinLine(it.Detail, text)
		return false
	case mdBullet.MatchString(text):
		m := mdBullet.FindStringSubmatch(text)
		it := page.Item{Text: strings.TrimSpace(m[2])}
		if m[1] == "x" || m[1] == "X" {
			it.Mark = page.KindOK
		}
		return addItem(p, last, gap, page.KindList, 0, it)
	case mdNumber.MatchString(text):
		m := mdNumber.FindStringSubmatch(text)
		n, _ := strconv.Atoi(m[1])
		return addItem(p, last, gap, page.KindSteps, n, page.Item{Text: strings.TrimSpace(m[2])})
	case strings.HasPrefix(text, "✓ "):
		p.Add(page.OK(strings.TrimPrefix(text, "✓ ")))
	case mdNote.MatchString(text):
		p.Add(page.Note(mdNote.FindStringSubmatch(text)[1]))
	case last != nil && !gap && last.Kind == page.KindPara:
		last.Text = joinLine(last.Text, text)
		return false
	default:
		p.Add(page.Para(text))
	}
	return true
}

// addItem appends item to the list or steps block last when it is one of
// kind right above, else starts a new block (numbered from start).
func addItem(p *page.Page, last *page.Block, gap bool, kind page.Kind, start int, item page.Item) bool {
	if last != nil && !gap && last.Kind == kind {
		last.Items = append(last.Items, item)
		return false
	}
	b := page.Block{Kind: kind, Items: []page.Item{item}}
	if kind == page.KindSteps {
		b.Start = start
	}
	p.Add(b)
	return true
}

func lastBlock(p *page.Page) *page.Block {
	if len(p.Blocks) == 0 {
		return nil
	}
	return &p.Blocks[len(p.Blocks)-1]
}

// indented reports a line that starts with a space or a tab: under a
// list item, the item's detail.
func indented(line string) bool { return strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") }

func isList(k page.Kind) bool { return k == page.KindList || k == page.KindSteps }

// joinLine continues text with the next line of its paragraph or item.
func joinLine(text, next string) string {
	if text == "" {
		return next
	}
	return strings.TrimSpace(text) + " " + next
}
