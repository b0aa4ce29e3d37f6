package accessible

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/storage/storagetest"
	"github.com/zoomconnect/zoomconnect/wizard"
)

const (
	choicePrompt = "Type a number from 1 to 2"
	emailPrompt  = "Expected Zoom account email"
	scopesPrompt = "Press enter to continue (q quits)."
	savePrompt   = "Save this connection as profile default?"
	// readyPrompt comes before every first browser attempt (issue 10).
	readyPrompt = "Authorize in the browser now? [Y/n]"
)

// toSave types the answers from the welcome text to the save question,
// with the organization's app; the fake browser approves by itself.
func toSave(t *testing.T, s *session) {
	t.Helper()
	s.answer(t, choicePrompt, "")
	s.answer(t, emailPrompt, "")
	s.answer(t, readyPrompt, "")
	s.expect(t, "OK: ")
	s.answer(t, scopesPrompt, "")
	s.expect(t, "Connected as ")
}

func TestHappyPathSavesProfileInKeyring(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, nil)
	toSave(t, s)
	s.answer(t, savePrompt, "y")
	saved, err := s.result(t)
	if err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
		t.Fatalf("outcome %+v, %v\n%s", saved.Profile, err, s.out.String())
	}
	p, err := s.store.LoadProfile("default")
	if err != nil || p.ClientID != sandbox.DemoClientID || p.SecretBackend != storage.BackendKeyring {
		t.Fatalf("profile %+v, %v", p, err)
	}
	if s.kr.Len() == 0 {
		t.Error("nothing in the keyring")
	}
	if _, err := os.Stat(s.store.SecretsFilePath("default")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a secrets file exists: %v", err)
	}
	for _, want := range []string{s.store.ProfilePath("default"), "zoomconnect status", "Connected as"} {
		if !strings.Contains(s.out.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	s.assertPlain(t)
	s.assertPortsClosed(t)
}

func TestDenyEndsWithDeclined(t *testing.T) {
	s := start(t, sandbox.ScenarioDeny, true, nil)
	s.answer(t, choicePrompt, "")
	s.answer(t, emailPrompt, "")
	s.answer(t, readyPrompt, "")
	s.expect(t, "Note: You chose not to allow access in the browser.") // the screen's blocks, said as lines
	s.answer(t, "Type a number from 1 to 3", "3")
	_, err := s.result(t)
	var fe *wizard.FailedError
	if !errors.As(err, &fe) || oauthflow.KindOf(err) != oauthflow.KindDeclined || !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v, want a FailedError of KindDeclined", err)
	}
	if _, err := s.store.LoadProfile("default"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("a profile exists after deny: %v", err)
	}
	s.assertPlain(t)
	s.assertPortsClosed(t)
}

func TestPreapprovalSavesPendingAndRequest(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	s := start(t, sandbox.ScenarioPreapproval, false, nil)
	s.answer(t, choicePrompt, "")
	s.answer(t, emailPrompt, "")
	s.answer(t, readyPrompt, "")
	s.answer(t, "q  quit", "p")
	s.expect(t, "== Admin pre-approval needed ==")
	s.answer(t, "Save the request for your Zoom admin", "y")
	s.answer(t, "Try the browser again now?", "n")
	_, err := s.result(t)
	var fe *wizard.FailedError
	if !errors.As(err, &fe) || !oauthflow.IsPreapproval(err) {
		t.Fatalf("outcome %v, want a pre-approval FailedError", err)
	}
	p, _, err := s.store.LoadPending(t.Context(), "default")
	if err != nil || p.ClientID != sandbox.DemoClientID || p.RequestSentAt.IsZero() {
		t.Fatalf("pending %+v, %v", p, err)
	}
	req, err := os.ReadFile(filepath.Join(dir, "zoomconnect-admin-request.md"))
	if err != nil || !strings.Contains(string(req), sandbox.DemoClientID) {
		t.Errorf("admin request file: %v\n%s", err, req)
	}
	if _, err := s.store.LoadProfile("default"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("a profile exists: %v", err)
	}
	s.assertPlain(t)
	s.assertPortsClosed(t)
}

