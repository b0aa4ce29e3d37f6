package steps

import (
	"context"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// View implements Step: the scrolling text, a scroll hint when it does not
// fit, then the status of the last copy or save.
func (s *Preapproval) View() string {
	out := s.pane.content
	if s.scrolls {
		out = s.pane.view(&s.vp) + "\n" + scrollLine(s.env, s.vp.ScrollPercent())
	}
	if f := s.footer(); f != "" {
		out += "\n" + f
	}
	return out
}

// scrollLine tells that a viewport holds more than it shows: the scroll
// keys and how far down the text it is, in the wizard's language.
func scrollLine(env *Env, percent float64) string {
	var t *i18n.Printer
	if env.W != nil {
		t = env.W.T
	}
	up, down := "pgup", "pgdn"
	if env.Keys != nil {
		up, down = env.Keys.Scroll.PageUp.Help().Key, env.Keys.Scroll.PageDown.Help().Key
	}
	return scrollText(env.Styles, t, up, down, percent)
}

// scrollText is the scroll hint in t's language, naming the page keys.
func scrollText(st *Styles, t *i18n.Printer, pageUp, pageDown string, percent float64) string {
	text := t.T("scroll.hint", "Keys", i18n.Raw("↑/↓ "+pageUp+"/"+pageDown), "Percent", strconv.Itoa(int(percent*100)))
	return st.Muted.Render(text)
}

// footer is the status of the last copy, save or pending save, drawn at
// the screen's width.
func (s *Preapproval) footer() string {
	if len(s.status) == 0 {
		return ""
	}
	return s.env.Styles.Render(under(s.status), max(s.width, 1), nil)
}

// refresh rebuilds the page, the viewport content and height after a
// change.
func (s *Preapproval) refresh() {
	pg := s.page()
	s.title = pg.Title
	content := s.env.Styles.Render(pg.Blocks, s.width, nil)
	avail := s.height
	if f := s.footer(); f != "" {
		avail -= fitRows(f, s.width)
	}
	s.scrolls = fitRows(content, s.width) > avail
	if s.scrolls {
		avail--
	}
	s.vp.SetHeight(max(avail, 1))
	s.pane.set(&s.vp, content)
}

// page is the wizard's page for the screen's state, built again only when
// the state changed, not when the window only changed size: the guide is
// a template rendered from Markdown, half the cost of a new frame.
func (s *Preapproval) page() page.Page {
	v := s.view()
	k := pageKey{admin: v.Admin, saving: v.Saving, saved: v.Saved, cause: errText(v.Cause), keys: v.Keys}
	if s.memo.page.Blocks == nil || s.memo.key != k {
		s.memo.key, s.memo.page = k, wizard.PreapprovalPage(s.env.W, v)
	}
	return s.memo.page
}

// pageKey is what of the screen's state the page depends on (its
// credentials and cause do not change while it is on screen).
type pageKey struct {
	admin, saving, saved bool
	cause                string
	keys                 assets.GuideKeys
}

// saveExportCmd writes text, which holds no secret, atomically to path
// (relative to the current directory) and reports the absolute path.
func saveExportCmd(path, text string) tea.Cmd {
	return func() tea.Msg {
		abs, err := wizard.WriteExport(path, text)
		if err != nil {
			return requestSavedMsg{err: err}
		}
		return requestSavedMsg{path: abs}
	}
}

// savePendingCmd remembers the attempt so a later zoomconnect resumes it
// (wizard.SavePending: not stopped halfway by a quit).
func savePendingCmd(parent context.Context, cfg *wizard.Config, p storage.Pending, secret string) tea.Cmd {
	return func() tea.Msg { return pendingSavedMsg{err: wizard.SavePending(parent, cfg, p, secret)} }
}
