package steps

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
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

func (s *Preapproval) content() string {
	st := s.env.Styles
	if s.admin {
		return st.Strong.Render("For the Zoom admin: pre-approve the app") + "\n\n" +
			assets.ChecklistMarkdown(assets.AdminChecklist(), nil) +
			"\nPress c to copy this checklist or s to save it, a to go back."
	}
	return st.Strong.Render("What is happening") + "\n\n" + s.causeView() + s.guide() + "\n" + s.lookalikes() +
		"\n" + st.Strong.Render("Request for your admin (c copies, s saves)") + "\n\n" + s.request
}

// causeView explains the error that led here, and names the admin when
// the organization's app file gives a contact.
func (s *Preapproval) causeView() string {
	var parts []string
	if s.cause != nil {
		parts = append(parts, explainView(s.env, s.cause, s.width)...)
	}
	if c := adminContact(s.env, s.creds); c != "" {
		parts = append(parts, "Your organization's Zoom admin: "+s.env.Styles.Strong.Render(c))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "\n") + "\n\n"
}

// adminRequestData fills the request from what the wizard knows.
func adminRequestData(env *Env, c CredentialsDoneMsg, cause error) assets.AdminRequestData {
	d := assets.AdminRequestData{
		AppName:   c.AppName,
		ClientID:  c.App.ClientID,
		UserEmail: c.ExpectedEmail,
		Scopes:    assets.DefaultScopeReasons(),
		Cause:     causeText(cause),
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
	e := appEndpoints(s.env, s.creds)
	if s.entered.IsZero() {
		s.entered = s.env.Now()
	}
	reason := "preapproval"
	var oe *oauthflow.Error
	if errors.As(s.cause, &oe) {
		reason = oe.Key()
	}
	return storage.Pending{
		Profile: s.env.ProfileName, AuthType: s.creds.AuthType,
		AppName: s.creds.AppName, ClientID: s.creds.App.ClientID,
		AuthBaseURL: e.AuthBaseURL, APIBaseURL: e.APIBaseURL,
		ExpectedEmail: s.creds.ExpectedEmail, Stage: "preapproval", Reason: reason,
		CreatedAt: s.entered,
	}
}

// pendingSecret is kept for a bring-your-own app only: the organization's
// app file still has its own.
func (s *Preapproval) pendingSecret() string {
	if s.creds.AuthType == storage.AuthOrgApp {
		return ""
	}
	return s.creds.App.ClientSecret
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