func TestInvalidInputIsRepromptedWithValidatorMessage(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, false, nil)
	s.answer(t, choicePrompt, "7")
	s.answer(t, choicePrompt, "2")
	s.answer(t, "Client ID:", "not an id!")
	s.expect(t, "Problem: "+wizard.CheckClientID(nil, "not an id!"))
	s.answer(t, "Client ID:", sandbox.DemoClientID)
	s.answer(t, "Client secret", sandbox.DemoClientID)
	s.expect(t, "Problem: "+wizard.CheckClientSecret(nil, sandbox.DemoClientID, sandbox.DemoClientID))
	s.answer(t, "Client secret", sandbox.DemoClientSecret)
	s.answer(t, emailPrompt, "nobody")
	s.expect(t, "Problem: "+wizard.CheckEmail(nil, "nobody"))
	s.answer(t, emailPrompt, "")
	s.answer(t, readyPrompt, "")
	s.expect(t, "q  quit")
	s.keys.Close() // end of input while waiting: cancel
	_, err := s.result(t)
	if !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v, want ErrCanceled", err)
	}
	if !strings.Contains(s.out.String(), `"7" is not one of the choices.`) {
		t.Error("a wrong choice was not re-prompted")
	}
	s.assertPlain(t)
	s.assertPortsClosed(t)
}

func TestKeyringUnavailableAsksConsentAndNoWritesNothing(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, nil)
	s.kr.FailSets(storage.ErrKeyringUnavailable)
	toSave(t, s)
	s.answer(t, savePrompt, "y")
	s.expect(t, s.store.SecretsFilePath("default"))
	s.answer(t, "Store the tokens in this file?", "n")
	_, err := s.result(t)
	if !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v, want ErrCanceled", err)
	}
	if _, err := s.store.LoadProfile("default"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("a profile exists: %v", err)
	}
	if _, err := os.Stat(s.store.SecretsFilePath("default")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a secrets file exists: %v", err)
	}
	s.assertPlain(t)
}

func TestKeyringUnavailableConsentSavesFile(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, nil)
	s.kr.FailSets(storage.ErrKeyringUnavailable)
	toSave(t, s)
	s.answer(t, savePrompt, "y")
	s.answer(t, "Store the tokens in this file?", "y")
	saved, err := s.result(t)
	if err != nil || saved.Profile.SecretBackend != storage.BackendFile {
		t.Fatalf("outcome %+v, %v", saved.Profile, err)
	}
	fi, err := os.Stat(s.store.SecretsFilePath("default"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("secrets file: %v %v", fi, err)
	}
	s.assertPlain(t)
}

func TestDecliningSaveWritesNothing(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, nil)
	toSave(t, s)
	s.answer(t, savePrompt, "n") // enter saves (issue 7 item 11): declining is an explicit n
	if _, err := s.result(t); !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v, want ErrCanceled", err)
	}
	if _, err := s.store.LoadProfile("default"); !errors.Is(err, storage.ErrNotFound) || s.kr.Len() != 0 {
		t.Errorf("something was saved: %v, %d keyring items", err, s.kr.Len())
	}
}

// Scopes are reviewed in words, not only symbols.
func TestScopeReviewWords(t *testing.T) {
	for sc, word := range map[sandbox.Scenario]string{
		sandbox.ScenarioMissingScopes: "MISSING: ",
		sandbox.ScenarioAdminScopes:   "BROADER THAN NEEDED: ",
	} {
		t.Run(string(sc), func(t *testing.T) {
			s := start(t, sc, true, nil)
			s.answer(t, choicePrompt, "")
			s.answer(t, emailPrompt, "")
			s.answer(t, readyPrompt, "")
			s.expect(t, word)
			s.answer(t, scopesPrompt, "q")
			if _, err := s.result(t); !errors.Is(err, wizard.ErrCanceled) {
				t.Fatalf("outcome %v, want ErrCanceled", err)
			}
			s.assertPlain(t)
		})
	}
}

