package accessible

import (
	"context"
	"io"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/storage/storagetest"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// session is one accessible run against a sandbox, typed into by the test.
type session struct {
	srv   *sandbox.Server
	kr    *storagetest.Keyring
	store *storage.Store
	br    *sandbox.Browser
	out   *testkit.Buffer
	keys  *io.PipeWriter
	pos   int // how far the output has been matched
	done  chan outcome
}

type outcome struct {
	saved wizard.Saved
	err   error
}

// start runs the wizard on a new sandbox in scenario; approve says whether
// the fake browser clicks Allow.
func start(t *testing.T, scenario sandbox.Scenario, approve bool, edit func(*wizard.Config)) *session {
	t.Helper()
	return startEvery(t, scenario, approve, edit, stillWaitingEvery)
}

// startEvery is start with the interval of the "still waiting" line.
func startEvery(t *testing.T, scenario sandbox.Scenario, approve bool, edit func(*wizard.Config), every time.Duration) *session {
	t.Helper()
	srv := testkit.Sandbox(t, sandbox.Options{Scenario: scenario})
	s := &session{srv: srv, kr: storagetest.NewKeyring(), br: srv.NewBrowser(approve),
		out: &testkit.Buffer{}, done: make(chan outcome, 1)}
	t.Cleanup(s.br.Wait)
	s.store = storagetest.NewStore(t.TempDir(), s.kr)
	env := &wizard.Config{
		Now: time.Now, Endpoints: oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}, OpenURL: s.br.Open,
		Store: s.store, Conn: &connection.Manager{Store: s.store}, Profile: "default",
		OrgApp: &storage.OrgApp{Name: sandbox.DemoAppName, ClientID: sandbox.DemoClientID,
			ClientSecret: sandbox.DemoClientSecret, Path: "built-in sandbox"},
	}
	if edit != nil {
		edit(env)
	}
	in, keys := io.Pipe()
	s.keys = keys
	t.Cleanup(func() { keys.Close() })
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	run := Run
	if every != stillWaitingEvery {
		run = func(ctx context.Context, env *wizard.Config, in io.Reader, out io.Writer) (wizard.Saved, error) {
			return runEvery(ctx, env, in, out, every)
		}
	}
	go func() {
		saved, err := run(ctx, env, in, s.out)
		s.done <- outcome{saved, err}
	}()
	return s
}

// answer waits until prompt appears in the output (after what earlier
// answers matched) and types line.
func (s *session) answer(t *testing.T, prompt, line string) {
	t.Helper()
	s.expect(t, prompt)
	if _, err := io.WriteString(s.keys, line+"\n"); err != nil {
		t.Fatalf("typing %q after %q: %v", line, prompt, err)
	}
}

// expect waits until text appears in the output after the last match.
func (s *session) expect(t *testing.T, text string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second) // a wait for output, not a speed check
	for {
		out := s.out.String()
		if i := strings.Index(out[s.pos:], text); i >= 0 {
			s.pos += i + len(text)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited for %q; output:\n%s", text, out)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// result waits for Run to return.
func (s *session) result(t *testing.T) (wizard.Saved, error) {
	t.Helper()
	select {
	case o := <-s.done:
		s.br.Wait()
		return o.saved, o.err
	case <-time.After(25 * time.Second):
		t.Fatalf("Run did not return; output:\n%s", s.out.String())
	}
	return wizard.Saved{}, nil
}

// assertPlain fails when the output has an escape byte or a secret.
func (s *session) assertPlain(t *testing.T) {
	t.Helper()
	out := s.out.String()
	if strings.ContainsRune(out, 0x1b) {
		t.Errorf("output has an ANSI escape byte:\n%q", out)
	}
	for _, secret := range []string{sandbox.DemoClientSecret, s.srv.LatestRefreshToken()} {
		if secret != "" && strings.Contains(out, secret) {
			t.Errorf("output contains a secret")
		}
	}
}

// assertPortsClosed fails when a loopback redirect the browser was sent
// to still accepts connections.
func (s *session) assertPortsClosed(t *testing.T) {
	t.Helper()
	opened := s.br.Opened()
	if len(opened) == 0 {
		t.Fatal("the browser was never opened")
	}
	for _, u := range opened {
		parsed, _ := url.Parse(u)
		redirect, err := url.Parse(parsed.Query().Get("redirect_uri"))
		if err != nil || redirect.Host == "" {
			t.Fatalf("authorize URL has no redirect_uri: %q", u)
		}
		if c, err := net.DialTimeout("tcp", redirect.Host, 500*time.Millisecond); err == nil {
			c.Close()
			t.Errorf("loopback %s still listening after Run returned", redirect.Host)
		}
	}
}
