package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// scenario is one headless wizard program against a sandbox that a test
// drives step by step: wait for a text on screen, type, look at the
// outcome. Unlike runSandbox it waits for what a person waits for (the
// text), not only for a screen type.
type scenario struct {
	t     *testing.T
	srv   *sandbox.Server
	store *storage.Store
	br    *sandbox.Browser
	m     *Model
	p     *tea.Program
	keys  io.WriteCloser
	view  *viewProbe
	done  chan error
}

// scenarioOpts configures startScenario.
type scenarioOpts struct {
	scenario sandbox.Scenario
	approve  bool             // the fake browser clicks Allow
	width    int              // terminal width, 100 when 0
	height   int              // terminal height, 40 when 0
	store    *storage.Store   // nil: a fresh temp store with an in-memory keyring
	env      func(*steps.Env) // last changes to the wizard's environment
	// filter also sees every message (after the view probe's), nil none.
	filter func(tea.Model, tea.Msg) tea.Msg
}

// viewProbe records, on the program's event loop, the active screen's
// type and the whole frame as plain text each time a probe is handled.
type viewProbe struct {
	screen atomic.Value
	frame  atomic.Value
}

func (vp *viewProbe) filter(m tea.Model, msg tea.Msg) tea.Msg {
	if _, ok := msg.(probe); ok {
		root := m.(*Model)
		vp.screen.Store(fmt.Sprintf("%T", root.Step()))
		vp.frame.Store(ansi.Strip(root.View().Content))
	}
	return msg
}

func startScenario(t *testing.T, o scenarioOpts) *scenario {
	t.Helper()
	srv, err := sandbox.New(sandbox.Options{Scenario: o.scenario})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	s := &scenario{t: t, srv: srv, br: srv.NewBrowser(o.approve), view: &viewProbe{}, done: make(chan error, 1)}
	t.Cleanup(s.br.Wait)
	s.store = o.store
	if s.store == nil {
		s.store, _ = tempStore(t)
		s.store.Keyring = &memKeyring{items: map[string]string{}}
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	t.Cleanup(cancel)
	env := &steps.Env{Ctx: ctx, W: &wizard.Config{Endpoints: oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}, OpenURL: s.br.Open, Store: s.store, Conn: &connection.Manager{Store: s.store}, Profile: "default", Sandbox: &wizard.Sandbox{}, OrgApp: &storage.OrgApp{Name: sandbox.DemoAppName, ClientID: sandbox.DemoClientID,
		ClientSecret: sandbox.DemoClientSecret, Path: "built-in sandbox"}}}
	if o.env != nil {
		o.env(env)
	}
	s.m = New(env)
	in, keys := io.Pipe()
	s.keys = keys
	t.Cleanup(func() { keys.Close() })
	width := o.width
	if width == 0 {
		width = 100
	}
	height := o.height
	if height == 0 {
		height = 40
	}
	filter := s.view.filter
	if o.filter != nil {
		filter = func(m tea.Model, msg tea.Msg) tea.Msg { return o.filter(m, s.view.filter(m, msg)) }
	}
	s.p = tea.NewProgram(s.m, tea.WithInput(in), tea.WithOutput(&lockedBuffer{}), tea.WithWindowSize(width, height),
		tea.WithColorProfile(colorprofile.Ascii), tea.WithContext(ctx), tea.WithoutSignals(), tea.WithFilter(filter))
	go func() { _, err := s.p.Run(); s.done <- err }()
	return s
}

// waitFor probes the program until the frame shows every text (spaces
// and line breaks collapsed, so wrapping does not matter) and returns it.
// The deadline is a wait, not a speed check.
func (s *scenario) waitFor(texts ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s.p.Send(probe{})
		time.Sleep(10 * time.Millisecond)
		frame, _ := s.view.frame.Load().(string)
		if containsAll(frame, texts) {
			return frame
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen never showed %q; screen %v shows:\n%q", texts, s.view.screen.Load(), frame)
		}
	}
}

func containsAll(frame string, texts []string) bool {
	flat := strings.Join(strings.Fields(frame), " ")
	for _, x := range texts {
		if !strings.Contains(flat, strings.Join(strings.Fields(x), " ")) {
			return false
		}
	}
	return true
}

// press types keys (raw terminal input: "\r" enter, "\x03" ctrl+c).
func (s *scenario) press(keys string) {
	s.t.Helper()
	if _, err := io.WriteString(s.keys, keys); err != nil {
		s.t.Fatalf("typing %q: %v", keys, err)
	}
}

// outcome waits for the program to end and returns the wizard's outcome.
func (s *scenario) outcome() (wizard.Saved, error) {
	s.t.Helper()
	select {
	case err := <-s.done:
		if err != nil {
			s.t.Fatalf("Run: %v", err)
		}
	case <-time.After(20 * time.Second):
		s.t.Fatal("the wizard did not end")
	}
	s.br.Wait()
	return s.m.Outcome()
}

