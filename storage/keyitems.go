package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"

	gokeyring "github.com/zalando/go-keyring"
)

// Kinds of keyring items: a profile's secrets, a pending attempt's client
// secret.
const (
	itemProfile = "profile"
	itemPending = "pending"
)

// keyringUser is the keyring item (the "user" under KeyringService) of a
// profile's secrets or a pending attempt's secret in this store:
// KIND:NAME@TAG, where TAG is a short hash of the config directory. One
// login keyring serves every config home of the user (another
// XDG_CONFIG_HOME, a container sharing the session bus), so a key of the
// profile name alone let two homes overwrite each other's "default"
// without a word; the tag keeps them apart.
func (s *Store) keyringUser(kind, name string) string {
	return kind + ":" + name + "@" + s.homeTag()
}

// legacyKeyringUser is the item key written before keys carried the
// config home's tag.
func legacyKeyringUser(kind, name string) string { return kind + ":" + name }

// homeTag is the first 8 hex digits of the SHA-256 of the absolute config
// directory.
func (s *Store) homeTag() string {
	dir := filepath.Clean(s.ConfigDir)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	sum := sha256.Sum256([]byte(dir))
	return hex.EncodeToString(sum[:4])
}

// getItem reads this store's item of kind and name. An item found only
// under its legacy key is migrated on read: copied to this store's key
// (read back) and then deleted under the old one, so that old installs
// keep working. Deleting it, rather than reading the old key forever, is
// deliberate: the old key is shared by every config home, and two homes
// that both read it would both use (and rotate) one refresh token. The
// first home that reads it takes it; when the copy fails, the old item
// stays and is used as it is.
func (s *Store) getItem(ctx context.Context, kind, name string) (string, error) {
	v, err := s.keyringGet(ctx, s.keyringUser(kind, name))
	if !errors.Is(err, gokeyring.ErrNotFound) {
		return v, err
	}
	return s.migrateLegacy(ctx, kind, name, err)
}

// migrateLegacy is getItem for an item this store's key did not find
// (notFound is that answer): the item under its legacy key, migrated.
func (s *Store) migrateLegacy(ctx context.Context, kind, name string, notFound error) (string, error) {
	old, lerr := s.keyringGet(ctx, legacyKeyringUser(kind, name))
	if lerr != nil {
		return "", notFound // not found under either key: the new key's answer
	}
	if s.keyringSet(ctx, s.keyringUser(kind, name), old) == nil {
		_ = s.keyringDelete(ctx, legacyKeyringUser(kind, name)) // best effort: the copy is what is read from now on
	}
	return old, nil
}

// setItem writes this store's item (read back) and removes, best effort,
// a copy under the legacy key.
func (s *Store) setItem(ctx context.Context, kind, name, value string) error {
	if err := s.keyringSet(ctx, s.keyringUser(kind, name), value); err != nil {
		return err
	}
	_ = s.keyringDelete(ctx, legacyKeyringUser(kind, name))
	return nil
}

// deleteItem removes this store's item and any legacy copy; what is
// already gone is not an error. When the keyring does not answer the first
// delete, the second is not tried (it would wait as long again).
func (s *Store) deleteItem(ctx context.Context, kind, name string) error {
	if err := s.keyringDelete(ctx, s.keyringUser(kind, name)); err != nil {
		return fmt.Errorf("delete the keyring item: %w", err)
	}
	if err := s.keyringDelete(ctx, legacyKeyringUser(kind, name)); err != nil {
		return fmt.Errorf("delete the old keyring item: %w", err)
	}
	return nil
}
