package tui

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
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
		return "", errors.New("secret not found in keyring")
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

// browser approves consent pages the way a person clicking Allow would:
// it fetches the sandbox's approve URL and follows the redirect to the
// loopback callback. Requests run in the background, like a real browser.
type browser struct {
	srv    *sandbox.Server
	wg     sync.WaitGroup
	mu     sync.Mutex
	opened []string
}

func (b *browser) open(u string) error {
	b.mu.Lock()
	b.opened = append(b.opened, u)
	b.mu.Unlock()
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		c := &http.Client{Timeout: 10 * time.Second}
		if resp, err := c.Get(b.srv.ApproveURL(u)); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}()
	return nil
}

// TestProgramSandboxToSavedConnection drives the real screens in one
// headless program against the sandbox: welcome → auth type (the org app)
// → credentials → authorize (approved by the fake browser) → scopes →
// identity (save) → done → quit. The connection is saved, the outcome
// says so, and no token reaches the terminal.
func TestProgramSandboxToSavedConnection(t *testing.T) {
	srv, err := sandbox.New(sandbox.Options{Scenario: sandbox.ScenarioApprove})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	store, _ := tempStore(t)
	store.Keyring = &memKeyring{items: map[string]string{}}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	br := &browser{srv: srv}
	defer br.wg.Wait()
	ep := oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}
	env := &steps.Env{
		Ctx: ctx, Endpoints: ep, OpenURL: br.open, Store: store, Conn: &connection.Manager{Store: store},
		ProfileName: "default", Sandbox: true,
		OrgApp: &storage.OrgApp{Name: sandbox.DemoAppName, ClientID: sandbox.DemoClientID,
			ClientSecret: sandbox.DemoClientSecret, AuthBaseURL: srv.URL, APIBaseURL: srv.URL, Path: "built-in sandbox"},
	}
	m := New(env)
	in, keys := io.Pipe()
	defer keys.Close()
	var out lockedBuffer
	sp := &screenProbe{}
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(&out), tea.WithWindowSize(100, 40),
		tea.WithColorProfile(colorprofile.Ascii), tea.WithContext(ctx), tea.WithoutSignals(), tea.WithFilter(sp.filter))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()

	for _, step := range []struct{ screen, keys string }{
		{"*steps.Welcome", "\r"},
		{"*steps.AuthType", "\r"}, // the organization's app has the focus
		{"*steps.Credentials", "\r"},
		{"*steps.Scopes", "\r"}, // authorize completes by itself: the fake browser approves
		{"*steps.Identity", "y"},
		{"*steps.Done", "\r"},
	} {
		sp.waitFor(t, p, step.screen)
		if _, err := io.WriteString(keys, step.keys); err != nil {
			t.Fatalf("typing on %s: %v", step.screen, err)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	saved, err := m.Outcome()
	if err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
		t.Fatalf("outcome %+v, %v", saved.Profile, err)
	}
	p2, err := store.LoadProfile("default")
	if err != nil || p2.ClientID != sandbox.DemoClientID {
		t.Fatalf("profile not saved: %+v %v", p2, err)
	}
	if tok := srv.LatestRefreshToken(); tok == "" || strings.Contains(ansi.Strip(out.String()), tok) {
		t.Error("no refresh token issued, or it reached the terminal")
	}
	if len(br.opened) != 1 {
		t.Errorf("browser opened %d times", len(br.opened))
	}
	if !canceled(m.Env().Ctx) {
		t.Error("root context still running after quit")
	}
}

// TestProgramSandboxPreapprovalThenCancel: in the pre-approval scenario the
// browser never comes back; p on the authorize screen leads to the
// pre-approval screen, and ctrl+c there leaves no connection saved and the
// loopback port closed.
func TestProgramSandboxPreapprovalThenCancel(t *testing.T) {
	srv, err := sandbox.New(sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	store, _ := tempStore(t)
	store.Keyring = &memKeyring{items: map[string]string{}}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	br := &browser{srv: srv}
	defer br.wg.Wait()
	env := &steps.Env{
		Ctx: ctx, Endpoints: oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}, OpenURL: br.open,
		Store: store, Conn: &connection.Manager{Store: store}, ProfileName: "default", Sandbox: true,
		OrgApp: &storage.OrgApp{Name: sandbox.DemoAppName, ClientID: sandbox.DemoClientID,
			ClientSecret: sandbox.DemoClientSecret, Path: "built-in sandbox"},
	}
	m := New(env)
	in, keys := io.Pipe()
	defer keys.Close()
	sp := &screenProbe{}
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(io.Discard), tea.WithWindowSize(80, 24),
		tea.WithColorProfile(colorprofile.Ascii), tea.WithContext(ctx), tea.WithoutSignals(), tea.WithFilter(sp.filter))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	for _, step := range []struct{ screen, keys string }{
		{"*steps.Welcome", "\r"}, {"*steps.AuthType", "\r"}, {"*steps.Credentials", "\r"},
		{"*steps.Authorize", "p"}, {"*steps.Preapproval", "\x03"},
	} {
		sp.waitFor(t, p, step.screen)
		if _, err := io.WriteString(keys, step.keys); err != nil {
			t.Fatalf("typing on %s: %v", step.screen, err)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if _, err := m.Outcome(); !errors.Is(err, ErrCanceled) {
		t.Errorf("outcome %v, want ErrCanceled", err)
	}
	if _, err := store.LoadProfile("default"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("a profile exists after cancel: %v", err)
	}
	br.wg.Wait()
	for _, u := range br.opened {
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
	deadline := time.Now().Add(2 * time.Second)
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
