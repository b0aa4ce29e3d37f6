package wizard

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// keyAdminApp is the error-table key of "An account admin is required".
const keyAdminApp = "preapproval:admin_app"

// The words Zoom's page shows for each pre-approval wall; an
// *oauthflow.Error whose Reason holds them is classified by oauthflow
// under that key.
const (
	pageRequired = "Request pre-approval"
	pageAdminApp = "An account admin is required to install this type of app"
)

// PreapprovalError is the error a run left on the pre-approval screen ends
// with: an *oauthflow.Error that oauthflow.IsPreapproval recognises (Zoom's
// page words as its Reason, Kind unknown so that no other exit code claims
// it), wrapping cause (nil when the person reported the page). An "An
// account admin is required" cause keeps that explanation.
func PreapprovalError(cause error) error {
	reason := pageRequired
	if cause != nil && oauthflow.Explain(cause).Key == keyAdminApp {
		reason = pageAdminApp
	}
	return &oauthflow.Error{Kind: oauthflow.KindUnknown, Op: oauthflow.OpAuthorize, Reason: reason, Err: cause}
}

// AdminAppError is what the person reports when the browser says "An
// account admin is required to install this type of app".
func AdminAppError() error {
	return &oauthflow.Error{Kind: oauthflow.KindUnknown, Op: oauthflow.OpAuthorize, Reason: pageAdminApp}
}

// GuideCause is the guide's name for what led to the pre-approval screen:
// the wall as a fact (nil: the person reported the page), as the most
// likely cause of a timeout, the admin-app wall, or 4738.
func GuideCause(cause error) assets.Cause {
	switch {
	case cause == nil:
		return assets.CauseRequired
	case oauthflow.KindOf(cause) == oauthflow.KindTimeout:
		return assets.CauseLikely
	case oauthflow.Explain(cause).Key == keyAdminApp:
		return assets.CauseAdminApp
	case oauthflow.KindOf(cause) == oauthflow.KindDisabledByAdmin:
		return assets.CauseDisabled
	}
	return assets.CauseRequired
}

// AdminContact is the admin the organization's app file names, when the
// attempt uses that app.
func AdminContact(cfg *Config, c Creds) string {
	if cfg.OrgApp != nil && c.AuthType == storage.AuthOrgApp {
		return cfg.OrgApp.AdminContact
	}
	return ""
}

// AdminRequestData fills the request to the Zoom admin from what the
// wizard knows of attempt c, stopped on cause.
func AdminRequestData(cfg *Config, c Creds, cause error) assets.AdminRequestData {
	d := assets.AdminRequestData{
		AppName:      c.AppName,
		ClientID:     c.App.ClientID,
		UserEmail:    c.ExpectedEmail,
		Scopes:       assets.DefaultScopeReasons(),
		Cause:        GuideCause(cause),
		Seen:         causeText(cause),
		AdminContact: AdminContact(cfg, c),
	}
	if host := c.Endpoints(cfg).AuthBaseURL; host != oauthflow.DefaultAuthBaseURL {
		d.AuthHost = host
	}
	return d
}

// AdminRequest is the Markdown request for the Zoom admin for attempt c
// stopped on cause (nil: the person reported the pre-approval page).
func AdminRequest(cfg *Config, c Creds, cause error) string {
	return assets.AdminRequest(AdminRequestData(cfg, c, cause))
}