// toAuthorize goes from the welcome screen to the authorize screen with
// the organization's (sandbox demo) app.
func (s *scenario) toAuthorize() {
	s.t.Helper()
	s.waitFor("Press enter to begin")
	s.press("\r")
	s.waitFor("Choose how to connect")
	s.press("\r")
	s.waitFor("Your organization's app")
	s.press("\r")
}

// flowErr returns the *oauthflow.Error errors.As finds first in err.
func flowErr(t *testing.T, err error) *oauthflow.Error {
	t.Helper()
	var oe *oauthflow.Error
	if !errors.As(err, &oe) {
		t.Fatalf("outcome %v carries no *oauthflow.Error", err)
	}
	return oe
}

// assertFailedOutcome checks a quit after a failed attempt: a
// *wizard.FailedError that is also wizard.ErrCanceled, whose flow error has kind.
func assertFailedOutcome(t *testing.T, err error, kind oauthflow.Kind) *oauthflow.Error {
	t.Helper()
	var fe *wizard.FailedError
	if !errors.As(err, &fe) || !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v (%T), want a *wizard.FailedError wrapping wizard.ErrCanceled", err, err)
	}
	oe := flowErr(t, err)
	if oe.Kind != kind {
		t.Fatalf("outcome's flow error %v has kind %q, want %q", oe, oe.Kind, kind)
	}
	return oe
}

// noPlaceholder fails when a "{...}" placeholder reached the screen.
func noPlaceholder(t *testing.T, frame string) {
	t.Helper()
	if strings.ContainsAny(frame, "{}") {
		t.Errorf("a placeholder reached the screen:\n%s", frame)
	}
}

// TestScenarioInvalidClient: Zoom refuses the client at the code exchange.
// The error screen shows the command to run with the profile filled in and
// --sandbox (so it reaches the sandbox); q leaves with the flow error.
func TestScenarioInvalidClient(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioInvalidClient, approve: true})
	s.toAuthorize()
	frame := s.waitFor("Press r to try again", "Run: zoomconnect login --profile default --sandbox")
	noPlaceholder(t, frame)
	s.press("q")
	_, err := s.outcome()
	assertFailedOutcome(t, err, oauthflow.KindInvalidClient)
}

// TestScenarioDeny: Deny in the browser, then q: the outcome is the
// decline (the CLI's exit code 3), not a bare cancel.
func TestScenarioDeny(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioDeny, approve: true})
	s.toAuthorize()
	s.waitFor("You chose not to allow access")
	s.press("\x03")
	_, err := s.outcome()
	assertFailedOutcome(t, err, oauthflow.KindDeclined)
}

// TestScenarioRedirectMismatch: 4709 at the code exchange shows its
// explanation and the exact redirect URL to register.
func TestScenarioRedirectMismatch(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioRedirectMismatch, approve: true})
	s.toAuthorize()
	frame := s.waitFor("Redirect URL mismatch (4709)", "add it to the app's Redirect URL and OAuth Allow List",
		"Run: zoomconnect login --profile default --sandbox")
	noPlaceholder(t, frame)
	redirect := ""
	for _, u := range s.br.Opened() {
		redirect = redirectOf(t, u)
	}
	if redirect == "" || !strings.Contains(frame, redirect) {
		t.Errorf("the screen does not show the redirect URL %q to add:\n%s", redirect, frame)
	}
	s.press("q")
	_, err := s.outcome()
	assertFailedOutcome(t, err, oauthflow.KindRedirectMismatch)
}

// TestScenarioTimeoutEndsAsTimeout: nothing comes back before the flow
// deadline. The authorize screen says so (issue 7, item 8: a timeout is a
// timeout) with pre-approval as the most likely cause the person can
// confirm with p, and the alternatives; leaving there reports the timeout
// (exit 4 for the CLI) and saves no attempt as waiting for pre-approval.
func TestScenarioTimeoutEndsAsTimeout(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioPreapproval,
		env: func(e *steps.Env) { e.W.FlowTimeout = time.Second; e.W.NudgeAfter = time.Hour }})
	s.toAuthorize()
	frame := s.waitFor("Nothing came back from the browser before the deadline", "Likely causes, most likely first",
		"press p", "redirect URL is not on the app's allow list")
	noPlaceholder(t, frame)
	s.press("q")
	_, err := s.outcome()
	oe := assertFailedOutcome(t, err, oauthflow.KindTimeout)
	if oe.Op != oauthflow.OpAuthorize {
		t.Errorf("flow error %v, want the authorize timeout", oe)
	}
	if _, _, err := s.store.LoadPending(t.Context(), "default"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("a timeout left an attempt saved as waiting for pre-approval: %v", err)
	}
}

