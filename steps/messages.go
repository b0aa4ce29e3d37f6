package steps

import (
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/wizard"
)

// Emit returns a command that yields ev, a wizard.Event: how a screen tells
// the root it is done (or wants to go back, retry, quit). ev is captured by
// value, so the command reads no screen state when it runs on its own
// goroutine.
func Emit(ev wizard.Event) tea.Cmd { return func() tea.Msg { return ev } }
