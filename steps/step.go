// Package steps holds the wizard's screens. Each screen is a small model in
// its own file; the root state machine in package tui only routes between
// them. A step never touches the root: it reports completion by returning one
// of the typed messages in messages.go from a tea.Cmd.
package steps

import (
	"context"
	"net/http"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
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

// Env is everything a step may use. The root builds it once and passes it
// by pointer; steps read it and never change it. Ctx is canceled by the root
// on quit, so every command that does I/O selects on it. (package tui gives
// each screen its own copy of Env whose Ctx is also canceled when that
// screen is discarded: back, retry, start over, saved.)
type Env struct {
	Ctx    context.Context
	Styles *Styles
	Keys   *KeyMap
	Now    func() time.Time

	// Endpoints are the Zoom hosts to use (flags, env, --gov, sandbox).
	Endpoints oauthflow.Endpoints
	// Port pins the loopback port; 0 = OS-chosen.
	Port int
	// FlowTimeout is the overall browser deadline; 0 = oauthflow default.
	FlowTimeout time.Duration
	// NudgeAfter is how long the authorize screen waits before asking
	// whether the browser shows "Request pre-approval"; 0 = 45s.
	NudgeAfter time.Duration
	HTTPClient *http.Client
	// OpenURL opens a URL in the user's browser (honours $BROWSER).
	OpenURL func(url string) error
	// NoBrowser is --no-browser: OpenURL opens nothing, so the screens ask
	// the user to open the address and offer no "open it again" key.
	NoBrowser bool

	Store *storage.Store
	Conn  *connection.Manager
	// OrgApp is the provisioned organization app, nil when none was found;
	// OrgAppErr says why (not found, or unreadable).
	OrgApp    *storage.OrgApp
	OrgAppErr error
	// ProfileName is the profile the wizard saves to ("default").
	ProfileName string
	// InsecureStorage is --insecure-storage: consent to the file fallback.
	InsecureStorage bool
	// Sandbox is set under --sandbox; SandboxHint tells how to approve with
	// no browser ("No browser? In another terminal run:  curl …").
	// SandboxCommand is that command alone; when empty it is taken from
	// SandboxHint after its ":  ". The authorize screen shows the command
	// on rows of its own (never word-wrapped) and copies it with
	// KeyMap.CopyCommand.
	Sandbox        bool
	SandboxHint    string
	SandboxCommand string
	// SandboxScenario is the sandbox's active scenario (--sandbox-scenario,
	// which persists across runs); the welcome screen names it. Empty:
	// nothing is shown.
	SandboxScenario string

	// Pending is an attempt that stopped at the pre-approval wall and was
	// saved; when set, Welcome offers to resume it. PendingSecret is that
	// attempt's client secret (from the keyring), empty for a public client
	// or the organization's app. When Pending is nil, Welcome loads the
	// attempt of ProfileName from Store itself, in its Init command, so the
	// first frame never waits on the keyring.
	Pending       *storage.Pending
	PendingSecret string
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
