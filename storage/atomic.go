package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// StaleTempAge is how old a temp file of a target must be before a write of
// that target removes it: long past any write in flight (those take
// milliseconds), so a concurrent writer's temp file is never touched.
const StaleTempAge = 10 * time.Minute

// fileOps are the steps of an atomic write that tests can make fail. The
// zero value uses the real operations.
type fileOps struct {
	// write writes data to the temp file; nil means f.Write.
	write func(f *os.File, data []byte) (int, error)
	// rename moves the temp file over the target; nil means os.Rename.
	rename func(oldpath, newpath string) error
}

// WriteFileAtomic replaces path with data so that a reader (or a crash) sees
// either the old content or the new, never a mix: it writes a temp file in
// the same directory, sets perm explicitly (even when the target existed
// with a wider mode), fsyncs, renames it over path and fsyncs the directory.
// On failure the temp file is removed and the old content stays. After a
// successful write it removes, best effort, temp files of the same target
// older than StaleTempAge (left by a process killed mid-write).
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	return fileOps{}.writeAtomic(path, data, perm)
}

func (o fileOps) writeAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	renamed := false
	defer func() {
		if !renamed {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: set mode: %w", path, err)
	}
	if err := o.writeAll(f, data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: close: %w", path, err)
	}
	if err := o.doRename(tmp, path); err != nil {
		return fmt.Errorf("write %s: rename: %w", path, err)
	}
	renamed = true
	removeStaleTemps(path, time.Now().Add(-StaleTempAge))
	return syncDir(dir)
}

// removeStaleTemps removes the temp files os.CreateTemp made for path
// (".BASE.DIGITS.tmp") last modified before cutoff. Errors are ignored:
// a leftover temp file is clutter, not a failure of this write.
func removeStaleTemps(path string, cutoff time.Time) {
	dir, base := filepath.Split(path)
	entries, err := os.ReadDir(filepath.Clean(dir))
	if err != nil {
		return
	}
	for _, e := range entries {
		if !isTempOf(e.Name(), base) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(cutoff) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// isTempOf reports whether name is a temp file of base: "."+base+"." then
// only digits (os.CreateTemp's random part) then ".tmp". The digits-only
// rule keeps ".a.b.json.123.tmp" (a temp of "a.b.json") from matching "a".
func isTempOf(name, base string) bool {
	mid, ok := strings.CutPrefix(name, "."+base+".")
	if !ok {
		return false
	}
	mid, ok = strings.CutSuffix(mid, ".tmp")
	if !ok || mid == "" {
		return false
	}
	return strings.Trim(mid, "0123456789") == ""
}

func (o fileOps) writeAll(f *os.File, data []byte) error {
	write := o.write
	if write == nil {
		write = (*os.File).Write
	}
	n, err := write(f, data)
	if err == nil && n != len(data) {
		err = fmt.Errorf("short write: %d of %d bytes", n, len(data))
	}
	return err
}

func (o fileOps) doRename(oldpath, newpath string) error {
	if o.rename != nil {
		return o.rename(oldpath, newpath)
	}
	return os.Rename(oldpath, newpath)
}

// syncDir makes a rename durable on Unix; Windows cannot fsync a directory.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync dir %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync dir %s: %w", dir, err)
	}
	return nil
}

// ensureDir creates dir (and parents) and sets it, and its parent when that
// is one of the store's own dirs, to 0700 explicitly, so a umask or an
// earlier wider mode cannot leave them open to others.
func ensureDir(dir string, alsoParent bool) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	dirs := []string{dir}
	if alsoParent {
		dirs = append(dirs, filepath.Dir(dir))
	}
	for _, d := range dirs {
		if err := os.Chmod(d, 0o700); err != nil {
			return fmt.Errorf("set mode of %s: %w", d, err)
		}
	}
	return nil
}

// writePrivate writes data to path atomically as 0600. The file's dir and
// that dir's parent (the store's base dir) are made 0700.
func (s *Store) writePrivate(path string, data []byte) error {
	if err := ensureDir(filepath.Dir(path), true); err != nil {
		return err
	}
	return s.ops.writeAtomic(path, data, 0o600)
}
