package steps

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Shared helpers for the screen tests of package steps.

// testNow is the injected clock of testEnv.
var testNow = time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)

// testEnv returns an Env with styles, keys, a fixed clock and test
// endpoints; it touches no disk, network or keyring.
func testEnv(t testing.TB) *Env {
	t.Helper()
	return &Env{
		Ctx:    context.Background(),
		Styles: NewStyles(true),
		Keys:   DefaultKeyMap(nil),
		W: &wizard.Config{
			Now:       func() time.Time { return testNow },
			Endpoints: oauthflow.Endpoints{AuthBaseURL: "http://127.0.0.1:9/auth", APIBaseURL: "http://127.0.0.1:9/api"},
			Store:     &storage.Store{ConfigDir: "/home/ada/.config/zoomconnect"},
			Profile:   "default",
		},
	}
}

// press sends key presses to s and returns the command of the last one.
func press(s Step, names ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, n := range names {
		_, cmd = s.Update(keypress.Of(n))
	}
	return cmd
}

// typeText types text into s one character at a time.
func typeText(s Step, text string) {
	for _, r := range text {
		s.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// cmdWait is how long msgs lets one command run. It is a wait, not a speed
// check: step messages are instant, but a command may write a file or wait
// for a cursor blink (about half a second).
const cmdWait = 5 * time.Second

// msgs runs cmd (and the commands of batches it returns) to completion and
// collects the messages. A command still running after cmdWait fails the
// test, so no check on the result passes because a command was slow.
func msgs(t testing.TB, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(cmdWait):
		t.Fatalf("a command did not return within %v", cmdWait)
	}
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, msgs(t, c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// find returns the first message of type T that cmd yields.
func find[T any](t testing.TB, cmd tea.Cmd) (T, bool) {
	t.Helper()
	for _, m := range msgs(t, cmd) {
		if v, ok := m.(T); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}

// mustEmit fails unless cmd yields a message of type T, and returns it.
func mustEmit[T any](t *testing.T, cmd tea.Cmd) T {
	t.Helper()
	got := msgs(t, cmd)
	for _, m := range got {
		if v, ok := m.(T); ok {
			return v
		}
	}
	var zero T
	t.Fatalf("command yields %T, want a %T", got, zero)
	return zero
}

// noRootMsg fails when cmd yields a message for the root: it checks that
// an action neither finishes nor leaves the screen. Other messages (a
// cursor blink) are allowed; every command runs to its end (see msgs), so
// a slow step message is caught too.
func noRootMsg(t *testing.T, cmd tea.Cmd, what string) {
	t.Helper()
	for _, m := range msgs(t, cmd) {
		if isRootMsg(m) || isWelcomeMsg(m) {
			t.Errorf("%s: the screen sent %T to the root", what, m)
		}
	}
}

// noCmd fails unless the action returned no command at all: nothing runs,
// so nothing can be sent later either.
func noCmd(t *testing.T, cmd tea.Cmd, what string) {
	t.Helper()
	if cmd != nil {
		t.Errorf("%s: returned a command (yields %T), want none", what, msgs(t, cmd))
	}
}

// isWelcomeMsg reports the root messages of the first screens, which
// isRootMsg (written for the later screens) does not list.
func isWelcomeMsg(msg tea.Msg) bool {
	_, ok := msg.(wizard.Event)
	return ok
}

// plain is the step's view with ANSI styling removed.
func plain(s Step) string { return ansi.Strip(s.View()) }

// mustContain fails for every want missing from got.
func mustContain(t *testing.T, got string, wants ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(got), " ") // wrapping may split phrases
	for _, w := range wants {
		if !strings.Contains(got, w) && !strings.Contains(flat, w) {
			t.Errorf("view lacks %q:\n%s", w, got)
		}
	}
}

// checkSizes renders s at the sizes the tests care about and fails when a
// line is wider than the width it was given (wrapping broken) or View
// panics. 40x10 is a tiny terminal.
func checkSizes(t *testing.T, s Step) {
	t.Helper()
	for _, sz := range [][2]int{{80, 24}, {200, 60}, {40, 10}, {0, 0}} {
		s.SetSize(sz[0], sz[1])
		v := s.View()
		if v == "" {
			t.Errorf("%dx%d: empty view", sz[0], sz[1])
		}
		if sz[0] == 0 {
			continue
		}
		for _, line := range strings.Split(v, "\n") {
			if w := ansi.StringWidth(line); w > sz[0] {
				t.Errorf("%dx%d: line is %d cells wide: %q", sz[0], sz[1], w, ansi.Strip(line))
			}
		}
	}
}

// benchView measures View at 80x24 and 200x60.
func benchView(b *testing.B, s Step) {
	for _, sz := range [][2]int{{80, 24}, {200, 60}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			s.SetSize(sz[0], sz[1])
			b.ReportAllocs()
			for b.Loop() {
				_ = s.View()
			}
		})
	}
}
