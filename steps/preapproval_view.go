package steps

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
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

// adminRequestData fills the request from what the wizard knows.
func adminRequestData(env *Env, c CredentialsDoneMsg, cause error) assets.AdminRequestData {
	d := assets.AdminRequestData{
		AppName:   c.AppName,
		ClientID:  c.App.ClientID,
		UserEmail: c.ExpectedEmail,
		Scopes:    assets.DefaultScopeReasons(),
		Cause:     guideCause(cause),
		Seen:      causeText(cause),
	}
	d.AdminContact = adminContact(env, c)
	if host := authBase(env, c); host != oauthflow.DefaultAuthBaseURL {
		d.AuthHost = host
	}
	return d
}

// adminContact is the admin named by the organization's app file, if the
// attempt uses that app.
func adminContact(env *Env, c CredentialsDoneMsg) string {
	if env.OrgApp != nil && c.AuthType == storage.AuthOrgApp {
		return env.OrgApp.AdminContact
	}
	return ""
}

func causeText(err error) string {
	if err == nil {
		return "the Zoom authorization page showed the pre-approval screen instead of Allow"
	}
	var oe *oauthflow.Error
	if errors.As(err, &oe) && oe.Reason != "" {
		// The admin benefits from Zoom's own words (and can search them).
		return strings.TrimSuffix(Reason(err), ".") + ` (Zoom said: "` + oe.Reason + `")`
	}
	return strings.TrimSuffix(Reason(err), ".")
}

// authBase is the OAuth host of the attempt: the app's, else the wizard's.
func authBase(env *Env, c CredentialsDoneMsg) string {
	if c.App.Endpoints.AuthBaseURL != "" {
		return c.App.Endpoints.AuthBaseURL
	}
	if env.Endpoints.AuthBaseURL != "" {
		return env.Endpoints.AuthBaseURL
	}
	return oauthflow.DefaultAuthBaseURL
}

// appEndpoints are the attempt's endpoints with defaults filled in.
func appEndpoints(env *Env, c CredentialsDoneMsg) oauthflow.Endpoints {
	e := c.App.Endpoints
	if e.AuthBaseURL == "" {
		e.AuthBaseURL = authBase(env, c)
	}
	if e.APIBaseURL == "" {
		e.APIBaseURL = env.Endpoints.APIBaseURL
	}
	if e.APIBaseURL == "" {
		e.APIBaseURL = oauthflow.DefaultAPIBaseURL
	}
	return e
}

func (s *Preapproval) pendingRecord() storage.Pending {
	if s.entered.IsZero() {
		s.entered = s.env.Now()
	}
	p, _ := PendingFor(s.env, s.creds, s.cause, s.entered)
	return p
}

// pendingSecret is kept for a bring-your-own app only: the organization's
// app file still has its own.
func (s *Preapproval) pendingSecret() string {
	_, secret := PendingFor(s.env, s.creds, s.cause, s.entered)
	return secret
}

// saveRequestCmd writes text atomically to requestFileName in dir ("" =
// the current directory).
func saveRequestCmd(dir, text string) tea.Cmd {
	return func() tea.Msg {
		path, err := writeExport(filepath.Join(dir, requestFileName), text)
		if err != nil {
			return requestSavedMsg{err: err}
		}
		return requestSavedMsg{path: path}
	}
}

// savePendingCmd remembers the attempt so a later zoomconnect resumes it.
// Like the connection's save it is not stopped halfway by a quit (ctx's
// cancellation); it ends on its own deadline, SaveTimeout.
func savePendingCmd(parent context.Context, store *storage.Store, p storage.Pending, secret string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), SaveTimeout)
		defer cancel()
		if err := store.SavePending(ctx, p, secret); err != nil {
			return pendingSavedMsg{err: fmt.Errorf("save the pending attempt: %w", err)}
		}
		return pendingSavedMsg{}
	}
}
