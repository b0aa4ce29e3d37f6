package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	gokeyring "github.com/zalando/go-keyring"
)

// Snapshot is what one profile's own storage held at one moment, raw: its
// profile file (or the note that it was replaced), its plaintext secret
// file, and its keyring items. Restore puts it back, so that a save that
// failed halfway leaves nothing new behind.
type Snapshot struct {
	name    string
	profile []byte // nil: no profile file
	file    []byte // nil: no secret file
	// items maps a keyring item to its value, nil when absent; an item
	// whose read failed is missing from the map.
	items map[string]*string
	// keyringErr is why the keyring items could not be read.
	keyringErr error
}

// Snapshot reads what profile name has now: its files, and its keyring
// items when withKeyring (a save that will not touch the keyring need not
// wait for it). A file that cannot be read is an error (nothing can be put
// back then); a keyring that does not answer is not, see
// Snapshot.KeyringErr.
func (s *Store) Snapshot(ctx context.Context, name string, withKeyring bool) (*Snapshot, error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	snap := &Snapshot{name: name, items: map[string]*string{}}
	var err error
	if snap.profile, err = readIfExists(s.ProfilePath(name)); err != nil {
		return nil, err
	}
	if snap.file, err = readIfExists(s.SecretsFilePath(name)); err != nil {
		return nil, err
	}
	if !withKeyring {
		return snap, nil
	}
	for _, user := range []string{s.keyringUser(itemProfile, name), legacyKeyringUser(itemProfile, name)} {
		v, err := s.keyringGet(ctx, user)
		switch {
		case err == nil:
			snap.items[user] = &v
		case errors.Is(err, gokeyring.ErrNotFound):
			snap.items[user] = nil
		default:
			snap.keyringErr = err
			return snap, nil // the keyring does not answer: the next item would wait as long
		}
	}
	return snap, nil
}

// KeyringErr is why the snapshot could not read the profile's keyring
// items (the keyring is unavailable or timed out), nil when it could.
func (snap *Snapshot) KeyringErr() error { return snap.keyringErr }

// HadProfile reports whether a profile file (or a replaced note) existed.
func (snap *Snapshot) HadProfile() bool { return snap.profile != nil }

// Restore puts the snapshot's profile back as it was, changing only what
// differs now: the profile file and secret file rewritten or removed, the
// keyring items set back or removed. A keyring item the snapshot could not
// read is removed when newWrote says this store may have written it since
// (so that no new secret remains), and left alone otherwise. Once the
// keyring fails to answer, the remaining items are not tried (each would
// wait as long). The error joins the steps that failed.
func (s *Store) Restore(ctx context.Context, snap *Snapshot, newWrote bool) error {
	errs := []error{
		s.restoreFile(s.ProfilePath(snap.name), snap.profile),
		s.restoreFile(s.SecretsFilePath(snap.name), snap.file),
	}
	users := []string{s.keyringUser(itemProfile, snap.name), legacyKeyringUser(itemProfile, snap.name)}
	for i, user := range users {
		want, known := snap.items[user]
		if !known && (i > 0 || !newWrote) {
			continue
		}
		err := s.restoreItem(ctx, user, want)
		errs = append(errs, err)
		if errors.Is(err, ErrKeyringUnavailable) || errors.Is(err, ErrKeyringTimeout) {
			break
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("put back %q as it was: %w", snap.name, err)
	}
	return nil
}

// restoreItem sets keyring item user back to *want, or removes it when
// want is nil, unless it already holds that.
func (s *Store) restoreItem(ctx context.Context, user string, want *string) error {
	cur, err := s.keyringGet(ctx, user)
	switch {
	case errors.Is(err, gokeyring.ErrNotFound) && want == nil:
		return nil
	case err == nil && want != nil && cur == *want:
		return nil
	case want == nil:
		return s.keyringDelete(ctx, user)
	}
	return s.keyringSet(ctx, user, *want)
}

// restoreFile writes data back to path (0600, atomic), or removes path
// when data is nil, unless path already holds that.
func (s *Store) restoreFile(path string, data []byte) error {
	cur, err := readIfExists(path)
	if err == nil && (cur == nil) == (data == nil) && bytes.Equal(cur, data) {
		return nil
	}
	if data == nil {
		return s.remove(path)
	}
	return s.writePrivate(path, data)
}

// readIfExists reads path; a missing file is nil, nil.
func readIfExists(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fileErr("read", path, err)
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}
