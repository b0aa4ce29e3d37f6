package connection

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// ReconnectError says a connection is dead until it is authorized again.
// It matches ErrReconnectNeeded and, when Zoom said why, the *oauthflow.Error.
type ReconnectError struct {
	Profile string
	// Reason says why in words (English).
	Reason string
	// Err is Zoom's error, nil when the state was recorded earlier.
	Err error
	// Fix is the next step (ReconnectFix); empty means
	// storage.LoginCommand(Profile).
	Fix string

	// p is the profile, to say Reason and Fix in another language.
	p *storage.Profile
}

// newReconnectError builds the error for profile p, with the fix that fits
// it (sandbox profiles, an admin's 4738).
func newReconnectError(p *storage.Profile, reason string, cause error) *ReconnectError {
	return &ReconnectError{Profile: p.Name, Reason: reason, Err: cause, Fix: ReconnectFix(p, cause), p: p}
}

// Error names the reason and the command that fixes it.
func (e *ReconnectError) Error() string { return page.PlainText(e.Say(nil)) }

// Say is Error in t's language.
func (e *ReconnectError) Say(t *i18n.Printer) string {
	reason, fix := any(e.Reason), any(e.Fix)
	switch {
	case e.p != nil:
		reason = i18n.Raw(reconnectReasonIn(t, e.Reason))
		fix = i18n.Raw(ReconnectFixIn(t, e.p, e.Err))
	case e.Fix == "":
		fix = i18n.Raw(t.T("reconnect.fix_run", "Command", storage.LoginCommand(e.Profile)))
	}
	return t.T("reconnect.error", "Profile", e.Profile, "Reason", reason, "Fix", fix)
}

// ReconnectFix is what to do about a connection that needs reconnecting,
// in English: see ReconnectFixIn.
func ReconnectFix(p *storage.Profile, cause error) string {
	return page.PlainText(ReconnectFixIn(nil, p, cause))
}

// ReconnectFixIn is what to do about a connection that needs
// reconnecting, in t's language: "run: " and storage.LoginCommandFor(p);
// when a Zoom admin disabled the app's token (4738, now in cause or
// recorded on p) the admin must first pre-approve the app again, so it
// says how to ask for that.
func ReconnectFixIn(t *i18n.Printer, p *storage.Profile, cause error) string {
	login := storage.LoginCommandFor(p)
	if !DisabledByAdmin(p, cause) {
		return t.T("reconnect.fix_run", "Command", login)
	}
	return t.T("reconnect.fix_admin", "Request", AdminRequestCommand(p), "Command", login)
}

// AdminRequestCommand is the command that writes p's request to its Zoom
// admin (app, client ID, email, the steps) to request.md.
func AdminRequestCommand(p *storage.Profile) string {
	if p == nil || p.Name == "" || p.Name == storage.DefaultProfileName {
		return "zoomconnect admin request --markdown request.md"
	}
	return fmt.Sprintf("zoomconnect admin request --profile %s --markdown request.md", p.Name)
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

// reasonIDs are the catalog messages that say why a connection needs
// reconnecting; the English text is what a profile records
// (ReconnectReason), so it can be said again in another language.
func reasonIDs() []string {
	return []string{"reconnect.reason_refused", "reconnect.reason_revoked", "reconnect.reason_disabled",
		"reconnect.reason_user_gone", "reconnect.reason_invalid", "reconnect.reason_no_refresh_token"}
}

// ReasonWords explains a final refresh failure in words (English: it is
// recorded on the profile, see ReconnectReasonIn).
func ReasonWords(ze *oauthflow.Error) string {
	id := "reconnect.reason_invalid"
	switch {
	case ze == nil:
		id = "reconnect.reason_refused"
	case ze.Code == 4741 || ze.Kind == oauthflow.KindRevoked:
		id = "reconnect.reason_revoked"
	case ze.Code == 4738 || ze.Kind == oauthflow.KindDisabledByAdmin:
		id = "reconnect.reason_disabled"
	case ze.Code == 4735 || ze.Kind == oauthflow.KindUserGone:
		id = "reconnect.reason_user_gone"
	}
	return page.PlainText((*i18n.Printer)(nil).T(id))
}

// noRefreshTokenReason is the recorded reason of a connection that has no
// refresh token.
func noRefreshTokenReason() string {
	return page.PlainText((*i18n.Printer)(nil).T("reconnect.reason_no_refresh_token"))
}

// ReconnectReasonIn is why p needs reconnecting, in t's language ("" when
// it does not): the recorded English reason said again in t's language
// when it is one of ours, else as it was recorded.
func ReconnectReasonIn(t *i18n.Printer, p *storage.Profile) string {
	if p == nil {
		return ""
	}
	return reconnectReasonIn(t, p.ReconnectReason)
}

func reconnectReasonIn(t *i18n.Printer, recorded string) string {
	for _, id := range reasonIDs() {
		if page.PlainText((*i18n.Printer)(nil).T(id)) == recorded {
			return t.T(id)
		}
	}
	return recorded
}

// ResultWords says a recorded refresh result in English: see ResultWordsIn.
func ResultWords(key string) string { return ResultWordsIn(nil, key) }

// ResultWordsIn says a recorded refresh result (storage.Profile's
// LastRefreshResult, an error-table key such as "oauth:4741") in t's
// language: the error table's title, "ok", or a description of the few
// keys of our own. An unknown key is returned as it is.
func ResultWordsIn(t *i18n.Printer, key string) string {
	switch key {
	case "", "ok":
		return t.T("result.ok")
	case "save_failed", "canceled", "error", ResultRefreshing:
		return t.T("result." + key)
	}
	if ex, found := oauthflow.ExplanationFor(key); found && ex.Title != "" {
		return page.PlainText(ex.In(t).Title)
	}
	return key
}
