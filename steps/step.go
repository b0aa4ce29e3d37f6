// Package steps holds the wizard's screens. Each screen is a small model in
// its own file; the root state machine in package tui only routes between
// them. A step never touches the root: it reports completion by returning a
// wizard.Event (see Emit) from a tea.Cmd; the root hands it to the
// wizard's flow, which decides what comes next.
package steps

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/wizard"
)

// Step is one wizard screen. Steps are pointers; Update returns the same
// step (or a replacement) and a command. View returns the body only: the
// root draws the header, the help line and the frame.
type Step interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Step, tea.Cmd)
	View() string
	// SetSize gives the body's width and height (frame already removed).
	SetSize(width, height int)
	// Title names the screen in the header ("Authorize in the browser").
	Title() string
	// help.KeyMap feeds the help line with the step's own bindings.
	help.KeyMap
}

// Env is what a screen works with: the context its commands run under
// (canceled by the root when the screen is discarded or the wizard ends),
// the styles and key bindings it draws with, and the wizard's
// configuration (UI-free, shared with the accessible wizard). The root
// builds it; screens read it and never change it.
type Env struct {
	Ctx    context.Context
	Styles *Styles
	Keys   *KeyMap
	// W is the wizard's configuration: hosts, storage, the organization's
	// app, the profile, the sandbox, the clock.
	W *wizard.Config
}

// Now is the wizard's clock.
func (e *Env) Now() time.Time {
	if e.W != nil && e.W.Now != nil {
		return e.W.Now()
	}
	return time.Now()
}

// Committing is implemented by steps that run a write which must not be
// abandoned halfway (Identity's save). While Committing reports true, the
// root answers ctrl+c by waiting for the step's result before quitting, so
// the outcome it reports (saved or not) is the truth.
type Committing interface {
	Committing() bool
}

// Refocuser is implemented by steps that must be woken up when the root
// brings them back (BackMsg) without a second Init: a text field's cursor
// stopped blinking while another screen had the messages. Refocus keeps
// what was typed and returns the command that restarts the blink.
type Refocuser interface {
	Refocus() tea.Cmd
}

// Typing is implemented by steps that have a focused text field. While
// Typing reports true the root hands printable keys such as "?" to the step
// instead of treating them as global shortcuts (ctrl+c always quits).
type Typing interface {
	Typing() bool
}

// Failed is implemented by screens that can show a failed attempt (a
// declined consent, a timeout, a Zoom or network error, the pre-approval
// wall). Failure returns that error while it is on screen, nil otherwise:
// when the user quits there, the root ends the wizard with it (wrapped
// with the cancellation), so the exit status tells what went wrong.
type Failed interface {
	Failure() error
}
