package accessible

import (
	"strconv"
	"strings"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
)

// show says blocks as plain lines, one a block (a list item each): no
// wrapping, styles or glyphs, which a screen reader would read out as
// noise; an outcome line starts with a word instead (OK:, Note:, Error:).
// Choices and fields are not said: the questions ask them.
func (w *conversation) show(blocks []page.Block) {
	for _, b := range blocks {
		switch b.Kind {
		case page.KindChoices, page.KindField:
			continue
		case page.KindPara:
			if b.Text == "" {
				continue
			}
			w.say(page.PlainText(b.Text))
		case page.KindOK, page.KindWarn, page.KindFail:
			w.say(w.mark(b.Kind) + " " + page.PlainText(b.Text))
		case page.KindList:
			for _, it := range b.Items {
				w.say("- " + w.itemMark(it.Mark) + page.PlainText(it.Text))
				w.detail(it.Detail)
			}
		case page.KindSteps:
			for i, it := range b.Items {
				w.say(strconv.Itoa(max(b.Start, 1)+i) + ". " + page.PlainText(it.Text))
				w.detail(it.Detail)
			}
		case page.KindRows:
			for _, it := range b.Items {
				w.say(w.env.T.T("a11y.row", "Label", i18n.Raw(page.PlainText(it.Text)), "Value", i18n.Raw(page.PlainText(it.Detail))))
			}
		default:
			w.say(page.PlainText(b.Text))
		}
	}
}

// itemMark is the word before a list item that reports an outcome (a
// ticked task: "OK: "), "" for a plain item.
func (w *conversation) itemMark(k page.Kind) string {
	if k == page.KindPara {
		return ""
	}
	return w.mark(k) + " "
}

// detail says a list item's detail, indented under it; nothing for "".
func (w *conversation) detail(d string) {
	if d != "" {
		w.say("  " + page.PlainText(d))
	}
}

// mark is the word an outcome line starts with.
func (w *conversation) mark(k page.Kind) string {
	switch k {
	case page.KindOK:
		return w.env.T.T("a11y.ok")
	case page.KindWarn:
		return w.env.T.T("a11y.note")
	}
	return w.env.T.T("a11y.error")
}

// choicesOf finds the first menu in blocks: its question, options and
// focused option (nil when there is none).
func choicesOf(blocks []page.Block) *page.Block {
	for i := range blocks {
		if blocks[i].Kind == page.KindChoices {
			return &blocks[i]
		}
	}
	return nil
}

// pick asks the question of a menu block and returns the option chosen
// (an empty answer takes the focused one).
func (w *conversation) pick(b *page.Block) (int, error) {
	options := make([]string, len(b.Items))
	for i, it := range b.Items {
		options[i] = page.PlainText(it.Text)
		if d := strings.Split(page.PlainText(it.Detail), "\n")[0]; d != "" {
			options[i] += " — " + d
		}
	}
	return w.choose(page.PlainText(b.Text), options, b.Cursor)
}
