package wizard

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/cmdline"
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
func GuideCause(cause error) assets.Cause { return PendingCause(pendingReason(cause)) }

// Confirmed reports whether cause establishes the pre-approval wall: the
// person said the browser shows it (nil, or AdminAppError for "An account
// admin is required"), or Zoom said so (its pre-approval or admin-app
// words, 4738). A timeout is not: nothing came back, which other causes
// explain too. Only a confirmed attempt is saved as waiting for an admin.
func Confirmed(cause error) bool {
	return cause == nil || oauthflow.IsPreapproval(cause) && oauthflow.KindOf(cause) != oauthflow.KindTimeout
}

// PreapprovalFailure is the outcome of leaving the pre-approval screen
// reached on cause: PreapprovalError for a confirmed wall (exit 9), else
// cause itself (a timeout stays a timeout, exit 4).
func PreapprovalFailure(cause error) error {
	if !Confirmed(cause) {
		return cause
	}
	return PreapprovalError(cause)
}

// pendingReason is what a pending attempt records as the reason it
// stopped: the error-table key of cause, or "preapproval" when the person
// reported the page (or the cause has no key).
func pendingReason(cause error) string {
	var oe *oauthflow.Error
	if errors.As(cause, &oe) {
		return oe.Key()
	}
	return "preapproval"
}

// PendingCause reads a pending attempt's Reason (see PendingFor, or what
// an earlier version wrote) as the guide's cause: the one classification
// the screen, the request to the admin and the welcome screen's resume
// line share.
func PendingCause(reason string) assets.Cause {
	switch {
	case reason == "kind:timeout": // only versions before Confirmed saved timeouts
		return assets.CauseLikely
	case reason == keyAdminApp:
		return assets.CauseAdminApp
	case strings.Contains(reason, "4738"), strings.Contains(reason, "disabled"):
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
// wizard knows of attempt c, stopped on cause, for the request's language
// (cfg.RequestLanguage).
func AdminRequestData(cfg *Config, c Creds, cause error) assets.AdminRequestData {
	l := cfg.RequestLanguage()
	d := assets.AdminRequestData{
		AppName:      c.AppName,
		ClientID:     c.App.ClientID,
		UserEmail:    c.ExpectedEmail,
		Scopes:       assets.DefaultScopeReasons(l),
		Cause:        GuideCause(cause),
		Reported:     cause == nil,
		AdminContact: AdminContact(cfg, c),
		Sandbox:      cfg.Sandbox != nil,
		AppID:        AppIDFor(cfg, c),
	}
	d.AdminCommands = AdminCommandsFor(d.AppID, d.UserEmail, d.Sandbox, d.Cause)
	var oe *oauthflow.Error
	if errors.As(cause, &oe) {
		// The admin benefits from Zoom's own words (and can search them).
		d.ZoomSaid = oe.Reason
	}
	if cause != nil && l == i18n.English {
		// Reason speaks the error table's English only; in another
		// language the request's own words for the cause say it.
		d.Seen = strings.TrimSuffix(Reason(cause), ".")
	}
	if host := c.Endpoints(cfg).AuthBaseURL; host != oauthflow.DefaultAuthBaseURL {
		d.AuthHost = host
	}
	return d
}

// AdminRequest is the Markdown request for the Zoom admin for attempt c
// stopped on cause (nil: the person reported the pre-approval page), in
// the request's language.
func AdminRequest(cfg *Config, c Creds, cause error) string {
	return assets.AdminRequest(cfg.RequestLanguage(), AdminRequestData(cfg, c, cause))
}

// PendingWhy says in words what a pending attempt was waiting for, from
// its Reason (see PendingFor): an admin's pre-approval, an admin
// installing the app, an admin turning it back on after 4738; for an
// attempt an earlier version saved on a timeout, only that it stopped
// while waiting for the browser.
func PendingWhy(c *Config, reason string) string {
	switch PendingCause(reason) {
	case assets.CauseLikely:
		return c.T.T("pending.why_timeout")
	case assets.CauseAdminApp:
		return c.T.T("pending.why_admin_app")
	case assets.CauseDisabled:
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
// --sandbox on the command when it takes it, so that running it reaches
// the same sandbox profile.
func FillExplanation(cfg *Config, ex oauthflow.Explanation) oauthflow.Explanation {
	ex = ex.In(cfg.T).WithProfile(cfg.Profile)
	if cfg.Sandbox != nil && cmdline.TakesSandbox(ex.Command) && !strings.Contains(ex.Command, "--sandbox") {
		ex.Command += " --sandbox"
	}
	return ex
}
