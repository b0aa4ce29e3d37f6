package e2e

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// Fault 7: SIGINT (ctrl+c) at every question of the line-by-line wizard
// (piped answers, as a script or a screen reader user gives them), and
// during a refresh. The full-screen wizard's ctrl+c at every step is
// TestWizardCtrlCAtEveryStep (tmux). Each must exit with README's code,
// save nothing, revoke the tokens it already got, and leave no secret
// behind.
func TestFaultSigintWizard(t *testing.T) {
	steps := []struct {
		name string
		// exit is README's code: 130, or, after the keyring failed to
		// keep the tokens (the 0600 file question), that failure's 7
		// ("Leaving the wizard").
		exit int
		// reach takes the wizard to the step; it returns whether the
		// sandbox has issued tokens by then.
		reach func(ctx context.Context, w *faultWorld, l *lineRun) bool
	}{
		{"auth type", exitCanceled, func(ctx context.Context, w *faultWorld, l *lineRun) bool {
			l.waitFor(ctx, regexp.MustCompile(regexp.QuoteMeta(w.tr.T("a11y.choose", "Last", 2, "Default", 1))))
			return false
		}},
		{"expected email", exitCanceled, func(ctx context.Context, w *faultWorld, l *lineRun) bool {
			l.send("", "")
			l.waitFor(ctx, regexp.MustCompile(`(?i)expected zoom account email`))
			return false
		}},
		{"waiting for the browser", exitCanceled, func(ctx context.Context, w *faultWorld, l *lineRun) bool {
			l.send("", "", "")
			l.waitFor(ctx, lettersRE)
			return false
		}},
		{"scope review", exitCanceled, func(ctx context.Context, w *faultWorld, l *lineRun) bool {
			l.send("", "", "")
			u := l.waitFor(ctx, authorizeRE)
			l.waitFor(ctx, lettersRE)
			get(ctx, w.t, w.srv.ApproveURL(u))
			l.waitFor(ctx, regexp.MustCompile(regexp.QuoteMeta(w.tr.T("scopes.ask_continue", "Enter", w.tr.T("keyname.enter"), "Quit", "q"))))
			return true
		}},
		{"save question", exitCanceled, func(ctx context.Context, w *faultWorld, l *lineRun) bool {
			w.toSave(ctx, l)
			return true
		}},
		{"0600 file question", exitStorage, func(ctx context.Context, w *faultWorld, l *lineRun) bool {
			w.toSave(ctx, l)
			l.send("y")
			l.waitFor(ctx, w.consentRE())
			return true
		}},
	}
	for _, s := range steps {
		t.Run(strings.ReplaceAll(s.name, " ", "-"), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), settle)
			defer cancel()
			row := newRow(t, "SIGINT at the line-by-line wizard's "+s.name)
			kind := realKeyring
			if s.name == "0600 file question" {
				kind = noKeyring // without --insecure-storage: the question is asked
			}
			w := newWorld(ctx, t, row, kind)
			w.row.run()
			args := w.loginArgs()
			if kind == noKeyring {
				args = args[:len(args)-1] // drop --insecure-storage
			}
			l := startLines(ctx, t, w.h, w.env(), args...)
			b := w.before()
			tokens := s.reach(ctx, w, l)
			l.cmd.Process.Signal(syscall.SIGINT)
			code := l.exit(ctx)
			w.expectExit("login, SIGINT at the "+s.name, result{code: code, stderr: l.stderr()}, s.exit)
			if tokens && w.srv.Stats().Revokes == b.revokes {
				t.Errorf("SIGINT at the %s: the tokens already issued were not revoked\n%s", s.name, l.stderr())
			}
			w.audit(ctx)
			if o := w.observe(); len(o.profiles) > 0 || len(o.items) > 0 || len(o.files) > 0 {
				w.orphanf("SIGINT at the %s left %d profiles, %d keyring items, %d files", s.name, len(o.profiles), len(o.items), len(o.files))
			}
		})
	}
}

// toSave takes a started wizard to its save question.
func (w *faultWorld) toSave(ctx context.Context, l *lineRun) {
	w.t.Helper()
	l.send("", "", "")
	u := l.waitFor(ctx, authorizeRE)
	l.waitFor(ctx, lettersRE)
	get(ctx, w.t, w.srv.ApproveURL(u))
	l.waitFor(ctx, regexp.MustCompile(regexp.QuoteMeta(w.tr.T("scopes.ask_continue", "Enter", w.tr.T("keyname.enter"), "Quit", "q"))))
	l.send("")
	l.waitFor(ctx, w.saveQuestionRE("default"))
}

