package oauthflow

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/oauth2"
)

// zoomBody holds every error field Zoom is known to send: token endpoint
// {"reason","error"}, API {"code","message"}, authorize-page
// {"status":false,"errorCode":4700,"errorMessage":...}, RFC 6749
// error_description.
type zoomBody struct {
	Reason           string  `json:"reason"`
	Error            string  `json:"error"`
	ErrorDescription string  `json:"error_description"`
	Code             flexInt `json:"code"`
	Message          string  `json:"message"`
	ErrorCode        flexInt `json:"errorCode"`
	ErrorMessage     string  `json:"errorMessage"`
}

// flexInt accepts a JSON number or a numeric string.
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	n, err := strconv.Atoi(s)
	if err == nil {
		*f = flexInt(n)
	}
	return nil
}

// ResponseError reads a non-2xx answer of any Zoom endpoint (the token
// endpoint's {"reason","error"}, the REST API's {"code","message"}) into a
// classified *Error, as Client's own calls do: Zoom's code and words
// (sanitized), tracking ID, Retry-After relative to now, missing scopes.
// op names the call (Error.Op); every one of secrets is redacted from the
// texts. Other Zoom API clients (package marketplace) use it so that Zoom's
// errors are read in one place.
func ResponseError(op string, status int, h http.Header, body []byte, now time.Time, secrets ...string) *Error {
	return httpError(op, status, h, body, now).redact(secrets...)
}

// CallError turns the error of an HTTP call to Zoom into an *Error, as
// Client's own calls do: an *Error is kept, a canceled ctx gives
// KindCanceled, x/oauth2's *oauth2.RetrieveError is read like
// ResponseError, a network failure gives KindNetwork. Every one of secrets
// is redacted from the texts.
func CallError(ctx context.Context, op string, err error, now time.Time, secrets ...string) *Error {
	return wrapCallErr(ctx, op, err, now).redact(secrets...)
}

// httpError builds a classified *Error from a non-2xx (or error-bearing)
// Zoom response.
func httpError(op string, status int, h http.Header, body []byte, now time.Time) *Error {
	var zb zoomBody
	_ = json.Unmarshal(body, &zb) // a non-JSON body leaves only the status
	e := &Error{
		Op:         op,
		HTTPStatus: status,
		Code:       int(zb.Code),
		ErrorCode:  Sanitize(zb.Error),
		Reason:     Sanitize(firstNonEmpty(zb.Reason, zb.Message, zb.ErrorMessage, zb.ErrorDescription)),
	}
	if e.Code == 0 {
		e.Code = int(zb.ErrorCode)
	}
	if h != nil {
		e.TrackingID = Sanitize(h.Get("X-Zm-Trackingid"))
		e.RetryAfter = ParseRetryAfter(h.Get("Retry-After"), now)
	}
	return finishError(e)
}

// finishError fills what can be derived from the fields already set.
func finishError(e *Error) *Error {
	if e.Code == 0 {
		e.Code = codeFromReason(e.Reason, e.Op)
	}
	e.MissingScopes = parseMissingScopes(e.Reason)
	if e.Kind == "" {
		e.Kind = classify(e)
	}
	return e
}

// fromRetrieveError converts x/oauth2's error, reading Zoom's own fields
// from its Body.
func fromRetrieveError(op string, re *oauth2.RetrieveError, now time.Time) *Error {
	status := 0
	var h http.Header
	if re.Response != nil {
		status, h = re.Response.StatusCode, re.Response.Header
	}
	e := httpError(op, status, h, re.Body, now)
	if e.ErrorCode == "" && re.ErrorCode != "" {
		e.ErrorCode = Sanitize(re.ErrorCode)
		e.Reason = firstNonEmpty(e.Reason, Sanitize(re.ErrorDescription))
		e.Kind = ""
		finishError(e)
	}
	e.Err = errors.New("token endpoint error") // the raw RetrieveError holds the body; keep it out
	return e
}

