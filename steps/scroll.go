package steps

import (
	"strings"

	"charm.land/bubbles/v2/viewport"
)

// scrollPane is the part of a screen that scrolls: the whole content when
// it fits (no viewport, so no padding to the window's height: the key help
// stays one blank line under the body), else the viewport's window of it.
// The window is cut from the content's rows here, only when the offset,
// the size or the content changed: the content is already wrapped at the
// width, and the viewport's own View measures and pads every row of every
// frame.
type scrollPane struct {
	content string
	rows    []string
	// key and out are the last window drawn.
	key [2]int
	out string
}

// set gives the pane its content, already wrapped at the width. vp keeps
// the offset and answers the scroll keys; for that it needs only the
// number of rows, so it gets as many empty rows, and only when that
// number changes: SetContent measures every row, and the authorize
// screen's content changes with every spinner frame.
func (p *scrollPane) set(vp *viewport.Model, content string) {
	if content == p.content && p.rows != nil {
		return
	}
	rows := strings.Split(content, "\n")
	if len(rows) != len(p.rows) {
		vp.SetContent(strings.Repeat("\n", len(rows)-1))
	}
	p.content, p.rows, p.out, p.key = content, rows, "", [2]int{-1, -1}
}

// height is the number of rows of the content.
func (p *scrollPane) height() int { return len(p.rows) }

// view is the window of the content vp shows: height rows from its offset.
func (p *scrollPane) view(vp *viewport.Model) string {
	k := [2]int{vp.YOffset(), vp.Height()}
	if k == p.key {
		return p.out
	}
	lo := min(k[0], len(p.rows))
	hi := min(lo+k[1], len(p.rows))
	p.key, p.out = k, strings.Join(p.rows[lo:hi], "\n")
	return p.out
}
