package steps

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func newTestIdentity(t *testing.T, expected string) (*ubDriver, *Identity, *Env, *sandbox.Server) {
	t.Helper()
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	env := ubEnv(t, sb, &ubOpener{})
	c := ubCreds(sb)
	c.ExpectedEmail = expected
	s := NewIdentity(env, c, ubAuthorize(t, sb))
	d := newUBDriver(t, s)
	d.run(s.Init())
	d.until(ubWait, "users/me", func() bool { return s.phase != idLoading })
	return d, s, env, sb
}

// ubFiles lists the files under the profile and secret directories.
func ubFiles(t *testing.T, env *Env) []string {
	t.Helper()
	var out []string
	for _, dir := range []string{env.W.Store.ConfigDir, env.W.Store.DataDir} {
		filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
			if err == nil && !de.IsDir() {
				out = append(out, p)
			}
			return nil
		})
	}
	return out
}

func TestIdentityShowsUserAndSavesOnYes(t *testing.T) {
	d, s, env, _ := newTestIdentity(t, "SAM.SANDBOX@example.com")
	want := sandbox.DemoUser()
	v := flat(d.view())
	for _, w := range []string{"Connected as Sam Sandbox <" + want.Email + ">", "Account " + want.AccountID, "user type Licensed"} {
		if !strings.Contains(v, w) {
			t.Fatalf("view lacks %q:\n%s", w, d.view())
		}
	}
	if len(ubFiles(t, env)) != 0 {
		t.Fatal("something was saved before confirmation")
	}
	if err := env.W.Store.SavePending(t.Context(), storage.Pending{Profile: "default", ClientID: "x", Stage: "preapproval"}, ""); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{s.result.Token.AccessToken, s.result.Token.RefreshToken, sandbox.DemoClientSecret} {
		if strings.Contains(d.view(), secret) {
			t.Fatal("the identity screen shows a secret")
		}
	}
	d.key("y")
	saved := waitRoot[wizard.SavedEvent](d, ubWait).Saved
	p, err := env.W.Store.LoadProfile("default")
	if err != nil {
		t.Fatalf("profile not saved: %v", err)
	}
	if p.Email != want.Email || p.UserID != want.ID || p.SecretBackend != storage.BackendKeyring ||
		len(p.GrantedScopes) == 0 || p.ClientID != sandbox.DemoClientID || saved.Profile.Email != want.Email {
		t.Fatalf("profile = %+v", p)
	}
	if p.AuthType != s.creds.AuthType || p.AuthType == "" {
		t.Fatalf("profile auth type %q, want the credentials' %q", p.AuthType, s.creds.AuthType)
	}
	sec, err := env.W.Store.LoadSecrets(t.Context(), p)
	if err != nil || sec.RefreshToken != s.result.Token.RefreshToken || sec.ClientSecret != sandbox.DemoClientSecret {
		t.Fatalf("secrets not in the keyring: %v", err)
	}
	if _, _, err := env.W.Store.LoadPending(t.Context(), "default"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("pending attempt not cleared: %v", err)
	}
}

func TestIdentityMismatchWarnsAndDoesNotSave(t *testing.T) {
	d, s, env, _ := newTestIdentity(t, "someone.else@example.com")
	v := flat(d.view())
	if !strings.Contains(v, "You expected someone.else@example.com") || !strings.Contains(v, "ctrl+n") {
		t.Fatalf("no mismatch warning:\n%s", d.view())
	}
	// The keys go to the step directly and their commands run to their
	// end here (msgs), so "nothing was written" is checked after every
	// command they started has finished, not after a guessed delay.
	_, cmd := s.Update(keypress.Of("enter"))
	noCmd(t, cmd, "enter on a mismatch")
	if s.phase != idShow {
		t.Fatal("enter saved despite the mismatch")
	}
	_, cmd = s.Update(keypress.Of("ctrl+n"))
	if got := msgs(t, cmd); len(got) != 1 || got[0] != (wizard.StartOver{}) {
		t.Fatalf("ctrl+n yields %#v, want wizard.StartOver alone", got)
	}
	if f := ubFiles(t, env); len(f) != 0 {
		t.Fatalf("files written on a mismatch: %v", f)
	}
	d.key("y")
	waitRoot[wizard.SavedEvent](d, ubWait)
}

