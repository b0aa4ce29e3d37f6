package steps

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// failedAt drives a real attempt in scenario sc to its failure.
func failedAt(t *testing.T, sc sandbox.Scenario, edit func(*Env, *wizard.Creds)) (*ubDriver, *Authorize, *sandbox.Server) {
	t.Helper()
	sb := ubSandbox(t, sc)
	env := ubEnv(t, sb, &ubOpener{})
	c := ubCreds(sb)
	if edit != nil {
		edit(env, &c)
	}
	d, a := startAuthorize(t, env, c)
	if sc != sandbox.ScenarioPreapproval {
		go ubApprove(t, sb)(a.session.AuthURL)
	}
	d.until(ubWait, "the failure", func() bool { return a.phase == phaseFailed })
	return d, a, sb
}

// helpLine is the root's help line at 80 columns: quit and help first,
// then the screen's keys, as the help bubble cuts it to the width.
func helpLine(s Step, env *Env) string {
	h := help.New()
	h.SetWidth(80 - env.Styles.App.GetHorizontalFrameSize())
	return ansi.Strip(h.View(globalHelp{env.Keys, s}))
}

type globalHelp struct {
	keys *KeyMap
	step Step
}

func (g globalHelp) ShortHelp() []key.Binding {
	return append([]key.Binding{g.keys.Quit, g.keys.Help}, g.step.ShortHelp()...)
}
func (g globalHelp) FullHelp() [][]key.Binding { return [][]key.Binding{g.ShortHelp()} }

// Issue 8: at 80 columns the help line of each failure lists the keys
// that act there, whole: r and esc, and p only after a timeout (never
// after a wrong secret or a decline, where it does nothing).
func TestAuthorizeFailureHelpAt80(t *testing.T) {
	for _, tc := range []struct {
		sc   sandbox.Scenario
		edit func(*Env, *wizard.Creds)
		p    bool
	}{
		{sandbox.ScenarioInvalidClient, nil, false},
		{sandbox.ScenarioDeny, nil, false},
		{sandbox.ScenarioPreapproval, func(e *Env, _ *wizard.Creds) { e.W.FlowTimeout = 200 * time.Millisecond }, true},
	} {
		t.Run(string(tc.sc), func(t *testing.T) {
			_, a, _ := failedAt(t, tc.sc, tc.edit)
			line := helpLine(a, a.env)
			for _, want := range []string{"q/ctrl+c quit", "r retry", "esc back"} {
				if !strings.Contains(line, want) {
					t.Errorf("help %q lacks %q", line, want)
				}
			}
			if strings.Contains(line, "…") {
				t.Errorf("help %q is cut", line)
			}
			if got := strings.Contains(line, "p pre-approval page"); got != tc.p {
				t.Errorf("help %q: p offered %v, want %v", line, got, tc.p)
			}
			_, cmd := a.Update(keypress.Of("p"))
			if !tc.p && cmd != nil {
				for _, m := range runCmd(t, cmd) {
					if _, ok := m.(wizard.PreapprovalNeeded); ok {
						t.Error("p acts where it is not offered")
					}
				}
			}
		})
	}
}

