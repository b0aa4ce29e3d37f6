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
	if err := s.CheckSecretsWritable(t.Context(), p, testSecrets()); err != nil {
		t.Fatalf("a writable dir: %v", err)
	}
	for _, c := range []struct {
		step  string
		errno syscall.Errno
	}{{"create", syscall.EROFS}, {"write", syscall.ENOSPC}, {"sync", syscall.EDQUOT}} {
		s.FileFault = failStep(c.step, c.errno)
		err := s.CheckSecretsWritable(t.Context(), p, testSecrets())
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
	if err := s.CheckSecretsWritable(t.Context(), kr, testSecrets()); err != nil {
		t.Fatalf("a keyring profile needs no file: %v", err)
	}
}

// setFailing is a keyring that reads but refuses every write, as
// gnome-keyring does when its own files are on a full disk ("Couldn't
// create item: An error occurred on the device").
type setFailing struct{ *fakeKeyring }

func (setFailing) Set(string, string, string) error {
	return errors.New("Couldn't create item: An error occurred on the device")
}

// Before a refresh spends its token, a keyring that answers reads but
// cannot take a write (refused, or slower than SaveRotated's second try)
// is found by writing the current secrets back, unchanged. Found by the
// e2e fault suite (disk full under gnome-keyring, TestFaultKeyringSlow).
func TestCheckSecretsWritableKeyring(t *testing.T) {
	s, kr := newTestStore(t)
	p := testProfile("work")
	if err := s.SaveSecrets(t.Context(), p, BackendKeyring, testSecrets()); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckSecretsWritable(t.Context(), p, testSecrets()); err != nil {
		t.Fatalf("a keyring that takes writes: %v", err)
	}
	refusing := *s
	refusing.Keyring = setFailing{kr}
	if err := refusing.CheckSecretsWritable(t.Context(), p, testSecrets()); !errors.Is(err, ErrKeyringUnavailable) {
		t.Fatalf("a keyring that refuses writes: %v", err)
	}
	s.KeyringTimeout = 20 * time.Millisecond
	kr.block, kr.stallSets = make(chan struct{}), 1
	start := time.Now()
	err := s.CheckSecretsWritable(t.Context(), p, testSecrets())
	close(kr.block)
	if !errors.Is(err, ErrKeyringTimeout) || time.Since(start) < rotatedRetryFactor*s.KeyringTimeout {
		t.Fatalf("a write slower than SaveRotated's second try: %v after %s", err, time.Since(start))
	}
	s.KeyringTimeout = 2 * time.Second
	if got, err := s.LoadSecrets(t.Context(), p); err != nil || got != testSecrets() {
		t.Fatalf("the check changed the secrets: %v", err)
	}
}