// TestScenarioPreapprovalSavedOnEntry: p on the nudge leads to the
// pre-approval screen; ctrl+c right away still leaves the pending attempt
// saved (a quit waits for that save), the outcome is the pre-approval
// error (exit 9), and a new wizard offers to resume.
func TestScenarioPreapprovalSavedOnEntry(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioPreapproval,
		env: func(e *steps.Env) { e.W.NudgeAfter = 100 * time.Millisecond }})
	s.toAuthorize()
	s.waitFor("Taking a while")
	s.press("p")
	s.waitFor("Admin pre-approval needed")
	s.press("\x03")
	_, err := s.outcome()
	oe := assertFailedOutcome(t, err, oauthflow.KindUnknown)
	if !oauthflow.IsPreapproval(oe) || oauthflow.Explain(oe).Key != "preapproval:required" {
		t.Errorf("outcome %v is not the pre-approval error", err)
	}
	p, _, perr := s.store.LoadPending(t.Context(), "default")
	if perr != nil {
		t.Fatalf("no pending attempt after ctrl+c on the pre-approval screen: %v", perr)
	}
	if p.ClientID != sandbox.DemoClientID || p.CreatedAt.IsZero() || !p.RequestSentAt.IsZero() {
		t.Errorf("pending = %+v (no request was sent yet)", p)
	}
	again := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioPreapproval, store: s.store})
	again.waitFor("Resume where you stopped")
	again.press("\x03")
	again.outcome()
}

// TestScenarioAdminApp: the browser says "An account admin is required";
// m on the nudge leads to the pre-approval screen with the admin-app
// cause and its remedy (an admin installs it, or a user-managed app).
func TestScenarioAdminApp(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioAdminApp,
		env: func(e *steps.Env) { e.W.NudgeAfter = 100 * time.Millisecond }})
	s.toAuthorize()
	s.waitFor("Taking a while", `m: "An account admin is required`)
	s.press("m")
	frame := s.waitFor("An admin must install this app  step", "Only an account admin can install this app",
		"Only a Zoom account admin can install this app", "user-managed app")
	noPlaceholder(t, frame)
	if strings.Contains(strings.SplitN(frame, "\n", 2)[0], "pre-approval") {
		t.Errorf("the admin-install screen's title calls it pre-approval: %q", strings.SplitN(frame, "\n", 2)[0])
	}
	s.press("q")
	_, err := s.outcome()
	oe := assertFailedOutcome(t, err, oauthflow.KindUnknown)
	if k := oauthflow.Explain(oe).Key; k != "preapproval:admin_app" {
		t.Errorf("outcome explained as %q, want preapproval:admin_app", k)
	}
}

// TestScenarioMissingScopes: the consent grants fewer scopes than needed;
// the scopes screen flags the missing ones, warns, and still continues.
func TestScenarioMissingScopes(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioMissingScopes, approve: true})
	s.toAuthorize()
	s.waitFor("Review the granted scopes", "(missing)", "Some scopes are missing", "Press enter to continue anyway")
	s.press("\r")
	s.waitFor("Save this connection")
	s.press("\x03")
	if _, err := s.outcome(); !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v", err)
	}
}

// TestScenarioQuitVisibleAt80Columns: on every screen up to the
// pre-approval screen, at 80 columns, the help line still says how to
// quit (it used to be cut off after the screen's own keys).
func TestScenarioQuitVisibleAt80Columns(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioPreapproval, width: 80,
		env: func(e *steps.Env) { e.W.NudgeAfter = 100 * time.Millisecond }})
	for _, st := range []struct{ screen, keys string }{
		{"Press enter to begin", "\r"}, {"Choose how to connect", "\r"}, {"Your organization's app", "\r"},
		{"Taking a while", "p"}, {"Admin pre-approval needed", "a"}, {"For the Zoom admin: pre-approve the app", ""},
	} {
		frame := s.waitFor(st.screen)
		lines := strings.Split(strings.TrimRight(frame, "\n "), "\n")
		if last := lines[len(lines)-1]; !strings.Contains(last, "ctrl+c quit") {
			t.Errorf("%s at 80 columns: the help line lacks quit: %q", st.screen, last)
		}
		s.press(st.keys)
	}
	s.press("\x03")
	s.outcome()
}

// redirectOf is the redirect_uri of an authorize URL.
func redirectOf(t *testing.T, authURL string) string {
	t.Helper()
	u, err := url.Parse(authURL)
	if err != nil {
		t.Fatalf("authorize URL %q: %v", authURL, err)
	}
	return u.Query().Get("redirect_uri")
}
