package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/steps"
)

// checkFrameLayout checks the one layout of every frame: the header, a
// blank line, the body no wider than the reading width, one blank line,
// and the key help as the last row (not pushed to the bottom row of a
// taller window: bottom says whether the frame may fill the window).
func checkFrameLayout(t *testing.T, name, frame string, height int, fills bool) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	n := len(lines)
	if n < 5 {
		t.Fatalf("%s: frame of %d rows:\n%s", name, n, frame)
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	if !strings.Contains(lines[0], "zoomconnect · ") || !blank(lines[1]) || blank(lines[2]) {
		t.Errorf("%s: no header, blank line, body at the top:\n%s", name, frame)
	}
	if !strings.Contains(lines[n-1], "quit") || !blank(lines[n-2]) || blank(lines[n-3]) {
		t.Errorf("%s: the key help is not the last row, one blank line under the body:\n%s", name, frame)
	}
	if !fills && n >= height && !strings.Contains(frame, "↑/↓") { // a scrolling body fills the window
		t.Errorf("%s: the frame fills the %d rows of the window (key help on the bottom row)", name, height)
	}
	pad := steps.NewStyles(true).App.GetPaddingLeft()
	for i, l := range lines[2 : n-2] {
		if w := ansi.StringWidth(strings.TrimRight(l, " ")); w > pad+steps.ReadingWidth {
			t.Errorf("%s: body row %d is %d cells wide, past the reading width %d: %q", name, i, w, steps.ReadingWidth, l)
		}
	}
}

// TestScreensShareOneLayout walks the wizard's screens at 200×60 and
// 80×24: on each, the body keeps to the reading width and the key help
// sits one blank line under it.
func TestScreensShareOneLayout(t *testing.T) {
	for _, sz := range [][2]int{{200, 60}, {80, 24}} {
		fills := sz[1] < 30 // a long body may be clipped to the window
		s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioApprove, approve: true, width: sz[0], height: sz[1]})
		for _, st := range []struct{ screen, keys string }{
			{"Press enter to begin", "\r"}, {"Choose how to connect", "\r"}, {"Your organization's app", "\r"},
			{"Review the granted scopes", "\r"}, {"Save this connection", ""},
		} {
			checkFrameLayout(t, st.screen, s.waitFor(st.screen), sz[1], fills)
			s.press(st.keys)
		}
		s.press("\x03")
		s.outcome()

		s = startScenario(t, scenarioOpts{scenario: sandbox.ScenarioPreapproval, width: sz[0], height: sz[1],
			env: func(e *steps.Env) { e.W.NudgeAfter = 100 * time.Millisecond }})
		s.toAuthorize()
		for _, st := range []struct{ screen, keys string }{
			{"Taking a while", "p"}, {"Admin pre-approval needed", ""},
		} {
			checkFrameLayout(t, st.screen, s.waitFor(st.screen), sz[1], fills)
			s.press(st.keys)
		}
		s.press("\x03")
		s.outcome()
	}
}
