package storage

import (
	"errors"
	"fmt"
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

// TestRealKeyringSession checks the one-session Secret Service client
// against the real daemon: what go-keyring wrote reads in a session and in
// one batch, what a session writes go-keyring reads, a missing item is
// ErrSecretsMissing, and a deleted one is gone for both.
func TestRealKeyringSession(t *testing.T) {
	root := t.TempDir()
	s := &Store{
		ConfigDir: filepath.Join(root, "c"), DataDir: filepath.Join(root, "d"), StateDir: filepath.Join(root, "s"),
		KeyringTimeout: 10 * time.Second,
	}
	if err := s.ProbeKeyring(t.Context()); err != nil {
		if os.Getenv("ZOOMCONNECT_REQUIRE_REAL") == "1" {
			t.Fatalf("no usable system keyring and ZOOMCONNECT_REQUIRE_REAL=1: %v", err)
		}
		t.Skipf("no system keyring answers (%v); run under .ci/with-keyring", err)
	}
	stamp := time.Now().Format("150405.000000000")
	var ps []*Profile
	for i := range 5 {
		p := testProfile(fmt.Sprintf("zc-session-%d-%s", i, stamp))
		t.Cleanup(func() { s.DeleteSecrets(t.Context(), p) })
		sec := testSecrets()
		sec.RefreshToken = fmt.Sprintf("REFRESH-%d", i)
		if err := s.SaveSecrets(t.Context(), p, BackendKeyring, sec); err != nil { // go-keyring, one session per call
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	missing := testProfile("zc-session-missing-" + stamp)
	for i, r := range s.LoadSecretsEach(t.Context(), append(ps, missing)) {
		switch {
		case i == len(ps):
			if !errors.Is(r.Err, ErrSecretsMissing) {
				t.Errorf("missing item: %v, want ErrSecretsMissing", r.Err)
			}
		case r.Err != nil || r.Secrets.RefreshToken != fmt.Sprintf("REFRESH-%d", i):
			t.Errorf("batch read of %s: %q, %v", ps[i].Name, r.Secrets.RefreshToken, r.Err)
		}
	}
	st, end := s.WithKeyringSession()
	if st == s {
		t.Fatal("the Secret Service keyring should open sessions")
	}
	sec := testSecrets()
	sec.RefreshToken = "REFRESH-written-in-a-session"
	if err := st.SaveSecrets(t.Context(), ps[0], BackendKeyring, sec); err != nil { // written and read back in the session
		t.Fatal(err)
	}
	if got, err := st.LoadSecrets(t.Context(), ps[1]); err != nil || got.RefreshToken != "REFRESH-1" {
		t.Errorf("read in the session: %q, %v", got.RefreshToken, err)
	}
	if err := st.DeleteSecrets(t.Context(), ps[2]); err != nil {
		t.Fatal(err)
	}
	end()
	if got, err := s.LoadSecrets(t.Context(), ps[0]); err != nil || got.RefreshToken != sec.RefreshToken {
		t.Errorf("go-keyring reads what the session wrote as %q, %v", got.RefreshToken, err)
	}
	if _, err := s.LoadSecrets(t.Context(), ps[2]); !errors.Is(err, ErrSecretsMissing) {
		t.Errorf("deleted in the session, go-keyring still reads it: %v", err)
	}
}
