package tui

import (
	"fmt"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// screenLog records the type of every screen the root makes active.
type screenLog struct {
	mu   sync.Mutex
	seen []string
}

func (l *screenLog) filter(m tea.Model, msg tea.Msg) tea.Msg {
	if root, ok := m.(*Model); ok && root.Step() != nil {
		name := fmt.Sprintf("%T", root.Step())
		l.mu.Lock()
		if n := len(l.seen); n == 0 || l.seen[n-1] != name {
			l.seen = append(l.seen, name)
		}
		l.mu.Unlock()
	}
	return msg
}

// With every question answered on the command line (--auth-type org,
// --email, --yes) and a saved connection of the same app, the full-screen
// wizard shows the authorize screen, checks the account, saves and ends
// on the done screen by itself: no key is pressed (issue 10).
func TestEveryFlagSetShowsOnlyTheAuthorizeStep(t *testing.T) {
	log := &screenLog{}
	st, _ := tempStore(t)
	st.Keyring = &memKeyring{items: map[string]string{}}
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioApprove, approve: true, store: st, env: func(e *steps.Env) {
		e.W.Profile = "second"
		if err := e.W.Store.SaveProfile(&storage.Profile{Name: "default", ClientID: sandbox.DemoClientID,
			AuthBaseURL: e.W.Endpoints.AuthBaseURL, Email: "sam@example.com", SecretBackend: storage.BackendKeyring}); err != nil {
			t.Fatal(err)
		}
		e.W.Answers = wizard.Answers{AuthType: storage.AuthOrgApp, Email: sandbox.DemoUser().Email, Yes: true}
	}, filter: log.filter})
	saved, err := s.outcome()
	if err != nil || saved.Profile.Email != sandbox.DemoUser().Email || saved.Profile.Name != "second" {
		t.Fatalf("outcome %+v, %v", saved.Profile, err)
	}
	log.mu.Lock()
	defer log.mu.Unlock()
	want := []string{"*steps.Authorize", "*steps.Identity", "*steps.Done"}
	if fmt.Sprint(log.seen) != fmt.Sprint(want) {
		t.Errorf("screens %v, want %v", log.seen, want)
	}
}

// The flow starts where the command line stops answering: the
// credentials screen of --auth-type own without --client-id, with the
// --email field filled in.
func TestAuthTypeAloneStartsOnTheCredentials(t *testing.T) {
	env := &steps.Env{W: &wizard.Config{Answers: wizard.Answers{AuthType: storage.AuthOwnApp, Email: "pat@example.com"}}}
	m := New(env)
	c, ok := m.Step().(*steps.Credentials)
	if !ok {
		t.Fatalf("first screen %T, want the credentials", m.Step())
	}
	if got := c.Value(wizard.FieldEmail); got != "pat@example.com" {
		t.Errorf("email field %q, want --email's", got)
	}
	if m.Depth() != 0 {
		t.Errorf("depth %d: skipped screens are in the history", m.Depth())
	}
}

// --device in the full-screen wizard: the device sign-in screen in place
// of the browser's, then the confirm and done screens as usual; an app
// without the device grant is explained, and leaving ends with that
// failure.
func TestDeviceSignInScreen(t *testing.T) {
	log := &screenLog{}
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioDevice, approve: true, env: func(e *steps.Env) {
		e.W.Device = true
		e.W.Answers = wizard.Answers{AuthType: storage.AuthOrgApp, Yes: true}
	}, filter: log.filter})
	saved, err := s.outcome()
	if err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
		t.Fatalf("outcome %+v, %v", saved.Profile, err)
	}
	log.mu.Lock()
	if want := "[*steps.DeviceSignIn *steps.Identity *steps.Done]"; fmt.Sprint(log.seen) != want {
		t.Errorf("screens %v, want %s", log.seen, want)
	}
	log.mu.Unlock()

	s = startScenario(t, scenarioOpts{scenario: sandbox.ScenarioApprove, env: func(e *steps.Env) {
		e.W.Device = true
		e.W.Answers = wizard.Answers{AuthType: storage.AuthOrgApp}
	}})
	s.waitFor("Sign in with a code", "This app does not offer the device sign-in", "Sign in in the browser instead", "--device")
	s.press("q")
	if _, err := s.outcome(); oauthflow.KindOf(err) != oauthflow.KindDeviceUnavailable {
		t.Fatalf("outcome %v, want KindDeviceUnavailable", err)
	}
}