func TestIdentityKeyringUnavailableAsksConsent(t *testing.T) {
	d, s, env, _ := newTestIdentity(t, "")
	env.W.Store.Keyring.(*ubKeyring).setFail(errors.New("no D-Bus session bus, so no Secret Service can answer"))
	d.key("enter")
	d.until(ubWait, "the consent question", func() bool { return s.phase == idConsent })
	s.SetSize(200, 40) // room for the temporary directory's long path on one row
	v := flat(d.view())
	if !strings.Contains(v, "could not keep the connection's tokens. No D-Bus session bus, so no Secret Service can answer.") ||
		!strings.Contains(v, "zoomconnect doctor") {
		t.Errorf("consent view does not give the cause in one sentence and what to do:\n%s", d.view())
	}
	for _, chain := range []string{"keyring write", "save secrets of", `save "default"`, "is not available:"} {
		if strings.Contains(v, chain) {
			t.Errorf("consent view shows the raw error chain (%q):\n%s", chain, d.view())
		}
	}
	path := filepath.Join(env.W.Store.DataDir, "secrets", "default.json")
	for _, w := range []string{"keyring", "0600", path, "Nothing has been saved yet", "y: yes", "n: no"} {
		if !strings.Contains(v, w) {
			t.Errorf("consent view lacks %q:\n%s", w, d.view())
		}
	}
	if f := ubFiles(t, env); len(f) != 0 {
		t.Fatalf("files written before consent: %v", f)
	}
	d.key("enter")
	if s.phase != idConsent {
		t.Fatal("enter counted as consent")
	}
	d.key("y")
	saved := waitRoot[wizard.SavedEvent](d, ubWait).Saved
	if saved.Profile.SecretBackend != storage.BackendFile || saved.Where != path {
		t.Fatalf("saved %+v", saved)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("secret file %s: %v %v", path, fi, err)
	}
}

func TestIdentityKeyringUnavailableDeclined(t *testing.T) {
	d, s, env, _ := newTestIdentity(t, "")
	env.W.Store.Keyring.(*ubKeyring).setFail(errors.New("dbus: no session bus"))
	d.key("y")
	d.until(ubWait, "the consent question", func() bool { return s.phase == idConsent })
	d.key("n")
	q := waitRoot[wizard.Quit](d, ubWait)
	if q.Err == nil || !strings.Contains(q.Err.Error(), "not saved") {
		t.Fatalf("wizard.Quit.Err = %v", q.Err)
	}
	if f := ubFiles(t, env); len(f) != 0 {
		t.Fatalf("files written after declining: %v", f)
	}
}

// --insecure-storage consents to the 0600 file for when no keyring
// answers (checklist item 32): a working keyring still gets the secrets,
// and a failing one leads to the file without the question.
func TestIdentityInsecureStorageIsAConsentNotAChoice(t *testing.T) {
	for _, keyringWorks := range []bool{true, false} {
		d, s, env, _ := newTestIdentity(t, "")
		env.W.InsecureStorage = true
		kr := env.W.Store.Keyring.(*ubKeyring)
		if !keyringWorks {
			kr.setFail(errors.New("dbus: no session bus"))
		}
		d.key("y")
		saved := waitRoot[wizard.SavedEvent](d, ubWait).Saved
		want := storage.BackendKeyring
		if !keyringWorks {
			want = storage.BackendFile
		}
		if saved.Profile.SecretBackend != want || s.phase != idSaved {
			t.Errorf("keyring works %v: saved to %s (phase %d), want %s", keyringWorks, saved.Profile.SecretBackend, s.phase, want)
		}
		kr.setFail(nil)
		if n := kr.count(); (n > 0) != keyringWorks {
			t.Errorf("keyring works %v: %d keyring items", keyringWorks, n)
		}
	}
}

func TestIdentityMeErrorExplainedAndRetried(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	env := ubEnv(t, sb, &ubOpener{})
	bad := &oauthflow.Result{Token: &oauth2.Token{AccessToken: "not-a-token"}}
	s := NewIdentity(env, ubCreds(sb), bad)
	d := newUBDriver(t, s)
	d.run(s.Init())
	d.until(ubWait, "the failure", func() bool { return s.phase == idFailed })
	if !strings.Contains(d.view(), "✗") || !strings.Contains(flat(d.view()), "Press r") || strings.Contains(d.view(), "not-a-token") {
		t.Fatalf("users/me failure view:\n%s", d.view())
	}
	d.key("r")
	if s.phase != idLoading {
		t.Fatal("r did not ask again")
	}
	d.until(ubWait, "the second failure", func() bool { return s.phase == idFailed })
	d.key("esc")
	waitRoot[wizard.Back](d, ubWait)
}

func TestIdentityResize(t *testing.T) {
	_, s, env, _ := newTestIdentity(t, "x@example.com")
	for _, ph := range []idPhase{idShow, idConsent} {
		s.phase, s.keyErr = ph, storage.ErrKeyringUnavailable
		for _, sz := range [][2]int{{80, 24}, {200, 60}, {40, 10}, {1, 1}, {0, 0}} {
			s.SetSize(sz[0], sz[1])
			if v := s.View(); sz[0] >= 40 {
				ubCheckFits(t, fmt.Sprintf("identity phase %d", ph), v, sz[0], sz[1])
			}
		}
	}
	_ = env
}

