package tui

import (
	"testing"

	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestResumeWithoutKeptSecretAsksForIt (issue 7, item 10): an attempt of
// an app with a client secret that no keyring kept resumes on the screen
// that asks for the secret, not on authorize with an empty secret (which
// Zoom answers with invalid_client, forever); once typed, authorize gets it.
func TestResumeWithoutKeptSecretAsksForIt(t *testing.T) {
	env := &steps.Env{Ctx: t.Context(), W: &wizard.Config{}}
	m, _ := newFakeRoot(t, env)
	p := &storage.Pending{AuthType: storage.AuthOwnApp, AppName: "Acme", ClientID: "PendID1234567890", HasSecret: true}
	send(m, wizard.Resume{Pending: p, Secret: ""})
	f := cur(t, m)
	if f.name != "resume-secret" || f.creds.App.ClientID != "PendID1234567890" {
		t.Fatalf("resume without the secret: on %s with %+v, want the secret screen", f.name, f.creds)
	}
	send(m, wizard.CredsDone{Creds: wizard.ResumedCreds(f.creds, "typed-again")})
	if got := cur(t, m); got.name != "authorize" || got.creds.App.ClientSecret != "typed-again" || got.creds.App.ClientID != "PendID1234567890" {
		t.Fatalf("after the secret: on %s with %+v", got.name, got.creds)
	}
	// A kept secret, or a public client, resumes straight at authorize.
	for _, tc := range []struct {
		hasSecret bool
		kept      string
	}{{true, "kept"}, {false, ""}} {
		m, _ := newFakeRoot(t, env)
		send(m, wizard.Resume{Pending: &storage.Pending{AuthType: storage.AuthOwnApp, ClientID: "PendID1234567890",
			HasSecret: tc.hasSecret}, Secret: tc.kept})
		if got := cur(t, m); got.name != "authorize" || got.creds.App.ClientSecret != tc.kept {
			t.Errorf("has secret %v, kept %q: on %s with %+v", tc.hasSecret, tc.kept, got.name, got.creds.App)
		}
	}
}
