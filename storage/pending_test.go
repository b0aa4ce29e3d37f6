package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPendingRoundTripWithKeyringSecret(t *testing.T) {
	s, kr := newTestStore(t)
	in := Pending{Profile: "work", AuthType: AuthOwnApp, ClientID: "cid", Stage: "preapproval", ExpectedEmail: "a@b.c"}
	if err := s.SavePending(t.Context(), in, "CLIENTSECRET-plant-1"); err != nil {
		t.Fatal(err)
	}
	assertMode(t, s.pendingPath("work"), 0o600)
	if b, _ := os.ReadFile(s.pendingPath("work")); strings.Contains(string(b), "CLIENTSECRET") {
		t.Fatal("pending file holds the secret")
	}
	got, secret, err := s.LoadPending(t.Context(), "work")
	if err != nil || got.ClientID != "cid" || got.CreatedAt.IsZero() || secret != "CLIENTSECRET-plant-1" || !got.SecretKept {
		t.Fatalf("LoadPending = %+v, %q, %v", got, secret, err)
	}
	if err := s.ClearPending(t.Context(), "work"); err != nil {
		t.Fatal(err)
	}
	if kr.has(s.keyringUser(itemPending, "work")) {
		t.Fatal("pending secret left in the keyring")
	}
	if _, _, err := s.LoadPending(t.Context(), "work"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after clear: %v", err)
	}
	if err := s.ClearPending(t.Context(), "work"); err != nil {
		t.Fatalf("clearing twice: %v", err)
	}
}

func TestPendingWithoutKeyringDropsSecret(t *testing.T) {
	s, kr := newTestStore(t)
	kr.err = errNoBus
	in := Pending{Profile: "work", AuthType: AuthOwnApp, ClientID: "cid", Stage: "preapproval"}
	if err := s.SavePending(t.Context(), in, "CLIENTSECRET-plant-1"); err != nil {
		t.Fatal(err)
	}
	got, secret, err := s.LoadPending(t.Context(), "work")
	if err != nil || got.ClientID != "cid" || secret != "" || got.SecretKept {
		t.Fatalf("LoadPending = %+v, %q, %v", got, secret, err)
	}
	if b, _ := os.ReadFile(s.pendingPath("work")); strings.Contains(string(b), "CLIENTSECRET") {
		t.Fatal("secret written to a file without a keyring")
	}
}

func TestListPending(t *testing.T) {
	s, _ := newTestStore(t)
	if got, err := s.ListPending(); err != nil || len(got) != 0 {
		t.Fatalf("no attempts: %v, %v", got, err)
	}
	for _, name := range []string{"work", "alpha"} {
		if err := s.SavePending(context.Background(), Pending{Profile: name, ClientID: "cid", Stage: "preapproval"}, "secret-"+name); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(s.StateDir, "pending", "broken.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := s.ListPending()
	if err != nil || len(got) != 2 || got[0].Profile != "alpha" || got[1].Profile != "work" || got[0].CreatedAt.IsZero() {
		t.Fatalf("ListPending = %+v, %v; want alpha and work, a damaged file left out", got, err)
	}
}