// Issue 7 item 8: a timeout stays on the authorize screen as a timeout
// (never the pre-approval screen on its own), its loopback tells a late
// browser the sign-in expired, and p then confirms the wall (no cause).
func TestAuthorizeTimeoutIsATimeout(t *testing.T) {
	d, a, _ := failedAt(t, sandbox.ScenarioPreapproval, func(e *Env, _ *wizard.Creds) { e.W.FlowTimeout = 200 * time.Millisecond })
	if _, ok := rootOf[wizard.PreapprovalNeeded](d); ok {
		t.Fatal("a timeout went to the pre-approval screen by itself")
	}
	if oauthflow.KindOf(a.Failure()) != oauthflow.KindTimeout {
		t.Fatalf("Failure() = %v, want the timeout", a.Failure())
	}
	mustContain(t, d.view(), "Nothing came back from the browser before the deadline.", "If that is what you see, press p.")
	if n := strings.Count(d.view(), "✗"); n != 1 {
		t.Errorf("%d failure cards:\n%s", n, d.view())
	}
	// A browser sent back now (state and all) is told the sign-in expired.
	u, _ := url.Parse(a.session.AuthURL)
	late := a.session.RedirectURL + "?" + url.Values{"code": {"c"}, "state": {u.Query().Get("state")}}.Encode()
	resp, err := http.Get(late)
	if err != nil {
		t.Fatalf("the late browser got a connection error: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusGone || !strings.Contains(string(body), "This sign-in expired") {
		t.Fatalf("late redirect: %d %s", resp.StatusCode, body)
	}
	redirect := a.session.RedirectURL
	d.key("p")
	got := waitRoot[wizard.PreapprovalNeeded](d, ubWait)
	if got.Cause != nil {
		t.Errorf("p after a timeout: cause %v, want the confirmed wall (nil)", got.Cause)
	}
	ubWaitPortClosed(t, redirect)
}

// A retry after a timeout with a pinned port binds it again: the attempt
// that lingered for late browsers is closed first.
func TestAuthorizeRetryAfterTimeoutOnPinnedPort(t *testing.T) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	d, a, _ := failedAt(t, sandbox.ScenarioPreapproval, func(e *Env, _ *wizard.Creds) {
		e.W.FlowTimeout, e.W.Port = 300*time.Millisecond, port
	})
	first := a.attempt
	d.key("r")
	d.until(ubWait, "the second attempt", func() bool { return a.attempt > first && a.phase != phaseStarting })
	if a.phase != phaseWaiting || !strings.HasSuffix(a.session.RedirectURL, fmt.Sprintf(":%d/callback", port)) {
		t.Fatalf("retry on port %d: phase %v, err %v", port, a.phase, a.err)
	}
}

// Issue 8: someone using the organization's app is not told to re-copy
// credentials they never typed: the explanation names the app file and
// its admin.
func TestAuthorizeOrgAppInvalidClient(t *testing.T) {
	d, a, _ := failedAt(t, sandbox.ScenarioInvalidClient, func(e *Env, c *wizard.Creds) {
		c.AuthType = storage.AuthOrgApp
		e.W.OrgApp = &storage.OrgApp{ClientID: c.App.ClientID, Path: "/etc/xdg/zoomconnect/app.json", AdminContact: "it@example.com"}
	})
	a.SetSize(100, 60)
	v := d.view()
	mustContain(t, v, "Zoom refused the organization's app", "/etc/xdg/zoomconnect/app.json", "it@example.com",
		"Ask the admin who provisioned the app file", "Press r to try again, esc to go back.")
	if strings.Contains(flat(v), "Copy the client ID and secret again") {
		t.Errorf("re-copy advice for the organization's app:\n%s", v)
	}
	if oauthflow.KindOf(a.Failure()) != oauthflow.KindInvalidClient {
		t.Errorf("Failure() kind %v", oauthflow.KindOf(a.Failure()))
	}
}

// Issue 8: the redirect URL the mismatch explanation refers to is shown.
func TestAuthorizeRedirectMismatchShowsTheRedirect(t *testing.T) {
	d, a, _ := failedAt(t, sandbox.ScenarioRedirectMismatch, nil)
	a.SetSize(100, 60)
	mustContain(t, d.view(), "The redirect URL this attempt used", a.redirect, "--port")
}

// While waiting, the help line at 80 columns keeps esc (going back) in
// both languages, whatever it cuts after it.
func TestAuthorizeWaitingHelpKeepsBackAt80(t *testing.T) {
	for _, lang := range i18n.Langs() {
		sb := ubSandbox(t, sandbox.ScenarioApprove)
		env := ubEnv(t, sb, &ubOpener{})
		env.W.T = i18n.New(lang)
		env.Keys = DefaultKeyMap(env.W.T)
		env.W.Sandbox = &wizard.Sandbox{ApproveCommand: "curl approve"}
		_, a := startAuthorize(t, env, ubCreds(sb))
		if line := helpLine(a, env); !strings.Contains(line, env.Keys.Authorize.Back.Help().Key+" ") {
			t.Errorf("%s: waiting help %q lacks %s", lang, line, env.Keys.Authorize.Back.Help().Key)
		}
	}
}
