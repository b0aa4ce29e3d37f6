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

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Manager works on the connections of one Store. Several Managers, in one
// process or many, may share the same directories: refreshes are serialized
// by the Store's file lock.
type Manager struct {
	Store      *storage.Store
	HTTPClient *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// RefreshMargin refreshes this long before expiry; 0 means 5 minutes.
	RefreshMargin time.Duration
	// LockTimeout bounds the wait for another process's refresh or save;
	// 0 = 30s. Logout waits as long as it takes (until its ctx ends).
	LockTimeout time.Duration
	// OnLockWait, when set, is called once when another process holds a
	// profile's lock and this one starts waiting for it; holder names that
	// process ("pid 1234 (zoomconnect refresh)") or is empty. The CLI
	// prints it; this package prints nothing.
	OnLockWait func(profile, holder string)
	// Endpoints gives the Zoom hosts of a profile; nil means the profile's
	// AuthBaseURL/APIBaseURL (Zoom's defaults when empty). The CLI uses it
	// to point sandbox profiles at the running sandbox.
	Endpoints func(p *storage.Profile) oauthflow.Endpoints
	// Client builds the Zoom client of a profile; nil means an
	// *oauthflow.Client with the profile's app, HTTPClient and Now. Tests
	// inject fakes.
	Client func(p *storage.Profile, sec storage.Secrets) Zoom
	// T is the language of the words the Manager writes for people
	// (Status's problems, the logout report); nil means English. Errors
	// stay English in Error() and say themselves in a language (i18n.Say).
	T *i18n.Printer
}

// Zoom is what a Manager needs from Zoom; *oauthflow.Client implements it.
type Zoom interface {
	Refresh(ctx context.Context, refreshToken string) (*oauth2.Token, error)
	Revoke(ctx context.Context, token, hint string) error
	Me(ctx context.Context, accessToken string) (*oauthflow.User, error)
}

// ErrReconnectNeeded wraps every failure after which only a new
// authorization helps (invalid_grant, 4741, 4738, a lost refresh token).
var ErrReconnectNeeded = errors.New("reconnect needed")

// ErrLogoutIncomplete wraps the error of using a connection whose logout
// did not finish (storage.Profile.LogoutIncomplete): it refuses to be
// used until `zoomconnect logout` finishes the job.
var ErrLogoutIncomplete = errors.New("a logout of this connection did not finish")

// LogoutCommand is the command that logs out (or finishes logging out)
// the named connection.
func LogoutCommand(name string) string { return "zoomconnect logout --profile " + name }

// logoutIncomplete is the error for a profile whose logout did not finish.
func logoutIncomplete(p *storage.Profile) error {
	return i18n.NewError(ErrLogoutIncomplete, "refresh.logout_incomplete", "Profile", p.Name,
		"Where", storage.LocationArg(p.LogoutIncomplete.Where), "Command", LogoutCommand(p.Name))
}

var _ Zoom = (*oauthflow.Client)(nil)

func (m *Manager) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

func (m *Manager) margin() time.Duration {
	if m.RefreshMargin > 0 {
		return m.RefreshMargin
	}
	return 5 * time.Minute
}

func (m *Manager) lockTimeout() time.Duration {
	if m.LockTimeout > 0 {
		return m.LockTimeout
	}
	return 30 * time.Second
}

// endpoints returns the Zoom hosts of p.
func (m *Manager) endpoints(p *storage.Profile) oauthflow.Endpoints {
	if m.Endpoints != nil {
		return m.Endpoints(p)
	}
	return SavedEndpoints(p)
}

// SavedEndpoints returns the Zoom hosts a profile saved, with Zoom's
// defaults for empty ones: what a Manager uses when its Endpoints hook is
// nil, and what a hook should return for profiles it does not redirect.
func SavedEndpoints(p *storage.Profile) oauthflow.Endpoints {
	ep := oauthflow.Endpoints{AuthBaseURL: p.AuthBaseURL, APIBaseURL: p.APIBaseURL}
	if ep.AuthBaseURL == "" {
		ep.AuthBaseURL = oauthflow.DefaultAuthBaseURL
	}
	if ep.APIBaseURL == "" {
		ep.APIBaseURL = oauthflow.DefaultAPIBaseURL
	}
	return ep
}

// client returns the Zoom client of p.
func (m *Manager) client(p *storage.Profile, sec storage.Secrets) Zoom {
	if m.Client != nil {
		return m.Client(p, sec)
	}
	return &oauthflow.Client{
		App:        oauthflow.App{ClientID: p.ClientID, ClientSecret: sec.ClientSecret, Endpoints: m.endpoints(p)},
		HTTPClient: m.HTTPClient,
		Now:        m.Now,
	}
}

// fresh reports whether sec's access token is valid beyond RefreshMargin.
func (m *Manager) fresh(sec storage.Secrets) bool {
	return sec.AccessToken != "" && !sec.Expiry.IsZero() && sec.Expiry.After(m.now().Add(m.margin()))
}

// load reads a profile and its secrets.
func (m *Manager) load(ctx context.Context, name string) (*storage.Profile, storage.Secrets, error) {
	return m.loadIf(ctx, name, func(*storage.Profile) error { return nil })
}

// loadUsable reads a profile that may be used (see usable), then its
// secrets.
func (m *Manager) loadUsable(ctx context.Context, name string) (*storage.Profile, storage.Secrets, error) {
	return m.loadIf(ctx, name, usable)
}

// loadIf reads a profile, checks it, then reads its secrets.
func (m *Manager) loadIf(ctx context.Context, name string, check func(*storage.Profile) error) (*storage.Profile, storage.Secrets, error) {
	p, err := m.Store.LoadProfile(name)
	if err != nil {
		return nil, storage.Secrets{}, err
	}
	if err := check(p); err != nil {
		return nil, storage.Secrets{}, err
	}
	sec, err := m.Store.LoadSecrets(ctx, p)
	if err != nil {
		return p, storage.Secrets{}, err
	}
	return p, sec, nil
}
