package steps

// PLACEHOLDER: replaced by the owner of this screen.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// AuthType is the "Choose how to connect" screen.
type AuthType struct{ env *Env }

// NewAuthType builds the screen.
func NewAuthType(env *Env) *AuthType { return &AuthType{env: env} }

// Init implements Step.
func (s *AuthType) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *AuthType) Update(msg tea.Msg) (Step, tea.Cmd) { return s, nil }

// View implements Step.
func (s *AuthType) View() string { return "Choose how to connect" }

// SetSize implements Step.
func (s *AuthType) SetSize(width, height int) {}

// Title implements Step.
func (s *AuthType) Title() string { return "Choose how to connect" }

// ShortHelp implements help.KeyMap.
func (s *AuthType) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (s *AuthType) FullHelp() [][]key.Binding { return nil }
