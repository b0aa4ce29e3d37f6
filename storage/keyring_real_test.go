package storage

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestRealKeyringRoundTrip uses the OS keyring through go-keyring (no fake).
// Run it against a real Secret Service with:
//
//	.ci/with-keyring go test -race -run Real ./storage/
func TestRealKeyringRoundTrip(t *testing.T) {
	root := t.TempDir()
	s := &Store{
		ConfigDir: filepath.Join(root, "c"), DataDir: filepath.Join(root, "d"), StateDir: filepath.Join(root, "s"),
		KeyringTimeout: 10 * time.Second,
	}
	// ProbeKeyring never autolaunches a session bus (see checkSessionBus).
	if err := s.ProbeKeyring(t.Context()); err != nil {
		if os.Getenv("ZOOMCONNECT_REQUIRE_REAL") == "1" {
			t.Fatalf("no usable system keyring and ZOOMCONNECT_REQUIRE_REAL=1: %v", err)
		}
		t.Skipf("no system keyring answers (%v); run under .ci/with-keyring, or set ZOOMCONNECT_REQUIRE_REAL=1 to fail instead", err)
	}
	p := testProfile("zc-real-test-" + time.Now().Format("150405.000000000"))
	t.Cleanup(func() { s.DeleteSecrets(t.Context(), p) })
	sec := testSecrets()
	if err := s.SaveSecrets(t.Context(), p, BackendKeyring, sec); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadSecrets(t.Context(), p)
	if err != nil || got != sec {
		t.Fatalf("read back from the real keyring: equal=%v, %v", got == sec, err)
	}
	if err := s.DeleteSecrets(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadSecrets(t.Context(), p); err == nil {
		t.Fatal("secret still in the real keyring after delete")
	}
	if _, err := os.Stat(s.DataDir); err == nil {
		t.Fatal("the keyring path wrote a file")
	}
}
