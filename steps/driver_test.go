package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// ubOpener records the URLs a screen asked to open and, when browse is set,
// acts as the browser.
type ubOpener struct {
	mu     sync.Mutex
	urls   []string
	err    error
	browse func(string)
}

func (o *ubOpener) open(u string) error {
	o.mu.Lock()
	o.urls = append(o.urls, u)
	browse, err := o.browse, o.err
	o.mu.Unlock()
	if browse != nil {
		go browse(u)
	}
	return err
}

func (o *ubOpener) opened() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.urls...)
}

// ubSandbox starts a sandbox in scenario sc, closed with the test.
func ubSandbox(t *testing.T, sc sandbox.Scenario) *sandbox.Server {
	t.Helper()
	sb := testkit.Sandbox(t, sandbox.Options{Scenario: sc})
	return sb
}

// ubApprove is a browser that approves on the sandbox and follows the
// redirect to the loopback callback.
func ubApprove(t *testing.T, sb *sandbox.Server) func(string) {
	return func(authURL string) {
		resp, err := http.Get(sb.ApproveURL(authURL))
		if err != nil {
			t.Logf("browser: %v", err)
			return
		}
		resp.Body.Close()
	}
}

// ubEnv is an Env on sb (nil: no Zoom) with temp storage.
func ubEnv(t *testing.T, sb *sandbox.Server, op *ubOpener) *Env {
	t.Helper()
	dir := t.TempDir()
	env := &Env{
		Ctx:    t.Context(),
		Styles: NewStyles(true),
		Keys:   DefaultKeyMap(nil),
		W: &wizard.Config{
			Now:         time.Now,
			NudgeAfter:  time.Hour,
			FlowTimeout: time.Minute,
			HTTPClient:  &http.Client{Timeout: 10 * time.Second},
			OpenURL:     op.open,
			Profile:     "default",
			Store: &storage.Store{ConfigDir: dir + "/config", DataDir: dir + "/data",
				StateDir: dir + "/state", Keyring: newUBKeyring()},
		},
	}
	env.W.Conn = &connection.Manager{Store: env.W.Store, HTTPClient: env.W.HTTPClient}
	if sb != nil {
		env.W.Endpoints = oauthflow.Endpoints{AuthBaseURL: sb.URL, APIBaseURL: sb.URL}
	}
	return env
}

func ubCreds(sb *sandbox.Server) wizard.Creds {
	c := wizard.Creds{AuthType: storage.AuthOwnApp, AppName: "Acme Notes",
		App: oauthflow.App{ClientID: sandbox.DemoClientID, ClientSecret: sandbox.DemoClientSecret}}
	if sb != nil {
		c.App.Endpoints = oauthflow.Endpoints{AuthBaseURL: sb.URL, APIBaseURL: sb.URL}
	}
	return c
}

// isRootMsg reports messages a step sends to the root, not to itself.
func isRootMsg(msg tea.Msg) bool {
	_, ok := msg.(wizard.Event)
	return ok
}

// ubDriver runs a step's commands the way the program would: each command on
// its own goroutine, every message fed back into Update on the test
// goroutine, batches expanded. Messages for the root are collected instead.
type ubDriver struct {
	t    *testing.T
	step Step
	msgs chan tea.Msg
	root []tea.Msg
	seen []tea.Msg
}

func newUBDriver(t *testing.T, s Step) *ubDriver {
	d := &ubDriver{t: t, step: s, msgs: make(chan tea.Msg, 64)}
	s.SetSize(80, 20)
	return d
}

// run starts cmd (and the batches inside it).
func (d *ubDriver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	ctx := d.t.Context()
	go func() {
		msg := cmd()
		select {
		case d.msgs <- msg:
		case <-ctx.Done():
		}
	}()
}

// send feeds msg to the step and starts the returned command.
func (d *ubDriver) send(msg tea.Msg) {
	d.t.Helper()
	var cmd tea.Cmd
	d.step, cmd = d.step.Update(msg)
	d.run(cmd)
}

func (d *ubDriver) key(k string) { d.send(keypress.Of(k)) }

// until processes messages until cond holds or the timeout passes.
func (d *ubDriver) until(timeout time.Duration, what string, cond func() bool) {
	d.t.Helper()
	deadline := time.After(timeout)
	for !cond() {
		select {
		case msg := <-d.msgs:
			d.dispatch(msg)
		case <-deadline:
			d.t.Fatalf("timed out waiting for %s; view:\n%s", what, d.view())
		}
	}
}

func (d *ubDriver) dispatch(msg tea.Msg) {
	switch m := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			d.run(c)
		}
	default:
		d.seen = append(d.seen, msg)
		if isRootMsg(msg) {
			d.root = append(d.root, msg)
			return
		}
		d.send(msg)
	}
}

// rootMsg returns the first root message of type T, if any.
func rootOf[T any](d *ubDriver) (T, bool) {
	for _, m := range d.root {
		if v, ok := m.(T); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}

func waitRoot[T any](d *ubDriver, timeout time.Duration) T {
	d.t.Helper()
	var name T
	d.until(timeout, "root message "+strings.TrimPrefix(typeName(name), "steps."), func() bool {
		_, ok := rootOf[T](d)
		return ok
	})
	v, _ := rootOf[T](d)
	return v
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }

func (d *ubDriver) view() string { return ansi.Strip(d.step.View()) }

func (d *ubDriver) viewHas(s string) func() bool {
	return func() bool { return strings.Contains(flat(d.view()), flat(s)) }
}

// runCmd runs cmd with a timeout and returns every message, batches
// expanded (one level of commands each).
func runCmd(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		if b, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range b {
				out = append(out, runCmd(t, c)...)
			}
			return out
		}
		return []tea.Msg{msg}
	case <-ctx.Done():
		t.Fatal("command did not return in time")
	}
	return nil
}

func hasQueryParam(u, name string) bool {
	pu, err := url.Parse(u)
	return err == nil && pu.Query().Has(name)
}

// ubAuthorize runs a real flow against sb and returns its result.
func ubAuthorize(t *testing.T, sb *sandbox.Server) *oauthflow.Result {
	t.Helper()
	c := ubCreds(sb)
	flow := oauthflow.Flow{Client: &oauthflow.Client{App: c.App}, Timeout: ubWaitFlow}
	sess, err := flow.Start(t.Context())
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	go ubApprove(t, sb)(sess.AuthURL)
	res, err := sess.Wait(t.Context())
	if err != nil {
		t.Fatalf("wait: %v", err)
	}
	return res
}

const ubWaitFlow = 10 * time.Second

// flat collapses all whitespace, so wrapped text still matches.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }
