package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
	gokeyring "github.com/zalando/go-keyring"
)

// itemAdmin is the kind of keyring item that holds an admin profile's
// client secret: "admin:NAME@TAG", apart from every connection's items.
const itemAdmin = "admin"

// AdminProfile is a Zoom account admin's Server-to-Server OAuth app, saved
// for zoomconnect's admin commands. It is never a user's connection: it
// lives in its own directory (AdminProfilePath), its secret in its own
// keyring item (or, only with consent, its own 0600 file), and no command
// about connections reads it.
type AdminProfile struct {
	Name      string `json:"name"`
	AccountID string `json:"account_id"`
	ClientID  string `json:"client_id"`
	// AuthBaseURL and APIBaseURL are the Zoom hosts, or SandboxMarker for
	// the built-in sandbox's demo admin app.
	AuthBaseURL   string        `json:"auth_base_url"`
	APIBaseURL    string        `json:"api_base_url"`
	SecretBackend SecretBackend `json:"secret_backend"`
	CreatedAt     time.Time     `json:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at"`
	// CheckedAt is when Zoom last gave this app a token at login, and
	// Scopes the scopes that token carried (empty when Zoom did not say).
	CheckedAt time.Time `json:"checked_at,omitzero"`
	Scopes    []string  `json:"scopes,omitempty"`
}

// IsSandbox reports whether p is the built-in sandbox's demo admin app.
func (p *AdminProfile) IsSandbox() bool {
	return p != nil && (p.AuthBaseURL == SandboxMarker || p.APIBaseURL == SandboxMarker)
}

// adminSecret is the admin secret as stored, in the keyring or the file.
type adminSecret struct {
	ClientSecret string `json:"client_secret"`
}

// AdminProfilePath is where the named admin profile is (or would be)
// saved: ConfigDir/admin/NAME.json. It does not validate name.
func (s *Store) AdminProfilePath(name string) string {
	return filepath.Join(s.ConfigDir, "admin", name+".json")
}

// AdminSecretPath is where the named admin profile's plaintext secret file
// is (or would be) when it uses BackendFile: DataDir/admin/NAME.json.
func (s *Store) AdminSecretPath(name string) string {
	return filepath.Join(s.DataDir, "admin", name+".json")
}

// AdminSecretLocation says where an admin profile's secret lives: the
// system keyring's name, or the plaintext file's path.
func (s *Store) AdminSecretLocation(p *AdminProfile) string {
	if p.SecretBackend == BackendFile {
		return s.AdminSecretPath(p.Name)
	}
	return KeyringName()
}

// LoadAdmin reads one admin profile. A missing one is an error wrapping
// ErrNotFound.
func (s *Store) LoadAdmin(name string) (*AdminProfile, error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	path := s.AdminProfilePath(name)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: no admin profile named %q", ErrNotFound, name)
	}
	if err != nil {
		return nil, fmt.Errorf("read admin profile %q: %w", name, fileErr("read", path, err))
	}
	var p AdminProfile
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("admin profile %q at %s is damaged (%v); log in again", name, path, err)
	}
	p.Name = name
	return &p, nil
}

// ListAdmins returns every admin profile, sorted by name; damaged files
// are skipped and an absent directory means none.
func (s *Store) ListAdmins() ([]AdminProfile, error) {
	names, err := jsonNames(filepath.Dir(s.AdminProfilePath("x")), "admin profiles")
	var out []AdminProfile
	for _, name := range names {
		if p, err := s.LoadAdmin(name); err == nil {
			out = append(out, *p)
		}
	}
	return out, err
}

// LoadAdminSecret reads an admin profile's client secret from its backend.
// A missing secret wraps ErrSecretsMissing; an unsafe file ErrInsecureFile.
func (s *Store) LoadAdminSecret(ctx context.Context, p *AdminProfile) (string, error) {
	if err := ValidateName(p.Name); err != nil {
		return "", err
	}
	var data []byte
	if p.SecretBackend == BackendFile {
		b, err := s.readSecretFile(s.AdminSecretPath(p.Name))
		if err != nil {
			return "", fmt.Errorf("load the admin secret of %q: %w", p.Name, err)
		}
		data = b
	} else {
		v, err := s.keyringGet(ctx, s.keyringUser(itemAdmin, p.Name))
		if errors.Is(err, gokeyring.ErrNotFound) {
			return "", fmt.Errorf("%w: the admin secret of %q is not in the %s", ErrSecretsMissing, p.Name, KeyringName())
		}
		if err != nil {
			return "", fmt.Errorf("load the admin secret of %q: %w", p.Name, err)
		}
		data = []byte(v)
	}
	var sec adminSecret
	if err := json.Unmarshal(data, &sec); err != nil || sec.ClientSecret == "" {
		return "", fmt.Errorf("%w: the saved admin secret of %q is damaged", ErrSecretsMissing, p.Name)
	}
	return sec.ClientSecret, nil
}

