package storage

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// storeOn returns a Store on its own config home under root, sharing kr,
// as two XDG_CONFIG_HOMEs of one user share the login keyring.
func storeOn(root, home string, kr Keyring) *Store {
	base := filepath.Join(root, home)
	return &Store{
		ConfigDir: filepath.Join(base, "config", AppDirName), DataDir: filepath.Join(base, "data", AppDirName),
		StateDir: filepath.Join(base, "state", AppDirName), Keyring: kr, KeyringTimeout: 2 * time.Second,
	}
}

func TestTwoConfigHomesKeepTheirOwnKeyringItems(t *testing.T) {
	kr := newFakeKeyring()
	root := t.TempDir()
	a, b := storeOn(root, "a", kr), storeOn(root, "b", kr)
	pa, pb := testProfile("default"), testProfile("default")
	sa, sb := testSecrets(), testSecrets()
	sa.RefreshToken, sb.RefreshToken = "REFRESH-of-home-a", "REFRESH-of-home-b"
	if err := a.SaveSecrets(t.Context(), pa, BackendKeyring, sa); err != nil {
		t.Fatal(err)
	}
	if err := b.SaveSecrets(t.Context(), pb, BackendKeyring, sb); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		s    *Store
		p    *Profile
		want string
	}{{a, pa, "REFRESH-of-home-a"}, {b, pb, "REFRESH-of-home-b"}} {
		got, err := c.s.LoadSecrets(t.Context(), c.p)
		if err != nil || got.RefreshToken != c.want {
			t.Fatalf("%s read %q, %v; want its own %q", c.s.ConfigDir, got.RefreshToken, err, c.want)
		}
	}
	if err := a.DeleteSecrets(t.Context(), pa); err != nil {
		t.Fatal(err)
	}
	if got, err := b.LoadSecrets(t.Context(), pb); err != nil || got.RefreshToken != "REFRESH-of-home-b" {
		t.Fatalf("deleting home a's item touched home b's: %q, %v", got.RefreshToken, err)
	}
	if u := a.keyringUser(itemProfile, "default"); !strings.HasPrefix(u, "profile:default@") || u == b.keyringUser(itemProfile, "default") {
		t.Fatalf("item keys %q and %q", u, b.keyringUser(itemProfile, "default"))
	}
}

// Items written before keys carried the config home (profile:NAME,
// pending:NAME) keep working: the first read copies them to the new key
// and removes the old one.
func TestLegacyKeyringItemsMigrateOnRead(t *testing.T) {
	kr := newFakeKeyring()
	s := storeOn(t.TempDir(), "a", kr)
	p := testProfile("work")
	p.SecretBackend = BackendKeyring
	legacy, _ := jsonOf(testSecrets())
	kr.items[KeyringService+"\x00profile:work"] = legacy
	kr.items[KeyringService+"\x00pending:work"] = "CLIENTSECRET-plant-1"
	if err := s.SavePending(t.Context(), Pending{Profile: "work", ClientID: "c"}, ""); err != nil {
		t.Fatal(err)
	}
	markKept(t, s, "work")

	got, err := s.LoadSecrets(t.Context(), p)
	if err != nil || got != testSecrets() {
		t.Fatalf("legacy secrets not read: %v", err)
	}
	if kr.has("profile:work") || !kr.has(s.keyringUser(itemProfile, "work")) {
		t.Fatalf("not migrated: %v", kr.items)
	}
	if _, secret, err := s.LoadPending(t.Context(), "work"); err != nil || secret != "CLIENTSECRET-plant-1" {
		t.Fatalf("legacy pending secret: %q, %v", secret, err)
	}
	if kr.has("pending:work") || !kr.has(s.keyringUser(itemPending, "work")) {
		t.Fatalf("pending not migrated: %v", kr.items)
	}
	if got, err := s.LoadSecrets(t.Context(), p); err != nil || got != testSecrets() {
		t.Fatalf("second read: %v", err)
	}
	// A legacy item left by an install that never read it is deleted with
	// the profile's secrets.
	kr.items[KeyringService+"\x00profile:work"] = legacy
	if err := s.DeleteSecrets(t.Context(), p); err != nil || kr.len() != 1 { // the pending item stays
		t.Fatalf("delete: %v, left %v", err, kr.items)
	}
}
