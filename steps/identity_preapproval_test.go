package steps

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// fakeMe is a Zoom API whose users/me answers 401 with Zoom's 4738 body
// ("The token is disabled by admin."), the pre-approval wall after consent.
func fakeMe(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"code":4738,"message":"The token is disabled by admin."}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestIdentityDisabledByAdminLeadsToPreapproval: a 4738 from users/me is
// the pre-approval wall, so the screen asks for the pre-approval screen
// with that error instead of ending on a plain failure.
func TestIdentityDisabledByAdminLeadsToPreapproval(t *testing.T) {
	api := fakeMe(t)
	env := ubEnv(t, nil, &ubOpener{})
	c := ubCreds(nil)
	c.App.Endpoints = oauthflow.Endpoints{AuthBaseURL: api.URL, APIBaseURL: api.URL}
	res := &oauthflow.Result{Token: &oauth2.Token{AccessToken: "at", Expiry: time.Now().Add(time.Hour)}}
	s := NewIdentity(env, c, res)
	d := newUBDriver(t, s)
	d.run(s.Init())
	got := waitRoot[wizard.PreapprovalNeeded](d, ubWait)
	if !oauthflow.IsPreapproval(got.Cause) || oauthflow.KindOf(got.Cause) != oauthflow.KindDisabledByAdmin {
		t.Fatalf("wizard.PreapprovalNeeded.Err = %v, want the 4738 error", got.Cause)
	}
	if s.Failure() == nil {
		t.Error("the identity screen does not report the failure it shows")
	}
}

// TestIdentityKeyringProbeSaysWhereTokensGo: with no keyring answering,
// the confirmation does not promise the keyring; it says zoomconnect will
// ask. With a working keyring it names it.
func TestIdentityKeyringProbeSaysWhereTokensGo(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	res := ubAuthorize(t, sb)
	for _, broken := range []bool{false, true} {
		env := ubEnv(t, sb, &ubOpener{})
		if broken {
			env.W.Store.Keyring.(*ubKeyring).setFail(errors.New("no D-Bus session bus"))
		}
		s := NewIdentity(env, ubCreds(sb), res)
		d := newUBDriver(t, s)
		d.run(s.Init())
		d.until(ubWait, "users/me and the probe", func() bool { return s.phase == idShow && s.probe > wizard.ProbeChecking })
		v := flat(d.view())
		if broken {
			mustContain(t, v, "No system keyring answered: no D-Bus session bus. When you save, zoomconnect will ask where to keep the tokens")
			if strings.Contains(v, "go to the system keyring") {
				t.Errorf("promises the keyring although none answered:\n%s", v)
			}
		} else {
			mustContain(t, v, "Its tokens go to the "+storage.KeyringName())
		}
	}
}

// TestIdentityNamesTheProfilesASaveReplaces: a profile of the same Zoom
// user and app under another name is named before the user confirms.
func TestIdentityNamesTheProfilesASaveReplaces(t *testing.T) {
	d, s, env, sb := newTestIdentity(t, "")
	d.key("y")
	waitRoot[wizard.SavedEvent](d, ubWait)
	env2 := *env
	env2.W.Profile = "work"
	again := NewIdentity(&env2, ubCreds(sb), s.result)
	d2 := newUBDriver(t, again)
	d2.run(again.Init())
	d2.until(ubWait, "users/me", func() bool { return again.phase == idShow })
	mustContain(t, flat(d2.view()), `Saving also replaces the saved connection "default": the same Zoom user on the same app`)
}

// TestAuthorizePasteErrorWraps: a long paste error is wrapped at the
// screen width, never cut.
func TestAuthorizePasteErrorWraps(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	d, a := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	a.SetSize(100, 60)
	d.key("u")
	long := "that address is not this login's redirect; paste the whole http://127.0.0.1:PORT/callback?code=…&state=… address from the browser's address bar, including everything after the question mark"
	d.send(pasteDoneMsg{err: errors.New(long)})
	v := a.View()
	for _, line := range strings.Split(v, "\n") {
		if w := ansi.StringWidth(line); w > 100 {
			t.Errorf("line %d cells wide at 100 columns: %q", w, ansi.Strip(line))
		}
	}
	mustContain(t, flat(ansi.Strip(v)), "including everything after the question mark.")
}

