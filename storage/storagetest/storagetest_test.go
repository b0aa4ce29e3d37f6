package storagetest

import (
	"errors"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/zoomconnect/zoomconnect/storage"
)

func TestKeyringContract(t *testing.T) {
	k := NewKeyring()
	if _, err := k.Get("s", "u"); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Fatalf("Get missing = %v", err)
	}
	if err := k.Delete("s", "u"); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Fatalf("Delete missing = %v", err)
	}
	if err := k.Set("s", "u", "pw"); err != nil {
		t.Fatal(err)
	}
	if v, err := k.Get("s", "u"); v != "pw" || err != nil || k.Len() != 1 {
		t.Fatalf("Get = %q, %v; Len %d", v, err, k.Len())
	}
	locked := errors.New("collection is locked")
	k.FailSets(locked)
	if err := k.Set("s", "u", "new"); !errors.Is(err, locked) {
		t.Fatalf("Set with FailSets = %v", err)
	}
	if v, _ := k.Get("s", "u"); v != "pw" {
		t.Fatalf("a failed Set changed the item to %q", v)
	}
	down := errors.New("no session bus")
	k.Fail(down)
	if _, err := k.Get("s", "u"); !errors.Is(err, down) {
		t.Fatalf("Get with Fail = %v", err)
	}
	k.Fail(nil)
	if err := k.Delete("s", "u"); err != nil || k.Len() != 0 {
		t.Fatalf("Delete = %v, Len %d", err, k.Len())
	}
	if k.Calls() != 8 {
		t.Fatalf("Calls = %d, want 8", k.Calls())
	}
}

func TestStoresOnOneRootShareConnections(t *testing.T) {
	root, kr := t.TempDir(), NewKeyring()
	a, b := NewStore(root, kr), NewStore(root, kr)
	p := &storage.Profile{Name: "work", ClientID: "cid"}
	sec := storage.Secrets{AccessToken: "at", Expiry: time.Now().Add(time.Hour)}
	if err := a.SaveSecrets(t.Context(), p, storage.BackendKeyring, sec); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	got, err := b.LoadProfile("work")
	if err != nil {
		t.Fatal(err)
	}
	if s, err := b.LoadSecrets(t.Context(), got); err != nil || s.AccessToken != "at" {
		t.Fatalf("secrets = %v, %v", s, err)
	}
	if NewStore(t.TempDir(), nil).Keyring == nil {
		t.Fatal("NewStore(root, nil) has no keyring")
	}
}

func TestKeyringSessionsShareItemsAndCount(t *testing.T) {
	k := NewKeyring()
	var _ storage.SessionKeyring = k
	if err := k.Set("s", "a", "1"); err != nil {
		t.Fatal(err)
	}
	sess := k.OpenSession()
	if err := sess.Set("s", "b", "2"); err != nil {
		t.Fatal(err)
	}
	values, errs := sess.GetMany("s", []string{"a", "b", "c"})
	if values[0] != "1" || values[1] != "2" || errs[0] != nil || errs[1] != nil || !errors.Is(errs[2], gokeyring.ErrNotFound) {
		t.Fatalf("GetMany = %q, %v", values, errs)
	}
	if err := sess.Close(); err != nil {
		t.Fatal(err)
	}
	if v, err := k.Get("s", "b"); v != "2" || err != nil {
		t.Fatalf("outside the session, Get = %q, %v", v, err)
	}
	if opened, closed := k.Sessions(); opened != 1 || closed != 1 {
		t.Fatalf("Sessions = %d opened, %d closed", opened, closed)
	}
	if n, all := k.SessionCalls(), k.Calls(); n != 4 || all != 6 {
		t.Fatalf("SessionCalls = %d, Calls = %d; want 4 and 6", n, all)
	}
}
