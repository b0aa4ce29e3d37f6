package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
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
	// write writes data to the temp file; nil means f.Write. Tests use it
	// for short and half writes.
	write func(f *os.File, data []byte) (int, error)
	// fault, when set, is asked before each step ("mkdir", "create",
	// "write", "sync", "rename", "remove") with the path it works on; an
	// error fails that step as the OS would (see Store.FileFault).
	fault func(step, path string) error
}

// check runs the fault hook for step on path; its error comes back as the
// OS would give it, a *fs.PathError.
func (o fileOps) check(step, path string) error {
	if o.fault == nil {
		return nil
	}
	if err := o.fault(step, path); err != nil {
		return &fs.PathError{Op: step, Path: path, Err: err}
	}
	return nil
}

// WriteFileAtomic replaces path with data so that a reader (or a crash) sees
// either the old content or the new, never a mix: it writes a temp file in
// the same directory, sets perm explicitly (even when the target existed
// with a wider mode), fsyncs, renames it over path and fsyncs the directory.
// On failure the temp file is removed and the old content stays; the error
// is a *FileError naming the path and the cause. After a successful write
// it removes, best effort, temp files of the same target older than
// StaleTempAge (left by a process killed mid-write).
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	return fileOps{}.writeAtomic(path, data, perm)
}

func (o fileOps) writeAtomic(path string, data []byte, perm os.FileMode) error {
	if err := o.writeTemp(path, data, perm); err != nil {
		return fileErr("write", path, err)
	}
	removeStaleTemps(path, time.Now().Add(-StaleTempAge))
	return fileErr("write", path, syncDir(filepath.Dir(path)))
}

// writeTemp writes data to a temp file beside path and renames it over
// path; on failure the temp file is removed.
func (o fileOps) writeTemp(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	if err := o.check("create", dir); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
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
		return err
	}
	if err := o.writeAll(f, data); err != nil {
		return err
	}
	if err := o.syncClose(f); err != nil {
		return err
	}
	if err := o.check("rename", path); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	renamed = true
	return nil
}

// syncClose fsyncs and closes f.
func (o fileOps) syncClose(f *os.File) error {
	if err := o.check("sync", f.Name()); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
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
	if err := o.check("write", f.Name()); err != nil {
		return err
	}
	write := o.write
	if write == nil {
		write = (*os.File).Write
	}
	n, err := write(f, data)
	if err == nil && n != len(data) {
		err = &fs.PathError{Op: "write", Path: f.Name(), Err: fmt.Errorf("short write: %d of %d bytes", n, len(data))}
	}
	return err
}

// syncDir makes a rename durable on Unix; Windows cannot fsync a directory.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// ensureDir creates dir (and parents) and sets it, and its parent when that
// is one of the store's own dirs, to 0700 explicitly, so a umask or an
// earlier wider mode cannot leave them open to others.
func (o fileOps) ensureDir(dir string, alsoParent bool) error {
	if err := o.check("mkdir", dir); err != nil {
		return fileErr("create", dir, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fileErr("create", dir, err)
	}
	dirs := []string{dir}
	if alsoParent {
		dirs = append(dirs, filepath.Dir(dir))
	}
	for _, d := range dirs {
		if err := os.Chmod(d, 0o700); err != nil {
			return fileErr("set the mode of", d, err)
		}
	}
	return nil
}

// writePrivate writes data to path atomically as 0600. The file's dir and
// that dir's parent (the store's base dir) are made 0700.
// writeJSON encodes v indented, with a final newline, and writes it with
// writePrivate; a failure to encode says it was v's encoding.
func (s *Store) writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	return s.writePrivate(path, append(data, '\n'))
}

// jsonNames are the names of the NAME.json files in dir whose NAME is a
// valid profile name, in name order; an absent dir has none. what names
// the list in the error of an unreadable dir.
func jsonNames(dir, what string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", what, fileErr("read", dir, err))
	}
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".json"); ok && !e.IsDir() && ValidateName(name) == nil {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, nil
}

func (s *Store) writePrivate(path string, data []byte) error {
	o := s.files()
	if err := o.ensureDir(filepath.Dir(path), true); err != nil {
		return err
	}
	return o.writeAtomic(path, data, 0o600)
}

// files are the store's file operations, with FileFault as the fault hook
// unless a test of this package set one.
func (s *Store) files() fileOps {
	o := s.ops
	if o.fault == nil {
		o.fault = s.FileFault
	}
	return o
}

// remove deletes path; a missing file is not an error. A failure is a
// *FileError.
func (s *Store) remove(path string) error {
	if err := s.files().check("remove", path); err != nil {
		return fileErr("remove", path, err)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fileErr("remove", path, err)
	}
	return nil
}

// removeTemps removes every temp file of the profile's own files (its
// profile and its secret file), whatever their age. Only a holder of the
// profile's lock may call it: every writer of those files holds the lock,
// so none of the temp files belongs to a write in flight; each was left by
// a process killed mid-write and may hold tokens.
func (s *Store) removeTemps(name string) {
	future := time.Now().Add(time.Hour)
	removeStaleTemps(s.ProfilePath(name), future)
	removeStaleTemps(s.SecretsFilePath(name), future)
}

// SweepTemps removes the temp files that processes killed mid-write left
// beside profiles and secret files (they may hold tokens), and what a save
// killed midway left (see BeginSave), for commands that take no profile
// lock of their own: they are removed only when the profile's lock is
// free (TryLock), so a write in flight is never touched. It is best
// effort.
func (s *Store) SweepTemps() {
	names := map[string]bool{}
	for _, dir := range []string{filepath.Dir(s.ProfilePath("x")), filepath.Dir(s.SecretsFilePath("x"))} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if name, ok := tempTarget(e.Name()); ok {
				names[name] = true
			}
		}
	}
	for _, name := range s.savingNames() {
		names[name] = true
	}
	for name := range names {
		if unlock, ok, err := s.TryLock(name); err == nil && ok {
			unlock() // holding it removed the temps
		}
	}
}

// tempTarget is the profile name of a temp file ".NAME.json.DIGITS.tmp".
func tempTarget(file string) (string, bool) {
	rest, ok := strings.CutPrefix(file, ".")
	if !ok {
		return "", false
	}
	i := strings.LastIndex(rest, ".json.")
	if i <= 0 || !isTempOf(file, rest[:i]+".json") {
		return "", false
	}
	if name := rest[:i]; ValidateName(name) == nil {
		return name, true
	}
	return "", false
}

// probeWrite creates a temp file of target, writes size bytes, fsyncs and
// removes it: whether a write of that size beside target would work.
func (o fileOps) probeWrite(target string, size int) error {
	dir := filepath.Dir(target)
	if err := o.check("create", dir); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if err := o.writeAll(f, make([]byte, size)); err != nil {
		return err
	}
	return o.syncClose(f)
}
