package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
	"go.uber.org/goleak"
)

var planted = []string{"CLIENTSECRET-plant-1", "ACCESSTOKEN-plant-2", "REFRESHTOKEN-plant-3"}

func TestSecretsRedactInFmtAndSlog(t *testing.T) {
	sec := testSecrets()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%v %+v %#v %s", sec, sec, sec, sec)
	fmt.Fprintf(&buf, "%v %+v", struct{ S Secrets }{sec}, &sec)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "sec", sec)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "sec", sec, slog.Any("p", &sec))
	out := buf.String()
	for _, p := range planted {
		if strings.Contains(out, p) {
			t.Fatalf("secret %q leaked in: %s", p, out)
		}
	}
	if !strings.Contains(out, "[redacted]") || !strings.Contains(out, "bearer") {
		t.Fatalf("redacted output lost its shape: %s", out)
	}
}

// TestNoSecretOnDiskWithKeyring plants secrets and byte-searches every file
// the store wrote.
func TestNoSecretOnDiskWithKeyring(t *testing.T) {
	s, kr := newTestStore(t)
	p := testProfile("work")
	if err := s.SaveSecrets(t.Context(), p, BackendKeyring, testSecrets()); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePending(t.Context(), Pending{Profile: "next", AuthType: AuthOwnApp, ClientID: "c"}, "CLIENTSECRET-plant-1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDefaultProfile("work"); err != nil {
		t.Fatal(err)
	}
	root := filepath.Dir(filepath.Dir(s.ConfigDir))
	files := 0
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, _ := os.ReadFile(path)
		for _, sec := range planted {
			if bytes.Contains(b, []byte(sec)) {
				t.Errorf("%s contains secret %s", path, sec)
			}
		}
		return nil
	})
	if files < 3 || !kr.has(s.keyringUser(itemProfile, "work")) || !kr.has(s.keyringUser(itemPending, "next")) {
		t.Fatalf("files=%d keyring=%v", files, kr.items)
	}
}

func TestKeyringRoundTripOfLargeSecret(t *testing.T) {
	s, kr := newTestStore(t)
	p := testProfile("work")
	sec := testSecrets()
	sec.AccessToken = strings.Repeat("A", 5*1024)
	if err := s.SaveSecrets(t.Context(), p, "", sec); err != nil {
		t.Fatal(err)
	}
	if p.SecretBackend != BackendKeyring {
		t.Fatalf("backend = %q", p.SecretBackend)
	}
	var stored Secrets
	if err := json.Unmarshal([]byte(kr.items[KeyringService+"\x00"+s.keyringUser(itemProfile, "work")]), &stored); err != nil {
		t.Fatalf("keyring item is not the JSON of Secrets: %v", err)
	}
	got, err := s.LoadSecrets(t.Context(), p)
	if err != nil || got != sec {
		t.Fatalf("round trip: %v, equal=%v", err, got == sec)
	}
}

func TestKeyringTooBigIsNotSaved(t *testing.T) {
	s, kr := newTestStore(t)
	kr.err = gokeyring.ErrSetDataTooBig
	err := s.SaveSecrets(t.Context(), testProfile("work"), BackendKeyring, testSecrets())
	if !errors.Is(err, ErrKeyringUnavailable) || !errors.Is(err, gokeyring.ErrSetDataTooBig) {
		t.Fatalf("err = %v", err)
	}
}

func TestKeyringReadBackMismatchFails(t *testing.T) {
	s, kr := newTestStore(t)
	kr.mangle = func(v string) string { return v[:len(v)/2] } // silent truncation
	err := s.SaveSecrets(t.Context(), testProfile("work"), BackendKeyring, testSecrets())
	if !errors.Is(err, ErrReadBack) {
		t.Fatalf("err = %v, want ErrReadBack", err)
	}
}

func TestNoPlaintextWithoutConsent(t *testing.T) {
	s, kr := newTestStore(t)
	kr.err = errNoBus
	p := testProfile("work")
	err := s.SaveSecrets(t.Context(), p, BackendKeyring, testSecrets())
	if !errors.Is(err, ErrKeyringUnavailable) || !strings.Contains(err.Error(), "session bus") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(s.DataDir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("data dir exists without consent: %v", err)
	}
	if p.SecretBackend != "" {
		t.Fatalf("backend set to %q on failure", p.SecretBackend)
	}
	// With consent: a 0600 file in a 0700 dir.
	if err := s.SaveSecrets(t.Context(), p, BackendFile, testSecrets()); err != nil {
		t.Fatal(err)
	}
	assertMode(t, s.SecretsFilePath("work"), 0o600)
	assertMode(t, filepath.Dir(s.SecretsFilePath("work")), 0o700)
	if got, err := s.LoadSecrets(t.Context(), p); err != nil || got.RefreshToken != "REFRESHTOKEN-plant-3" {
		t.Fatalf("load: %v", err)
	}
	if loc := s.SecretsLocation(p); loc != s.SecretsFilePath("work") {
		t.Fatalf("location = %q", loc)
	}
}

