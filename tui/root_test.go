package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func TestRouterWholeFlow(t *testing.T) {
	m, fs := newFakeRoot(t, nil)
	if w := cur(t, m); w.name != "welcome" || w.inits != 1 {
		t.Fatalf("start: %s with %d inits", w.name, w.inits)
	}
	result := &oauthflow.Result{Scopes: []string{"user:read:user"}}
	saved := wizard.Saved{Profile: storage.Profile{Name: "default"}}
	cause := errors.New("no callback")
	for _, tc := range []struct {
		msg   tea.Msg
		want  string
		stepN string
	}{
		{wizard.WelcomeDone{}, "authtype", "step 2 of 7"},
		{wizard.AuthTypeChosen{Type: storage.AuthOwnApp}, "credentials", "step 3 of 7"},
		{wizard.CredsDone{Creds: testCreds}, "authorize", "step 4 of 7"},
		{wizard.PreapprovalNeeded{Cause: cause}, "preapproval", "step 4 of 7"},
		{wizard.Retry{}, "authorize", "step 4 of 7"},
		{wizard.Authorized{Result: result}, "scopes", "step 5 of 7"},
		{wizard.ScopesAccepted{}, "identity", "step 6 of 7"},
		{wizard.SavedEvent{Saved: saved}, "done", "step 7 of 7"},
	} {
		send(m, tc.msg)
		f := cur(t, m)
		if f.name != tc.want || f.inits != 1 {
			t.Fatalf("after %T: on %s (inits %d), want %s initialised once", tc.msg, f.name, f.inits, tc.want)
		}
		if f.lastSize() != [2]int{steps.ReadingWidth, 20} {
			t.Errorf("%s: size %v on activation, want 76x20 (80x24 minus padding, header, help, at the reading width)", f.name, f.lastSize())
		}
		mustContain(t, plainView(m), "zoomconnect · Fake "+tc.want, tc.stepN, "body of "+tc.want, "fake "+tc.want)
	}
	b := fs.built
	if b[2].authT != storage.AuthOwnApp || b[3].creds != testCreds || b[4].cause != cause || b[4].creds != testCreds {
		t.Errorf("screens got the wrong data: %+v %+v %+v", b[2].authT, b[3].creds, b[4].cause)
	}
	if b[6].result != result || b[7].result != result || b[7].creds != testCreds || b[8].saved.Profile.Name != "default" {
		t.Error("scopes/identity/done got the wrong data")
	}
	if m.Depth() != 0 {
		t.Errorf("done keeps %d screens to go back to", m.Depth())
	}
	if !isQuit(send(m, wizard.Quit{})) {
		t.Fatal("QuitMsg did not quit")
	}
	if got, err := m.Outcome(); err != nil || got.Profile.Name != "default" {
		t.Errorf("outcome %v, %v", got, err)
	}
}

func TestRouterBackKeepsScreensAndRebuildsAuthorize(t *testing.T) {
	m, fs := newFakeRoot(t, nil)
	send(m, wizard.WelcomeDone{}, wizard.AuthTypeChosen{Type: storage.AuthOwnApp})
	creds := cur(t, m)
	send(m, wizard.CredsDone{Creds: testCreds})
	auth := cur(t, m)
	send(m, wizard.PreapprovalNeeded{})
	pre := cur(t, m)

	send(m, wizard.Back{})
	again := cur(t, m)
	if again.name != "authorize" || again == auth || again.inits != 1 {
		t.Fatalf("back to authorize: %s same=%v inits=%d; want a fresh, initialised attempt", again.name, again == auth, again.inits)
	}
	if !canceled(pre.env.Ctx) || !canceled(auth.env.Ctx) || canceled(again.env.Ctx) {
		t.Error("the left screens' contexts must be canceled, the new one's not")
	}
	_, cmd := m.Update(wizard.Back{})
	if cur(t, m) != creds || creds.inits != 1 {
		t.Fatalf("back to credentials: got %s (same=%v, inits %d)", cur(t, m).name, cur(t, m) == creds, creds.inits)
	}
	if creds.refocus != 1 || cmd == nil || cmd() != (refocusedMsg{"credentials"}) {
		t.Errorf("the restored screen was not refocused (%d calls, cmd %v)", creds.refocus, cmd)
	}
	if len(creds.sizes) < 2 {
		t.Error("a screen returned to must get the current size")
	}
	send(m, wizard.Back{}, wizard.Back{}, wizard.Back{})
	if cur(t, m).name != "welcome" || fs.count("welcome") != 1 {
		t.Fatalf("back past the start: on %s, %d welcomes built", cur(t, m).name, fs.count("welcome"))
	}
}

