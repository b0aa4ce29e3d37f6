package accessible

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestEnterSaves (issue 7 item 11): the save question defaults to saving,
// as in the full-screen wizard: enter after every earlier question does
// not throw the sign-in away.
func TestEnterSaves(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, nil)
	toSave(t, s)
	s.answer(t, savePrompt+" [Y/n]", "")
	saved, err := s.result(t)
	if err != nil || saved.Profile.Name != "default" {
		t.Fatalf("outcome %+v, %v", saved.Profile, err)
	}
	if s.srv.Stats().Revokes != 0 {
		t.Error("a saved sign-in was revoked")
	}
}

// TestDecliningRevokes (issue 7 item 3): answering no leaves nothing
// saved, and the fresh tokens are revoked at Zoom, said in the output.
func TestDecliningRevokes(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, nil)
	toSave(t, s)
	s.answer(t, savePrompt, "n")
	if _, err := s.result(t); !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v, want ErrCanceled", err)
	}
	if s.srv.Stats().Revokes != 1 {
		t.Fatalf("%d revocations, want the fresh tokens revoked", s.srv.Stats().Revokes)
	}
	s.expect(t, "OK: The new sign-in was not saved, so its tokens were revoked at Zoom.")
	s.assertPlain(t)
}

// TestQuitAtScopeReviewRevokes: leaving at the scope review revokes too.
func TestQuitAtScopeReviewRevokes(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, nil)
	s.answer(t, choicePrompt, "")
	s.answer(t, emailPrompt, "")
	s.answer(t, readyPrompt, "")
	s.answer(t, scopesPrompt, "q")
	if _, err := s.result(t); !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v", err)
	}
	if s.srv.Stats().Revokes != 1 {
		t.Fatalf("%d revocations", s.srv.Stats().Revokes)
	}
}

// TestMismatchNeedsAnExplicitAnswer: a different account than expected is
// neither saved nor thrown away by enter alone.
func TestMismatchNeedsAnExplicitAnswer(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, nil)
	s.answer(t, choicePrompt, "")
	s.answer(t, emailPrompt, "someone.else@example.com")
	s.answer(t, readyPrompt, "")
	s.answer(t, scopesPrompt, "")
	s.expect(t, "Note: You expected someone.else@example.com, but Zoom signed in "+sandbox.DemoUser().Email)
	s.answer(t, savePrompt+" [y/n]", "")
	s.answer(t, "Please type y for yes or n for no.", "y")
	if saved, err := s.result(t); err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
		t.Fatalf("outcome %+v, %v", saved.Profile, err)
	}
}

// TestDecliningTheFileIsAStorageOutcome (issue 7 item 14): no keyring,
// the file declined explicitly (enter alone does not decline): the outcome
// is wizard.FileDeclinedError (exit 7, one line), nothing is written, and
// the fresh tokens are revoked.
func TestDecliningTheFileIsAStorageOutcome(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, nil)
	s.kr.FailSets(storage.ErrKeyringUnavailable)
	toSave(t, s)
	s.answer(t, savePrompt, "")
	s.answer(t, "Store the tokens in this file? [y/n]", "")
	s.answer(t, "Please type y for yes or n for no.", "n")
	_, err := s.result(t)
	if !wizard.IsFileDeclined(err) || !storage.IsLocal(err) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("outcome %v, want a one-line wizard.FileDeclinedError", err)
	}
	if _, err := os.Stat(s.store.SecretsFilePath("default")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a secrets file exists: %v", err)
	}
	if s.srv.Stats().Revokes != 1 {
		t.Errorf("%d revocations after declining the file", s.srv.Stats().Revokes)
	}
}

// TestFailedSaveSaysWhatHappened (issue 7 items 3 and 14): a save that
// cannot write says the path and the cause, that nothing was saved, offers
// to try again; leaving ends with that storage error and revokes.
func TestFailedSaveSaysWhatHappened(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) { e.InsecureStorage = true })
	s.kr.Fail(errors.New("dbus: no session bus")) // no keyring answers: the consented file gets the save
	dir := filepath.Join(s.store.DataDir, "secrets")
	if err := os.MkdirAll(s.store.DataDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("not a directory"), 0o600); err != nil { // unwritable even for root
		t.Fatal(err)
	}
	toSave(t, s)
	s.answer(t, savePrompt, "")
	s.expect(t, "Error: The connection was not saved. Could not read "+filepath.Join(dir, "default.json")+": a part of the path is not a directory.")
	s.expect(t, "Nothing was written.")
	s.answer(t, "Try saving again? [Y/n]", "n")
	_, err := s.result(t)
	var fe *wizard.FailedError
	if !errors.As(err, &fe) || !storage.IsLocal(err) {
		t.Fatalf("outcome %v, want a FailedError of the storage failure", err)
	}
	if s.srv.Stats().Revokes != 1 {
		t.Errorf("%d revocations", s.srv.Stats().Revokes)
	}
	s.assertPlain(t)
}

// TestFinishFrench: the scope review, the confirm step and the done page
// are said in French, with the French words of the line mode.
func TestFinishFrench(t *testing.T) {
	s := start(t, sandbox.ScenarioMissingScopes, true, func(e *wizard.Config) { e.T = i18n.New(i18n.French) })
	s.answer(t, "Tapez un numéro de 1 à 2", "")
	s.answer(t, "Adresse e-mail du compte Zoom attendu", "")
	s.answer(t, "Autoriser dans le navigateur maintenant\u202f? [O/n]", "")
	s.expect(t, "== Vérifier les autorisations accordées ==")
	s.expect(t, "MANQUANTE\u00a0: meeting:write — Créer, modifier et supprimer vos réunions.")
	s.answer(t, "Appuyez sur Entrée pour continuer (q pour quitter).", "")
	s.expect(t, "OK\u00a0: Connecté en tant que Sam Sandbox")
	s.answer(t, "Enregistrer cette connexion sous le profil default\u202f? [O/n]", "o")
	s.expect(t, "== Connecté ==")
	if _, err := s.result(t); err != nil {
		t.Fatal(err)
	}
	out := s.out.String()
	tail := out[strings.Index(out, "== Vérifier"):]
	for _, en := range []string{"Press", "Saved", "Connected", " the "} {
		if strings.Contains(tail, en) {
			t.Errorf("English %q in the French transcript:\n%s", en, tail)
		}
	}
}

// TestInsecureStorageKeepsAWorkingKeyring (checklist item 32):
// --insecure-storage consents to the file for when no keyring answers; a
// keyring that answers still gets the secrets, and no file is written.
func TestInsecureStorageKeepsAWorkingKeyring(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, func(e *wizard.Config) { e.InsecureStorage = true })
	toSave(t, s)
	s.answer(t, savePrompt, "")
	saved, err := s.result(t)
	if err != nil || saved.Profile.SecretBackend != storage.BackendKeyring || s.kr.Len() == 0 {
		t.Fatalf("saved %+v, %v; %d keyring items", saved.Profile, err, s.kr.Len())
	}
	if _, err := os.Stat(filepath.Join(s.store.DataDir, "secrets", "default.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a plaintext file was written beside a working keyring: %v", err)
	}
}
