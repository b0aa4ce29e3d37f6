package steps

// PLACEHOLDER: replaced by the owner of this screen.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Preapproval is the "Admin pre-approval needed" screen.
type Preapproval struct{ env *Env }

// NewPreapproval builds the screen.
func NewPreapproval(env *Env, c CredentialsDoneMsg, cause error) *Preapproval {
	return &Preapproval{env: env}
}

// Init implements Step.
func (s *Preapproval) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *Preapproval) Update(msg tea.Msg) (Step, tea.Cmd) { return s, nil }

// View implements Step.
func (s *Preapproval) View() string { return "Admin pre-approval needed" }

// SetSize implements Step.
func (s *Preapproval) SetSize(width, height int) {}

// Title implements Step.
func (s *Preapproval) Title() string { return "Admin pre-approval needed" }

// ShortHelp implements help.KeyMap.
func (s *Preapproval) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (s *Preapproval) FullHelp() [][]key.Binding { return nil }
