package tui

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	gokeyring "github.com/zalando/go-keyring"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// memKeyring is an in-memory storage.Keyring.
type memKeyring struct {
	mu    sync.Mutex
	items map[string]string
}

func (k *memKeyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, ok := k.items[service+"/"+user]
	if !ok {
		return "", gokeyring.ErrNotFound // storage.Keyring's contract for a missing item
	}
	return v, nil
}

func (k *memKeyring) Set(service, user, password string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.items[service+"/"+user] = password
	return nil
}

func (k *memKeyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.items, service+"/"+user)
	return nil
}

// sandboxRun is one headless wizard program against a sandbox, with the
// organization's app set to the sandbox's demo app.
type sandboxRun struct {
	srv   *sandbox.Server
	store *storage.Store
	br    *sandbox.Browser
	m     *Model
	out   *testkit.Buffer
}

// keystroke is what to type once a screen of type screen is active.
type keystroke struct{ screen, keys string }

// runSandbox starts a sandbox in scenario, runs the wizard typing script,
// and returns when the program has ended. approve says whether the fake
// browser clicks Allow (else it only records the URLs it was given).
func runSandbox(t *testing.T, scenario sandbox.Scenario, approve bool, script []keystroke) *sandboxRun {
	t.Helper()
	return runSandboxWith(t, scenario, approve, &memKeyring{items: map[string]string{}}, script)
}

// runSandboxWith is runSandbox with the keyring kr.
func runSandboxWith(t *testing.T, scenario sandbox.Scenario, approve bool, kr storage.Keyring, script []keystroke) *sandboxRun {
	t.Helper()
	srv := testkit.Sandbox(t, sandbox.Options{Scenario: scenario})
	r := &sandboxRun{srv: srv, br: srv.NewBrowser(approve), out: &testkit.Buffer{}}
	t.Cleanup(r.br.Wait)
	r.store, _ = tempStore(t)
	r.store.Keyring = kr
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	r.m = New(&steps.Env{Ctx: ctx, W: &wizard.Config{Endpoints: oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}, OpenURL: r.br.Open, Store: r.store, Conn: &connection.Manager{Store: r.store}, Profile: "default", Sandbox: &wizard.Sandbox{}, OrgApp: &storage.OrgApp{Name: sandbox.DemoAppName, ClientID: sandbox.DemoClientID,
		ClientSecret: sandbox.DemoClientSecret, Path: "built-in sandbox"}}})
	in, keys := io.Pipe()
	t.Cleanup(func() { keys.Close() })
	sp := &screenProbe{}
	p := tea.NewProgram(r.m, tea.WithInput(in), tea.WithOutput(r.out), tea.WithWindowSize(100, 40),
		tea.WithColorProfile(colorprofile.Ascii), tea.WithContext(ctx), tea.WithoutSignals(), tea.WithFilter(sp.filter))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	for _, k := range script {
		sp.waitFor(t, p, k.screen)
		if _, err := io.WriteString(keys, k.keys); err != nil {
			t.Fatalf("typing on %s: %v", k.screen, err)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	r.br.Wait()
	return r
}

// toAuthorize is the script from the welcome screen to the authorize
// screen with the organization's app.
var toAuthorize = []keystroke{{"*steps.Welcome", "\r"}, {"*steps.AuthType", "\r"}, {"*steps.Credentials", "\r"}}

// TestProgramSandboxToSavedConnection drives the real screens in one
// headless program against the sandbox: welcome → auth type (the org app)
// → credentials → authorize (approved by the fake browser) → scopes →
// identity (save) → done → quit. The connection is saved, the outcome
// says so, and no token reaches the terminal.
func TestProgramSandboxToSavedConnection(t *testing.T) {
	r := runSandbox(t, sandbox.ScenarioApprove, true, append(toAuthorize,
		keystroke{"*steps.Scopes", "\r"}, // authorize completes by itself: the browser approved
		keystroke{"*steps.Identity|Connected as", "y"},
		keystroke{"*steps.Done", "\r"},
	))
	saved, err := r.m.Outcome()
	if err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
		t.Fatalf("outcome %+v, %v", saved.Profile, err)
	}
	p, err := r.store.LoadProfile("default")
	if err != nil || p.ClientID != sandbox.DemoClientID {
		t.Fatalf("profile not saved: %+v %v", p, err)
	}
	if tok := r.srv.LatestRefreshToken(); tok == "" || strings.Contains(ansi.Strip(r.out.String()), tok) {
		t.Error("no refresh token issued, or it reached the terminal")
	}
	if len(r.br.Opened()) != 1 {
		t.Errorf("browser opened %d times", len(r.br.Opened()))
	}
	if !canceled(r.m.Env().Ctx) {
		t.Error("root context still running after quit")
	}
}

// TestProgramSandboxPreapprovalThenCancel: in the pre-approval scenario the
// browser never comes back; p on the authorize screen leads to the
// pre-approval screen, and ctrl+c there leaves no connection saved and the
// loopback port closed.
func TestProgramSandboxPreapprovalThenCancel(t *testing.T) {
	r := runSandbox(t, sandbox.ScenarioPreapproval, true, append(toAuthorize,
		keystroke{"*steps.Authorize", "p"}, keystroke{"*steps.Preapproval", "\x03"}))
	assertCanceledCleanly(t, r)
}

// TestProgramCtrlCWhileWaitingForBrowser: ctrl+c on the authorize screen,
// while the loopback server waits, closes it and saves nothing.
func TestProgramCtrlCWhileWaitingForBrowser(t *testing.T) {
	r := runSandbox(t, sandbox.ScenarioApprove, false, append(toAuthorize, keystroke{"*steps.Authorize", "\x03"}))
	assertCanceledCleanly(t, r)
}

// assertCanceledCleanly checks a run ended by ctrl+c: wizard.ErrCanceled, no
// profile, and every loopback port the browser was sent to closed.
func assertCanceledCleanly(t *testing.T, r *sandboxRun) {
	t.Helper()
	if _, err := r.m.Outcome(); !errors.Is(err, wizard.ErrCanceled) {
		t.Errorf("outcome %v, want wizard.ErrCanceled", err)
	}
	if _, err := r.store.LoadProfile("default"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("a profile exists after cancel: %v", err)
	}
	if len(r.br.Opened()) == 0 {
		t.Fatal("the browser was never opened")
	}
	for _, u := range r.br.Opened() {
		assertPortClosed(t, u)
	}
}

// assertPortClosed fails when the loopback redirect of authorize URL u
// still accepts connections.
func assertPortClosed(t *testing.T, u string) {
	t.Helper()
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	redirect, err := url.Parse(parsed.Query().Get("redirect_uri"))
	if err != nil || redirect.Host == "" {
		t.Fatalf("authorize URL has no redirect_uri: %q", u)
	}
	deadline := time.Now().Add(10 * time.Second) // a wait for the close, not a speed check
	for {
		c, err := net.DialTimeout("tcp", redirect.Host, 200*time.Millisecond)
		if err != nil {
			return
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatalf("loopback %s still listening after the wizard ended", redirect.Host)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
