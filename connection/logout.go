package connection

import (
	"context"
	"errors"
	"fmt"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// LogoutReport says what Logout did, step by step: each step is done, or
// failed with its error, or was not needed.
type LogoutReport struct {
	Profile string
	// Revoked is set when Zoom accepted the revocation.
	Revoked bool
	// RevokeSkipped is set with keepRemote, or when no token could be read.
	RevokeSkipped bool
	// RevokedBefore is set when an earlier, unfinished logout had already
	// revoked the connection, so it was not revoked again.
	RevokedBefore bool
	// RevokeErr is why the revocation failed; local data is deleted anyway.
	RevokeErr error
	// SecretsLocation is where the secrets were (or remain).
	SecretsLocation string
	// SecretsDeleted is set when the secrets here were deleted;
	// SecretsErr is why they could not be.
	SecretsDeleted bool
	SecretsErr     error
	// Incomplete is set when the secrets could not be deleted: the profile
	// is kept, marked "logout incomplete" (storage.Profile.LogoutIncomplete),
	// so that list, status and doctor show it and the next logout finishes
	// the job. MarkErr is why even marking it failed.
	Incomplete bool
	MarkErr    error
	// Resumed is set when this logout finished one left incomplete.
	Resumed bool
	// ProfileDeleted is set when the profile was deleted; ProfileErr is
	// why it could not be (its secrets are gone by then).
	ProfileDeleted bool
	ProfileErr     error
	// PendingDeleted is set when an attempt waiting for pre-approval (and
	// its keyring item) was deleted; PendingErr is why it could not be.
	PendingDeleted bool
	PendingErr     error
	// NotesRemoved names the notes of replaced profiles that pointed to
	// this one, removed with it; NotesErr is why some could not be.
	NotesRemoved []string
	NotesErr     error
	// ReplacedBy is set when the name was only the note of a profile
	// replaced by that one; the note was removed (ProfileDeleted).
	ReplacedBy string
	// WasDefault is set when the default pointer named this profile (it is
	// cleared).
	WasDefault bool
	// AlreadyGone is set when there was no such profile (logout is
	// idempotent).
	AlreadyGone bool
	// RemoveAppHint says where the app can be removed in Zoom, in the
	// Manager's language; empty for a sandbox profile, which never reached
	// a Zoom account.
	RemoveAppHint string
	// Sandbox is set when the profile was made under --sandbox: it was
	// revoked at the built-in sandbox, not at Zoom.
	Sandbox bool
}

// Logout revokes the connection at Zoom unless keepRemote, with whatever
// token can be read, then deletes its secrets, its profile (and the
// default pointer if it named it), its pending attempt and the notes of
// profiles it replaced. It holds the profile's lock throughout, the same
// lock as refresh, waiting as long as another process holds it
// (OnLockWait is told); when ctx is canceled while it waits, nothing has
// changed and the error wraps context.Canceled.
//
// When the secrets cannot be deleted (the keyring does not answer), the
// profile is kept and marked "logout incomplete" instead, and the next
// Logout finishes the job, even when the secrets cannot be read. A failed
// revocation is in the report, not the error; the error is non-nil when a
// local step failed. Logging out a missing profile succeeds with
// AlreadyGone, after removing what a failed save may have left.
func (m *Manager) Logout(ctx context.Context, name string, keepRemote bool) (*LogoutReport, error) {
	if err := storage.ValidateName(name); err != nil {
		return nil, err
	}
	unlock, err := m.lock(ctx, name, 0)
	var fe *storage.FileError
	switch {
	case errors.As(err, &fe):
		// The lock file cannot even be created (a read-only state dir): no
		// refresh can hold it either, so logging out without it is safe,
		// and refusing would leave the connection impossible to remove.
		unlock = func() {}
	case err != nil:
		return nil, fmt.Errorf("logout %q: %w", name, err)
	}
	defer unlock()
	ctx = context.WithoutCancel(ctx) // from here on, a logout runs to its end
	rep := &LogoutReport{Profile: name, RemoveAppHint: m.T.T("logout.remove_app_hint"), RevokeSkipped: keepRemote,
		WasDefault: m.Store.DefaultProfile() == name}
	p, err := m.Store.LoadProfile(name)
	var re *storage.ReplacedError
	switch {
	case errors.As(err, &re):
		rep.ReplacedBy, rep.RevokeSkipped = re.By, true
		rep.ProfileErr = m.Store.DeleteProfile(name)
		rep.ProfileDeleted = rep.ProfileErr == nil
	case errors.Is(err, storage.ErrNotFound):
		rep.AlreadyGone, rep.RevokeSkipped = true, true
		rep.SecretsErr = m.Store.DeleteLeftovers(ctx, name)
	case err != nil:
		return nil, fmt.Errorf("logout %q: %w", name, err)
	default:
		m.logoutProfile(ctx, p, keepRemote, rep)
	}
	rep.PendingDeleted, rep.PendingErr = m.clearPending(ctx, name)
	if rep.AlreadyGone && rep.PendingDeleted {
		rep.AlreadyGone = false // there was something to delete after all
	}
	return rep, rep.localErr()
}

// logoutProfile revokes and deletes a saved profile (see Logout).
func (m *Manager) logoutProfile(ctx context.Context, p *storage.Profile, keepRemote bool, rep *LogoutReport) {
	rep.SecretsLocation = m.Store.SecretsLocation(p)
	if p.IsSandbox() {
		rep.Sandbox, rep.RemoveAppHint = true, ""
	}
	prev := p.LogoutIncomplete
	rep.Resumed = prev != nil
	switch {
	case keepRemote:
	case prev != nil && prev.Revoked:
		rep.RevokedBefore, rep.RevokeSkipped = true, true
	default:
		m.revoke(ctx, p, rep)
	}
	if err := m.Store.DeleteSecrets(ctx, p); err != nil {
		rep.SecretsErr, rep.Incomplete = err, true
		p.LogoutIncomplete = &storage.LogoutIncomplete{At: m.now().UTC(), Where: rep.SecretsLocation,
			Revoked: rep.Revoked || rep.RevokedBefore}
		rep.MarkErr = m.Store.SaveProfile(p)
		return
	}
	rep.SecretsDeleted = true
	if err := m.Store.DeleteProfile(p.Name); err != nil {
		rep.ProfileErr = err
		return
	}
	rep.ProfileDeleted = true
	rep.NotesRemoved, rep.NotesErr = m.removeNotesOf(ctx, p.Name)
}

// localErr joins the local steps that failed, nil when none did.
func (rep *LogoutReport) localErr() error {
	if err := errors.Join(rep.SecretsErr, rep.MarkErr, rep.ProfileErr, rep.PendingErr, rep.NotesErr); err != nil {
		return fmt.Errorf("logout %q: %w", rep.Profile, err)
	}
	return nil
}

// revoke revokes the refresh token (which ends its access tokens too), or
// the access token when no refresh token is saved, with whatever copy of
// the secrets can be read: the profile's backend, else a stray file.
func (m *Manager) revoke(ctx context.Context, p *storage.Profile, rep *LogoutReport) {
	sec, err := m.Store.LoadSecrets(ctx, p)
	if err != nil && p.SecretBackend != storage.BackendFile {
		if alt, ferr := m.Store.LoadSecrets(ctx, &storage.Profile{Name: p.Name, SecretBackend: storage.BackendFile}); ferr == nil {
			sec, err = alt, nil
		}
	}
	if err != nil {
		rep.RevokeSkipped = true
		rep.RevokeErr = fmt.Errorf("could not read the secrets to revoke them: %w", err)
		return
	}
	token, hint := sec.RefreshToken, oauthflow.HintRefreshToken
	if token == "" {
		token, hint = sec.AccessToken, oauthflow.HintAccessToken
	}
	if token == "" {
		rep.RevokeSkipped = true
		return
	}
	if err := m.client(p, sec).Revoke(ctx, token, hint); err != nil {
		rep.RevokeErr = fmt.Errorf("revoke at Zoom: %w", err)
		return
	}
	rep.Revoked = true
}

// clearPending deletes the profile's attempt waiting for pre-approval and
// its keyring item, reporting whether there was one.
func (m *Manager) clearPending(ctx context.Context, name string) (bool, error) {
	if !m.Store.PendingExists(name) {
		return false, nil
	}
	if err := m.Store.ClearPending(ctx, name); err != nil {
		return false, err
	}
	return true, nil
}

// removeNotesOf removes the notes of replaced profiles that point to
// name, each under its own lock.
func (m *Manager) removeNotesOf(ctx context.Context, name string) ([]string, error) {
	notes, err := m.Store.ListReplaced()
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, n := range notes {
		if n.By != name {
			continue
		}
		unlock, err := m.lock(ctx, n.Name, m.lockTimeout())
		if err == nil {
			err = m.Store.DeleteProfile(n.Name)
			unlock()
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, n.Name)
	}
	return removed, errors.Join(errs...)
}
