package accessible

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// --device in the line mode: the code and the address to open, the wait,
// then the usual confirm and save (issue 10).
func TestDeviceSignIn(t *testing.T) {
	s := start(t, sandbox.ScenarioDevice, true, func(e *wizard.Config) {
		e.Device = true
		e.Answers = wizard.Answers{AuthType: storage.AuthOrgApp, Yes: true}
	})
	saved, err := s.result(t)
	if err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
		t.Fatalf("outcome %+v, %v\n%s", saved.Profile, err, s.out.String())
	}
	out := s.out.String()
	opened := s.br.Opened()
	if len(opened) != 1 || !strings.Contains(opened[0], "/oauth/device?user_code=") {
		t.Fatalf("opened %q", opened)
	}
	for _, want := range []string{"== Sign in with a code ==", opened[0], "Check that Zoom shows this code", "Type q and press enter to stop waiting."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	s.assertPlain(t)
}

// An app without the device grant: the explanation says to sign in in
// the browser, and leaving ends with that failure (exit 1 in the CLI).
func TestDeviceUnavailableSaysUseTheBrowser(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) {
		e.Device = true
		e.Answers = wizard.Answers{AuthType: storage.AuthOrgApp, Yes: true}
	})
	s.expect(t, "This app does not offer the device sign-in")
	s.expect(t, "Sign in in the browser instead: run ")
	s.expect(t, "--device")
	s.answer(t, "Type a number from 1 to 3", "3")
	_, err := s.result(t)
	var fe *wizard.FailedError
	if !errors.As(err, &fe) || oauthflow.KindOf(err) != oauthflow.KindDeviceUnavailable {
		t.Fatalf("outcome %v, want a FailedError of KindDeviceUnavailable", err)
	}
}

// A declined code is said as a decline; trying again gets a new code.
func TestDeviceDeclinedThenRetry(t *testing.T) {
	s := start(t, sandbox.ScenarioDevice, false, func(e *wizard.Config) {
		e.Device = true
		e.Answers = wizard.Answers{AuthType: storage.AuthOrgApp}
	})
	s.answer(t, readyPrompt, "")
	s.expect(t, "Type q and press enter to stop waiting.")
	u := s.br.Opened()[0]
	resp, err := http.Get(u + "&" + sandbox.ApproveParam + "=deny")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	s.expect(t, "You chose not to allow access")
	s.answer(t, "Type a number from 1 to 3", "1")
	s.expect(t, "Starting a new attempt.")
	s.expect(t, "Type q and press enter to stop waiting.")
	if n := len(s.br.Opened()); n != 2 || s.br.Opened()[1] == u {
		t.Errorf("opened %q, want a second, new code", s.br.Opened())
	}
	s.keysLine(t, "q")
	if _, err := s.result(t); oauthflow.KindOf(err) != oauthflow.KindDeclined {
		t.Fatalf("outcome %v, want the declined attempt", err)
	}
}
