package accessible

import (
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Issue 7 item 11: after "Wrong client ID or client secret" the person can
// enter the credentials again (not only retry with the same secret), and
// the next attempt uses them.
func TestWrongSecretOffersTheCredentialsAgain(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, nil)
	s.answer(t, choicePrompt, "2")
	s.answer(t, "Client ID:", sandbox.DemoClientID)
	s.answer(t, "Client secret", "WrongSecret-0123456789")
	s.answer(t, emailPrompt, "")
	s.answer(t, readyPrompt, "")
	s.expect(t, "Error: Wrong client ID or client secret")
	s.expect(t, "1. Try again")
	s.expect(t, "2. Enter the credentials again")
	s.answer(t, "Type a number from 1 to 3", "2")
	s.answer(t, "Client ID:", sandbox.DemoClientID)
	s.answer(t, "Client secret", sandbox.DemoClientSecret)
	s.answer(t, emailPrompt, "")
	s.answer(t, readyPrompt, "")
	s.answer(t, scopesPrompt, "")
	s.answer(t, savePrompt, "y")
	if _, err := s.result(t); err != nil {
		t.Fatalf("outcome %v\n%s", err, s.out.String())
	}
	if strings.Contains(s.out.String(), "Request pre-approval\": get help") {
		t.Error("pre-approval offered after a wrong secret")
	}
	s.assertPlain(t)
	s.assertPortsClosed(t)
}

// Issue 8: the organization's app refused by Zoom is explained as the app
// file's problem, naming it; the way back is choosing how to connect.
func TestOrgAppRefusedNamesTheAppFile(t *testing.T) {
	s := start(t, sandbox.ScenarioInvalidClient, true, nil)
	s.answer(t, choicePrompt, "")
	s.answer(t, emailPrompt, "")
	s.answer(t, readyPrompt, "")
	s.expect(t, "Error: Zoom refused the organization's app")
	s.expect(t, "The app file: built-in sandbox")
	s.expect(t, "2. Choose how to connect again")
	s.answer(t, "Type a number from 1 to 3", "3")
	_, err := s.result(t)
	if oauthflow.KindOf(err) != oauthflow.KindInvalidClient || oauthflow.Explain(err).Key != "org_app:invalid_client" {
		t.Fatalf("outcome %v (%s)", err, oauthflow.Explain(err).Key)
	}
	if strings.Contains(s.out.String(), "Copy the client ID and secret again") {
		t.Error("re-copy advice for the organization's app")
	}
	s.assertPortsClosed(t)
}

// Issue 8: after a redirect mismatch the redirect URL the explanation
// refers to is said, as the full-screen wizard shows it.
func TestRedirectMismatchSaysTheRedirect(t *testing.T) {
	s := start(t, sandbox.ScenarioRedirectMismatch, true, nil)
	s.answer(t, choicePrompt, "")
	s.answer(t, emailPrompt, "")
	s.answer(t, readyPrompt, "")
	s.expect(t, "The redirect URL this attempt used")
	u, _ := url.Parse(s.br.Opened()[0])
	s.expect(t, u.Query().Get("redirect_uri"))
	s.answer(t, "Type a number from 1 to 3", "3")
	if _, err := s.result(t); oauthflow.KindOf(err) != oauthflow.KindRedirectMismatch {
		t.Fatalf("outcome %v", err)
	}
}

// Issue 7 item 13: the warning before authorizing names the profile a
// save would replace, with its email.
func TestSameAppWarningNamesWhatASaveReplaces(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) {
		e.Profile = "second"
		if err := e.Store.SaveProfile(&storage.Profile{Name: "default", ClientID: sandbox.DemoClientID,
			AuthBaseURL: e.Endpoints.AuthBaseURL, Email: "sam@example.com", SecretBackend: storage.BackendKeyring}); err != nil {
			t.Fatal(err)
		}
	})
	s.answer(t, choicePrompt, "")
	s.answer(t, emailPrompt, "")
	s.expect(t, "Note: Authorizing again can end a saved connection that uses this app:")
	s.expect(t, "- default (sam@example.com): if you sign in as sam@example.com again, saving this sign-in as second replaces it.")
	s.answer(t, "Authorize anyway? [Y/n]", "n")
	if _, err := s.result(t); !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v", err)
	}
}

// Issue 7 item 16: under the sandbox the accessible mode tells the sandbox
// each attempt's URL, so its approve command (the sandbox-approve-url
// file) approves this attempt.
func TestAttemptIsAnnouncedToTheSandbox(t *testing.T) {
	var mu sync.Mutex
	var announced []string
	s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) {
		e.Sandbox = &wizard.Sandbox{ApproveCommand: "curl approve", OnAuthURL: func(u string) {
			mu.Lock()
			announced = append(announced, u)
			mu.Unlock()
		}}
	})
	toSave(t, s)
	s.answer(t, savePrompt, "y")
	if _, err := s.result(t); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if opened := s.br.Opened(); len(announced) != 1 || announced[0] != opened[0] {
		t.Fatalf("announced %q, opened %q", announced, opened)
	}
	if !strings.Contains(s.out.String(), "Sandbox: No browser? In another terminal run:\ncurl approve") {
		t.Errorf("the approve command is not said:\n%s", s.out.String())
	}
}