func TestCtrlCCancelsEverything(t *testing.T) {
	m, _ := newFakeRoot(t, nil)
	send(m, wizard.WelcomeDone{})
	f := cur(t, m)
	f.typing = true // ctrl+c quits even while typing
	cmd := send(m, keypress.Of("ctrl+c"))
	if !isQuit(cmd) {
		t.Fatal("ctrl+c did not quit")
	}
	if !canceled(m.Env().Ctx) || !canceled(f.env.Ctx) {
		t.Error("ctrl+c left a context running")
	}
	for _, msg := range f.got {
		if _, ok := msg.(tea.KeyPressMsg); ok {
			t.Error("ctrl+c reached the screen")
		}
	}
	if _, err := m.Outcome(); !errors.Is(err, wizard.ErrCanceled) {
		t.Errorf("outcome %v, want wizard.ErrCanceled", err)
	}
	mustContain(t, plainView(m), "Canceled: no connection was saved")
	send(m, wizard.WelcomeDone{})
	if cur(t, m) != f {
		t.Error("routed a message after quitting")
	}
}

func TestQuitWithError(t *testing.T) {
	m, _ := newFakeRoot(t, nil)
	boom := errors.New("keyring locked")
	if !isQuit(send(m, wizard.Quit{Err: boom})) {
		t.Fatal("no quit")
	}
	if _, err := m.Outcome(); !errors.Is(err, boom) {
		t.Errorf("outcome %v", err)
	}
	if !canceled(m.Env().Ctx) {
		t.Error("quit left the root context running")
	}
}

func TestHelpToggleAndTyping(t *testing.T) {
	m, _ := newFakeRoot(t, nil)
	f := cur(t, m)
	mustContain(t, plainView(m), "? more keys")
	f.typing = true
	if strings.Contains(plainView(m), "more keys") {
		t.Error("help offers ? while ? types into a field")
	}
	f.typing = false
	send(m, keypress.Of("?"))
	if !m.help.ShowAll {
		t.Fatal("? did not open the full help")
	}
	if v := plainView(m); strings.Contains(v, "more keys") || !strings.Contains(v, "more "+f.name) {
		t.Errorf("the full help offers ? more keys, or lacks the screen's keys:\n%s", v)
	}
	if f.lastSize()[1] >= 20 {
		t.Errorf("full help should leave the body less room, got %v", f.lastSize())
	}
	f.typing = true
	send(m, keypress.Of("?"))
	if !m.help.ShowAll {
		t.Error("? toggled help while the screen was typing")
	}
	if last := f.got[len(f.got)-1]; last != tea.Msg(keypress.Of("?")) {
		t.Errorf("screen got %v, want the ? key", last)
	}
}

func TestOtherMessagesGoToActiveScreenOnly(t *testing.T) {
	m, fs := newFakeRoot(t, nil)
	send(m, wizard.WelcomeDone{})
	type tick struct{}
	send(m, tick{}, keypress.Of("x"))
	if w := fs.built[0]; len(w.got) != 0 {
		t.Errorf("the left screen got %v", w.got)
	}
	if got := cur(t, m).got; len(got) != 2 {
		t.Errorf("active screen got %v", got)
	}
}

func TestBackgroundColorRestyles(t *testing.T) {
	m, _ := newFakeRoot(t, nil)
	before := *m.Env().Styles
	send(m, tea.BackgroundColorMsg{Color: lipgloss.Color("#ffffff")})
	if m.Env().Styles.Header.GetForeground() == before.Header.GetForeground() {
		t.Error("styles not rebuilt for a light background")
	}
	if f := cur(t, m); m.Env().Styles != f.env.Styles {
		t.Error("the screen does not share the root's styles")
	}
	if got := cur(t, m).got; len(got) != 1 {
		t.Errorf("screen did not get the colour message: %v", got)
	}
}

func TestRootViewFitsWindow(t *testing.T) {
	m, _ := newFakeRoot(t, nil)
	long := strings.Repeat("word ", 400)
	m.cur.step = &tallStep{fakeStep: cur(t, m), body: long}
	for _, sz := range [][2]int{{80, 24}, {200, 60}, {40, 10}, {10, 3}} {
		send(m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		v := m.View()
		if v.AltScreen {
			t.Fatal("the wizard must draw inline")
		}
		lines := strings.Split(strings.TrimRight(v.Content, "\n"), "\n")
		if sz[1] >= 10 && len(lines) > sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > sz[0] && sz[0] >= 40 {
				t.Errorf("%dx%d: line %d wide: %q", sz[0], sz[1], w, ansi.Strip(l))
			}
		}
	}
}

// tallStep is a fake whose body wraps to its width but ignores its height,
// so the root's clipping is what keeps the frame inside the window.
type tallStep struct {
	*fakeStep
	body string
	w    int
}

func (s *tallStep) SetSize(w, h int) { s.w = w; s.fakeStep.SetSize(w, h) }
func (s *tallStep) View() string     { return steps.Paragraph(s.body, s.w) }

func BenchmarkRootView(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {200, 60}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			m := New(&steps.Env{Ctx: b.Context()})
			m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