// SaveAdmin saves admin profile p with its client secret, all or nothing,
// under the profile's lock: the secret first, to backend ("" means the
// keyring), read back; then the profile (atomic, 0600 in a 0700 dir). When
// the profile cannot be written, the secret is put back as it was (or
// removed) and nothing new is kept. With the keyring, an error matching
// ErrKeyringUnavailable or ErrKeyringTimeout means nothing was saved and
// no file was written: the caller may ask for consent and call again with
// BackendFile. A copy left in the other backend is removed.
func (s *Store) SaveAdmin(ctx context.Context, p *AdminProfile, backend SecretBackend, secret string) error {
	if err := ValidateName(p.Name); err != nil {
		return err
	}
	if backend == "" {
		backend = BackendKeyring
	}
	if backend != BackendKeyring && backend != BackendFile {
		return fmt.Errorf("unknown secret backend %q", backend)
	}
	unlock, err := s.LockAdmin(ctx, p.Name)
	if err != nil {
		return err
	}
	defer unlock()
	prev, _ := s.LoadAdmin(p.Name)
	undo := s.adminSecretUndo(ctx, p.Name, prev, backend)
	if err := s.writeAdminSecret(ctx, p.Name, backend, secret); err != nil {
		return fmt.Errorf("save the admin secret of %q: %w", p.Name, err)
	}
	saved := *p
	saved.SecretBackend = backend
	now := s.now().UTC()
	if saved.CreatedAt.IsZero() {
		saved.CreatedAt = now
	}
	saved.UpdatedAt, saved.CheckedAt = now, saved.CheckedAt.UTC()
	if err := s.writeJSON(s.AdminProfilePath(p.Name), &saved); err != nil {
		undo()
		return fmt.Errorf("save admin profile %q (nothing new was kept): %w", p.Name, err)
	}
	if prev != nil && prev.SecretBackend != backend {
		s.deleteAdminSecret(ctx, p.Name, prev.SecretBackend) // best effort: the new copy is the one used
	}
	*p = saved
	return nil
}

// adminSecretUndo returns what puts the secret of the profile's backend
// back as it was before a save: the previous secret, or none.
func (s *Store) adminSecretUndo(ctx context.Context, name string, prev *AdminProfile, backend SecretBackend) func() {
	old, had := "", false
	if prev != nil {
		if prev.SecretBackend == backend {
			var err error
			old, err = s.LoadAdminSecret(ctx, prev)
			had = err == nil
		}
	}
	return func() {
		if had {
			_ = s.writeAdminSecret(ctx, name, backend, old)
			return
		}
		if prev == nil || prev.SecretBackend != backend {
			s.deleteAdminSecret(ctx, name, backend)
		}
	}
}

// writeAdminSecret writes secret to backend and reads it back.
func (s *Store) writeAdminSecret(ctx context.Context, name string, backend SecretBackend, secret string) error {
	data, err := json.Marshal(adminSecret{ClientSecret: secret})
	if err != nil {
		return fmt.Errorf("encode the admin secret: %w", err)
	}
	if backend == BackendFile {
		return s.writeSecretFile(s.AdminSecretPath(name), data)
	}
	return s.keyringSet(ctx, s.keyringUser(itemAdmin, name), string(data))
}

// deleteAdminSecret removes the secret from backend; what is gone already
// is not an error.
func (s *Store) deleteAdminSecret(ctx context.Context, name string, backend SecretBackend) error {
	if backend == BackendFile {
		return s.remove(s.AdminSecretPath(name))
	}
	return s.keyringDelete(ctx, s.keyringUser(itemAdmin, name))
}

// DeleteAdmin removes an admin profile under its lock: its secret first
// (and a stray plaintext copy), then the profile. When the secret cannot
// be deleted, the profile is kept, so that a later DeleteAdmin finishes
// the job, and the error says so. Deleting a missing profile is not an
// error.
func (s *Store) DeleteAdmin(ctx context.Context, name string) error {
	p, err := s.LoadAdmin(name)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	unlock, err := s.LockAdmin(ctx, name)
	if err != nil {
		return err
	}
	defer unlock()
	fileErr := s.deleteAdminSecret(ctx, name, BackendFile)
	var kerr error
	if p.SecretBackend != BackendFile {
		kerr = s.deleteAdminSecret(ctx, name, BackendKeyring)
	}
	if err := errors.Join(fileErr, kerr); err != nil {
		return fmt.Errorf("delete the admin secret of %q (the admin profile is kept until it is gone): %w", name, err)
	}
	if err := s.remove(s.AdminProfilePath(name)); err != nil {
		return fmt.Errorf("delete admin profile %q: %w", name, err)
	}
	return nil
}

// LockAdmin takes the cross-process lock of an admin profile,
// StateDir/locks/admin/NAME.lock, waiting until ctx ends. SaveAdmin and
// DeleteAdmin take it themselves.
func (s *Store) LockAdmin(ctx context.Context, name string) (unlock func(), err error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	path := filepath.Join(s.StateDir, "locks", "admin", name+".lock")
	if err := s.files().ensureDir(filepath.Dir(path), true); err != nil {
		return nil, err
	}
	fl := flock.New(path, flock.SetPermissions(0o600))
	ok, err := fl.TryLockContext(ctx, lockRetryDelay)
	switch {
	case ok:
		return func() { fl.Unlock() }, nil
	case ctx.Err() != nil:
		return nil, fmt.Errorf("lock admin profile %q: %w (%w)", name, ErrLockTimeout, ctx.Err())
	case err != nil:
		return nil, fmt.Errorf("lock admin profile %q: %w", name, fileErr("lock", path, err))
	}
	return nil, fmt.Errorf("lock admin profile %q: %w", name, ErrLockTimeout)
}
