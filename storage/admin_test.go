package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func testAdmin(name string) *AdminProfile {
	return &AdminProfile{Name: name, AccountID: "acct1", ClientID: "s2sClient1",
		AuthBaseURL: "https://zoom.us", APIBaseURL: "https://api.zoom.us"}
}

const adminPlant = "ADMINSECRET-plant-9"

// An admin profile round-trips: the profile in ConfigDir/admin (0600), the
// secret in its own keyring item, never in the profile file, and apart
// from every connection (no profile of that name appears).
func TestSaveAdminKeyring(t *testing.T) {
	ctx := context.Background()
	s, kr := newTestStore(t)
	p := testAdmin("default")
	if err := s.SaveAdmin(ctx, p, "", adminPlant); err != nil {
		t.Fatal(err)
	}
	if p.SecretBackend != BackendKeyring || p.CreatedAt.IsZero() {
		t.Errorf("saved profile %+v", p)
	}
	if !kr.has(s.keyringUser(itemAdmin, "default")) || kr.has(s.keyringUser(itemProfile, "default")) {
		t.Errorf("keyring items %v: want only the admin item", kr.items)
	}
	data, err := os.ReadFile(s.AdminProfilePath("default"))
	if err != nil || strings.Contains(string(data), adminPlant) {
		t.Fatalf("profile file %q, %v", data, err)
	}
	if info, _ := os.Stat(s.AdminProfilePath("default")); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", info.Mode().Perm())
	}
	got, err := s.LoadAdmin("default")
	if err != nil || got.ClientID != "s2sClient1" || got.AccountID != "acct1" {
		t.Fatalf("LoadAdmin = %+v, %v", got, err)
	}
	if sec, err := s.LoadAdminSecret(ctx, got); err != nil || sec != adminPlant {
		t.Errorf("LoadAdminSecret = %q, %v", sec, err)
	}
	if _, err := s.LoadProfile("default"); !errors.Is(err, ErrNotFound) {
		t.Errorf("an admin profile shows as a connection: %v", err)
	}
	if list, _ := s.ListAdmins(); len(list) != 1 || list[0].Name != "default" {
		t.Errorf("ListAdmins = %+v", list)
	}
}

// Without a keyring nothing is written unless the caller consents to the
// file; with consent the secret is in a 0600 file of its own.
func TestSaveAdminFileOnlyWithConsent(t *testing.T) {
	ctx := context.Background()
	s, kr := newTestStore(t)
	kr.err = errNoBus
	err := s.SaveAdmin(ctx, testAdmin("default"), BackendKeyring, adminPlant)
	if !errors.Is(err, ErrKeyringUnavailable) {
		t.Fatalf("err = %v, want ErrKeyringUnavailable", err)
	}
	for _, path := range []string{s.AdminProfilePath("default"), s.AdminSecretPath("default")} {
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s written without consent", path)
		}
	}
	p := testAdmin("default")
	if err := s.SaveAdmin(ctx, p, BackendFile, adminPlant); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(s.AdminSecretPath("default"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("secret file %v, %v", info, err)
	}
	if got := s.AdminSecretLocation(p); got != s.AdminSecretPath("default") {
		t.Errorf("location %q", got)
	}
	if sec, err := s.LoadAdminSecret(ctx, p); err != nil || sec != adminPlant {
		t.Errorf("LoadAdminSecret = %q, %v", sec, err)
	}
}

// A profile write that fails keeps nothing new: the earlier secret is put
// back, or the new one removed when there was none.
func TestSaveAdminAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s, kr := newTestStore(t)
	s.FileFault = func(step, path string) error {
		if step == "rename" && strings.HasSuffix(path, filepath.Join("admin", "default.json")) && strings.Contains(path, "config") {
			return syscall.ENOSPC
		}
		return nil
	}
	err := s.SaveAdmin(ctx, testAdmin("default"), "", adminPlant)
	if err == nil || !IsLocal(err) || !strings.Contains(err.Error(), "nothing new was kept") {
		t.Fatalf("err = %v", err)
	}
	if kr.len() != 0 {
		t.Errorf("the secret stayed in the keyring: %v", kr.items)
	}
	s.FileFault = nil
	if err := s.SaveAdmin(ctx, testAdmin("default"), "", "old-secret"); err != nil {
		t.Fatal(err)
	}
	s.FileFault = func(step, path string) error {
		if step == "rename" && strings.Contains(path, filepath.Join("config", AppDirName, "admin")) {
			return syscall.EROFS
		}
		return nil
	}
	if err := s.SaveAdmin(ctx, testAdmin("default"), "", adminPlant); err == nil {
		t.Fatal("save on a read-only config dir succeeded")
	}
	s.FileFault = nil
	p, _ := s.LoadAdmin("default")
	if sec, err := s.LoadAdminSecret(ctx, p); err != nil || sec != "old-secret" {
		t.Errorf("after a failed save the secret is %q, %v; want the earlier one", sec, err)
	}
}