// wrapCallErr turns any error of an HTTP call into an *Error.
func wrapCallErr(ctx context.Context, op string, err error, now time.Time) *Error {
	var e *Error
	var re *oauth2.RetrieveError
	switch {
	case errors.As(err, &e):
		return e
	case ctx.Err() != nil && errors.Is(ctx.Err(), context.Canceled):
		return &Error{Kind: KindCanceled, Op: op, Err: context.Canceled}
	case errors.As(err, &re):
		return fromRetrieveError(op, re, now)
	case isNetErr(err):
		return &Error{Kind: KindNetwork, Op: op, Err: err}
	}
	return &Error{Kind: KindBadResponse, Op: op, Err: err}
}

// isNetErr reports whether err is a failure of the network path. A local
// file failure is not one, although its syscall.Errno (ENOSPC, EROFS,
// EACCES) satisfies net.Error: only an errno inside a *net.OpError (or
// the HTTP client's *url.Error) comes from the network.
func isNetErr(err error) bool {
	var ue *url.Error
	var oe *net.OpError
	var de *net.DNSError
	switch {
	case errors.As(err, &ue), errors.As(err, &oe), errors.As(err, &de):
		return true
	case isLocalFileErr(err):
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) {
		if _, bare := ne.(syscall.Errno); !bare {
			return true
		}
	}
	return errors.Is(err, context.DeadlineExceeded)
}

// isLocalFileErr reports whether err is the failure of a file operation
// on this computer (the *fs.PathError, *os.LinkError or *os.SyscallError
// that package os returns; storage wraps them with the path and the cause
// in words).
func isLocalFileErr(err error) bool {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	return errors.As(err, &pe) || errors.As(err, &le) || errors.As(err, &se)
}

// plainKind guesses the Kind of an error that is not an *Error.
func plainKind(err error) Kind {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return KindCanceled
	case errors.Is(err, context.DeadlineExceeded):
		return KindTimeout
	case isNetErr(err):
		return KindNetwork
	case isLocalFileErr(err):
		return KindStorage
	}
	return KindUnknown
}

// classify picks the Kind from code, reason text, OAuth error and status.
func classify(e *Error) Kind {
	if e.HTTPStatus == http.StatusTooManyRequests || e.Code == 429 {
		return KindRateLimited
	}
	k := classifyZoom(e)
	if k == KindInvalidGrant && e.Op == OpExchange {
		return KindInvalidCode // nothing is stored yet: the code was bad
	}
	return k
}

func classifyZoom(e *Error) Kind {
	if k := codeKind(e); k != "" {
		return k
	}
	if k := reasonKind(e.Reason); k != "" {
		return k
	}
	if k := errorCodeKind(e.Op, e.ErrorCode); k != "" {
		return k
	}
	return statusKind(e.Op, e.HTTPStatus)
}

func codeKind(e *Error) Kind {
	switch e.Code {
	case 4700:
		low := strings.ToLower(e.Reason)
		switch {
		case strings.Contains(low, "redirect"):
			return KindRedirectMismatch
		case len(e.MissingScopes) > 0:
			return KindMissingScopes
		}
		return ""
	case 4711:
		if isAPIOp(e.Op) {
			return KindMissingScopes
		}
		return KindInvalidGrant
	case 124:
		return KindInvalidAccess
	}
	return oauthCodeKind(e.Code)
}

// oauthCodeKind maps Zoom's OAuth codes (zoom-oauth.md §4.1) to a Kind.
func oauthCodeKind(code int) Kind {
	switch code {
	case 4702, 4704, 4706:
		return KindInvalidClient
	case 4705:
		return KindUnsupportedGrant
	case 4709:
		return KindRedirectMismatch
	case 4717:
		return KindAppDisabled
	case 4733, 4734:
		return KindInvalidCode
	case 4735:
		return KindUserGone
	case 4737, 4740:
		return KindInvalidGrant
	case 4738:
		return KindDisabledByAdmin
	case 4741:
		return KindRevoked
	}
	return ""
}

