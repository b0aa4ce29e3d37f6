package storage

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A keyring slower than its timeout: the first write of rotated tokens
// times out, the second, with a longer deadline, keeps them.
func TestSaveRotatedRetriesATimedOutKeyringWrite(t *testing.T) {
	s, kr := newTestStore(t)
	p := testProfile("work")
	if err := s.SaveSecrets(t.Context(), p, BackendKeyring, testSecrets()); err != nil {
		t.Fatal(err)
	}
	s.KeyringTimeout = 50 * time.Millisecond
	kr.block, kr.stallSets = make(chan struct{}), 1
	t.Cleanup(func() { close(kr.block) })
	rotated := testSecrets()
	rotated.RefreshToken = "REFRESH-rotated"
	if err := s.SaveSecrets(t.Context(), p, BackendKeyring, rotated); !errors.Is(err, ErrKeyringTimeout) {
		t.Fatalf("plain SaveSecrets with a stalled write: %v", err)
	}
	kr.mu.Lock()
	kr.stallSets = 1
	kr.mu.Unlock()
	if err := s.SaveRotated(t.Context(), p, rotated); err != nil {
		t.Fatalf("SaveRotated: %v", err)
	}
	s.KeyringTimeout = 2 * time.Second
	if got, err := s.LoadSecrets(t.Context(), p); err != nil || got.RefreshToken != "REFRESH-rotated" {
		t.Fatalf("stored %q, %v", got.RefreshToken, err)
	}
}

// Before a refresh spends its token, a full disk or a read-only secrets
// dir is found by a trial write beside the secret file.
func TestCheckSecretsWritable(t *testing.T) {
	s, _ := newTestStore(t)
	p := testProfile("work")
	if err := s.SaveSecrets(t.Context(), p, BackendFile, testSecrets()); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckSecretsWritable(p); err != nil {
		t.Fatalf("a writable dir: %v", err)
	}
	for _, c := range []struct {
		step  string
		errno syscall.Errno
	}{{"create", syscall.EROFS}, {"write", syscall.ENOSPC}, {"sync", syscall.EDQUOT}} {
		s.FileFault = failStep(c.step, c.errno)
		err := s.CheckSecretsWritable(p)
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, c.errno) || fe.Path != s.SecretsFilePath("work") {
			t.Fatalf("%s fault: %v", c.step, err)
		}
	}
	s.FileFault = nil
	if tmp := tempFiles(t, filepath.Dir(s.SecretsFilePath("work"))); len(tmp) != 0 {
		t.Fatalf("the trial write left %v", tmp)
	}
	kr := testProfile("kr")
	kr.SecretBackend = BackendKeyring
	s.FileFault = failStep("create", syscall.EROFS)
	if err := s.CheckSecretsWritable(kr); err != nil {
		t.Fatalf("a keyring profile needs no file: %v", err)
	}
}
