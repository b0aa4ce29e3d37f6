package oauthflow

import "time"

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
	KindUnsupportedGrant Kind = "unsupported_grant" // unsupported_grant_type / 4705
	KindUnknown          Kind = "unknown"
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

// Error implements error. It never contains a token or secret.
func (e *Error) Error() string { return string(e.Kind) }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Key is the error-table key for this error, e.g. "oauth:4709",
// "token:invalid_client", "api:124", "callback:access_denied", "kind:timeout".
func (e *Error) Key() string { return "kind:" + string(e.Kind) }
