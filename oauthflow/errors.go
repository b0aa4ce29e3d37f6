package oauthflow

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind classifies a failure by what the user can do about it.
type Kind string

// Kinds of failure. Each has an entry in assets/errors.json.
const (
	KindDeclined         Kind = "declined"          // the user denied consent (callback error=access_denied)
	KindCallbackError    Kind = "callback_error"    // any other error redirect
	KindTimeout          Kind = "timeout"           // no callback before the deadline
	KindCanceled         Kind = "canceled"          // context canceled (ctrl+c, esc)
	KindInvalidClient    Kind = "invalid_client"    // wrong client ID or secret (4702/4704, invalid_client)
	KindRedirectMismatch Kind = "redirect_mismatch" // 4709 / 4700 "Invalid redirect url"
	KindInvalidCode      Kind = "invalid_code"      // 4733/4734, bad or expired code
	KindInvalidGrant     Kind = "invalid_grant"     // "Invalid Token!" / invalid_grant on refresh: reconnect
	KindRevoked          Kind = "revoked"           // 4741: a later authorization replaced this one
	KindDisabledByAdmin  Kind = "disabled_by_admin" // 4738
	KindAppDisabled      Kind = "app_disabled"      // 4717
	KindUserGone         Kind = "user_gone"         // 4735
	KindMissingScopes    Kind = "missing_scopes"    // API 4711 naming scopes
	KindInvalidAccess    Kind = "invalid_access"    // API 124
	KindRateLimited      Kind = "rate_limited"      // HTTP 429
	KindServer           Kind = "server"            // 5xx
	KindNetwork          Kind = "network"           // DNS, TLS, connection failures
	KindBadResponse      Kind = "bad_response"      // malformed token response
	KindStorage          Kind = "storage"           // a local file operation failed (disk full, read-only, permission)
	KindUnsupportedGrant Kind = "unsupported_grant" // unsupported_grant_type / 4705
	// KindDeviceUnavailable: the app does not offer the device sign-in
	// (any 4xx on the device authorization endpoint).
	KindDeviceUnavailable Kind = "device_unavailable"
	KindUnknown           Kind = "unknown"
)

// Kinds lists every Kind constant, for tests and docs.
func Kinds() []Kind {
	return []Kind{KindDeclined, KindCallbackError, KindTimeout, KindCanceled,
		KindInvalidClient, KindRedirectMismatch, KindInvalidCode, KindInvalidGrant,
		KindRevoked, KindDisabledByAdmin, KindAppDisabled, KindUserGone,
		KindMissingScopes, KindInvalidAccess, KindRateLimited, KindServer,
		KindNetwork, KindBadResponse, KindStorage, KindUnsupportedGrant, KindDeviceUnavailable, KindUnknown}
}

// Operations recorded in Error.Op.
const (
	OpAuthorize = "authorize"
	OpExchange  = "token exchange"
	OpRefresh   = "refresh"
	OpRevoke    = "revoke"
	OpMe        = "users/me"
	// OpDevice is the device sign-in: the device authorization request
	// and the polling of the token endpoint for its code.
	OpDevice = "device authorization"
)

// Error is a Zoom failure the UI can explain. Reason is sanitized: control
// characters and escape sequences are removed and it is cut to a sane length.
type Error struct {
	Kind       Kind
	Op         string // "authorize", "token exchange", "refresh", "revoke", "users/me"
	HTTPStatus int
	// Code is Zoom's numeric code (4709, 124, 4711, ...), 0 if none.
	Code int
	// ErrorCode is the OAuth error field ("invalid_grant", "access_denied").
	ErrorCode string
	// Reason is Zoom's reason/message/error_description.
	Reason string
	// TrackingID is Zoom's x-zm-trackingid response header, for support.
	TrackingID string
	// RetryAfter is the server's Retry-After, seconds or HTTP date, as a wait.
	RetryAfter time.Duration
	// MissingScopes lists the scopes a 4711 message names.
	MissingScopes []string
	Err           error
}

// Error implements error: one readable line such as
// `refresh: Zoom says "Invalid Token!" (invalid_grant)`. It never contains a
// token or secret: Reason is redacted of every secret the client knew.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op + ": ")
	}
	b.WriteString(e.summary())
	if tags := e.tags(); len(tags) > 0 {
		b.WriteString(" (" + strings.Join(tags, ", ") + ")")
	}
	if e.TrackingID != "" {
		b.WriteString(" [Zoom tracking ID " + e.TrackingID + "]")
	}
	return b.String()
}

func (e *Error) summary() string {
	switch {
	case e.Reason != "":
		return fmt.Sprintf("Zoom says %q", e.Reason)
	case e.Kind == KindTimeout:
		return "no answer from the browser before the deadline"
	case e.Kind == KindCanceled:
		return "canceled"
	case e.Kind == KindNetwork && e.Err != nil && e.Op != OpAuthorize: // authorize only binds a local port
		return "could not reach Zoom: " + Sanitize(e.Err.Error())
	case e.Kind == KindBadResponse && e.Err != nil:
		return "unusable response from Zoom: " + Sanitize(e.Err.Error())
	case e.HTTPStatus != 0:
		return "Zoom answered HTTP " + strconv.Itoa(e.HTTPStatus)
	case e.Err != nil && (e.Op == OpAuthorize || e.Kind == KindUnknown):
		return Sanitize(e.Err.Error())
	}
	return strings.ReplaceAll(string(e.Kind), "_", " ")
}

