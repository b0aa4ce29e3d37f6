//go:build unix

package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestModesUnderZeroUmask(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	s, _ := newTestStore(t)
	p := testProfile("work")
	if err := s.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSecrets(t.Context(), p, BackendFile, testSecrets()); err != nil {
		t.Fatal(err)
	}
	assertMode(t, s.ProfilePath("work"), 0o600)
	assertMode(t, filepath.Dir(s.ProfilePath("work")), 0o700)
	assertMode(t, s.ConfigDir, 0o700)
	assertMode(t, s.SecretsFilePath("work"), 0o600)
	assertMode(t, filepath.Dir(s.SecretsFilePath("work")), 0o700)
	assertMode(t, s.DataDir, 0o700)
}

func TestFileSecretsOwnedByAnotherUserRefused(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("changing a file's owner needs root; the mode check covers the rest")
	}
	s, _ := newTestStore(t)
	p := testProfile("work")
	if err := s.SaveSecrets(t.Context(), p, BackendFile, testSecrets()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(s.SecretsFilePath("work"), 12345, 12345); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadSecrets(t.Context(), p); !errors.Is(err, ErrInsecureFile) || !strings.Contains(err.Error(), "another user") {
		t.Fatalf("err = %v", err)
	}
}
