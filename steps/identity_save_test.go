package steps

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// breakSecrets makes the secrets directory unwritable for anyone, root
// included (a file where the directory should be), and has the save use
// the file: no keyring answers, and --insecure-storage consented.
func breakSecrets(t *testing.T, env *Env) string {
	t.Helper()
	env.W.InsecureStorage = true
	env.W.Store.Keyring.(*ubKeyring).setFail(errors.New("dbus: no session bus"))
	dir := filepath.Join(env.W.Store.DataDir, "secrets")
	if err := os.MkdirAll(env.W.Store.DataDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestIdentityFailedSaveSaysWhatHappened (issue 7 items 3 and 14): a save
// that cannot write the profile says the path and the cause, that nothing
// was saved, and what to do; the screen reports the failure, so leaving
// ends with that storage error, not a bare cancel; nothing is left behind.
func TestIdentityFailedSaveSaysWhatHappened(t *testing.T) {
	d, s, env, _ := newTestIdentity(t, "")
	path := breakSecrets(t, env)
	d.key("y")
	d.until(ubWait, "the failed save", func() bool { return s.phase == idFailed })
	s.SetSize(200, 40)
	v := flat(d.view())
	mustContain(t, v, "✗ The connection was not saved.", path,
		"Nothing was written", "Press r to save again, or q/ctrl+c to leave without saving.")
	if err := s.Failure(); !storage.IsLocal(err) {
		t.Fatalf("Failure() = %v, want the save's storage error", err)
	}
	flow := wizard.NewFlow(env.W)
	flow.Failed(s.Failure())
	if _, err := flow.Outcome(nil); !storage.IsLocal(err) || !errors.Is(err, s.Failure()) {
		t.Fatalf("outcome %v, want the storage error", err)
	}
	if n := env.W.Store.Keyring.(*ubKeyring).count(); n != 0 {
		t.Errorf("%d keyring items left after a failed save", n)
	}
	if got := shortHelpKeys(s); got != "r esc" {
		t.Errorf("help keys %q, want r and esc", got)
	}
}

// TestIdentityConsentReportsTheKeyringFailure: on the file question the
// save has failed (no keyring), so leaving there ends with that storage
// error; declining the file ends with wizard.FileDeclinedError (exit 7).
func TestIdentityConsentReportsTheKeyringFailure(t *testing.T) {
	d, s, env, _ := newTestIdentity(t, "")
	env.W.Store.Keyring.(*ubKeyring).setFail(errors.New("dbus: no session bus"))
	d.key("y")
	d.until(ubWait, "the consent question", func() bool { return s.phase == idConsent })
	if err := s.Failure(); err == nil || !storage.IsLocal(err) {
		t.Fatalf("Failure() on the file question = %v, want the keyring's storage error", err)
	}
	q, ok := find[wizard.Quit](t, press(s, "n"))
	if !ok || !wizard.IsFileDeclined(q.Err) || !storage.IsLocal(q.Err) || !errors.Is(q.Err, wizard.ErrCanceled) {
		t.Fatalf("n quits with %v, want a wizard.FileDeclinedError", q.Err)
	}
}

// TestIdentityFrenchPhases: every phase of the screen reads French at
// 80×24 and 120×40, with no line wider than the screen.
func TestIdentityFrenchPhases(t *testing.T) {
	_, s, env, _ := newTestIdentity(t, "quelqu.un@example.com")
	env.W.T = i18n.New(i18n.French)
	s.plan = &connection.SavePlan{Profile: "default", Existing: &storage.Profile{Name: "default", Email: "x@y.z", ClientID: "abc"}, Overwrite: true}
	for _, ph := range []idPhase{idLoading, idShow, idSaving, idSaved, idConsent, idFailed} {
		s.phase, s.keyErr, s.failedOp = ph, storage.ErrKeyringUnavailable, "save"
		s.err = &connection.SaveError{Profile: "default", Err: &storage.FileError{Op: "write", Path: "/p/default.json", Err: os.ErrPermission}}
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			s.SetSize(sz[0], sz[1])
			v := plain(s)
			ubCheckFits(t, "identity (French)", s.View(), sz[0], sz[1])
			for _, en := range []string{"Press", "Saving", "Connected", "Nothing"} {
				if strings.Contains(v, en) {
					t.Errorf("phase %d at %dx%d: English %q:\n%s", ph, sz[0], sz[1], en, v)
				}
			}
		}
	}
	if s.Title() != "Confirmer et enregistrer" {
		t.Errorf("title %q", s.Title())
	}
}

// shortHelpKeys is the key names of s's short help, space separated.
func shortHelpKeys(s Step) string {
	var names []string
	for _, b := range s.ShortHelp() {
		names = append(names, b.Help().Key)
	}
	return strings.Join(names, " ")
}