func (e *Error) tags() []string {
	var tags []string
	if e.ErrorCode != "" {
		tags = append(tags, e.ErrorCode)
	}
	if e.Code != 0 {
		tags = append(tags, strconv.Itoa(e.Code))
	}
	if e.HTTPStatus != 0 && e.Reason != "" {
		tags = append(tags, "HTTP "+strconv.Itoa(e.HTTPStatus))
	}
	if e.RetryAfter > 0 {
		tags = append(tags, "retry after "+e.RetryAfter.Round(time.Second).String())
	}
	return tags
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Key is the error-table key for this error, e.g. "oauth:4709",
// "token:invalid_client", "api:124", "callback:access_denied", "kind:timeout".
// It is the most specific candidate that has an entry in the table.
func (e *Error) Key() string {
	for _, k := range e.keyCandidates() {
		if _, ok := ExplanationFor(k); ok {
			return k
		}
	}
	return "kind:" + string(e.Kind)
}

// keyCandidates lists possible table keys, most specific first.
func (e *Error) keyCandidates() []string {
	var c []string
	if e.Kind == KindDeviceUnavailable {
		return []string{"kind:" + string(e.Kind)} // whatever Zoom said: the app lacks the grant
	}
	if e.Op == OpDevice && e.ErrorCode != "" {
		c = append(c, "device:"+e.ErrorCode)
	}
	if k := preapprovalKey(e.Reason); k != "" {
		c = append(c, k)
	}
	if errors.Is(e.Err, ErrInsecureEndpoint) {
		c = append(c, "config:insecure_endpoint")
	}
	if e.Op == OpAuthorize && e.Kind == KindNetwork {
		c = append(c, "loopback:listen") // the only network step of authorize
	}
	if e.Op == OpAuthorize && e.ErrorCode != "" {
		c = append(c, "callback:"+e.ErrorCode)
	}
	if e.Kind == KindRateLimited || e.HTTPStatus == 429 {
		c = append(c, "http:429")
	}
	if e.Kind == KindMissingScopes {
		c = append(c, "api:4711") // the one entry that names the scopes
	}
	if e.Code != 0 {
		c = append(c, e.codeKeys()...)
	}
	if e.Kind == KindInvalidCode && e.Code == 0 {
		c = append(c, "kind:invalid_code") // e.g. invalid_grant answering a code exchange
	}
	if strings.EqualFold(strings.TrimSpace(e.Reason), "Invalid Token!") {
		c = append(c, "token:invalid_grant")
	}
	if e.ErrorCode != "" && e.Op != OpAuthorize {
		c = append(c, "token:"+e.ErrorCode)
	}
	if e.HTTPStatus >= 500 {
		c = append(c, "http:5xx")
	}
	return c
}

func (e *Error) codeKeys() []string {
	prefix := "oauth:"
	if isAPIOp(e.Op) {
		prefix = "api:"
	}
	base := prefix + strconv.Itoa(e.Code)
	if e.Code == 124 {
		low := strings.ToLower(e.Reason)
		switch {
		case strings.Contains(low, "query"):
			return []string{base + ":query", base}
		case strings.Contains(low, "expired"):
			return []string{base + ":expired", base}
		}
	}
	return []string{base, "oauth:" + strconv.Itoa(e.Code)}
}

// isAPIOp reports whether op is a REST API call rather than an OAuth call.
func isAPIOp(op string) bool {
	switch op {
	case OpAuthorize, OpExchange, OpRefresh, OpRevoke, OpDevice:
		return false
	}
	return op != ""
}

// reconnectKinds are failures only a new authorization fixes.
func (k Kind) reconnect() bool {
	switch k {
	case KindInvalidGrant, KindRevoked, KindDisabledByAdmin, KindUserGone:
		return true
	}
	return false
}

// IsReconnect reports whether err means the stored connection is dead and
// only a new authorization (zoomconnect login) can fix it: "Invalid Token!"
// / invalid_grant, 4741 revoked, 4738 disabled by admin, 4735 user gone.
// Such errors must never be retried.
func IsReconnect(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.Kind.reconnect() || Explain(err).Reconnect)
}

// IsPreapproval reports whether err leads to the admin pre-approval path
// (4738 disabled by admin, "An account admin is required", ...).
func IsPreapproval(err error) bool {
	var e *Error
	return errors.As(err, &e) && Explain(err).Preapproval
}

// KindOf returns the Kind of err: the *Error's Kind, or a best guess for a
// plain error (canceled, timeout, network, a local file failure, unknown).
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return plainKind(err)
}
