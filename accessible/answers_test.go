package accessible

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// With every question answered on the command line (--auth-type, --email,
// --yes) the line mode says only the authorize step and what was saved:
// no welcome, no choice, no field, no yes/no question (issue 10).
func TestEveryFlagSetAsksNothing(t *testing.T) {
	for _, c := range []struct {
		name    string
		answers wizard.Answers
		own     bool
	}{
		{"org", wizard.Answers{AuthType: storage.AuthOrgApp, Email: sandbox.DemoUser().Email, Yes: true}, false},
		{"own", wizard.Answers{AuthType: storage.AuthOwnApp, ClientID: sandbox.DemoClientID,
			ClientSecret: sandbox.DemoClientSecret, Yes: true}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) { e.Answers = c.answers })
			saved, err := s.result(t)
			if err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
				t.Fatalf("outcome %+v, %v\n%s", saved.Profile, err, s.out.String())
			}
			if own := saved.Profile.AuthType == storage.AuthOwnApp; own != c.own {
				t.Errorf("saved auth type %q", saved.Profile.AuthType)
			}
			out := s.out.String()
			for _, asked := range []string{"[Y/n]", "[y/N]", "[y/n]", "Type a number", emailPrompt, "Client ID:",
				"== Choose how to connect", "== Review the granted scopes", "accessible mode: one question"} {
				if strings.Contains(out, asked) {
					t.Errorf("the output has %q:\n%s", asked, out)
				}
			}
			if !strings.HasPrefix(strings.TrimSpace(out), "== Authorize in the browser ==") {
				t.Errorf("the output does not start with the authorize step:\n%s", out)
			}
			s.assertPlain(t)
			s.assertPortsClosed(t)
		})
	}
}

// The line mode asks the same questions in the same order whether or not
// a saved connection uses the app (the "Continue?" question used to appear
// only then, shifting a script's piped answers): one script of answers
// saves in both cases; --yes answers that question in both.
func TestQuestionOrderDoesNotDependOnSavedConnections(t *testing.T) {
	sameApp := func(e *wizard.Config) {
		e.Profile = "second"
		if err := e.Store.SaveProfile(&storage.Profile{Name: "default", ClientID: sandbox.DemoClientID,
			AuthBaseURL: e.Endpoints.AuthBaseURL, Email: "sam@example.com", SecretBackend: storage.BackendKeyring}); err != nil {
			t.Fatal(err)
		}
	}
	none := func(*wizard.Config) {}
	for name, edit := range map[string]func(*wizard.Config){"none saved": none, "same app saved": sameApp} {
		t.Run(name, func(t *testing.T) {
			s := start(t, sandbox.ScenarioApprove, true, edit)
			// The org app, no expected email, authorize now, the scope review, save.
			if _, err := io.WriteString(s.keys, "\n\n\n\ny\n"); err != nil {
				t.Fatal(err)
			}
			s.keys.Close()
			if saved, err := s.result(t); err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
				t.Fatalf("outcome %+v, %v\n%s", saved.Profile, err, s.out.String())
			}
		})
		t.Run(name+" --yes", func(t *testing.T) {
			s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) {
				edit(e)
				e.Answers.Yes = true
			})
			// The org app, no expected email; nothing else is asked.
			if _, err := io.WriteString(s.keys, "\n\n"); err != nil {
				t.Fatal(err)
			}
			if saved, err := s.result(t); err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
				t.Fatalf("outcome %+v, %v\n%s", saved.Profile, err, s.out.String())
			}
			if name == "same app saved" && !strings.Contains(s.out.String(), "Authorizing again can end a saved connection") {
				t.Errorf("--yes hid the warning:\n%s", s.out.String())
			}
		})
	}
}

// --yes never saves another account than --email expects: that question
// stays, and needs an explicit answer.
func TestYesStillAsksAboutAnotherAccount(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) {
		e.Answers = wizard.Answers{AuthType: storage.AuthOrgApp, Email: "someone.else@example.com", Yes: true}
	})
	s.expect(t, "Note: You expected someone.else@example.com, but Zoom signed in "+sandbox.DemoUser().Email)
	s.answer(t, savePrompt+" [y/n]", "n")
	if _, err := s.result(t); !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v, want nothing saved", err)
	}
	if _, err := s.store.LoadProfile("default"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("a profile was saved: %v", err)
	}
}

// --email with the credentials still asked (--auth-type own without
// --client-id) is not asked again.
func TestPresetEmailIsNotAsked(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) {
		e.Answers = wizard.Answers{AuthType: storage.AuthOwnApp, Email: sandbox.DemoUser().Email}
	})
	s.answer(t, "Client ID:", sandbox.DemoClientID)
	s.answer(t, "Client secret", sandbox.DemoClientSecret)
	s.answer(t, readyPrompt, "")
	s.answer(t, scopesPrompt, "")
	s.answer(t, savePrompt, "y")
	saved, err := s.result(t)
	if err != nil || saved.Profile.AuthType != storage.AuthOwnApp {
		t.Fatalf("outcome %+v, %v\n%s", saved.Profile, err, s.out.String())
	}
	if strings.Contains(s.out.String(), emailPrompt) {
		t.Errorf("the email was asked although --email gave it:\n%s", s.out.String())
	}
}

// A script that answered everything (--yes) may give no stdin at all:
// the end of input does not cancel the wait for the browser, which still
// completes the login (without --yes it cancels, as before).
func TestYesKeepsWaitingAfterTheEndOfInput(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, false, func(e *wizard.Config) {
		e.Answers = wizard.Answers{AuthType: storage.AuthOrgApp, Yes: true}
	})
	s.keys.Close()
	s.expect(t, "q  quit")
	opened := s.br.Opened()
	s.br.SetApprove(true)
	if err := s.br.Open(opened[0]); err != nil {
		t.Fatal(err)
	}
	if saved, err := s.result(t); err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
		t.Fatalf("outcome %+v, %v\n%s", saved.Profile, err, s.out.String())
	}
}