func TestFileSecretsGroupReadableRefused(t *testing.T) {
	s, _ := newTestStore(t)
	p := testProfile("work")
	if err := s.SaveSecrets(t.Context(), p, BackendFile, testSecrets()); err != nil {
		t.Fatal(err)
	}
	path := s.SecretsFilePath("work")
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := s.LoadSecrets(t.Context(), p)
	if !errors.Is(err, ErrInsecureFile) || !strings.Contains(err.Error(), "chmod 600 "+path) {
		t.Fatalf("err = %v", err)
	}
	// Saving again repairs the mode (explicit chmod on the new file).
	if err := s.SaveSecrets(t.Context(), p, BackendFile, testSecrets()); err != nil {
		t.Fatal(err)
	}
	assertMode(t, path, 0o600)
}

func TestKeyringTimeout(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	s, kr := newTestStore(t)
	kr.block = make(chan struct{})
	s.KeyringTimeout = 50 * time.Millisecond
	err := s.SaveSecrets(t.Context(), testProfile("work"), BackendKeyring, testSecrets())
	// Set is still blocked here: SaveSecrets returned without waiting for it.
	if !errors.Is(err, ErrKeyringTimeout) {
		t.Fatalf("err = %v", err)
	}
	if err := s.ProbeKeyring(t.Context()); !errors.Is(err, ErrKeyringTimeout) {
		t.Fatalf("probe err = %v", err)
	}
	close(kr.block) // the stuck goroutines finish; goleak checks none stays
	if _, err := os.Stat(s.DataDir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("a timeout wrote a file")
	}
}

func TestKeyringCallHonoursContext(t *testing.T) {
	s, kr := newTestStore(t)
	kr.block = make(chan struct{})
	defer close(kr.block)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := s.SaveSecrets(ctx, testProfile("work"), BackendKeyring, testSecrets())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

func TestSwitchingBackendRemovesOtherCopy(t *testing.T) {
	s, kr := newTestStore(t)
	p := testProfile("work")
	if err := s.SaveSecrets(t.Context(), p, BackendFile, testSecrets()); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSecrets(t.Context(), p, BackendKeyring, testSecrets()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.SecretsFilePath("work")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("plaintext copy left after moving to the keyring")
	}
	if err := s.SaveSecrets(t.Context(), p, BackendFile, testSecrets()); err != nil {
		t.Fatal(err)
	}
	if kr.has(s.keyringUser(itemProfile, "work")) {
		t.Fatal("keyring copy left after moving to the file")
	}
}

func TestDeleteSecretsIdempotentAndMissing(t *testing.T) {
	s, kr := newTestStore(t)
	p := testProfile("work")
	if err := s.SaveSecrets(t.Context(), p, BackendKeyring, testSecrets()); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if err := s.DeleteSecrets(t.Context(), p); err != nil {
			t.Fatalf("delete %d: %v", i, err)
		}
	}
	if kr.len() != 0 {
		t.Fatalf("keyring not empty: %v", kr.items)
	}
	if _, err := s.LoadSecrets(t.Context(), p); !errors.Is(err, ErrSecretsMissing) || !strings.Contains(err.Error(), "zoomconnect login --profile work") {
		t.Fatalf("err = %v", err)
	}
}

func TestProbeKeyring(t *testing.T) {
	s, kr := newTestStore(t)
	if err := s.ProbeKeyring(t.Context()); err != nil {
		t.Fatal(err)
	}
	if kr.sets != 1 || kr.len() != 0 {
		t.Fatalf("probe sets=%d left=%d", kr.sets, kr.len())
	}
	kr.err = gokeyring.ErrUnsupportedPlatform
	if err := s.ProbeKeyring(t.Context()); !errors.Is(err, ErrKeyringUnavailable) {
		t.Fatalf("err = %v", err)
	}
	if loc := s.SecretsLocation(testProfile("x")); !strings.Contains(loc, "system keyring") {
		t.Fatalf("location = %q", loc)
	}
}
