package steps

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestResumeSecretScreenAsksOnlyTheSecret (issue 7, item 10): the screen
// names the app, asks for the secret alone (masked), refuses the client ID
// pasted as the secret, and hands the resumed credentials on with it.
func TestResumeSecretScreenAsksOnlyTheSecret(t *testing.T) {
	r := wizard.Creds{AuthType: storage.AuthOwnApp, AppName: "Acme notes", ExpectedEmail: "ada@example.com",
		App: oauthflow.App{ClientID: goodID, Endpoints: oauthflow.Endpoints{AuthBaseURL: "https://zoom.example"}}}
	s := NewResumeSecret(testEnv(t), r)
	s.SetSize(100, 30)
	mustContain(t, plain(s), "Acme notes", goodID, "paste its client secret again")
	if got := s.Fields(); len(got) != 1 || got[0] != wizard.FieldSecret {
		t.Fatalf("fields %v, want the secret alone", got)
	}
	typeText(s, goodID)
	if _, ok := find[wizard.CredsDone](t, press(s, "enter")); ok || s.Err(wizard.FieldSecret) == "" {
		t.Error("the client ID was taken as the secret")
	}
	for range goodID {
		press(s, "backspace")
	}
	typeText(s, "TopSecret42")
	if strings.Contains(plain(s), "TopSecret42") {
		t.Error("the secret is shown as it is typed")
	}
	got := mustEmit[wizard.CredsDone](t, press(s, "enter")).Creds
	want := r
	want.App.ClientSecret = "TopSecret42"
	if got != want {
		t.Errorf("resumed creds %+v, want %+v", got, want)
	}
}

// TestWelcomeStartOverDiscardsTheAttempt (issue 7, item 9): choosing
// "Start over" instead of resuming forgets the pending attempt, so it is
// neither offered again nor counted as waiting for pre-approval.
func TestWelcomeStartOverDiscardsTheAttempt(t *testing.T) {
	env := ubEnv(t, nil, &ubOpener{})
	p := testPending()
	if err := env.W.Store.SavePending(t.Context(), *p, ""); err != nil {
		t.Fatal(err)
	}
	s := NewWelcome(env)
	for _, m := range runCmd(t, s.Init()) {
		s.Update(m)
	}
	if !s.Resuming() {
		t.Fatal("the saved attempt is not offered")
	}
	press(s, "down")
	mustEmit[wizard.WelcomeDone](t, press(s, "enter"))
	if _, _, err := env.W.Store.LoadPending(t.Context(), "default"); err == nil {
		t.Error("the attempt is still saved after Start over")
	}
}
