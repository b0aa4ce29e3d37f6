package tui

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
)

// TestQQuitsUnlessTyping: q quits on a screen with no focused text field
// (and says so in the help line); in a text field it is a letter.
func TestQQuitsUnlessTyping(t *testing.T) {
	m, _ := newFakeRoot(t, nil)
	f := cur(t, m)
	f.typing = true
	if isQuit(send(m, keyPress("q"))) {
		t.Fatal("q quit while a text field had the focus")
	}
	if len(f.got) == 0 || f.got[len(f.got)-1] != tea.Msg(keyPress("q")) {
		t.Fatalf("the typing screen did not get the q: %v", f.got)
	}
	if v := plainView(m); !strings.Contains(v, "ctrl+c quit") || strings.Contains(v, "q/ctrl+c") {
		t.Errorf("while typing the help line should offer ctrl+c alone:\n%s", v)
	}
	f.typing = false
	mustContain(t, plainView(m), "q/ctrl+c quit")
	if !isQuit(send(m, keyPress("q"))) {
		t.Fatal("q did not quit on a screen without a text field")
	}
	if _, err := m.Outcome(); !errors.Is(err, ErrCanceled) {
		t.Fatalf("outcome %v, want ErrCanceled", err)
	}
	if !canceled(m.Env().Ctx) {
		t.Error("q left the root context running")
	}
}

// TestQuitAfterFailureWrapsBoth: quitting while a screen shows a failed
// attempt gives a *FailedError matching the attempt's error and
// ErrCanceled; quitting elsewhere stays a plain ErrCanceled.
func TestQuitAfterFailureWrapsBoth(t *testing.T) {
	declined := errors.New("declined in the browser")
	m, _ := newFakeRoot(t, nil)
	m.cur.step = &failedStep{fakeStep: cur(t, m), err: declined}
	if !isQuit(send(m, keyPress("ctrl+c"))) {
		t.Fatal("ctrl+c did not quit")
	}
	_, err := m.Outcome()
	var fe *FailedError
	if !errors.As(err, &fe) || !errors.Is(err, declined) || !errors.Is(err, ErrCanceled) {
		t.Fatalf("outcome %v (%T), want a FailedError wrapping both", err, err)
	}
	if !strings.Contains(plainView(m), "no connection was saved") || !strings.Contains(plainView(m), "body of welcome") {
		t.Errorf("the last frame should keep the failure on screen and say nothing was saved:\n%s", plainView(m))
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
	once    sync.Once
	entered chan struct{}
}

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
	t.Cleanup(func() { closeOnce(kr.release) })
	s := startScenario(t, scenarioOpts{store: store})
	s.waitFor("Checking for an earlier attempt")
	select {
	case <-kr.entered:
	case <-time.After(20 * time.Second):
		t.Fatal("the welcome screen never asked the keyring")
	}
	closeOnce(kr.release)
	s.waitFor("Resume where you stopped", "Acme Notes")
	s.press("\x03")
	s.outcome()
}

var closeMu sync.Mutex

// closeOnce closes ch unless it is closed already.
func closeOnce(ch chan struct{}) {
	closeMu.Lock()
	defer closeMu.Unlock()
	select {
	case <-ch:
	default:
		close(ch)
	}
}
