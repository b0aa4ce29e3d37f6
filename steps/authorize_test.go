package steps

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

const ubWait = 10 * time.Second

// startAuthorize builds the screen and drives it until the URL is shown.
func startAuthorize(t *testing.T, env *Env, c wizard.Creds) (*ubDriver, *Authorize) {
	t.Helper()
	a := NewAuthorize(env, c)
	d := newUBDriver(t, a)
	d.run(a.Init())
	d.until(ubWait, "the authorize URL", func() bool { return a.phase == phaseWaiting })
	return d, a
}

func TestAuthorizeShowsURLAndCompletes(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	op := &ubOpener{}
	d, a := startAuthorize(t, ubEnv(t, sb, op), ubCreds(sb))
	authURL := a.session.AuthURL
	if !strings.HasPrefix(authURL, sb.URL+"/oauth/authorize?") || hasQueryParam(authURL, "scope") {
		t.Fatalf("unexpected authorize URL %q", authURL)
	}
	d.until(ubWait, "the browser to be opened", func() bool { return len(op.opened()) == 1 })
	if op.opened()[0] != authURL {
		t.Fatalf("opened %q, want the session URL", op.opened()[0])
	}
	if !strings.Contains(unwrapped(d.view()), authURL) {
		t.Fatalf("view does not show the URL unbroken:\n%s", d.view())
	}
	go ubApprove(t, sb)(authURL)
	got := waitRoot[wizard.Authorized](d, ubWait)
	if got.Result == nil || got.Result.Token == nil || got.Result.Token.AccessToken == "" {
		t.Fatalf("wizard.Authorized without a token: %+v", got)
	}
	if strings.Contains(d.view(), got.Result.Token.AccessToken) {
		t.Fatal("the view shows the access token")
	}
}

func TestAuthorizeNudgeLeadsToPreapproval(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioPreapproval)
	env := ubEnv(t, sb, &ubOpener{})
	env.W.NudgeAfter = 50 * time.Millisecond
	d, a := startAuthorize(t, env, ubCreds(sb))
	redirect := a.session.RedirectURL
	if strings.Contains(d.view(), "Request pre-approval") {
		t.Fatal("nudge shown before NudgeAfter")
	}
	d.until(ubWait, "the nudge", d.viewHas(`p: "Request pre-approval" or "You cannot authorize this app"`))
	mustContain(t, d.view(), `m: "An account admin is required to install this type of app"`,
		"the consent page is still open", "redirect URL is not on the app's allow list", "runs on another machine")
	if !ubHelpHas(a, "p") || !ubHelpHas(a, "m") {
		t.Fatal("help line does not offer p and m after the nudge")
	}
	d.key("p")
	msg := waitRoot[wizard.PreapprovalNeeded](d, ubWait)
	if msg.Cause != nil {
		t.Fatalf("wizard.PreapprovalNeeded.Err = %v, want nil (key press)", msg.Cause)
	}
	ubWaitPortClosed(t, redirect)
}

func TestAuthorizeTimeoutListsCausesAndRetries(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioPreapproval)
	op := &ubOpener{}
	env := ubEnv(t, sb, op)
	env.W.FlowTimeout = 300 * time.Millisecond
	d, a := startAuthorize(t, env, ubCreds(sb))
	d.until(ubWait, "the timeout", d.viewHas("Likely causes"))
	v := strings.ReplaceAll(d.view(), "\n", " ")
	last := -1
	for _, cause := range []string{"pre-approval", "without pressing Allow", "allow list", "SSH"} {
		i := strings.Index(v, cause)
		if i <= last {
			t.Fatalf("cause %q missing or out of order in:\n%s", cause, d.view())
		}
		last = i
	}
	first := a.attempt
	d.key("r")
	d.until(ubWait, "a second attempt", func() bool { return a.attempt == first+1 && a.phase == phaseWaiting })
	d.until(ubWait, "a second browser open", func() bool { return len(op.opened()) == 2 })
	d.key("esc")
	waitRoot[wizard.Back](d, ubWait)
}

func TestAuthorizeDeclinedSaysNothingChanged(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioDeny)
	d, a := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	go ubApprove(t, sb)(a.session.AuthURL)
	d.until(ubWait, "the decline", d.viewHas("not to allow access"))
	if !strings.Contains(d.view(), "Nothing was changed") || !ubHelpHas(a, "r") {
		t.Fatalf("decline view lacks reassurance or retry:\n%s", d.view())
	}
	if _, ok := rootOf[wizard.Authorized](d); ok {
		t.Fatal("declined attempt reported success")
	}
}