func BenchmarkViewIdentity(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {200, 60}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			env := &Env{Styles: NewStyles(true), Keys: DefaultKeyMap(nil), W: &wizard.Config{Now: time.Now, Profile: "default",
				Store: &storage.Store{DataDir: b.TempDir()}}}
			s := NewIdentity(env, wizard.Creds{ExpectedEmail: "a@b.c"}, &oauthflow.Result{Token: &oauth2.Token{}})
			u := oauthflow.User(sandbox.DemoUser())
			s.user, s.phase = &u, idShow
			s.SetSize(sz[0], sz[1])
			b.ResetTimer()
			for b.Loop() {
				_ = s.View()
			}
		})
	}
}

func TestIdentityWarnsBeforeReplacingAnotherAccount(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	env := ubEnv(t, sb, &ubOpener{})
	if err := env.W.Store.SaveProfile(&storage.Profile{Name: "default", ClientID: "otherApp", UserID: "u1",
		Email: "alice@example.com", SecretBackend: storage.BackendKeyring}); err != nil {
		t.Fatal(err)
	}
	s := NewIdentity(env, ubCreds(sb), ubAuthorize(t, sb))
	d := newUBDriver(t, s)
	d.run(s.Init())
	d.until(ubWait, "users/me", func() bool { return s.phase == idShow })
	if !strings.Contains(flat(d.view()), `replaces the saved connection "default" (alice@example.com, client ID otherApp)`) {
		t.Fatalf("no replace warning:\n%s", d.view())
	}
}

func TestIdentityNoWarningWhenUpdatingOwnProfile(t *testing.T) {
	d, s, env, sb := newTestIdentity(t, "")
	d.key("y")
	waitRoot[wizard.SavedEvent](d, ubWait)
	again := NewIdentity(env, ubCreds(sb), s.result)
	d2 := newUBDriver(t, again)
	d2.run(again.Init())
	d2.until(ubWait, "users/me", func() bool { return again.phase == idShow })
	if v := flat(d2.view()); strings.Contains(v, "replaces") || !strings.Contains(v, `Saving updates the saved connection "default" (same account and app)`) {
		t.Fatalf("warned about replacing the same account, or did not say it updates it:\n%s", d2.view())
	}
}

// TestIdentitySaveIgnoresCancel: once started, a save runs to its end even
// when the screen's context is canceled (ctrl+c), and the screen reports
// Committing until the root has its wizard.Saved.
func TestIdentitySaveIgnoresCancel(t *testing.T) {
	_, s, env, _ := newTestIdentity(t, "")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	cmd := saveConnCmd(ctx, env.W, s.profile(storage.BackendKeyring), s.secrets())
	msg, ok := cmd().(identitySavedMsg)
	if !ok || msg.err != nil {
		t.Fatalf("save under a canceled context: %+v", msg)
	}
	if _, err := env.W.Store.LoadProfile("default"); err != nil {
		t.Fatalf("profile not saved: %v", err)
	}
	s.phase = idSaving
	if !s.Committing() {
		t.Fatal("not Committing while saving")
	}
	if _, ok := find[wizard.SavedEvent](t, s.onSaved(msg)); !ok || !s.Committing() {
		t.Fatal("wizard.Saved not emitted, or Committing dropped before the root has it")
	}
	s.phase = idFailed
	if s.Committing() {
		t.Fatal("Committing after a failed save")
	}
}

// Under --sandbox the saved profile names the sandbox, not this run's port:
// the built-in sandbox listens on a new port every run, and later commands
// (status, token) start one on the same state file. A profile saved against
// other endpoints in a sandbox run keeps them.
func TestIdentitySandboxProfileRecordsMarker(t *testing.T) {
	for _, live := range []bool{true, false} {
		sb := ubSandbox(t, sandbox.ScenarioApprove)
		env := ubEnv(t, sb, &ubOpener{})
		env.W.Sandbox = &wizard.Sandbox{}
		c := ubCreds(sb)
		if !live {
			env.W.Endpoints = oauthflow.Endpoints{AuthBaseURL: "http://127.0.0.1:1", APIBaseURL: "http://127.0.0.1:1"}
		}
		s := NewIdentity(env, c, ubAuthorize(t, sb))
		d := newUBDriver(t, s)
		d.run(s.Init())
		d.until(ubWait, "users/me", func() bool { return s.phase != idLoading })
		d.key("y")
		waitRoot[wizard.SavedEvent](d, ubWait)
		p, err := env.W.Store.LoadProfile("default")
		if err != nil {
			t.Fatal(err)
		}
		if got := p.IsSandbox(); got != live {
			t.Errorf("live sandbox %v: profile hosts %q %q", live, p.AuthBaseURL, p.APIBaseURL)
		}
	}
}
