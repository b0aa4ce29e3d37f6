package tui

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

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