func TestAuthorizeExplainsExchangeError(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioInvalidClient)
	d, a := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	go ubApprove(t, sb)(a.session.AuthURL)
	d.until(ubWait, "the error", func() bool { return a.phase == phaseFailed })
	ex := oauthflow.Explain(a.err)
	v := strings.Join(strings.Fields(d.view()), " ")
	for _, want := range []string{ex.Title, "What to do:", "Press r to try again"} {
		if want == "" || !strings.Contains(v, strings.Join(strings.Fields(want), " ")) {
			t.Errorf("view lacks %q:\n%s", want, d.view())
		}
	}
	if oauthflow.KindOf(a.err) != oauthflow.KindInvalidClient {
		t.Errorf("kind = %v, want invalid_client", oauthflow.KindOf(a.err))
	}
}

func TestAuthorizePreapprovalErrorGoesToPreapproval(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	d, a := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	err := &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Op: oauthflow.OpExchange, Code: 4738,
		Reason: "The token is disabled by admin."}
	if !oauthflow.IsPreapproval(err) {
		t.Fatal("oauthflow must classify 4738 (disabled by admin) as pre-approval")
	}
	d.send(authResultMsg{attempt: a.attempt, err: err})
	got := waitRoot[wizard.PreapprovalNeeded](d, ubWait)
	if !errors.Is(got.Cause, err) {
		t.Fatalf("wizard.PreapprovalNeeded.Err = %v", got.Cause)
	}
}

func TestAuthorizeIgnoresStaleAttempt(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	d, a := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	d.send(authResultMsg{attempt: a.attempt - 1, result: &oauthflow.Result{}})
	d.send(authResultMsg{attempt: a.attempt + 7, err: &oauthflow.Error{Kind: oauthflow.KindTimeout}})
	if a.phase != phaseWaiting || len(d.root) != 0 {
		t.Fatalf("stale result changed the screen: phase %v, root %v", a.phase, d.root)
	}
}

func TestAuthorizeBrowserFailureIsNotFatal(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	op := &ubOpener{err: errors.New("no display")}
	d, a := startAuthorize(t, ubEnv(t, sb, op), ubCreds(sb))
	d.until(ubWait, "the open error", d.viewHas("Could not open a browser"))
	go ubApprove(t, sb)(a.session.AuthURL)
	waitRoot[wizard.Authorized](d, ubWait)
}

func TestAuthorizeEscClosesTheListener(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	d, a := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	redirect := a.session.RedirectURL
	d.key("esc")
	waitRoot[wizard.Back](d, ubWait)
	ubWaitPortClosed(t, redirect)
}

func TestAuthorizeCopyAndOpenAgain(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	op := &ubOpener{}
	env := ubEnv(t, sb, op)
	env.W.Sandbox = &wizard.Sandbox{ApproveCommand: "curl -sL 'APPROVE-URL'"}
	d, a := startAuthorize(t, env, ubCreds(sb))
	_, cmd := a.Update(keypress.Of("c"))
	msgs := runCmd(t, cmd)
	if len(msgs) != 1 || fmt.Sprint(msgs[0]) != a.session.AuthURL || !strings.Contains(fmt.Sprintf("%T", msgs[0]), "Clipboard") {
		t.Fatalf("copy gave %#v, want a clipboard message with the URL", msgs)
	}
	if !strings.Contains(d.view(), "clipboard") || !strings.Contains(d.view(), "curl -sL") {
		t.Fatalf("view lacks copy confirmation or sandbox hint:\n%s", d.view())
	}
	d.until(ubWait, "first open", func() bool { return len(op.opened()) == 1 })
	d.key("o")
	d.until(ubWait, "second open", func() bool { return len(op.opened()) == 2 })
}