// Logging in again to the keyring removes the consented plaintext copy.
func TestSaveAdminMovesOffTheFile(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	if err := s.SaveAdmin(ctx, testAdmin("default"), BackendFile, adminPlant); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAdmin(ctx, testAdmin("default"), BackendKeyring, adminPlant); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.AdminSecretPath("default")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the plaintext secret file stayed: %v", err)
	}
}

// DeleteAdmin removes the secret, then the profile; when the keyring does
// not answer, the profile stays so the next logout can finish.
func TestDeleteAdmin(t *testing.T) {
	ctx := context.Background()
	s, kr := newTestStore(t)
	if err := s.SaveAdmin(ctx, testAdmin("default"), "", adminPlant); err != nil {
		t.Fatal(err)
	}
	kr.err = errNoBus
	if err := s.DeleteAdmin(ctx, "default"); err == nil || !strings.Contains(err.Error(), "is kept") {
		t.Fatalf("err = %v", err)
	}
	if _, err := s.LoadAdmin("default"); err != nil {
		t.Fatalf("profile gone while its secret stays: %v", err)
	}
	kr.err = nil
	if err := s.DeleteAdmin(ctx, "default"); err != nil {
		t.Fatal(err)
	}
	if kr.len() != 0 {
		t.Errorf("keyring still holds %v", kr.items)
	}
	if _, err := s.LoadAdmin("default"); !errors.Is(err, ErrNotFound) {
		t.Errorf("LoadAdmin after delete: %v", err)
	}
	if err := s.DeleteAdmin(ctx, "default"); err != nil {
		t.Errorf("deleting nothing: %v", err)
	}
}

func TestLoadAdminSecretMissing(t *testing.T) {
	s, _ := newTestStore(t)
	_, err := s.LoadAdminSecret(context.Background(), testAdmin("default"))
	if !errors.Is(err, ErrSecretsMissing) {
		t.Errorf("err = %v", err)
	}
	if _, err := s.LoadAdmin("Bad Name"); err == nil {
		t.Error("an invalid name was accepted")
	}
}

// TestRealKeyringAdminProfile saves, reads and deletes an admin profile
// with the OS keyring (no fake); run it under .ci/with-keyring.
func TestRealKeyringAdminProfile(t *testing.T) {
	root := t.TempDir()
	s := &Store{ConfigDir: filepath.Join(root, "c"), DataDir: filepath.Join(root, "d"), StateDir: filepath.Join(root, "s"),
		KeyringTimeout: 10 * time.Second}
	if err := s.ProbeKeyring(t.Context()); err != nil {
		if os.Getenv("ZOOMCONNECT_REQUIRE_REAL") == "1" {
			t.Fatalf("no usable system keyring and ZOOMCONNECT_REQUIRE_REAL=1: %v", err)
		}
		t.Skipf("no system keyring answers (%v); run under .ci/with-keyring, or set ZOOMCONNECT_REQUIRE_REAL=1 to fail instead", err)
	}
	p := testAdmin("zc-real-admin-" + time.Now().Format("150405.000000000"))
	t.Cleanup(func() { s.DeleteAdmin(context.Background(), p.Name) })
	if err := s.SaveAdmin(t.Context(), p, BackendKeyring, adminPlant); err != nil {
		t.Fatal(err)
	}
	if sec, err := s.LoadAdminSecret(t.Context(), p); err != nil || sec != adminPlant {
		t.Fatalf("read back: %q, %v", sec, err)
	}
	if err := s.DeleteAdmin(t.Context(), p.Name); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadAdminSecret(t.Context(), p); !errors.Is(err, ErrSecretsMissing) {
		t.Fatalf("secret still in the real keyring after delete: %v", err)
	}
	if _, err := os.Stat(s.DataDir); err == nil {
		t.Fatal("the keyring path wrote a file")
	}
}