// A pending attempt (stopped at the pre-approval wall) is offered first;
// resuming goes straight to the browser and saving clears it.
func TestResumePendingAttempt(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) {
		p := storage.Pending{Profile: "default", AuthType: storage.AuthOrgApp, AppName: sandbox.DemoAppName,
			ClientID: sandbox.DemoClientID, Stage: "preapproval", Reason: "preapproval", CreatedAt: time.Now()}
		if err := e.Store.SavePending(t.Context(), p, ""); err != nil {
			t.Fatal(err)
		}
	})
	s.expect(t, "You stopped earlier ("+sandbox.DemoAppName+")")
	s.answer(t, choicePrompt, "1")
	s.expect(t, "== Authorize in the browser ==")
	s.answer(t, readyPrompt, "")
	s.answer(t, scopesPrompt, "")
	s.answer(t, savePrompt, "y")
	if _, err := s.result(t); err != nil {
		t.Fatalf("outcome %v\n%s", err, s.out.String())
	}
	if strings.Contains(s.out.String(), emailPrompt) {
		t.Error("resuming asked for the credentials again")
	}
	if _, _, err := s.store.LoadPending(t.Context(), "default"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("the pending attempt outlived the save: %v", err)
	}
}

// TestResumeAsksForASecretNoKeyringKept (issue 7, item 10): resuming an
// attempt of an app with a client secret that the keyring did not keep
// asks for the secret again (without echo) before the browser, instead of
// sending an exchange without it.
func TestResumeAsksForASecretNoKeyringKept(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) {
		p := storage.Pending{Profile: "default", AuthType: storage.AuthOwnApp, AppName: "Acme own app",
			ClientID: sandbox.DemoClientID, Stage: "preapproval", Reason: "preapproval", CreatedAt: time.Now()}
		kr := storagetest.NewKeyring()
		kr.Fail(errors.New("no Secret Service")) // nothing can keep the secret
		st := *e.Store
		st.Keyring = kr
		if err := st.SavePending(t.Context(), p, sandbox.DemoClientSecret); err != nil {
			t.Fatal(err)
		}
	})
	s.expect(t, "You stopped earlier (Acme own app)")
	s.answer(t, choicePrompt, "1")
	s.expect(t, "paste its client secret again")
	s.answer(t, "Client secret", sandbox.DemoClientSecret)
	s.expect(t, "== Authorize in the browser ==")
	s.answer(t, readyPrompt, "")
	s.answer(t, scopesPrompt, "")
	s.answer(t, savePrompt, "y")
	saved, err := s.result(t)
	if err != nil {
		t.Fatalf("outcome %v\n%s", err, s.out.String())
	}
	sec, err := s.store.LoadSecrets(t.Context(), &saved.Profile)
	if err != nil || sec.ClientSecret != sandbox.DemoClientSecret {
		t.Errorf("saved secret %q, %v; want the one typed again", sec.ClientSecret, err)
	}
}

// TestStartOverForgetsThePendingAttempt (issue 7, item 9).
func TestStartOverForgetsThePendingAttempt(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) {
		p := storage.Pending{Profile: "default", AuthType: storage.AuthOrgApp, AppName: sandbox.DemoAppName,
			ClientID: sandbox.DemoClientID, Stage: "preapproval", Reason: "preapproval", CreatedAt: time.Now()}
		if err := e.Store.SavePending(t.Context(), p, ""); err != nil {
			t.Fatal(err)
		}
	})
	s.answer(t, choicePrompt, "2")
	s.expect(t, "== Choose how to connect ==")
	if _, _, err := s.store.LoadPending(t.Context(), "default"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("the attempt survived Start over: %v", err)
	}
}
