package steps

// PLACEHOLDER: replaced by the owner of this screen.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// Identity is the "Confirm and save" screen.
type Identity struct{ env *Env }

// NewIdentity builds the screen.
func NewIdentity(env *Env, c CredentialsDoneMsg, r *oauthflow.Result) *Identity {
	return &Identity{env: env}
}

// Init implements Step.
func (s *Identity) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *Identity) Update(msg tea.Msg) (Step, tea.Cmd) { return s, nil }

// View implements Step.
func (s *Identity) View() string { return "Confirm and save" }

// SetSize implements Step.
func (s *Identity) SetSize(width, height int) {}

// Title implements Step.
func (s *Identity) Title() string { return "Confirm and save" }

// ShortHelp implements help.KeyMap.
func (s *Identity) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (s *Identity) FullHelp() [][]key.Binding { return nil }
