package tui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// scrollPercent is the authorize screen's scroll hint's percentage.
var scrollPercent = regexp.MustCompile(`to scroll · (\d+)%`)

// scrollThrough presses ↓ one row at a time until the scroll hint says
// 100%, and returns every frame seen (each frame whole, so a text that
// spans two rows is found in one of them). No frame may be taller than
// the window.
func (s *scenario) scrollThrough(height int, first string) []string {
	s.t.Helper()
	frames := []string{first}
	pct := scrollPercent.FindStringSubmatch(first)
	if pct == nil {
		s.t.Fatalf("the body does not fit and there is no scroll hint:\n%s", first)
	}
	for range 80 {
		if pct[1] == "100" {
			s.checkHeights(height, frames)
			return frames
		}
		s.press("\x1b[B")
		deadline := time.Now().Add(10 * time.Second)
		for {
			s.p.Send(probe{})
			time.Sleep(10 * time.Millisecond)
			f, _ := s.view.frame.Load().(string)
			if p := scrollPercent.FindStringSubmatch(f); p != nil && p[1] != pct[1] {
				frames, pct = append(frames, f), p
				break
			}
			if time.Now().After(deadline) {
				s.t.Fatalf("↓ did not scroll; the screen shows:\n%s", f)
			}
		}
	}
	s.t.Fatalf("↓ never reached the end; last frame:\n%s", frames[len(frames)-1])
	return nil
}

// checkHeights fails for a frame taller than the window.
func (s *scenario) checkHeights(height int, frames []string) {
	s.t.Helper()
	for _, f := range frames {
		if n := strings.Count(strings.TrimRight(f, "\n"), "\n") + 1; n > height {
			s.t.Errorf("a frame is %d rows tall in a %d-row window:\n%s", n, height, f)
		}
	}
}

// reachable fails for each text that no frame shows.
func reachable(t *testing.T, frames []string, texts ...string) {
	t.Helper()
	for _, x := range texts {
		found := false
		for _, f := range frames {
			found = found || containsAll(f, []string{x})
		}
		if !found {
			t.Errorf("no amount of scrolling shows %q; frames:\n%s", x, strings.Join(frames, "\n-----\n"))
		}
	}
}

// TestAuthorizeRedirectMismatchScrollsAt80x24: at 80x24 the mismatch
// explanation is taller than the screen; scrolling reaches the redirect
// URL to register and the --port hint, and the frame never overflows.
func TestAuthorizeRedirectMismatchScrollsAt80x24(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioRedirectMismatch, approve: true, width: 80, height: 24})
	s.toAuthorize()
	first := s.waitFor("Redirect URL mismatch (4709)", "to scroll")
	frames := s.scrollThrough(24, first)
	redirect := ""
	for _, u := range s.br.Opened() {
		redirect = redirectOf(t, u)
	}
	if redirect == "" {
		t.Fatal("the browser opened no authorize URL")
	}
	reachable(t, frames, "The redirect URL this attempt used", redirect, "run zoomconnect with --port",
		"Press r to try again, esc to go back.")
	for _, f := range frames {
		for _, row := range strings.Split(f, "\n") {
			if strings.TrimSpace(row) == "…" {
				t.Errorf("a frame's body is cut with …:\n%s", f)
			}
		}
	}
	s.press("q")
	s.outcome()
}

// TestAuthorizeNudgeScrollsAt80x24: the "Taking a while" nudge at 80x24
// lists every likely cause; each is reachable by scrolling.
func TestAuthorizeNudgeScrollsAt80x24(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioPreapproval, width: 80, height: 24,
		env: func(e *steps.Env) { e.W.NudgeAfter = 100 * time.Millisecond }})
	s.toAuthorize()
	first := s.waitFor("Taking a while", "to scroll")
	frames := s.scrollThrough(24, first)
	reachable(t, frames, `"Request pre-approval" or "You cannot authorize this app"`,
		`"An account admin is required to install this type of app"`,
		"Other likely causes: the consent page is still open or was closed without Allow",
		"the redirect URL is not on the app's allow list", "the browser runs on another machine",
		"press u and paste the address it ended on")
	s.press("q")
	s.outcome()
}

// TestSandboxApproveCommandNeverWordWrapped: the sandbox's approve command
// is on rows of its own at 80 and 120 columns: one row when it fits, else
// row-sized pieces cut at the width (not at its spaces), so the rows put
// back together are the command exactly.
func TestSandboxApproveCommandNeverWordWrapped(t *testing.T) {
	cmd := `curl -sSL -o /dev/null "$(cat '/home/someone/.local/state/zoomconnect/sandbox-approve-url')"`
	for _, width := range []int{80, 120} {
		s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioPreapproval, width: width,
			env: func(e *steps.Env) { e.W.Sandbox = &wizard.Sandbox{ApproveCommand: cmd} }})
		s.toAuthorize()
		frame := s.waitFor("No browser? In another terminal run: (a copies the command)")
		inner := min(width-steps.NewStyles(true).App.GetHorizontalFrameSize(), steps.ReadingWidth)
		if got := commandRows(frame, "curl -sSL", len(cmd), inner); got != cmd {
			t.Errorf("at %d columns the command rows read %q, want %q; frame:\n%s", width, got, cmd, frame)
		}
		s.press("q")
		s.outcome()
	}
}

// commandRows puts back together the rows of a command that starts with
// prefix: each row but the last is inner columns wide (a trailing space
// the frame trimmed is restored).
func commandRows(frame, prefix string, n, inner int) string {
	rows := strings.Split(frame, "\n")
	for i, r := range rows {
		at := strings.Index(r, prefix)
		if at < 0 {
			continue
		}
		var b strings.Builder
		for _, row := range rows[i:] {
			piece := strings.TrimRight(row[min(at, len(row)):], " ")
			if b.Len()+len(piece) < n {
				piece += strings.Repeat(" ", max(0, inner-len(piece)))
			}
			b.WriteString(piece)
			if b.Len() >= n {
				return b.String()[:n]
			}
		}
		return b.String()
	}
	return ""
}
