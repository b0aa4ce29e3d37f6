package e2e

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Disk faults come from real mounts over a home's directories, so the
// binary meets the OS's own ENOSPC and EROFS: a small tmpfs (then filled)
// for a full disk, a read-only bind mount of the directory onto itself
// for a read-only one (chmod does not stop root). They need the right to
// mount (root, here and in .ci/run); without it the test is skipped, and
// with ZOOMCONNECT_REQUIRE_REAL=1 it fails.

// requireMount skips (or fails) unless this process may mount: it mounts
// and unmounts a tiny tmpfs once.
func requireMount(t *testing.T) {
	t.Helper()
	requireTool(t, "mount")
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		missing(t, fmt.Sprintf("cannot mount a tmpfs for the disk faults (needs root or CAP_SYS_ADMIN): %v: %s",
			err, strings.TrimSpace(string(out))))
	}
	unmount(t, dir)
}

// mountTmpfs mounts a tmpfs of size (mount's size=, e.g. "256k") over dir,
// which is created first, and unmounts it when the test ends.
func mountTmpfs(t *testing.T, dir, size string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	mount(t, "-t", "tmpfs", "-o", "size="+size+",mode=0700", "tmpfs", dir)
	t.Cleanup(func() { unmount(t, dir) })
}

// readOnly makes dir (created first) read-only with a bind mount of
// itself remounted ro, until the returned function (or the test's end)
// takes it away. Content written before stays readable.
func readOnly(t *testing.T, dir string) (undo func()) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	mount(t, "--bind", dir, dir)
	mount(t, "-o", "remount,bind,ro", dir)
	done := false
	undo = func() {
		if !done {
			done = true
			unmount(t, dir)
		}
	}
	t.Cleanup(undo)
	return undo
}

func mount(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("mount", args...).CombinedOutput(); err != nil {
		t.Fatalf("mount %v: %v: %s", args, err, out)
	}
}

// unmount detaches the mount at dir (lazily, so a process still inside
// does not keep it).
func unmount(t *testing.T, dir string) {
	t.Helper()
	if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
		t.Errorf("umount %s: %v: %s", dir, err, out)
	}
}

// fill writes a filler file into dir until the file system is full, and
// returns a function that frees the space again.
func fill(t *testing.T, dir string) (free func()) {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatalf("fill %s: %v", dir, err)
	}
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill %s: %v", dir, err)
			}
			break
		}
	}
	f.Close()
	// tmpfs keeps a few bytes of a partial page: use them up too.
	for i := 0; ; i++ {
		g, err := os.Create(filepath.Join(dir, fmt.Sprintf("filler%d", i)))
		if err != nil {
			break
		}
		_, err = g.Write(buf[:1])
		g.Close()
		if err != nil || i > 64 {
			break
		}
	}
	return func() {
		matches, _ := filepath.Glob(filepath.Join(dir, "filler*"))
		for _, m := range matches {
			os.Remove(m)
		}
	}
}
