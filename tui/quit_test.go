package tui

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestQQuitsUnlessTyping: q quits on a screen with no focused text field
// (and says so in the help line); in a text field it is a letter.
func TestQQuitsUnlessTyping(t *testing.T) {
	m, _ := newFakeRoot(t, nil)
	f := cur(t, m)
	f.typing = true
	if isQuit(send(m, keypress.Of("q"))) {
		t.Fatal("q quit while a text field had the focus")
	}
	if len(f.got) == 0 || f.got[len(f.got)-1] != tea.Msg(keypress.Of("q")) {
		t.Fatalf("the typing screen did not get the q: %v", f.got)
	}
	if v := plainView(m); !strings.Contains(v, "ctrl+c quit") || strings.Contains(v, "q/ctrl+c") {
		t.Errorf("while typing the help line should offer ctrl+c alone:\n%s", v)
	}
	f.typing = false
	mustContain(t, plainView(m), "q/ctrl+c quit")
	if !isQuit(send(m, keypress.Of("q"))) {
		t.Fatal("q did not quit on a screen without a text field")
	}
	if _, err := m.Outcome(); !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v, want wizard.ErrCanceled", err)
	}
	if !canceled(m.Env().Ctx) {
		t.Error("q left the root context running")
	}
}

// TestQuitAfterFailureWrapsBoth: quitting while a screen shows a failed
// attempt gives a *wizard.FailedError matching the attempt's error and
// wizard.ErrCanceled; quitting elsewhere stays a plain wizard.ErrCanceled.
func TestQuitAfterFailureWrapsBoth(t *testing.T) {
	declined := errors.New("declined in the browser")
	m, _ := newFakeRoot(t, nil)
	m.cur.step = &failedStep{fakeStep: cur(t, m), err: declined}
	if !isQuit(send(m, keypress.Of("ctrl+c"))) {
		t.Fatal("ctrl+c did not quit")
	}
	_, err := m.Outcome()
	var fe *wizard.FailedError
	if !errors.As(err, &fe) || !errors.Is(err, declined) || !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v (%T), want a FailedError wrapping both", err, err)
	}
	// The failure stays on screen; the outcome line is the caller's to
	// print once (cli's quitLines), so the frame does not repeat it.
	if v := plainView(m); !strings.Contains(v, "body of welcome") || strings.Contains(v, "no connection was saved") {
		t.Errorf("the last frame should keep the failure on screen without repeating the outcome:\n%s", v)
	}
}

// failedStep is a fake screen showing a failed attempt.
type failedStep struct {
	*fakeStep
	err error
}

func (f *failedStep) Failure() error { return f.err }

// blockingKeyring is a keyring whose Get waits until release is closed,
// like a Secret Service that takes its time to answer.
type blockingKeyring struct {
	*memKeyring
	release chan struct{}
	once    sync.Once // closes entered
	freeOne sync.Once // closes release
	entered chan struct{}
}

// free lets every Get (waiting or to come) answer.
func (k *blockingKeyring) free() { k.freeOne.Do(func() { close(k.release) }) }

func (k *blockingKeyring) Get(service, user string) (string, error) {
	k.once.Do(func() { close(k.entered) })
	<-k.release
	return k.memKeyring.Get(service, user)
}

// TestFirstFrameDoesNotWaitForKeyring: the pending attempt is looked up
// by the welcome screen's Init command, so while the keyring does not
// answer the first frame is already there ("Checking for an earlier
// attempt…"); once it answers, the resume choice appears.
func TestFirstFrameDoesNotWaitForKeyring(t *testing.T) {
	store, _ := tempStore(t)
	mem := &memKeyring{items: map[string]string{}}
	store.Keyring = mem
	p := storage.Pending{Profile: "default", AuthType: storage.AuthOwnApp, AppName: "Acme Notes",
		ClientID: sandbox.DemoClientID, Stage: "preapproval", CreatedAt: time.Now().Add(-time.Hour)}
	if err := store.SavePending(t.Context(), p, "app-secret"); err != nil {
		t.Fatal(err)
	}
	kr := &blockingKeyring{memKeyring: mem, release: make(chan struct{}), entered: make(chan struct{})}
	store.Keyring, store.KeyringTimeout = kr, time.Minute
	t.Cleanup(kr.free)
	s := startScenario(t, scenarioOpts{store: store})
	s.waitFor("Checking for an earlier attempt")
	select {
	case <-kr.entered:
	case <-time.After(20 * time.Second):
		t.Fatal("the welcome screen never asked the keyring")
	}
	kr.free()
	s.waitFor("Resume where you stopped", "Acme Notes")
	s.press("\x03")
	s.outcome()
}