// SIGINT while a refresh waits for Zoom's answer (the sandbox's slow
// token endpoint): exit 130, nothing saved or recorded, and the saved
// refresh token still works.
func TestFaultSigintRefresh(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), settle)
	defer cancel()
	row := newRow(t, "SIGINT during refresh")
	w := newWorldWith(ctx, t, row, worldOpts{keyring: realKeyring})
	w.login(ctx)
	w.srv.SetScenario(sandbox.ScenarioSlowToken) // every token request waits (sandbox.DefaultTokenDelay)
	r := w.signalWhenAsked(ctx, syscall.SIGINT, "refresh")
	w.expectExit("refresh, SIGINT while Zoom is asked", r, exitCanceled)
	w.srv.SetScenario(sandbox.ScenarioApprove)
	w.audit(ctx, "default")
}

// signalWhenAsked runs args and sends sig once the sandbox holds its
// token request (the profile's lock names the process, and the sandbox
// has it), then waits for the exit.
func (w *faultWorld) signalWhenAsked(ctx context.Context, sig syscall.Signal, args ...string) result {
	w.t.Helper()
	w.row.run()
	l := startLines(ctx, w.t, w.h, w.env(), args...)
	w.waitTokenRequest(ctx, l)
	l.cmd.Process.Signal(sig)
	code := l.exit(ctx)
	return result{code: code, stderr: l.stderr()}
}

// waitTokenRequest waits until a token request of the process is in the
// sandbox's hands: a connection from it to the sandbox is open while it
// holds the profile's lock. Good enough: it polls the lock holder, then
// gives the request a moment to arrive.
func (w *faultWorld) waitTokenRequest(ctx context.Context, l *lineRun) {
	w.t.Helper()
	pid := "pid " + strconv.Itoa(l.cmd.Process.Pid)
	for !strings.HasPrefix(w.h.store.LockHolder("default"), pid) {
		select {
		case <-ctx.Done():
			w.t.Fatalf("the process never took the profile's lock:\n%s", l.stderr())
		case <-l.done:
			w.t.Fatalf("the process exited (%d) before it took the lock:\n%s", l.code, l.stderr())
		case <-time.After(10 * time.Millisecond):
		}
	}
	time.Sleep(500 * time.Millisecond)
}

// Fault 8: logout while a refresh waits for Zoom (two processes). Logout
// waits for the refresh's lock (and says so), then revokes what the
// refresh saved and deletes it: no token the refresh got may still work.
func TestFaultLogoutDuringRefresh(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), settle)
	defer cancel()
	row := newRow(t, "logout during a refresh (two processes)")
	w := newWorldWith(ctx, t, row, worldOpts{keyring: realKeyring, sandbox: sandbox.Options{TokenDelay: 2 * time.Second}})
	w.login(ctx)
	w.srv.SetScenario(sandbox.ScenarioSlowToken)
	w.row.run()
	refresh := startLines(ctx, t, w.h, w.env(), "refresh")
	w.waitTokenRequest(ctx, refresh)
	b := w.before()
	r := w.run(ctx, "logout")
	rcode := refresh.exit(ctx)
	w.expectExit("refresh, logout started meanwhile", result{code: rcode, stderr: refresh.stderr()}, exitOK)
	w.expectExit("logout during a refresh", r, exitOK)
	if !strings.Contains(r.stderr, "zoomconnect refresh") {
		t.Errorf("logout did not say it waited for the refresh:\n%s", r.stderr)
	}
	w.checkLogout(r, "default", b)
	w.srv.SetScenario(sandbox.ScenarioApprove)
	if refreshWorks(ctx, t, w.srv, w.srv.LatestRefreshToken()) {
		w.orphanf("the refresh token the refresh got still works at the sandbox after the logout")
	}
	w.audit(ctx)
}

// refreshWorks asks the sandbox to refresh rt (as the public client):
// whether it is still a live refresh token. It spends rt when it is.
func refreshWorks(ctx context.Context, t *testing.T, srv *sandbox.Server, rt string) bool {
	t.Helper()
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {sandbox.DemoPublicClientID}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("refresh at the sandbox: %v", err)
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
