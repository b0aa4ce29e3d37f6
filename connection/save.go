package connection

import (
	"context"
	"errors"
	"fmt"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/storage"
)

// SavePlan is what saving a new login as a profile will do, worked out
// before anything is written, so the wizard can say it before the person
// authorizes and SaveLogin does exactly that (one rule: sameConnection).
type SavePlan struct {
	// Profile is the name the login will be saved as.
	Profile string
	// Existing is the saved profile of that name; nil when there is none
	// (the note of a replaced profile does not count: it is overwritten).
	Existing *storage.Profile
	// Overwrite is set when the saved profile of that name is another Zoom
	// user's or another app's connection (or cannot be read): saving ends
	// it here. A routine update of the same user and app is not one.
	Overwrite bool
	// Replaces are the other profiles of the same Zoom user on the same
	// app. Zoom keeps only the latest authorization of a user for an app,
	// so the new login ends theirs; the save leaves a note in place of each
	// (storage.Replaced) that names the new profile.
	Replaces []storage.Profile
}

// SaveResult says what SaveLogin did.
type SaveResult struct {
	Profile string
	Backend storage.SecretBackend
	// Where is where the secrets are: the keyring's name or the file's path.
	Where string
	// Overwrote is set when another user's or app's connection of the same
	// name was overwritten (SavePlan.Overwrite).
	Overwrote bool
	// Replaced names the profiles replaced by notes pointing to Profile.
	Replaced []string
	// ReplaceErr says which replacements failed. The login itself is
	// saved; a profile whose replacement failed is kept as it was.
	ReplaceErr error
}

// SaveError is a SaveLogin that failed after it began to write: what
// failed, and whether undoing it left everything as it was.
type SaveError struct {
	Profile string
	// Err is the write that failed.
	Err error
	// UndoErr is nil when nothing new remains and what existed before is
	// back; otherwise why putting it back failed.
	UndoErr error
	// HadProfile is set when a profile of that name existed before.
	HadProfile bool
}

// Error says what failed and what was undone.
func (e *SaveError) Error() string {
	before := "nothing new was kept"
	if e.HadProfile {
		before = "nothing new was kept, and the connection saved before under this name is as it was"
	}
	if e.UndoErr == nil {
		return fmt.Sprintf("save %q: %v; %s", e.Profile, e.Err, before)
	}
	return fmt.Sprintf("save %q: %v; undoing it failed too (%v), so parts of the new sign-in may remain: remove them with: zoomconnect logout --profile %s",
		e.Profile, e.Err, e.UndoErr, e.Profile)
}

// Unwrap returns the failed write's error and the undo's.
func (e *SaveError) Unwrap() []error {
	if e.UndoErr == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.UndoErr}
}

// PlanSave says what saving p (Name, ClientID, AuthBaseURL and UserID
// set) would do now; see SavePlan.
func (m *Manager) PlanSave(p *storage.Profile) (*SavePlan, error) {
	if err := storage.ValidateName(p.Name); err != nil {
		return nil, err
	}
	plan := &SavePlan{Profile: p.Name}
	existing, err := m.Store.LoadProfile(p.Name)
	switch {
	case err == nil:
		plan.Existing, plan.Overwrite = existing, !m.sameConnection(existing, p)
	case !errors.Is(err, storage.ErrNotFound):
		plan.Overwrite = true // damaged or unreadable: the save writes over it
	}
	same, err := m.SameApp(p.ClientID, p.AuthBaseURL)
	if err != nil {
		return nil, fmt.Errorf("plan the save of %q: %w", p.Name, err)
	}
	for i := range same {
		if m.replaces(p, &same[i]) {
			plan.Replaces = append(plan.Replaces, same[i])
		}
	}
	return plan, nil
}

// sameConnection is the one rule for "the same Zoom user on the same app":
// same client ID, same auth host (HostKey), same known user ID.
func (m *Manager) sameConnection(a, b *storage.Profile) bool {
	return a.ClientID == b.ClientID && a.UserID != "" && a.UserID == b.UserID &&
		(normHost(a.AuthBaseURL) == normHost(b.AuthBaseURL) || m.HostKey(a.AuthBaseURL) == m.HostKey(b.AuthBaseURL))
}