func reasonKind(reason string) Kind {
	low := strings.ToLower(strings.TrimSpace(reason))
	switch {
	case low == "invalid token!":
		return KindInvalidGrant
	case strings.Contains(low, "invalid client_id or client_secret"),
		strings.HasPrefix(low, "invalid client_id"):
		return KindInvalidClient
	case strings.Contains(low, "unsupported grant type"):
		return KindUnsupportedGrant
	}
	return ""
}

func errorCodeKind(op, code string) Kind {
	switch code {
	case "invalid_grant":
		if op == OpExchange {
			return KindInvalidCode
		}
		return KindInvalidGrant
	case "invalid_client", "unauthorized_client":
		return KindInvalidClient
	case "unsupported_grant_type":
		return KindUnsupportedGrant
	}
	return ""
}

func statusKind(op string, status int) Kind {
	switch {
	case status >= 500:
		return KindServer
	case status == http.StatusUnauthorized && isAPIOp(op):
		return KindInvalidAccess
	}
	return KindUnknown
}

// reasonCode is one of Zoom's reason texts and the code it stands for.
type reasonCode struct {
	text string
	code int
}

// reasonCodes recognises Zoom's reason texts that carry no numeric code.
func reasonCodes() []reasonCode {
	return []reasonCode{
		{"redirect uri mismatch", 4709},
		{"invalid redirect url", 4700},
		{"token cannot be empty", 4700},
		{"the token is disabled by admin", 4738},
		{"the token has been revoked", 4741},
		{"code is expired", 4733},
		{"invalid authorization code", 4734},
		{"the app has been disabled", 4717},
		{"the owner of the token does not exist", 4735},
		{"refresh token invalid", 4711},
	}
}

func codeFromReason(reason, op string) int {
	low := strings.ToLower(reason)
	for _, rc := range reasonCodes() {
		if strings.Contains(low, rc.text) {
			return rc.code
		}
	}
	if isAPIOp(op) && (strings.Contains(low, "invalid access token") || strings.Contains(low, "access token is expired")) {
		if strings.Contains(low, "does not contain scopes") {
			return 4711
		}
		return 124
	}
	return 0
}

var scopeListRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)scopes?\s*:?\s*\[([^\]]*)\]`)
})

// parseMissingScopes reads the list from "... does not contain scopes:[a, b]."
func parseMissingScopes(reason string) []string {
	m := scopeListRE().FindStringSubmatch(reason)
	if m == nil {
		return nil
	}
	var out []string
	for _, s := range strings.Split(m[1], ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// preapprovalKey recognises the pre-approval family of messages.
func preapprovalKey(reason string) string {
	low := strings.ToLower(reason)
	switch {
	case strings.Contains(low, "an account admin is required"):
		return "preapproval:admin_app"
	case strings.Contains(low, "pre-approv"), strings.Contains(low, "you cannot authorize"):
		return "preapproval:required"
	}
	return ""
}

// ParseRetryAfter reads a Retry-After value given as seconds, an HTTP date
// or an ISO 8601 timestamp (Zoom uses both forms), relative to now. An empty,
// unparseable or past value gives 0; the result is capped at 24 hours.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	const maxWait = 24 * time.Hour
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		return min(time.Duration(min(n, int64(maxWait/time.Second)))*time.Second, maxWait)
	}
	t, err := http.ParseTime(v)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if err == nil {
			break
		}
		t, err = time.Parse(layout, v)
	}
	if err != nil || !t.After(now) {
		return 0
	}
	return min(t.Sub(now), maxWait)
}

// redact removes every known secret from the error's texts.
func (e *Error) redact(secrets ...string) *Error {
	for _, s := range secrets {
		if len(s) >= 4 {
			e.Reason = strings.ReplaceAll(e.Reason, s, "[redacted]")
			e.ErrorCode = strings.ReplaceAll(e.ErrorCode, s, "[redacted]")
			e.TrackingID = strings.ReplaceAll(e.TrackingID, s, "[redacted]")
			for i, sc := range e.MissingScopes {
				e.MissingScopes[i] = strings.ReplaceAll(sc, s, "[redacted]")
			}
		}
	}
	return e
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
