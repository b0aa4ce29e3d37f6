package homes

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/storage/storagetest"
)

func TestAddSavesSandboxProfilesInTheKeyring(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	st := StoreAt(home)
	kr := storagetest.NewKeyring()
	st.Keyring = kr
	if err := Add(ctx, st, 3, "t"); err != nil {
		t.Fatal(err)
	}
	ps, err := st.ListProfiles()
	if err != nil || len(ps) != 3 {
		t.Fatalf("profiles: %v, %v", ps, err)
	}
	if kr.Len() != 3 {
		t.Errorf("keyring items: %d, want 3", kr.Len())
	}
	if d := st.DefaultProfile(); d != "t-001" {
		t.Errorf("default profile %q, want t-001", d)
	}
	for _, p := range ps {
		if !p.IsSandbox() || p.SecretBackend != storage.BackendKeyring || p.Email == "" {
			t.Errorf("profile %s: sandbox %v, backend %q, email %q", p.Name, p.IsSandbox(), p.SecretBackend, p.Email)
		}
	}
	p, err := st.LoadProfile("t-001")
	if err != nil {
		t.Fatal(err)
	}
	sec, err := st.LoadSecrets(ctx, p)
	if err != nil || sec.AccessToken == "" || !sec.Expiry.After(time.Now()) {
		t.Fatalf("secrets of t-001: %v, %v", sec, err)
	}
	// The default was authorized last: a sandbox on the home's state file,
	// as a later command starts it, still accepts its refresh token.
	srv, err := sandbox.New(sandbox.Options{StateFile: filepath.Join(st.StateDir, "sandbox.json")})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cl := &oauthflow.Client{App: oauthflow.App{ClientID: sandbox.DemoClientID, ClientSecret: sandbox.DemoClientSecret,
		Endpoints: oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}}}
	if _, err := cl.Refresh(ctx, sec.RefreshToken); err != nil {
		t.Errorf("refresh with t-001's token: %v", err)
	}
}

func TestExpireMakesTheTokenExpired(t *testing.T) {
	ctx := context.Background()
	st := StoreAt(t.TempDir())
	st.Keyring = storagetest.NewKeyring()
	if err := Add(ctx, st, 1, "e"); err != nil {
		t.Fatal(err)
	}
	if err := Expire(ctx, st, "e-001"); err != nil {
		t.Fatal(err)
	}
	p, err := st.LoadProfile("e-001")
	if err != nil {
		t.Fatal(err)
	}
	sec, err := st.LoadSecrets(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if now := time.Now(); !sec.Expiry.Before(now) || !p.AccessExpiry.Before(now) {
		t.Errorf("after Expire: secrets expire %s, profile says %s; want both past", sec.Expiry, p.AccessExpiry)
	}
	if sec.RefreshToken == "" {
		t.Error("Expire lost the refresh token")
	}
}

func TestPrivateKeyringGuard(t *testing.T) {
	t.Setenv(KeyringEnv, "")
	if PrivateKeyring() == nil {
		t.Error("no guard without " + KeyringEnv)
	}
	t.Setenv(KeyringEnv, "private")
	if err := PrivateKeyring(); err != nil {
		t.Error(err)
	}
}