// replaces reports whether saving p replaces the other profile old.
func (m *Manager) replaces(p, old *storage.Profile) bool {
	return old.Name != p.Name && m.sameConnection(p, old)
}

// SaveLogin stores a freshly authorized connection, all or nothing. Under
// the profile's lock it snapshots what the name has (profile, secrets),
// writes the secrets to backend ("" means the keyring) and reads them back,
// then writes the profile; on any failure it puts the snapshot back, so
// nothing new remains, and returns a *SaveError saying what was undone.
// With the keyring, an error matching storage.ErrKeyringUnavailable or
// storage.ErrKeyringTimeout means nothing was written: the caller may ask
// for consent and call again with storage.BackendFile. SaveLogin never
// revokes at Zoom (the caller decides whether to retry or give up).
//
// Once saved, it performs the plan's replacements (PlanSave, worked out
// again under the lock): each replaced profile's secrets are deleted and a
// note pointing to p takes its place, and the default pointer follows.
// Their failures are in SaveResult.ReplaceErr, not the error.
func (m *Manager) SaveLogin(ctx context.Context, p *storage.Profile, backend storage.SecretBackend, sec storage.Secrets) (*SaveResult, error) {
	if err := storage.ValidateName(p.Name); err != nil {
		return nil, err
	}
	if sec.AccessToken == "" && sec.RefreshToken == "" {
		return nil, i18n.NewError(nil, "save.no_tokens", "Profile", p.Name, "Command", storage.LoginCommandFor(p))
	}
	if backend == "" {
		backend = storage.BackendKeyring
	}
	unlock, err := m.lock(ctx, p.Name, m.lockTimeout())
	if err != nil {
		return nil, fmt.Errorf("save %q: %w", p.Name, err)
	}
	plan, err := m.PlanSave(p)
	if err == nil {
		err = m.commit(ctx, p, plan.Existing, backend, sec)
	}
	unlock()
	if err != nil {
		return nil, err
	}
	res := &SaveResult{Profile: p.Name, Backend: backend, Where: m.Store.SecretsLocation(p), Overwrote: plan.Overwrite}
	res.Replaced, res.ReplaceErr = m.replaceAll(ctx, p, plan.Replaces)
	return res, nil
}

// Save stores a freshly authorized connection all or nothing, as
// SaveLogin does, but replaces no other profile.
func (m *Manager) Save(ctx context.Context, p *storage.Profile, backend storage.SecretBackend, sec storage.Secrets) error {
	if err := storage.ValidateName(p.Name); err != nil {
		return err
	}
	if sec.AccessToken == "" && sec.RefreshToken == "" {
		return i18n.NewError(nil, "save.no_tokens", "Profile", p.Name, "Command", storage.LoginCommandFor(p))
	}
	if backend == "" {
		backend = storage.BackendKeyring
	}
	unlock, err := m.lock(ctx, p.Name, m.lockTimeout())
	if err != nil {
		return fmt.Errorf("save %q: %w", p.Name, err)
	}
	defer unlock()
	existing, _ := m.Store.LoadProfile(p.Name)
	return m.commit(ctx, p, existing, backend, sec)
}

// SaveReplacing is SaveLogin returning the replaced names, kept for the
// wizard's current callers; the error includes a failed replacement.
//
// Deprecated: use PlanSave and SaveLogin.
func (m *Manager) SaveReplacing(ctx context.Context, p *storage.Profile, backend storage.SecretBackend, sec storage.Secrets) ([]string, error) {
	res, err := m.SaveLogin(ctx, p, backend, sec)
	if err != nil {
		return nil, err
	}
	if res.ReplaceErr != nil {
		return res.Replaced, i18n.NewError(res.ReplaceErr, "save.replace_failed", "Profile", p.Name, "Reason", res.ReplaceErr)
	}
	return res.Replaced, nil
}