// TestRunCanceledAfterFailure: when the program ends from outside (ctx
// canceled, as on SIGINT) while a failed attempt is on screen, Run still
// reports the attempt's error along with wizard.ErrCanceled.
func TestRunCanceledAfterFailure(t *testing.T) {
	srv := testkit.Sandbox(t, sandbox.Options{Scenario: sandbox.ScenarioDeny})
	br := srv.NewBrowser(true)
	t.Cleanup(br.Wait)
	store, _ := tempStore(t)
	store.Keyring = &memKeyring{items: map[string]string{}}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	env := &steps.Env{W: &wizard.Config{Endpoints: oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}, OpenURL: br.Open, Store: store, Conn: &connection.Manager{Store: store}, Profile: "default", Sandbox: &wizard.Sandbox{}, OrgApp: &storage.OrgApp{Name: sandbox.DemoAppName, ClientID: sandbox.DemoClientID,
		ClientSecret: sandbox.DemoClientSecret, Path: "built-in sandbox"}}}
	var frame atomic.Value
	record := func(m tea.Model, msg tea.Msg) tea.Msg {
		frame.Store(ansi.Strip(m.(*Model).View().Content))
		return msg
	}
	in, keys := io.Pipe()
	t.Cleanup(func() { keys.Close() })
	type result struct{ err error }
	done := make(chan result, 1)
	go func() {
		_, err := Run(ctx, env.W, tea.WithInput(in), tea.WithOutput(&testkit.Buffer{}), tea.WithWindowSize(100, 40),
			tea.WithFilter(record), tea.WithoutSignals())
		done <- result{err}
	}()
	// A focus report ("ESC [ I") is a message no screen acts on: it makes
	// the filter record the state left by the messages before it.
	poke := func() { io.WriteString(keys, "\x1b[I") }
	for _, step := range []string{"Press enter to begin", "Choose how to connect", "Your organization's app"} {
		waitFrame(t, &frame, poke, step)
		io.WriteString(keys, "\r")
	}
	waitFrame(t, &frame, poke, "You chose not to allow access")
	cancel()
	select {
	case r := <-done:
		var fe *wizard.FailedError
		if !errors.As(r.err, &fe) || !errors.Is(r.err, wizard.ErrCanceled) || oauthflow.KindOf(fe.Err) != oauthflow.KindDeclined {
			t.Fatalf("Run = %v, want a FailedError with the decline", r.err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after ctx was canceled")
	}
}

// waitFrame waits until the recorded frame shows text (a wait, not a
// speed check), calling poke to have the frame recorded again.
func waitFrame(t *testing.T, frame *atomic.Value, poke func(), text string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		poke()
		f, _ := frame.Load().(string)
		if containsAll(f, []string{text}) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q:\n%s", text, f)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// BenchmarkFirstFrame measures New → Init → the first View with a keyring
// that never answers during the benchmark: the frame must not wait for it
// (the pending-attempt lookup runs in Init's command, not before View).
func BenchmarkFirstFrame(b *testing.B) {
	store, _ := tempStore(b)
	kr := &blockingKeyring{memKeyring: &memKeyring{items: map[string]string{}},
		release: make(chan struct{}), entered: make(chan struct{})}
	store.Keyring, store.KeyringTimeout = kr, time.Minute
	b.Cleanup(kr.free)
	env := &steps.Env{Ctx: b.Context(), W: &wizard.Config{Store: store, Conn: &connection.Manager{Store: store}, Profile: "default"}}
	for b.Loop() {
		m := New(env)
		_ = m.Init() // commands are returned, not run: nothing here may block
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		if v := m.View(); v.Content == "" {
			b.Fatal("empty first frame")
		}
	}
}
