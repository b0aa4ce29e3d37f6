package marketplace

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// Calls, as named in Error.Call.
const (
	CallToken          = "token"           // POST /oauth/token (account_credentials)
	CallListApps       = "list apps"       // GET /marketplace/apps
	CallGetApp         = "get app"         // GET /marketplace/apps/{appId}
	CallListRequests   = "list requests"   // GET /marketplace/apps/{appId}/requests
	CallUpdateRequests = "update requests" // PATCH /marketplace/apps/{appId}/requests
	CallPreApprove     = "pre-approve"     // POST /marketplace/apps/{appId}/preApprove
	CallGetUser        = "get user"        // GET /users/{userId}
	CallListGroups     = "list groups"     // GET /groups
)

// Error is a failed call. Message is Zoom's own words, sanitized for a
// terminal and with every token and secret the client knew redacted.
type Error struct {
	// Call is the call that failed: one of the Call* constants, or
	// "configuration" for a base URL that cannot be used.
	Call string
	// HTTPStatus is the answer's status, 0 when none came.
	HTTPStatus int
	// Code is Zoom's numeric code (1500, 1401, 124, 4711, 429, ...), 0 if
	// none.
	Code int
	// Message is Zoom's message (API) or reason (token endpoint).
	Message string
	// OAuthError is the token endpoint's "error" field (invalid_client,
	// unsupported_grant_type, ...), on CallToken only.
	OAuthError string
	// TrackingID is Zoom's x-zm-trackingid, for support requests.
	TrackingID string
	// RetryAfter is the wait Zoom asked for (Retry-After as seconds or a
	// date).
	RetryAfter time.Duration
	// MissingScopes lists the scopes a 4711 (or 4700) message names, any
	// one of which the call accepts.
	MissingScopes []string
	// PageTokenExpired reports that Zoom refused a listing's
	// next_page_token as expired, again after the listing restarted.
	PageTokenExpired bool
	// Err is the underlying failure. For an answer from Zoom or a network
	// failure it is the *oauthflow.Error it was read as, so its Kind (rate
	// limited, network, canceled, ...) is there for exit codes.
	Err error
}

// Error implements error with one line such as
// `pre-approve: Zoom says "User can not pre approve this app" (1500, HTTP 400)`.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Call + ": ")
	if e.PageTokenExpired {
		b.WriteString("Zoom's page token expired again after the listing restarted from the first page; ")
	}
	switch {
	case e.Message != "":
		b.WriteString("Zoom says " + strconv.Quote(e.Message))
	case e.Err != nil:
		b.WriteString(strings.TrimPrefix(e.Err.Error(), e.Call+": "))
	case e.HTTPStatus != 0:
		b.WriteString("Zoom answered HTTP " + strconv.Itoa(e.HTTPStatus))
	default:
		b.WriteString("failed")
	}
	if tags := e.tags(); len(tags) > 0 && (e.Message != "" || e.Err == nil) {
		b.WriteString(" (" + strings.Join(tags, ", ") + ")")
	}
	if e.TrackingID != "" && (e.Message != "" || e.Err == nil) {
		b.WriteString(" [Zoom tracking ID " + e.TrackingID + "]")
	}
	return b.String()
}

