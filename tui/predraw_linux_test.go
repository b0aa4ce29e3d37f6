package tui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"golang.org/x/sys/unix"

	"github.com/zoomconnect/zoomconnect/internal/pty"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// predrawOn runs predraw on a fresh pty of cols x rows and returns whether
// it drew and what reached the terminal.
func predrawOn(t *testing.T, cols, rows int) (bool, string) {
	t.Helper()
	master, slave, err := pty.Open(cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	defer master.Close()
	m := New(&steps.Env{Ctx: t.Context(), W: &wizard.Config{}})
	drawn := predraw(slave, m, colorprofile.Ascii)
	slave.Close()
	var out bytes.Buffer
	_, _ = io.Copy(&out, master) // EIO once the slave side is closed
	return drawn, out.String()
}

// TestPredrawDrawsTheFirstFrameAndReturnsToItsStart: the frame the
// program will draw first, with the cursor hidden and brought back to
// the frame's first column and line, where the program's first frame
// erases and redraws.
func TestPredrawDrawsTheFirstFrameAndReturnsToItsStart(t *testing.T) {
	drawn, out := predrawOn(t, 100, 30)
	if !drawn {
		t.Fatal("nothing was drawn on a 100x30 terminal")
	}
	if !strings.Contains(ansi.Strip(out), "zoomconnect · Welcome") {
		t.Fatalf("the frame's header is missing:\n%q", out)
	}
	if !strings.HasPrefix(out, ansi.HideCursor) {
		t.Errorf("the cursor is not hidden first: %q", out[:min(len(out), 20)])
	}
	lines := strings.Count(strings.ReplaceAll(out, "\r\n", "\n"), "\n") + 1
	if want := "\r" + ansi.CursorUp(lines-1); !strings.HasSuffix(out, want) {
		t.Errorf("the frame (%d lines) does not end with %q: %q", lines, want, out[max(0, len(out)-20):])
	}
}

// TestPredrawSkipsAFrameThatDoesNotFit: a line wider than the terminal
// would wrap and the cursor would not come back to the frame's start, so
// nothing is drawn.
func TestPredrawSkipsAFrameThatDoesNotFit(t *testing.T) {
	if drawn, out := predrawOn(t, 3, 30); drawn || out != "" {
		t.Errorf("drawn=%v on a 3-column terminal: %q", drawn, out)
	}
}

// TestUnpredrawErasesOnlyWhenTheProgramNeverDrew: a program that failed
// before its first frame leaves the predrawn frame, which is erased (and
// the cursor shown); one that drew owns the screen.
func TestUnpredrawErasesOnlyWhenTheProgramNeverDrew(t *testing.T) {
	for _, wrote := range []bool{false, true} {
		master, slave, err := pty.Open(80, 24)
		if err != nil {
			t.Fatal(err)
		}
		f := &watchedFile{File: slave}
		if wrote {
			_, _ = f.Write([]byte("frame"))
		}
		f.unpredraw()
		slave.Close()
		var out bytes.Buffer
		_, _ = io.Copy(&out, master)
		master.Close()
		erased := strings.Contains(out.String(), ansi.EraseScreenBelow+ansi.ShowCursor)
		if erased == wrote {
			t.Errorf("program wrote=%v: erased=%v (%q)", wrote, erased, out.String())
		}
	}
}

// ptyScreen collects what a program writes to a pty's master side, and
// types answer the moment the text first shows when (checked on every
// read, so a key comes as fast as a script could send it).
type ptyScreen struct {
	mu           sync.Mutex
	out          strings.Builder
	when, answer string
	slave        *os.File // whose mode is checked when the answer is typed
	echoed       bool     // the terminal still echoed then
}

func (s *ptyScreen) read(master *os.File) {
	buf := make([]byte, 4096)
	for {
		n, err := master.Read(buf)
		s.mu.Lock()
		s.out.Write(buf[:n])
		if s.when != "" && strings.Contains(ansi.Strip(s.out.String()), s.when) {
			if st, err := unix.IoctlGetTermios(int(s.slave.Fd()), unix.TCGETS); err == nil {
				s.echoed = st.Lflag&unix.ECHO != 0
			}
			_, _ = master.WriteString(s.answer)
			s.when = ""
		}
		s.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// waitFor polls until the text written so far (escape sequences removed)
// contains want.
func (s *ptyScreen) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		got := ansi.Strip(s.out.String())
		s.mu.Unlock()
		if strings.Contains(got, want) {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("the terminal never showed %q", want)
}

// TestRunTerminalTakesAKeyPressedAsSoonAsTheFrameShows: enter pressed the
// moment the predrawn frame shows is the program's enter, not an echoed
// line break read as ctrl+j (the terminal is raw from before the frame),
// and the terminal's own mode is back when RunTerminal returns. In process
// Bubble Tea usually makes the terminal raw before this test's reader
// wakes, so the echo check catches a frame drawn before raw mode only when
// the timing shows it; e2e's TestWizardCtrlCAtEveryStep (tmux, a separate
// process) is where it showed.
func TestRunTerminalTakesAKeyPressedAsSoonAsTheFrameShows(t *testing.T) {
	store, _ := tempStore(t)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	master, slave, err := pty.Open(100, 30)
	if err != nil {
		t.Fatal(err)
	}
	defer master.Close()
	defer slave.Close()
	before, err := term.GetState(slave.Fd())
	if err != nil {
		t.Fatal(err)
	}
	scr := &ptyScreen{when: "zoomconnect · Welcome", answer: "\r", slave: slave}
	go scr.read(master)
	done := make(chan error, 1)
	go func() {
		_, err := RunTerminal(ctx, &wizard.Config{Store: store, Profile: "default"}, slave, slave)
		done <- err
	}()
	scr.waitFor(t, "Choose how to connect")
	scr.mu.Lock()
	if scr.echoed {
		t.Error("the frame showed while the terminal still echoed keys (not raw yet)")
	}
	scr.mu.Unlock()
	if _, err := master.WriteString("\x03"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, wizard.ErrCanceled) {
		t.Errorf("RunTerminal: %v, want wizard.ErrCanceled", err)
	}
	after, err := term.GetState(slave.Fd())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after, before) {
		t.Error("the terminal was left in another mode than it had before RunTerminal")
	}
}
