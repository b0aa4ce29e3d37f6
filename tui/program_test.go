package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// probe is sent to learn which screen is active (see screenProbe).
type probe struct{}

// screenProbe records the active screen's type ("*steps.Welcome") each
// time the program handles a probe; it runs on the program's event loop
// (tea.WithFilter), so it reads the model without a race.
type screenProbe struct{ screen, view atomic.Value }

func (sp *screenProbe) filter(m tea.Model, msg tea.Msg) tea.Msg {
	if _, ok := msg.(probe); ok {
		sp.screen.Store(fmt.Sprintf("%T", m.(*Model).Step()))
		sp.view.Store(m.(*Model).Step().View())
	}
	return msg
}

// waitFor probes p until the active screen has type want. A want of the
// form "TYPE|TEXT" also waits until the screen shows TEXT: a key that means
// "confirm what you see" must not be typed before it is seen (the screen
// rightly ignores it while it is still loading).
func (sp *screenProbe) waitFor(t *testing.T, p *tea.Program, want string) {
	t.Helper()
	typ, text, _ := strings.Cut(want, "|")
	deadline := time.Now().Add(20 * time.Second) // a wait, not a speed check
	for time.Now().Before(deadline) {
		p.Send(probe{})
		time.Sleep(10 * time.Millisecond)
		got, _ := sp.screen.Load().(string)
		view, _ := sp.view.Load().(string)
		if got == typ && strings.Contains(ansi.Strip(view), text) {
			return
		}
	}
	t.Fatalf("screen %s never became active (last %v)", want, sp.screen.Load())
}

// tempStore is a Store whose directories are empty temp dirs.
func tempStore(t testing.TB) (*storage.Store, string) {
	root := t.TempDir()
	return &storage.Store{
		ConfigDir: filepath.Join(root, "config"), DataDir: filepath.Join(root, "data"), StateDir: filepath.Join(root, "state"),
	}, root
}

// countFiles counts regular files under root.
func countFiles(t *testing.T, root string) int {
	n := 0
	err := filepath.WalkDir(root, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestProgramTypeThenCtrlC runs the real screens in a headless tea.Program:
// welcome → auth type → credentials with typed input, then ctrl+c.
func TestProgramTypeThenCtrlC(t *testing.T) {
	store, root := tempStore(t)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	m := New(&steps.Env{Ctx: ctx, W: &wizard.Config{Store: store, Profile: "default"}})
	in, keys := io.Pipe()
	defer keys.Close()
	var out testkit.Buffer
	sp := &screenProbe{}
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(&out), tea.WithWindowSize(80, 24),
		tea.WithColorProfile(colorprofile.Ascii), tea.WithContext(ctx), tea.WithoutSignals(), tea.WithFilter(sp.filter))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()

	type2 := func(s string) {
		if _, err := io.WriteString(keys, s); err != nil {
			t.Errorf("typing %q: %v", s, err)
		}
	}
	sp.waitFor(t, p, "*steps.Welcome")
	type2("\r")
	sp.waitFor(t, p, "*steps.AuthType")
	type2("\r") // "Bring your own" has the focus: no organization app here
	sp.waitFor(t, p, "*steps.Credentials")
	type2("AbC123dEf456GhI789jK\ts3cretValue")
	sp.waitFor(t, p, "*steps.Credentials")
	type2("\x03") // ctrl+c

	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if _, err := m.Outcome(); !errors.Is(err, wizard.ErrCanceled) {
		t.Errorf("outcome %v, want wizard.ErrCanceled", err)
	}
	c, ok := m.Step().(*steps.Credentials)
	if !ok {
		t.Fatalf("ended on %T", m.Step())
	}
	if c.Value(wizard.FieldClientID) != "AbC123dEf456GhI789jK" || c.Value(wizard.FieldSecret) != "s3cretValue" {
		t.Errorf("typed input did not arrive: %q", c.Value(wizard.FieldClientID))
	}
	screen := ansi.Strip(out.String())
	if strings.Contains(screen, "s3cretValue") {
		t.Error("the masked secret reached the terminal")
	}
	for _, want := range []string{"Canceled: no connection was saved", "Bring your own"} {
		if !strings.Contains(screen, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if ctx.Err() == nil && !canceled(m.Env().Ctx) {
		t.Error("root context still running after ctrl+c")
	}
	if n := countFiles(t, root); n != 0 {
		t.Errorf("%d files written after a cancel", n)
	}
}

// TestRunMapsCancellation checks Run's outcome for ctrl+c input and for a
// context that ends while the wizard waits.
func TestRunMapsCancellation(t *testing.T) {
	store, root := tempStore(t)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	opts := []tea.ProgramOption{tea.WithInput(strings.NewReader("\x03")), tea.WithOutput(io.Discard),
		tea.WithWindowSize(80, 24), tea.WithColorProfile(colorprofile.Ascii), tea.WithoutSignals()}
	if _, err := Run(ctx, &wizard.Config{Store: store}, opts...); !errors.Is(err, wizard.ErrCanceled) {
		t.Errorf("ctrl+c: %v, want wizard.ErrCanceled", err)
	}

	short, stop := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer stop()
	in, keys := io.Pipe() // no input at all: only the context ends it
	defer keys.Close()
	opts[0] = tea.WithInput(in)
	if _, err := Run(short, &wizard.Config{Store: store}, opts...); !errors.Is(err, wizard.ErrCanceled) {
		t.Errorf("context end: %v, want wizard.ErrCanceled", err)
	}
	if n := countFiles(t, root); n != 0 {
		t.Errorf("%d files written", n)
	}
}

// interruptModel asks Bubble Tea to interrupt, as SIGINT does.
type interruptModel struct{}

func (interruptModel) Init() tea.Cmd                         { return tea.Interrupt }
func (m interruptModel) Update(tea.Msg) (tea.Model, tea.Cmd) { return m, nil }
func (interruptModel) View() tea.View                        { return tea.NewView("") }

func TestRunProgramMapsInterrupt(t *testing.T) {
	opts := []tea.ProgramOption{tea.WithInput(strings.NewReader("")), tea.WithOutput(io.Discard), tea.WithoutSignals()}
	if _, err := runProgram(t.Context(), interruptModel{}, colorprofile.TrueColor, opts); !errors.Is(err, wizard.ErrCanceled) {
		t.Errorf("interrupt: %v, want wizard.ErrCanceled", err)
	}
}
