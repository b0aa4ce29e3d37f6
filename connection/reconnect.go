package connection

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// ReconnectError says a connection is dead until it is authorized again.
// It matches ErrReconnectNeeded and, when Zoom said why, the *oauthflow.Error.
type ReconnectError struct {
	Profile string
	// Reason says why in words.
	Reason string
	// Err is Zoom's error, nil when the state was recorded earlier.
	Err error
	// Fix is the next step (ReconnectFix); empty means
	// storage.LoginCommand(Profile).
	Fix string
}

// newReconnectError builds the error for profile p, with the fix that fits
// it (sandbox profiles, an admin's 4738).
func newReconnectError(p *storage.Profile, reason string, cause error) *ReconnectError {
	return &ReconnectError{Profile: p.Name, Reason: reason, Err: cause, Fix: ReconnectFix(p, cause)}
}

// Error names the reason and the command that fixes it.
func (e *ReconnectError) Error() string {
	fix := e.Fix
	if fix == "" {
		fix = "run: " + storage.LoginCommand(e.Profile)
	}
	return fmt.Sprintf("the Zoom connection %q needs reconnecting: %s; %s", e.Profile, e.Reason, fix)
}

// ReconnectFix is what to do about a connection that needs reconnecting:
// "run: " and storage.LoginCommandFor(p); when a Zoom admin disabled the
// app's token (4738, now in cause or recorded on p) the admin must first
// pre-approve the app again, so it says how to ask for that.
func ReconnectFix(p *storage.Profile, cause error) string {
	login := storage.LoginCommandFor(p)
	if !DisabledByAdmin(p, cause) {
		return "run: " + login
	}
	return "ask your Zoom admin to pre-approve the app again (Zoom App Marketplace → Manage → the app → Permissions); " +
		"`" + AdminRequestCommand(p) + "` writes the request to send them. " +
		"After they approve it, run: " + login
}

// AdminRequestCommand is the command that writes p's request to its Zoom
// admin (app, client ID, email, the steps) to request.md.
func AdminRequestCommand(p *storage.Profile) string {
	if p == nil || p.Name == "" || p.Name == storage.DefaultProfileName {
		return "zoomconnect admin request --markdown request.md"
	}
	return "zoomconnect admin request --profile " + p.Name + " --markdown request.md"
}

// DisabledByAdmin reports whether a Zoom admin disabled the connection's
// token (4738): in cause, or as recorded on p by an earlier refresh.
func DisabledByAdmin(p *storage.Profile, cause error) bool {
	var ze *oauthflow.Error
	if errors.As(cause, &ze) && (ze.Code == 4738 || ze.Kind == oauthflow.KindDisabledByAdmin) {
		return true
	}
	return p != nil && (p.LastRefreshResult == "oauth:4738" || strings.Contains(p.ReconnectReason, "(4738)"))
}

// Unwrap returns ErrReconnectNeeded and Zoom's error.
func (e *ReconnectError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrReconnectNeeded}
	}
	return []error{ErrReconnectNeeded, e.Err}
}

// ReasonWords explains a final refresh failure in words.
func ReasonWords(ze *oauthflow.Error) string {
	switch {
	case ze == nil:
		return "Zoom no longer accepts this connection's refresh token"
	case ze.Code == 4741 || ze.Kind == oauthflow.KindRevoked:
		return "another sign-in replaced this connection (4741): Zoom keeps only the latest authorization of a user for an app"
	case ze.Code == 4738 || ze.Kind == oauthflow.KindDisabledByAdmin:
		return "a Zoom admin disabled this app's token (4738), usually by withdrawing the app's pre-approval"
	case ze.Code == 4735 || ze.Kind == oauthflow.KindUserGone:
		return "the Zoom user of this connection no longer exists in the account (4735)"
	default:
		return "Zoom rejected the refresh token (\"Invalid Token!\"): it was revoked, expired, or replaced by a newer authorization of the same app"
	}
}

// ResultWords says a recorded refresh result (storage.Profile's
// LastRefreshResult, an error-table key such as "oauth:4741") in words: the
// error table's title, "ok", or a description of the few keys of our own.
// An unknown key is returned as it is.
func ResultWords(key string) string {
	switch key {
	case "", "ok":
		return "ok"
	case "save_failed":
		return "Zoom refreshed the token, but the new tokens could not be saved"
	case "canceled":
		return "the refresh was interrupted"
	case "error":
		return "the refresh failed"
	}
	if ex, found := oauthflow.ExplanationFor(key); found && ex.Title != "" {
		return ex.Title
	}
	return key
}
