// Package connection keeps a saved Zoom connection alive: it hands out valid
// access tokens, refreshing them under a cross-process lock and persisting
// every rotated refresh token before it is used, checks status, and logs out.
// It joins oauthflow (the wire) and storage (the disk); it imports no UI
// package.
package connection

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

var errTODO = errors.New("connection: not implemented yet")

// Manager works on the connections of one Store.
type Manager struct {
	Store      *storage.Store
	HTTPClient *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// RefreshMargin refreshes this long before expiry; 0 means 5 minutes.
	RefreshMargin time.Duration
	// LockTimeout bounds the wait for another process's refresh; 0 = 30s.
	LockTimeout time.Duration
}

// ErrReconnectNeeded wraps every failure after which only a new
// authorization helps (invalid_grant, 4741, 4738, a lost refresh token).
var ErrReconnectNeeded = errors.New("reconnect needed")

// Save stores a freshly authorized connection: secrets first (read back),
// then the profile, so a failure never leaves a profile without secrets.
func (m *Manager) Save(ctx context.Context, p *storage.Profile, backend storage.SecretBackend, sec storage.Secrets) error {
	return errTODO
}

// SameApp lists saved profiles that use clientID on the same auth host:
// authorizing again will end their authorization (Zoom keeps only the
// latest one per user and app).
func (m *Manager) SameApp(clientID, authBaseURL string) ([]storage.Profile, error) {
	return nil, errTODO
}

// Token returns a valid access token for the profile, refreshing first when
// it expires within RefreshMargin or when force is set.
func (m *Manager) Token(ctx context.Context, name string, force bool) (string, error) {
	return "", errTODO
}

// Me calls users/me for the profile, refreshing once on a 401.
func (m *Manager) Me(ctx context.Context, name string) (*oauthflow.User, error) {
	return nil, errTODO
}
