package storage

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// The OS errors of a full disk or a read-only directory satisfy net.Error
// (syscall.Errno has Timeout and Temporary); the store's errors must still
// say which path failed and why, and be recognisable as local.
func TestFileFaultsAreLocalErrorsNamingPathAndCause(t *testing.T) {
	cases := []struct {
		step  string
		errno syscall.Errno
		words string
	}{
		{"write", syscall.ENOSPC, "the disk is full"},
		{"create", syscall.EROFS, "the file system is read-only"},
		{"rename", syscall.EDQUOT, "the disk quota is used up"},
		{"mkdir", syscall.EACCES, "permission denied"},
		{"sync", syscall.EIO, "input/output error"},
	}
	for _, c := range cases {
		t.Run(c.step, func(t *testing.T) {
			s, _ := newTestStore(t)
			s.FileFault = failStep(c.step, c.errno)
			err := s.SaveProfile(testProfile("work"))
			var fe *FileError
			if !errors.As(err, &fe) || !IsLocal(err) || !errors.Is(err, c.errno) {
				t.Fatalf("err = %v (%T), want a local *FileError wrapping %v", err, err, c.errno)
			}
			if !strings.Contains(err.Error(), c.words) || !strings.Contains(err.Error(), s.ConfigDir) {
				t.Fatalf("%q does not name the path under %s and the cause %q", err, s.ConfigDir, c.words)
			}
		})
	}
}

// A real permission failure, not an injected one. Tests run as root here,
// and root ignores directory modes, so as root the store is pointed at
// sysfs, which refuses to create files for everyone (EACCES/EPERM) without
// any mount or privilege trick; as another user a 0500 directory does it.
func TestRealPermissionDeniedIsALocalError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	switch {
	case runtime.GOOS == "linux" && os.Geteuid() == 0:
		if _, err := os.Stat("/sys/kernel"); err != nil {
			t.Skip("no sysfs here to refuse a write as root")
		}
		dir = "/sys/kernel/zoomconnect-test"
	case runtime.GOOS == "windows":
		t.Skip("directory modes do not deny writes on Windows")
	default:
		if err := os.Mkdir(dir, 0o500); err != nil {
			t.Fatal(err)
		}
	}
	s := &Store{ConfigDir: dir, DataDir: dir, StateDir: dir, Keyring: newFakeKeyring()}
	err := s.SaveProfile(testProfile("work"))
	var fe *FileError
	if !errors.As(err, &fe) || !IsLocal(err) || !strings.Contains(err.Error(), "permission denied") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("err = %v (%T), want a local *FileError saying permission denied under %s", err, err, dir)
	}
}

func TestCauseWordsKeepsUnknownOSText(t *testing.T) {
	err := fileErr("write", "/x/y", &os.PathError{Op: "write", Path: "/x/y", Err: syscall.EBADF})
	if got := err.Error(); got != "could not write /x/y: bad file descriptor" {
		t.Fatalf("Error() = %q", got)
	}
	if IsLocal(errors.New("could not reach Zoom")) {
		t.Fatal("a plain error is not local")
	}
}
