package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// lockRetryDelay is how often a waiting Lock tries again.
const lockRetryDelay = 10 * time.Millisecond

// Lock takes the cross-process lock of a profile, waiting until ctx ends.
// The lock is a dedicated file, StateDir/locks/NAME.lock (never the profile
// itself), held with flock(2)/LockFileEx, so the OS releases it when a
// process dies. When ctx ends first the error wraps ErrLockTimeout and the
// context's error. unlock is idempotent.
func (s *Store) Lock(ctx context.Context, name string) (unlock func(), err error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	path := s.lockPath(name)
	if err := s.files().ensureDir(filepath.Dir(path), true); err != nil {
		return nil, err
	}
	fl := flock.New(path, flock.SetPermissions(0o600))
	ok, err := fl.TryLockContext(ctx, lockRetryDelay)
	if ok {
		return func() { fl.Unlock() }, nil
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("lock %q: %w (%w)", name, ErrLockTimeout, ctx.Err())
	}
	if err != nil {
		return nil, fmt.Errorf("lock %q: %w", name, fileErr("lock", path, err))
	}
	return nil, fmt.Errorf("lock %q: %w", name, ErrLockTimeout)
}
