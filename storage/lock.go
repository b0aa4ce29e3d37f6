package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// lockRetryDelay is how often a waiting Lock tries again.
const lockRetryDelay = 10 * time.Millisecond

// Lock takes the cross-process lock of a profile, waiting until ctx ends.
// The lock is a dedicated file, StateDir/locks/NAME.lock (never the profile
// itself), held with flock(2)/LockFileEx, so the OS releases it when a
// process dies. Every write of the profile's files happens under it, so
// the holder removes the temp files a killed writer left (see
// removeTemps) and writes its PID and command into the lock file for
// LockHolder. When ctx is canceled first, the error wraps
// context.Canceled (nothing was held, so nothing changed); when its
// deadline passes, ErrLockTimeout and context.DeadlineExceeded. unlock is
// idempotent.
func (s *Store) Lock(ctx context.Context, name string) (unlock func(), err error) {
	fl, err := s.newFlock(name)
	if err != nil {
		return nil, err
	}
	ok, err := fl.TryLockContext(ctx, lockRetryDelay)
	switch {
	case ok:
		return s.held(fl, name), nil
	case errors.Is(ctx.Err(), context.Canceled):
		return nil, fmt.Errorf("stopped waiting for the lock of %q: %w", name, ctx.Err())
	case ctx.Err() != nil:
		return nil, fmt.Errorf("lock %q: %w (%w)", name, ErrLockTimeout, ctx.Err())
	case err != nil:
		return nil, fmt.Errorf("lock %q: %w", name, fileErr("lock", fl.Path(), err))
	}
	return nil, fmt.Errorf("lock %q: %w", name, ErrLockTimeout)
}

// TryLock takes the profile's lock only if no process holds it now; ok is
// false when one does. Holding it is the same as after Lock.
func (s *Store) TryLock(name string) (unlock func(), ok bool, err error) {
	fl, err := s.newFlock(name)
	if err != nil {
		return nil, false, err
	}
	ok, err = fl.TryLock()
	if err != nil {
		return nil, false, fmt.Errorf("lock %q: %w", name, fileErr("lock", fl.Path(), err))
	}
	if !ok {
		return nil, false, nil
	}
	return s.held(fl, name), true, nil
}

// LockHolder names the process that holds (or last held) the profile's
// lock, from what it wrote into the lock file: "pid 1234 (zoomconnect
// refresh)", or "" when the file says nothing readable.
func (s *Store) LockHolder(name string) string {
	if ValidateName(name) != nil {
		return ""
	}
	data, err := os.ReadFile(s.lockPath(name))
	if err != nil {
		return ""
	}
	pid, cmd, _ := strings.Cut(strings.TrimSpace(string(data)), " ")
	if _, err := strconv.Atoi(pid); err != nil {
		return ""
	}
	if cmd = strings.Map(printable, cmd); cmd == "" {
		return "pid " + pid
	}
	return "pid " + pid + " (" + cmd + ")"
}

// newFlock makes the lock of name, creating its directory.
func (s *Store) newFlock(name string) (*flock.Flock, error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	path := s.lockPath(name)
	if err := s.files().ensureDir(filepath.Dir(path), true); err != nil {
		return nil, err
	}
	return flock.New(path, flock.SetPermissions(0o600)), nil
}

// held finishes taking a lock: it records this process as the holder,
// removes the profile's leftover temp files and what a save killed midway
// left (finishInterruptedSave); all best effort.
func (s *Store) held(fl *flock.Flock, name string) (unlock func()) {
	_ = os.WriteFile(fl.Path(), []byte(strconv.Itoa(os.Getpid())+" "+commandName()+"\n"), 0o600)
	s.removeTemps(name)
	s.finishInterruptedSave(name)
	return func() { fl.Unlock() }
}

// commandName is this process's program name and subcommand, such as
// "zoomconnect refresh": what a waiting process tells its user.
func commandName() string {
	if len(os.Args) == 0 {
		return ""
	}
	name := filepath.Base(os.Args[0])
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		name += " " + os.Args[1]
	}
	return name
}

// printable drops control characters, so a lock file cannot drive the
// terminal of a process that prints its holder.
func printable(r rune) rune {
	if r < 0x20 || r == 0x7f {
		return -1
	}
	return r
}
