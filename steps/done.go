package steps

// PLACEHOLDER: replaced by the owner of this screen.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Done is the "Connected" screen.
type Done struct{ env *Env }

// NewDone builds the screen.
func NewDone(env *Env, s SavedMsg) *Done { return &Done{env: env} }

// Init implements Step.
func (s *Done) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *Done) Update(msg tea.Msg) (Step, tea.Cmd) { return s, nil }

// View implements Step.
func (s *Done) View() string { return "Connected" }

// SetSize implements Step.
func (s *Done) SetSize(width, height int) {}

// Title implements Step.
func (s *Done) Title() string { return "Connected" }

// ShortHelp implements help.KeyMap.
func (s *Done) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (s *Done) FullHelp() [][]key.Binding { return nil }