func (e *Error) tags() []string {
	var t []string
	if e.OAuthError != "" {
		t = append(t, e.OAuthError)
	}
	if e.Code != 0 {
		t = append(t, strconv.Itoa(e.Code))
	}
	if e.HTTPStatus != 0 {
		t = append(t, "HTTP "+strconv.Itoa(e.HTTPStatus))
	}
	if e.RetryAfter > 0 {
		t = append(t, "retry after "+e.RetryAfter.Round(time.Second).String())
	}
	return t
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Key is the error-table key of this error, e.g. "marketplace:1500",
// "marketplace:4711" (missing scopes), "marketplace:429",
// "marketplace:token:invalid_client"; the most specific one the table has,
// "marketplace:unknown" at worst. oauthflow.Explain uses it.
func (e *Error) Key() string {
	for _, k := range e.keyCandidates() {
		if _, ok := oauthflow.ExplanationFor(k); ok {
			return k
		}
	}
	return "marketplace:unknown"
}

// keyCandidates lists possible table keys, most specific first.
func (e *Error) keyCandidates() []string {
	const p = "marketplace:"
	var c []string
	switch {
	case e.kind() == oauthflow.KindCanceled:
		return []string{"kind:canceled"}
	case errors.Is(e.Err, oauthflow.ErrInsecureEndpoint):
		return []string{"config:insecure_endpoint"}
	case e.PageTokenExpired:
		c = append(c, p+"page_token_expired")
	case e.Call == CallToken:
		if e.HTTPStatus == http.StatusTooManyRequests {
			c = append(c, p+"429")
		}
		if e.OAuthError != "" {
			c = append(c, p+"token:"+e.OAuthError)
		}
		if e.kind() == oauthflow.KindNetwork {
			c = append(c, p+"network")
		}
		return append(c, p+"token")
	}
	if e.HTTPStatus == http.StatusTooManyRequests || e.Code == 429 {
		c = append(c, p+"429")
	}
	if len(e.MissingScopes) > 0 {
		c = append(c, p+"4711") // 4711 or 4700: the entry that names the scopes
	}
	if e.Code != 0 {
		c = append(c, p+strconv.Itoa(e.Code))
	}
	switch {
	case e.HTTPStatus == http.StatusUnauthorized:
		c = append(c, p+"124")
	case e.HTTPStatus == http.StatusForbidden:
		c = append(c, p+"403")
	case e.HTTPStatus >= 500:
		c = append(c, p+"5xx")
	case e.kind() == oauthflow.KindNetwork:
		c = append(c, p+"network")
	}
	return c
}

// kind is the Kind of the *oauthflow.Error underneath, "" if none.
func (e *Error) kind() oauthflow.Kind {
	var oe *oauthflow.Error
	if errors.As(e.Err, &oe) {
		return oe.Kind
	}
	return ""
}

// retryable reports whether the request may be sent again: 429, 5xx and
// network failures, and 1505 "Internal server error, please try again.",
// which List apps answers with HTTP 400 but is a server error in words.
func (e *Error) retryable() bool {
	if e.Code == 1505 {
		return true
	}
	return e.kind().Retryable()
}

// staleToken reports a 401 from the API that a new token may cure: not one
// naming missing scopes, which only the app's configuration changes.
func (e *Error) staleToken() bool {
	return e.Call != CallToken && e.HTTPStatus == http.StatusUnauthorized && len(e.MissingScopes) == 0
}

// fromFlow copies the fields of an *oauthflow.Error into a new *Error.
func fromFlow(call string, oe *oauthflow.Error) *Error {
	e := &Error{
		Call: call, HTTPStatus: oe.HTTPStatus, Code: oe.Code, Message: oe.Reason,
		TrackingID: oe.TrackingID, RetryAfter: oe.RetryAfter,
		MissingScopes: append([]string(nil), oe.MissingScopes...), Err: oe,
	}
	if call == CallToken {
		e.OAuthError = oe.ErrorCode
	}
	return e
}

// responseErr reads a non-2xx answer of an API call.
func responseErr(r request, resp *http.Response, body []byte, now time.Time, secrets ...string) *Error {
	return fromFlow(r.call, oauthflow.ResponseError(r.call, resp.StatusCode, resp.Header, body, now, secrets...))
}

// callErr turns a failed HTTP call into an *Error.
func callErr(ctx context.Context, call string, err error, now time.Time, secrets ...string) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return fromFlow(call, oauthflow.CallError(ctx, call, err, now, secrets...))
}

// tokenErr is the *Error of a failed Token call of the token source.
func tokenErr(ctx context.Context, err error, now time.Time) *Error {
	return callErr(ctx, CallToken, err, now)
}

// IsCode reports whether err is an *Error with Zoom's code.
func IsCode(err error, code int) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}
