package oauthflow

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
)

// Explanation is what every front end shows for a failure (the screens,
// the command line, --json, doctor): one row of the error table, its
// language-independent facts from assets/content/errors.json (Key,
// Command; Preapproval means the fix goes through the admin pre-approval
// path, Reconnect that only a new authorization fixes it) and its words
// from the catalog (Title, Cause, User, Admin, in the catalog's inline
// markup; see In for the language), plus what this error carried.
type Explanation struct {
	Key   string `json:"key"`
	Title string `json:"title_text"`
	Cause string `json:"cause_text"`
	// User is what the person does; Admin what their Zoom admin does
	// (empty when an admin cannot help).
	User  string `json:"user_text"`
	Admin string `json:"admin_text,omitempty"`
	// Command fixes it; {profile} stays until WithProfile.
	Command     string `json:"command,omitempty"`
	Preapproval bool   `json:"preapproval,omitempty"`
	Reconnect   bool   `json:"reconnect,omitempty"`

	// Reason is Zoom's own (sanitized) words, when there were any.
	Reason string `json:"reason,omitempty"`
	// TrackingID is Zoom's x-zm-trackingid, for support requests.
	TrackingID    string   `json:"tracking_id,omitempty"`
	MissingScopes []string `json:"missing_scopes,omitempty"`
	// RetryAfter is how long Zoom asked to wait; RetryAfterSeconds is the
	// same for --json output.
	RetryAfter        time.Duration `json:"-"`
	RetryAfterSeconds float64       `json:"retry_after_seconds,omitempty"`
}

// fromEntry is the explanation of row e, in English.
func fromEntry(e assets.ErrorEntry) Explanation {
	return Explanation{Key: e.Key, Command: e.Command, Preapproval: e.Preapproval, Reconnect: e.Reconnect}.In(nil)
}

// In returns ex with its words in t's language (English when t is nil):
// the row's title, cause and what to do, with the scopes Zoom named and
// the wait it asked for filled in (neutral words when it named none). An
// explanation whose key is not in the table is returned as it is.
func (ex Explanation) In(t *i18n.Printer) Explanation {
	e, ok := assets.ErrorByKey(ex.Key)
	if !ok {
		return ex
	}
	w := e.Words(t, "Scopes", scopesText(t, ex.MissingScopes), "RetryAfter", waitText(t, ex.RetryAfter))
	ex.Title, ex.Cause, ex.User, ex.Admin = w.Title, w.Cause, w.User, w.Admin
	return ex
}

// scopesText names the scopes Zoom asked for, each as a copyable `scope`
// ("`a` or `b`"); words saying so when it named none.
func scopesText(t *i18n.Printer, scopes []string) i18n.Raw {
	if len(scopes) == 0 {
		return i18n.Raw(t.T("explain.scopes_unknown"))
	}
	parts := make([]string, len(scopes))
	for i, s := range scopes {
		parts[i] = "`" + fmt.Sprint(i18n.Arg(s)) + "`"
	}
	return i18n.Raw(strings.Join(parts, " "+t.T("explain.or")+" "))
}

// waitText says how long to wait in t's language, rounded up to the unit
// shown ("2 min" for 90 s), so that waiting that long is enough; "a
// moment" when Zoom did not say.
func waitText(t *i18n.Printer, wait time.Duration) string {
	switch {
	case wait <= 0:
		return t.T("explain.wait_unknown")
	case wait > time.Minute && wait%time.Minute != 0:
		wait = wait.Truncate(time.Minute) + time.Minute
	}
	return t.Duration(wait)
}

// ExplanationFor returns the table entry for key, in English, with the
// scopes and the wait in neutral words ({profile} stays in Command). Keys
// are:
//
//	oauth:NNNN          Zoom's OAuth codes 4700–4741
//	token:ERROR         token endpoint "error" values (invalid_grant = "Invalid Token!")
//	api:124[:expired|:query], api:4711   REST API codes
//	http:429, http:5xx  status-only failures
//	callback:ERROR      RFC 6749 §4.1.2.1 error redirects
//	preapproval:required|admin_app|private_app|dev_credentials
//	loopback:listen, config:insecure_endpoint
//	marketplace:...     the admin's Marketplace, Users and Groups API calls
//	                    (see package marketplace's Error.Key)
//	kind:KIND           one per Kind, the fallback
//
// The UI may ask for a pre-approval entry directly, e.g. when the user says
// the browser shows "Request pre-approval".
func ExplanationFor(key string) (Explanation, bool) {
	e, ok := assets.ErrorByKey(key)
	if !ok {
		return Explanation{}, false
	}
	return fromEntry(e), true
}

// ErrorTable returns every entry of the error table, in file order, for
// docs and --json, like ExplanationFor: in English (see In), with only
// {profile} left in Command (see WithProfile).
func ErrorTable() []Explanation {
	entries := assets.Errors()
	out := make([]Explanation, len(entries))
	for i, e := range entries {
		out[i] = fromEntry(e)
	}
	return out
}

// Keyed is an error that names its own row of the error table, as *Error
// does with Key. The errors of other Zoom API clients (*marketplace.Error)
// implement it, so that Explain finds them in the same table; Zoom's words,
// tracking ID, missing scopes and Retry-After then come from the *Error
// they wrap, if any.
type Keyed interface {
	error
	Key() string
}

// Explain maps any error to its explanation, in English (see In for the
// run's language): the outermost Keyed error in
// its chain (an *Error, a *marketplace.Error) by its Key (falling back to
// the Kind of the *Error it is or wraps), a plain error by what it looks
// like (canceled, timed out, network, unknown). A nil error gives the zero
// Explanation.
func Explain(err error) Explanation {
	if err == nil {
		return Explanation{}
	}
	var k Keyed
	if !errors.As(err, &k) {
		return kindExplanation(plainKind(err))
	}
	var e *Error
	errors.As(err, &e)
	x, ok := assets.ErrorByKey(k.Key())
	switch {
	case !ok && e != nil:
		return kindExplanation(e.Kind)
	case !ok:
		return kindExplanation(plainKind(err))
	case e == nil:
		return fromEntry(x)
	}
	ex := fromEntry(x)
	ex.Reason, ex.TrackingID = e.Reason, e.TrackingID
	ex.MissingScopes, ex.RetryAfter = e.MissingScopes, e.RetryAfter
	ex.RetryAfterSeconds = e.RetryAfter.Seconds()
	ex.Reconnect = ex.Reconnect || e.Kind.reconnect()
	return ex.In(nil)
}

func kindExplanation(k Kind) Explanation {
	if ex, ok := ExplanationFor("kind:" + string(k)); ok {
		return ex
	}
	ex, _ := ExplanationFor("kind:" + string(KindUnknown))
	return ex
}

// WithProfile substitutes {profile} (empty means "default") in Command,
// the only part that names the profile.
func (ex Explanation) WithProfile(name string) Explanation {
	if name == "" {
		name = "default"
	}
	ex.Command = strings.ReplaceAll(ex.Command, "{profile}", name)
	return ex
}

// Plain returns ex with the inline markup removed from its words, for
// output that has no styles (--json).
func (ex Explanation) Plain() Explanation {
	ex.Title, ex.Cause = page.PlainText(ex.Title), page.PlainText(ex.Cause)
	ex.User, ex.Admin = page.PlainText(ex.User), page.PlainText(ex.Admin)
	return ex
}
