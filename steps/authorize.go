package steps

// PLACEHOLDER: replaced by the owner of this screen.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Authorize is the "Authorize in the browser" screen.
type Authorize struct{ env *Env }

// NewAuthorize builds the screen.
func NewAuthorize(env *Env, c CredentialsDoneMsg) *Authorize { return &Authorize{env: env} }

// Init implements Step.
func (s *Authorize) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *Authorize) Update(msg tea.Msg) (Step, tea.Cmd) { return s, nil }

// View implements Step.
func (s *Authorize) View() string { return "Authorize in the browser" }

// SetSize implements Step.
func (s *Authorize) SetSize(width, height int) {}

// Title implements Step.
func (s *Authorize) Title() string { return "Authorize in the browser" }

// ShortHelp implements help.KeyMap.
func (s *Authorize) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (s *Authorize) FullHelp() [][]key.Binding { return nil }