// GuideData is what the pre-approval guide is rendered from for attempt c
// stopped on cause; saved tells whether the pending attempt was saved.
func GuideData(cfg *Config, c Creds, cause error, saved bool) assets.GuideData {
	return assets.GuideData{
		Cause: GuideCause(cause), OwnApp: c.AuthType == storage.AuthOwnApp,
		AdminContact: AdminContact(cfg, c), Saving: cfg.Store != nil && !saved, Saved: saved,
	}
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

// PendingWhy says in words what a pending attempt was waiting for, from
// its Reason (the error key that led to the pre-approval screen): a plain
// timeout is not a confirmed pre-approval wall.
func PendingWhy(c *Config, reason string) string {
	switch {
	case reason == "kind:timeout":
		return c.T.T("pending.why_timeout")
	case reason == keyAdminApp:
		return c.T.T("pending.why_admin_app")
	case strings.Contains(reason, "disabled"):
		return c.T.T("pending.why_disabled")
	}
	return c.T.T("pending.why_preapproval")
}

// RequestFileName is the file the request to the admin is saved to, in
// the current directory; ChecklistFileName the admin checklist's.
const (
	RequestFileName   = "zoomconnect-admin-request.md"
	ChecklistFileName = "zoomconnect-admin-checklist.md"
)

// SaveAdminRequest writes the request text atomically to RequestFileName
// in dir ("" = the current directory) and returns the file's absolute path.
func SaveAdminRequest(dir, text string) (string, error) {
	return WriteExport(filepath.Join(dir, RequestFileName), text)
}

// WriteExport writes text, which holds no secret, atomically to path
// (relative to the current directory) and returns the absolute path. The
// admin checklist and the request to the admin are both saved with it.
func WriteExport(path, text string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", path, err)
	}
	if err := storage.WriteFileAtomic(abs, []byte(text), 0o644); err != nil {
		return abs, fmt.Errorf("write %s: %w", abs, err)
	}
	return abs, nil
}

// Who renders a Zoom user as "Name <email>", or whichever half is known,
// or "your Zoom account" when neither is.
func Who(name, email string) string {
	switch {
	case name != "" && email != "":
		return name + " <" + email + ">"
	case name != "":
		return name
	case email != "":
		return email
	}
	return "your Zoom account"
}

// RedirectURL is the redirect URL a bring-your-own app must allow: with a
// pinned port the exact loopback URL, else the port-less form (Zoom
// ignores the loopback port when PKCE is used).
func RedirectURL(port int) string {
	if port > 0 {
		return fmt.Sprintf("http://127.0.0.1:%d/callback", port)
	}
	return "http://127.0.0.1/callback"
}

// Where an admin provisions the organization's app, shown when none is.
const (
	OrgAppSystemPath = "/etc/xdg/zoomconnect/app.json"
	OrgAppUserPath   = "~/.config/zoomconnect/app.json"
)

// ExplainFor is the explanation of err as the wizard shows it: {profile}
// filled in, --sandbox added to commands under the sandbox, and for an
// error that is not Zoom's, a one-sentence title saying what failed.
func ExplainFor(cfg *Config, err error) oauthflow.Explanation {
	ex := FillExplanation(cfg, oauthflow.Explain(err))
	var oe *oauthflow.Error
	if err != nil && (ex.Title == "" || (!errors.As(err, &oe) && strings.HasSuffix(ex.Key, "unknown"))) {
		// Not Zoom's: say what failed in one sentence, not "talking to Zoom".
		ex.Title, ex.Cause = strings.TrimSuffix(ReasonIn(cfg.T, err), "."), ""
	}
	return ex
}

// FillExplanation fills in ex for this run: its words in the run's
// language, {profile} with the wizard's profile, and under the sandbox
// --sandbox on the command, so that running it reaches the same sandbox
// profile.
func FillExplanation(cfg *Config, ex oauthflow.Explanation) oauthflow.Explanation {
	ex = ex.In(cfg.T).WithProfile(cfg.Profile)
	if cfg.Sandbox != nil && strings.HasPrefix(ex.Command, "zoomconnect ") && !strings.Contains(ex.Command, "--sandbox") {
		ex.Command += " --sandbox"
	}
	return ex
}

// OtherTimeoutCauses are the causes of "nothing came back from the
// browser" other than the pre-approval wall, most likely first.
func OtherTimeoutCauses() []string { return assets.OtherTimeoutCauses() }

// TimeoutCauses are the likely reasons nothing came back, most likely
// first: the pre-approval wall, then OtherTimeoutCauses.
func TimeoutCauses() []string {
	return append([]string{
		"The app needs your Zoom admin's pre-approval: the browser shows \"Request pre-approval\" (or says you cannot authorize the app) and never comes back here. Press p.",
	}, OtherTimeoutCauses()...)
}