// TestPreapprovalTimeoutIsHedged: after a timeout the screen calls the
// pre-approval wall the most likely cause, lists the alternatives, and
// for a bring-your-own app the look-alikes (private app, development
// credentials); leaving reports the timeout, not a pre-approval.
func TestPreapprovalTimeoutIsHedged(t *testing.T) {
	timeout := &oauthflow.Error{Kind: oauthflow.KindTimeout, Op: oauthflow.OpAuthorize}
	d, p, _ := newTestPreapproval(t, timeout)
	p.SetSize(100, 200)
	v := flat(d.view())
	mustContain(t, v, "The most likely cause: your Zoom account needs an admin", "Other causes look the same",
		"left open, or closed without pressing Allow", "not on the app's allow list", "runs on another machine",
		"Other things that show the same symptom", "private app belongs to another Zoom account",
		"Development credentials")
	if strings.Contains(v, "Your Zoom account needs an admin to approve this app first.") {
		t.Errorf("states the pre-approval wall as a fact after a timeout:\n%s", v)
	}
	if strings.ContainsAny(v, "{}") {
		t.Errorf("placeholder on screen:\n%s", v)
	}
	if !errors.Is(p.Failure(), timeout) || oauthflow.Explain(p.Failure()).Key != "kind:timeout" {
		t.Errorf("Failure() = %v, want the timeout", p.Failure())
	}
}

// TestPreapprovalOrgAppHasNoLookalikes: the organization's app is neither
// another account's private app nor development credentials.
func TestPreapprovalOrgAppHasNoLookalikes(t *testing.T) {
	env := ubEnv(t, nil, &ubOpener{})
	c := ubCreds(nil)
	c.AuthType = storage.AuthOrgApp
	p := NewPreapproval(env, c, nil)
	p.SetSize(100, 200)
	v := flat(ansi.Strip(p.View()))
	mustContain(t, v, "Your Zoom account needs an admin to approve this app first.")
	if strings.Contains(v, "Other things that show the same symptom") {
		t.Errorf("look-alikes shown for the organization's app:\n%s", v)
	}
	if !oauthflow.IsPreapproval(p.Failure()) || oauthflow.KindOf(p.Failure()) != oauthflow.KindUnknown {
		t.Errorf("Failure() = %v, want the pre-approval error", p.Failure())
	}
}

// TestPreapprovalSavesPendingOnEntry: Init saves the attempt (no request
// sent yet); copying then records when the request was sent.
func TestPreapprovalSavesPendingOnEntry(t *testing.T) {
	d, p, env := newTestPreapproval(t, nil)
	d.run(p.Init())
	d.until(ubWait, "the pending save", func() bool { return p.pending && !p.Committing() })
	got, _, err := env.W.Store.LoadPending(t.Context(), "default")
	if err != nil || !got.RequestSentAt.IsZero() || got.CreatedAt.IsZero() {
		t.Fatalf("pending after entering = %+v, %v", got, err)
	}
	mustContain(t, flat(d.view()), "This attempt is saved: zoomconnect started later offers to resume it.")
	created := got.CreatedAt
	d.key("c")
	d.until(ubWait, "the second save", func() bool { return !p.Committing() })
	got, _, err = env.W.Store.LoadPending(t.Context(), "default")
	if err != nil || got.RequestSentAt.IsZero() || !got.CreatedAt.Equal(created) {
		t.Fatalf("pending after copying = %+v, %v", got, err)
	}
}

// TestAdminAppKeyOnlyAfterNudge: m means "the browser says an account
// admin is required" only once the nudge asked; before, it does nothing.
func TestAdminAppKeyOnlyAfterNudge(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioAdminApp)
	env := ubEnv(t, sb, &ubOpener{})
	d, a := startAuthorize(t, env, ubCreds(sb))
	_, cmd := a.Update(keypress.Of("m"))
	noCmd(t, cmd, "m before the nudge")
	d.send(authNudgeMsg{attempt: a.attempt})
	d.key("m")
	got := waitRoot[wizard.PreapprovalNeeded](d, ubWait)
	if oauthflow.Explain(got.Cause).Key != "preapproval:admin_app" {
		t.Fatalf("wizard.PreapprovalNeeded.Err = %v, want the admin-app cause", got.Cause)
	}
}
