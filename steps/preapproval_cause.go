package steps

import (
	"strconv"
	"strings"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Error-table keys of the pre-approval family (oauthflow.ExplanationFor).
const (
	keyRequired       = "preapproval:required"
	keyAdminApp       = "preapproval:admin_app"
	keyPrivateApp     = "preapproval:private_app"
	keyDevCredentials = "preapproval:dev_credentials"
)

// The words Zoom's page shows for each pre-approval wall; an *oauthflow.Error
// whose Reason holds them is classified by oauthflow under that key.
const (
	pageRequired = "Request pre-approval"
	pageAdminApp = "An account admin is required to install this type of app"
)

// PreapprovalError is the error a wizard left on the pre-approval screen
// ends with: an *oauthflow.Error that oauthflow.IsPreapproval recognises
// (Zoom's page words as its Reason, Kind unknown so that no other exit code
// claims it), wrapping cause (nil when the user reported the page with p).
// An "An account admin is required" cause keeps that explanation.
func PreapprovalError(cause error) error {
	reason := pageRequired
	if cause != nil && oauthflow.Explain(cause).Key == keyAdminApp {
		reason = pageAdminApp
	}
	return &oauthflow.Error{Kind: oauthflow.KindUnknown, Op: oauthflow.OpAuthorize, Reason: reason, Err: cause}
}

// adminAppError is what the user reports with the admin-app key on the
// authorize screen: the browser says "An account admin is required".
func adminAppError() error {
	return &oauthflow.Error{Kind: oauthflow.KindUnknown, Op: oauthflow.OpAuthorize, Reason: pageAdminApp}
}

// otherTimeoutCauses are the causes of "nothing came back from the
// browser" other than the pre-approval wall, most likely first.
func otherTimeoutCauses() []string {
	return []string{
		"The sign-in or consent page was left open, or closed without pressing Allow.",
		"The redirect URL is not on the app's allow list, so Zoom showed an error page instead of coming back (bring-your-own app: add the exact Redirect URL to the app's Redirect URL and Allow List).",
		"The browser runs on another machine (for example over SSH), so its redirect to 127.0.0.1 cannot reach this one: on the authorize screen press u and paste the address the browser ended on.",
	}
}

// numbered renders items as "1. ...", "2. ...", from first.
func numbered(items []string, first int) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = strconv.Itoa(first+i) + ". " + it
	}
	return strings.Join(out, "\n")
}

// guide explains the wall and what to do, worded for the cause: stated as
// fact when the browser showed it, as the most likely cause (with the
// alternatives) when nothing came back, and with the admin-install remedy
// for "An account admin is required".
func (s *Preapproval) guide() string {
	var b strings.Builder
	switch {
	case s.hedged():
		b.WriteString("Nothing came back from the browser. The most likely cause: your Zoom account needs an admin to approve this app first, and the browser shows \"Request pre-approval\" (or says you cannot authorize the app) instead of Allow.\n\n")
		b.WriteString("Other causes look the same:\n" + bulletList(otherTimeoutCauses()) + "\nIf one of these fits, press r to try again.\n\n")
	case s.adminApp():
		b.WriteString("Only a Zoom account admin can install this app: it is an admin-managed app (it asks for account-wide scopes), so a regular user cannot authorize it, with or without pre-approval.\n\n")
		b.WriteString("What you can do:\n\n" + numbered([]string{
			"Ask your Zoom admin to install (authorize) the app for the account. The request below says so (c copies it, s saves it).",
			"Or use a user-managed app with user-level scopes instead: choose \"Bring your own\" and enter its client ID.",
			"Run zoomconnect again after the admin installed it, or press r here to retry.",
		}, 1) + "\n\n")
		return b.String() + s.savedLine()
	default:
		b.WriteString("Your Zoom account needs an admin to approve this app first.\n\n")
	}
	b.WriteString("Zoom lets account owners and admins decide which Marketplace apps their users may install. When an app isn't pre-approved, the browser shows \"Request pre-approval\" (or a page saying you cannot authorize the app) instead of Allow, and nothing comes back to zoomconnect. Nothing is wrong with your computer or with zoomconnect, and no connection was saved.\n\n")
	b.WriteString("What you can do:\n\n" + numbered([]string{
		"Send your Zoom admin a request. zoomconnect writes it for you: the app's name and client ID, the scopes and why each is needed, and the exact steps in the Zoom App Marketplace. Copy it (c) or save it as a Markdown file (s). You may also press \"Request pre-approval\" in the browser: the admin then sees it under Manage → App Requests.",
		"Wait for the admin. Zoom notifies you when the app is pre-approved.",
		"Run zoomconnect again, or press r here to retry.",
	}, 1) + "\n\n")
	b.WriteString("If you are the admin yourself, press a for the checklist.\n\n")
	return b.String() + s.savedLine()
}

// savedLine says what happened to the attempt: it is saved on entering
// the screen, so a later run offers to resume it.
func (s *Preapproval) savedLine() string {
	switch {
	case s.pending:
		return s.env.Styles.OK.Render("✓ This attempt is saved: zoomconnect started later offers to resume it.") + "\n"
	case s.env.Store != nil:
		return s.env.Styles.Muted.Render("Saving this attempt, so zoomconnect started later offers to resume it…") + "\n"
	}
	return ""
}

// lookalikes are the explanations of other walls that show the same
// symptom for a bring-your-own app (a private app of another account,
// development credentials); the organization's app has neither.
func (s *Preapproval) lookalikes() string {
	if s.creds.AuthType != storage.AuthOwnApp {
		return ""
	}
	var items []string
	for _, k := range []string{keyPrivateApp, keyDevCredentials} {
		if ex, ok := oauthflow.ExplanationFor(k); ok {
			ex = forEnv(s.env, ex)
			items = append(items, ex.Title+". "+ex.Cause+" "+ex.User)
		}
	}
	if len(items) == 0 {
		return ""
	}
	return s.env.Styles.Strong.Render("Other things that show the same symptom (your own app)") + "\n\n" + bulletList(items) + "\n"
}

// bulletList renders items as "• ..." lines; reflow wraps them later.
func bulletList(items []string) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString("• " + it + "\n")
	}
	return b.String()
}