func TestAuthorizeWarnsAboutSameApp(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	op := &ubOpener{}
	env := ubEnv(t, sb, op)
	env.W.Conn = &connection.Manager{Store: env.W.Store}
	if err := env.W.Store.SaveProfile(&storage.Profile{Name: "work", ClientID: sandbox.DemoClientID,
		AuthBaseURL: sb.URL, APIBaseURL: sb.URL, Email: "sam@example.com", SecretBackend: storage.BackendKeyring}); err != nil {
		t.Fatalf("save profile: %v", err)
	}
	a := NewAuthorize(env, ubCreds(sb))
	d := newUBDriver(t, a)
	d.run(a.Init())
	d.until(ubWait, "the warning", d.viewHas("Authorizing again"))
	if !strings.Contains(d.view(), "work (sam@example.com)") || len(op.opened()) != 0 || a.session != nil {
		t.Fatalf("warning incomplete or flow started early:\n%s", d.view())
	}
	d.key("enter")
	d.until(ubWait, "the flow", func() bool { return a.phase == phaseWaiting })
}

func TestAuthorizeStartFailureExplained(t *testing.T) {
	env := ubEnv(t, nil, &ubOpener{})
	a := NewAuthorize(env, ubCreds(nil))
	d := newUBDriver(t, a)
	a.attempt = 1
	d.send(authStartedMsg{attempt: 1, err: &oauthflow.Error{Kind: oauthflow.KindNetwork, Op: oauthflow.OpAuthorize,
		Err: errors.New("cannot listen on 127.0.0.1:8080: address in use")}})
	if a.phase != phaseFailed || !strings.Contains(d.view(), "✗") || !strings.Contains(d.view(), "try again") {
		t.Fatalf("start failure not explained:\n%s", d.view())
	}
}

func TestAuthorizeResize(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	env := ubEnv(t, sb, &ubOpener{})
	env.W.NudgeAfter = time.Millisecond
	d, a := startAuthorize(t, env, ubCreds(sb))
	d.until(ubWait, "the nudge", func() bool { return a.nudge })
	for _, sz := range [][2]int{{80, 24}, {200, 60}, {40, 10}, {1, 1}, {0, 0}} {
		a.SetSize(sz[0], sz[1])
		if v := a.View(); sz[0] >= 40 {
			ubCheckFits(t, "authorize", v, sz[0], sz[1])
		}
	}
}

func ubHelpHas(s Step, k string) bool {
	for _, b := range s.ShortHelp() {
		if b.Help().Key == k || strings.HasPrefix(b.Help().Key, k+"/") {
			return true
		}
	}
	return false
}

// ubWaitPortClosed waits until nothing answers on the loopback redirect.
func ubWaitPortClosed(t *testing.T, redirect string) {
	t.Helper()
	c := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(ubWait)
	for time.Now().Before(deadline) {
		resp, err := c.Get(redirect)
		if err != nil {
			return
		}
		resp.Body.Close()
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the loopback listener %s is still open", redirect)
}

func BenchmarkViewAuthorize(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {200, 60}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			env := &Env{Styles: NewStyles(true), Keys: DefaultKeyMap(nil), W: &wizard.Config{Now: time.Now, Sandbox: &wizard.Sandbox{ApproveCommand: "curl …"}}}
			a := NewAuthorize(env, wizard.Creds{App: oauthflow.App{ClientID: "id"}})
			a.phase, a.nudge = phaseWaiting, true
			a.session = &oauthflow.Session{AuthURL: "https://zoom.us/oauth/authorize?client_id=abc&code_challenge=" + strings.Repeat("x", 43) + "&code_challenge_method=S256&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback&response_type=code&state=" + strings.Repeat("s", 43), Deadline: time.Now().Add(time.Minute)}
			a.SetSize(sz[0], sz[1])
			b.ResetTimer()
			for b.Loop() {
				_ = a.View()
			}
		})
	}
}

var _ tea.Msg = authTickMsg{}

func TestAuthorizePreapprovalKeyStopsAndCanRestart(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioPreapproval)
	op := &ubOpener{}
	d, a := startAuthorize(t, ubEnv(t, sb, op), ubCreds(sb))
	redirect := a.session.RedirectURL
	d.key("p")
	waitRoot[wizard.PreapprovalNeeded](d, ubWait)
	ubWaitPortClosed(t, redirect)
	if !strings.Contains(flat(d.view()), "sign-in was stopped") {
		t.Fatalf("view after p:\n%s", d.view())
	}
	d.key("r")
	d.until(ubWait, "a new attempt", func() bool { return a.phase == phaseWaiting && a.session != nil })
}
