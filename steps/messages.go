package steps

import (
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Messages a step returns (from a tea.Cmd) to tell the root it is done.
// The root decides which step comes next; see package tui.

// BackMsg asks the root for the previous screen.
type BackMsg struct{}

// StartOverMsg asks the root to go back to the auth-type screen and forget
// everything entered since.
type StartOverMsg struct{}

// WelcomeDoneMsg: the user read the welcome screen (or chose "Start over"
// instead of resuming a pending attempt).
type WelcomeDoneMsg struct{}

// ResumeMsg: the user chose to resume a pending attempt: Pending, or
// Env.Pending when nil; Secret is its client secret. The root builds the
// CredentialsDoneMsg from the pending attempt and goes straight to Authorize.
type ResumeMsg struct {
	Pending *storage.Pending
	Secret  string
}

// AuthTypeChosenMsg: the user picked how to authorize.
type AuthTypeChosenMsg struct{ Type storage.AuthType }

// CredentialsDoneMsg: the app to authorize with is known.
type CredentialsDoneMsg struct {
	// AuthType is how this app was chosen: the organization's app or the
	// user's own. It is what gets saved in the profile (and in a pending
	// attempt), so it is set where the choice was made, never guessed.
	AuthType storage.AuthType
	App      oauthflow.App
	AppName  string
	// ExpectedEmail is optional; the identity screen compares it.
	ExpectedEmail string
}

// AuthorizedMsg: the browser flow completed and the code was exchanged.
type AuthorizedMsg struct{ Result *oauthflow.Result }

// PreapprovalMsg: go to the pre-approval screen. Err is what led there
// (nil when the user pressed the key on the authorize screen).
type PreapprovalMsg struct{ Err error }

// RetryMsg: go back to the authorize screen and try again.
type RetryMsg struct{}

// ScopesAcceptedMsg: the user reviewed the scopes and continues.
type ScopesAcceptedMsg struct{}

// SavedMsg: the connection was saved.
type SavedMsg struct {
	Profile storage.Profile
	// Where describes where secrets went ("system keyring", or the file).
	Where string
	// Replaced names a profile this save replaced (same Zoom user and app).
	Replaced string
}

// QuitMsg asks the root to quit; Err is the outcome for the exit status.
type QuitMsg struct{ Err error }

// Emit returns a command that yields msg: how a step hands one of the
// messages above to the root. msg is captured by value, so the command reads
// no step state when it runs on its own goroutine.
func Emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
