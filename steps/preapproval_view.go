package steps

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// View implements Step: the scrolling text, a scroll hint when it does not
// fit, then the status of the last copy or save.
func (s *Preapproval) View() string {
	out := s.vp.View()
	if s.scrolls {
		out += "\n" + scrollHint(s.env.Styles, s.vp.ScrollPercent())
	}
	if f := s.footer(); f != "" {
		out += "\n" + f
	}
	return out
}

// scrollHint tells that a viewport holds more than it shows.
func scrollHint(st *Styles, percent float64) string {
	return st.Muted.Render(fmt.Sprintf("↑/↓ pgup/pgdn to scroll · %d%%", int(percent*100)))
}

func (s *Preapproval) footer() string {
	if s.status == "" {
		return ""
	}
	st := s.env.Styles.OK
	if s.failed {
		st = s.env.Styles.Error
	}
	out := st.Render(reflow(s.status, max(s.width, 1)))
	if s.savedPath != "" {
		out += "\n" + s.env.Styles.Code.Render(reflow(s.savedPath, max(s.width, 1)))
	}
	return out
}

// refresh rebuilds the viewport content and height after a change.
func (s *Preapproval) refresh() {
	content := reflow(s.content(), s.width)
	avail := s.height
	if f := s.footer(); f != "" {
		avail -= fitRows(f, s.width)
	}
	s.scrolls = fitRows(content, s.width) > avail
	if s.scrolls {
		avail--
	}
	s.vp.SetHeight(max(avail, 1))
	s.vp.SetContent(content)
}

// content is the guide for the cause, with what the screen knows put
// under its first heading (the guide's contract): the error that led here,
// or in admin view the checklist; the user view ends with the request.
func (s *Preapproval) content() string {
	d := s.guideData()
	first, rest, _ := strings.Cut(guideView(s.env.Styles, assets.PreapprovalGuide(d)), "\n\n")
	if s.admin {
		return first + "\n\n" + assets.ChecklistMarkdown(assets.AdminChecklist(), nil) + "\n" + rest
	}
	return first + "\n\n" + s.causeView() + strings.TrimRight(rest, "\n") + "\n\n" + s.request
}

// mdBold is Markdown's **strong** span.
var mdBold = regexp.MustCompile(`\*\*([^*]+)\*\*`)

// guideView draws the guide's Markdown for the screen: the "# " title
// line is dropped (the frame shows the title), headings and **spans** are
// strong, a "✓" line is OK and an _emphasised_ line muted. reflow wraps the lines later.
func guideView(st *Styles, md string) string {
	lines := strings.Split(md, "\n")
	if strings.HasPrefix(lines[0], "# ") {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for i, l := range lines {
		lines[i] = guideLine(st, l)
	}
	return strings.Join(lines, "\n")
}

func guideLine(st *Styles, l string) string {
	switch {
	case strings.HasPrefix(l, "## "):
		return st.Strong.Render(strings.TrimPrefix(l, "## "))
	case strings.HasPrefix(l, "✓ "):
		return st.OK.Render(l)
	case len(l) > 2 && strings.HasPrefix(l, "_") && strings.HasSuffix(l, "_"):
		return st.Muted.Render(l[1 : len(l)-1])
	}
	return mdBold.ReplaceAllStringFunc(l, func(m string) string {
		return st.Strong.Render(m[2 : len(m)-2])
	})
}

// causeView explains the error that led here, from the error table.
func (s *Preapproval) causeView() string {
	if s.cause == nil {
		return ""
	}
	return strings.Join(explainView(s.env, s.cause, s.width), "\n") + "\n\n"
}

func (s *Preapproval) pendingRecord() storage.Pending {
	if s.entered.IsZero() {
		s.entered = s.env.Now()
	}
	p, _ := wizard.PendingFor(s.env.W, s.creds, s.cause, s.entered)
	return p
}

// pendingSecret is kept for a bring-your-own app only: the organization's
// app file still has its own.
func (s *Preapproval) pendingSecret() string {
	_, secret := wizard.PendingFor(s.env.W, s.creds, s.cause, s.entered)
	return secret
}

// saveRequestCmd writes text atomically to wizard.RequestFileName in dir
// ("" = the current directory).
func saveRequestCmd(dir, text string) tea.Cmd {
	return func() tea.Msg {
		path, err := wizard.SaveAdminRequest(dir, text)
		if err != nil {
			return requestSavedMsg{err: err}
		}
		return requestSavedMsg{path: path}
	}
}

// savePendingCmd remembers the attempt so a later zoomconnect resumes it
// (wizard.SavePending: not stopped halfway by a quit).
func savePendingCmd(parent context.Context, cfg *wizard.Config, p storage.Pending, secret string) tea.Cmd {
	return func() tea.Msg { return pendingSavedMsg{err: wizard.SavePending(parent, cfg, p, secret)} }
}
