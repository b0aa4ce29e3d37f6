package connection

import (
	"fmt"

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
}

// Error names the reason and the command that fixes it.
func (e *ReconnectError) Error() string {
	return fmt.Sprintf("the Zoom connection %q needs reconnecting: %s; run: %s", e.Profile, e.Reason, storage.LoginCommand(e.Profile))
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
		return "another install took over: Zoom keeps only the latest authorization of a user for an app, and a newer one ended this connection (4741)"
	case ze.Code == 4738 || ze.Kind == oauthflow.KindDisabledByAdmin:
		return "a Zoom admin disabled this app's token (4738), usually by withdrawing the app's pre-approval"
	case ze.Code == 4735 || ze.Kind == oauthflow.KindUserGone:
		return "the Zoom user of this connection no longer exists in the account (4735)"
	default:
		return "Zoom rejected the refresh token (\"Invalid Token!\"): it was revoked, expired, or replaced by a newer authorization of the same app"
	}
}
