package connection

import "context"

// APITokens is a saved connection as the token source of Zoom API
// requests (package zoomapi's Tokens and Rejecter): Token is Manager.Token
// on Name, and Rejected records an answer only a new authorization fixes
// (4741, 4738, 4735), as a failed users/me does.
type APITokens struct {
	M    *Manager
	Name string
}

// Token returns a valid access token, refreshing first when it is due or
// when force is set.
func (a APITokens) Token(ctx context.Context, force bool) (string, error) {
	return a.M.Token(ctx, a.Name, force)
}

// Rejected marks the connection "reconnect needed" when err is final for
// it and returns the error that says so (wrapping ErrReconnectNeeded and
// err); any other err is returned as it is.
func (a APITokens) Rejected(ctx context.Context, err error) error {
	ze, final := reconnectCause(err)
	if !final {
		return err
	}
	return a.M.markReconnectLocked(ctx, a.Name, ReasonWords(ze), err)
}