// commit writes sec and then p under the held lock, undoing everything on
// failure. existing is the profile saved under p's name (nil when none):
// a copy of its secrets in the backend not chosen is removed.
func (m *Manager) commit(ctx context.Context, p, existing *storage.Profile, backend storage.SecretBackend, sec storage.Secrets) error {
	usesKeyring := backend == storage.BackendKeyring || (existing != nil && existing.SecretBackend != storage.BackendFile)
	snap, err := m.Store.Snapshot(ctx, p.Name, usesKeyring)
	if err != nil {
		return fmt.Errorf("save %q: %w", p.Name, err)
	}
	if backend == storage.BackendKeyring && snap.KeyringErr() != nil {
		return fmt.Errorf("save %q: %w", p.Name, snap.KeyringErr()) // nothing written
	}
	p.SecretBackend = ""
	if existing != nil {
		p.SecretBackend = existing.SecretBackend // so that SaveSecrets removes its other copy
	}
	sec.Expiry = sec.Expiry.UTC()
	// The mark lets the next holder of the lock remove the secrets if this
	// process dies before the profile names them (storage.BeginSave).
	_ = m.Store.BeginSave(p.Name, backend)
	if err := m.Store.SaveSecrets(ctx, p, backend, sec); err != nil {
		p.SecretBackend = backend
		return m.undo(ctx, p.Name, snap, backend, err)
	}
	p.AccessExpiry = sec.Expiry
	p.ReconnectReason, p.LastRefreshResult, p.LogoutIncomplete = "", "", nil
	if err := m.Store.SaveProfile(p); err != nil {
		return m.undo(ctx, p.Name, snap, backend, err)
	}
	_ = m.Store.EndSave(p.Name)
	return nil
}

// undo puts snap back after a failed write and builds the error. The
// save's mark stays when the undo failed too, so the next holder of the
// lock tries again.
func (m *Manager) undo(ctx context.Context, name string, snap *storage.Snapshot, backend storage.SecretBackend, err error) error {
	uctx := context.WithoutCancel(ctx) // an interrupted save is undone all the same
	undoErr := m.Store.Restore(uctx, snap, backend == storage.BackendKeyring)
	if undoErr == nil {
		_ = m.Store.EndSave(name)
	}
	return &SaveError{Profile: name, Err: err, HadProfile: snap.HadProfile(), UndoErr: undoErr}
}

// replaceAll replaces each of olds by a note pointing to p (see
// replaceOne) and moves the default pointer to p when it named one.
func (m *Manager) replaceAll(ctx context.Context, p *storage.Profile, olds []storage.Profile) ([]string, error) {
	wasDefault := m.Store.DefaultProfile()
	var replaced []string
	var errs []error
	for i := range olds {
		ok, err := m.replaceOne(ctx, p, olds[i].Name)
		if err != nil {
			errs = append(errs, fmt.Errorf("replacing %q: %w", olds[i].Name, err))
		}
		if !ok {
			continue
		}
		replaced = append(replaced, olds[i].Name)
		if wasDefault == olds[i].Name {
			errs = append(errs, m.Store.SetDefaultProfile(p.Name))
		}
	}
	return replaced, errors.Join(errs...)
}

// replaceOne deletes the secrets of profile old, under its lock and only
// if it still is the same connection as p, then writes the note that p
// replaced it and repoints older notes at p. It reports whether old was
// replaced; when its secrets cannot be deleted it is kept as it was.
func (m *Manager) replaceOne(ctx context.Context, p *storage.Profile, old string) (bool, error) {
	unlock, err := m.lock(ctx, old, m.lockTimeout())
	if err != nil {
		return false, err
	}
	defer unlock()
	cur, err := m.Store.LoadProfile(old)
	if err != nil || !m.replaces(p, cur) {
		return false, nil // gone or changed meanwhile: nothing to replace
	}
	if err := m.Store.DeleteSecrets(ctx, cur); err != nil {
		return false, i18n.NewError(err, "save.old_kept", "Reason", err)
	}
	note := storage.Replaced{Name: old, By: p.Name, At: m.now(), Email: p.Email}
	if err := m.Store.SaveReplaced(note); err != nil {
		return false, err
	}
	return true, m.repointNotes(ctx, old, p.Name)
}

// repointNotes makes the notes that point to from point to to, so that a
// chain of replacements ends at the newest profile.
func (m *Manager) repointNotes(ctx context.Context, from, to string) error {
	notes, err := m.Store.ListReplaced()
	if err != nil {
		return err
	}
	var errs []error
	for _, n := range notes {
		if n.By != from || n.Name == to {
			continue
		}
		unlock, err := m.lock(ctx, n.Name, m.lockTimeout())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n.By = to
		errs = append(errs, m.Store.SaveReplaced(n))
		unlock()
	}
	return errors.Join(errs...)
}
