package connection

import (
	"context"
	"errors"
	"fmt"

	"github.com/zoomconnect/zoomconnect/storage"
)

// RemoveAppHint says where a user removes the app from their Zoom account.
const RemoveAppHint = "To remove the app from your Zoom account too: Zoom App Marketplace → Manage → Added Apps → Remove."

// LogoutReport says what Logout did.
type LogoutReport struct {
	Profile string
	// Revoked is set when Zoom accepted the revocation.
	Revoked bool
	// RevokeSkipped is set with keepRemote, or when there was no token.
	RevokeSkipped bool
	// RevokeErr is why the revocation failed; local data is deleted anyway.
	RevokeErr error
	// SecretsLocation is where the deleted secrets were.
	SecretsLocation string
	// WasDefault is set when the default pointer named this profile (it is
	// cleared).
	WasDefault bool
	// AlreadyGone is set when there was no such profile (logout is
	// idempotent).
	AlreadyGone bool
	// RemoveAppHint says where the app can be removed in Zoom; empty for a
	// sandbox profile, which never reached a Zoom account.
	RemoveAppHint string
	// Sandbox is set when the profile was made under --sandbox: it was
	// revoked at the built-in sandbox, not at Zoom.
	Sandbox bool
}

// Logout revokes the connection at Zoom unless keepRemote, then ALWAYS
// deletes its secrets and profile (and the default pointer if it named it).
// A failed revocation is reported in the report, not as an error; the error
// is non-nil only when local data could not be deleted. Logging out a
// missing profile succeeds with AlreadyGone.
func (m *Manager) Logout(ctx context.Context, name string, keepRemote bool) (*LogoutReport, error) {
	if err := storage.ValidateName(name); err != nil {
		return nil, err
	}
	rep := &LogoutReport{Profile: name, RemoveAppHint: RemoveAppHint, RevokeSkipped: keepRemote}
	p, err := m.Store.LoadProfile(name)
	if errors.Is(err, storage.ErrNotFound) {
		rep.AlreadyGone, rep.RevokeSkipped = true, true
		// A stray plaintext file is removed; there is no profile to name a keyring item.
		return rep, m.Store.DeleteSecrets(ctx, &storage.Profile{Name: name, SecretBackend: storage.BackendFile})
	}
	if err != nil {
		return nil, err
	}
	unlock := m.tryLock(ctx, name)
	defer unlock()
	rep.SecretsLocation = m.Store.SecretsLocation(p)
	if p.IsSandbox() {
		rep.Sandbox, rep.RemoveAppHint = true, ""
	}
	rep.WasDefault = m.Store.DefaultProfile() == name
	if !keepRemote {
		m.revoke(ctx, p, rep)
	}
	errs := []error{m.Store.DeleteSecrets(ctx, p), m.Store.DeleteProfile(name), m.Store.ClearPending(ctx, name)}
	if err := errors.Join(errs...); err != nil {
		return rep, fmt.Errorf("logout %q: %w", name, err)
	}
	return rep, nil
}

// revoke revokes the refresh token (which ends its access tokens too).
func (m *Manager) revoke(ctx context.Context, p *storage.Profile, rep *LogoutReport) {
	sec, err := m.Store.LoadSecrets(ctx, p)
	if err != nil {
		rep.RevokeErr = fmt.Errorf("could not read the secrets to revoke them: %w", err)
		return
	}
	token := sec.RefreshToken
	if token == "" {
		token = sec.AccessToken
	}
	if token == "" {
		rep.RevokeSkipped = true
		return
	}
	if err := m.client(p, sec).Revoke(ctx, token); err != nil {
		rep.RevokeErr = fmt.Errorf("revoke at Zoom: %w", err)
		return
	}
	rep.Revoked = true
}

// tryLock takes the profile lock if it can within LockTimeout; logout goes
// on without it (a stuck process must not prevent deleting local data).
func (m *Manager) tryLock(ctx context.Context, name string) (unlock func()) {
	lctx, cancel := context.WithTimeout(ctx, m.lockTimeout())
	defer cancel()
	unlock, err := m.Store.Lock(lctx, name)
	if err != nil {
		return func() {}
	}
	return unlock
}
