package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// SavePending records an authorization attempt that stopped at the
// pre-approval wall, as JSON in StateDir/pending/NAME.json (atomic, 0600).
// A client secret, if given, goes only to the keyring (item
// "pending:NAME@TAG", see keyringUser);
// when the keyring cannot keep it, it is not kept at all and the user
// enters it again on resume. It never goes to a file.
func (s *Store) SavePending(ctx context.Context, p Pending, clientSecret string) error {
	if err := ValidateName(p.Profile); err != nil {
		return err
	}
	if p.CreatedAt.IsZero() {
		p.CreatedAt = s.now().UTC()
	}
	// Best effort by design: without a keyring the secret is re-entered.
	p.HasSecret = clientSecret != ""
	p.SecretKept = p.HasSecret && s.setItem(ctx, itemPending, p.Profile, clientSecret) == nil
	if err := s.writeJSON(s.pendingPath(p.Profile), p); err != nil {
		return fmt.Errorf("save pending authorization: %w", err)
	}
	return nil
}

// LoadPending returns the pending attempt of a profile and its client
// secret ("" when none was kept; then SecretKept is false). No attempt is an error wrapping
// ErrNotFound.
func (s *Store) LoadPending(ctx context.Context, name string) (*Pending, string, error) {
	if err := ValidateName(name); err != nil {
		return nil, "", err
	}
	data, err := os.ReadFile(s.pendingPath(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", fmt.Errorf("%w: no pending authorization for %q", ErrNotFound, name)
	}
	if err != nil {
		return nil, "", fmt.Errorf("read pending authorization: %w", fileErr("read", s.pendingPath(name), err))
	}
	var p Pending
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, "", i18n.NewError(err, "storage.pending_damaged", "Name", name, "Command", LoginCommand(name))
	}
	secret := ""
	if p.SecretKept {
		var kerr error
		if secret, kerr = s.getItem(ctx, itemPending, name); kerr != nil {
			secret, p.SecretKept = "", false
		}
	}
	return &p, secret, nil
}

// ClearPending removes a pending attempt and its kept secret. Clearing
// nothing is not an error.
func (s *Store) ClearPending(ctx context.Context, name string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	var p Pending
	data, err := os.ReadFile(s.pendingPath(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var kerr error
	if json.Unmarshal(data, &p) == nil && p.SecretKept {
		kerr = s.deleteItem(ctx, itemPending, name)
	}
	if err := s.remove(s.pendingPath(name)); err != nil {
		return fmt.Errorf("clear pending authorization: %w", err)
	}
	if kerr != nil {
		return fmt.Errorf("clear pending authorization's secret: %w", kerr)
	}
	return nil
}

// PendingExists reports whether the profile has a saved attempt (without
// reading its secret from the keyring).
func (s *Store) PendingExists(name string) bool {
	if ValidateName(name) != nil {
		return false
	}
	_, err := os.Stat(s.pendingPath(name))
	return err == nil
}

// ListPending returns every saved attempt, by profile name, without
// reading any secret: for list and status. An attempt whose file cannot
// be read is left out (LoadPending reports it when it is resumed).
func (s *Store) ListPending() ([]Pending, error) {
	dir := filepath.Join(s.StateDir, "pending")
	names, err := jsonNames(dir, "pending authorizations")
	var out []Pending
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name+".json"))
		var p Pending
		if err != nil || json.Unmarshal(data, &p) != nil || p.Profile != name {
			continue
		}
		out = append(out, p)
	}
	return out, err
}
