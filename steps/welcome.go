package steps

// PLACEHOLDER: replaced by the owner of this screen.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Welcome is the "Welcome" screen.
type Welcome struct{ env *Env }

// NewWelcome builds the screen.
func NewWelcome(env *Env) *Welcome { return &Welcome{env: env} }

// Init implements Step.
func (s *Welcome) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *Welcome) Update(msg tea.Msg) (Step, tea.Cmd) { return s, nil }

// View implements Step.
func (s *Welcome) View() string { return "Welcome" }

// SetSize implements Step.
func (s *Welcome) SetSize(width, height int) {}

// Title implements Step.
func (s *Welcome) Title() string { return "Welcome" }

// ShortHelp implements help.KeyMap.
func (s *Welcome) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (s *Welcome) FullHelp() [][]key.Binding { return nil }
