package oauthflow

import (
	"errors"
	"strings"
	"time"

	"github.com/zoomconnect/zoomconnect/assets"
)

// Explanation is what the UI, --json output and docs show for a failure:
// one row of assets/content/errors.json (cause, what the user and an admin
// can do, the command; Preapproval means the fix goes through the admin
// pre-approval path, Reconnect that only a new authorization fixes it),
// plus what this error carried.
type Explanation struct {
	assets.ErrorEntry

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

func fromEntry(e assets.ErrorEntry) Explanation { return Explanation{ErrorEntry: e} }

// ExplanationFor returns the table entry for key, with placeholders other
// than {profile} filled in with neutral words. Keys are:
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
	return fromEntry(e).fill(nil, 0), true
}

// ErrorTable returns every entry of the error table, for docs and --json,
// filled in like ExplanationFor: only {profile} is left (see WithProfile).
func ErrorTable() []Explanation {
	entries := assets.Errors()
	out := make([]Explanation, len(entries))
	for i, e := range entries {
		out[i] = fromEntry(e).fill(nil, 0)
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

// Explain maps any error to its explanation: the outermost Keyed error in
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
		return fromEntry(x).fill(nil, 0)
	}
	ex := fromEntry(x)
	ex.Reason, ex.TrackingID = e.Reason, e.TrackingID
	ex.MissingScopes, ex.RetryAfter = e.MissingScopes, e.RetryAfter
	ex.RetryAfterSeconds = e.RetryAfter.Seconds()
	ex.Reconnect = ex.Reconnect || e.Kind.reconnect()
	return ex.fill(e.MissingScopes, e.RetryAfter)
}

func kindExplanation(k Kind) Explanation {
	if ex, ok := ExplanationFor("kind:" + string(k)); ok {
		return ex
	}
	ex, _ := ExplanationFor("kind:" + string(KindUnknown))
	return ex
}

// fill substitutes {scopes} and {retry_after}.
func (ex Explanation) fill(scopes []string, wait time.Duration) Explanation {
	s := "the scopes Zoom names"
	if len(scopes) > 0 {
		s = strings.Join(scopes, " or ")
	}
	w := "a moment"
	if wait > 0 {
		w = wait.Round(time.Second).String()
	}
	r := strings.NewReplacer("{scopes}", s, "{retry_after}", w)
	ex.Title, ex.Cause, ex.User = r.Replace(ex.Title), r.Replace(ex.Cause), r.Replace(ex.User)
	ex.Admin, ex.Command = r.Replace(ex.Admin), r.Replace(ex.Command)
	return ex
}

// WithProfile substitutes {profile} (empty means "default") in every text.
func (ex Explanation) WithProfile(name string) Explanation {
	if name == "" {
		name = "default"
	}
	r := strings.NewReplacer("{profile}", name)
	ex.Title, ex.Cause, ex.User = r.Replace(ex.Title), r.Replace(ex.Cause), r.Replace(ex.User)
	ex.Admin, ex.Command = r.Replace(ex.Admin), r.Replace(ex.Command)
	return ex
}
