package tui

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests when a goroutine of ours outlives
// them (a loopback session, a keyring call, a save). Bubble Tea's own tick
// and cursor-blink timers are left out: a tea.Cmd cannot be canceled, so
// they run out their interval after a test, by design.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("charm.land/bubbletea/v2.Tick.func1"),
		goleak.IgnoreTopFunction("charm.land/bubbles/v2/cursor.(*Model).Blink.func1"),
		goleak.IgnoreTopFunction("sync.runtime_SemacquireWaitGroup"), // a tea.Batch waiting on those timers
		// The input reader of a finished headless program can still be
		// handing over its last event; it ends with the process.
		goleak.IgnoreTopFunction("github.com/charmbracelet/ultraviolet.(*TerminalReader).sendEvents"),
	)
}
