package steps

// PLACEHOLDER: replaced by the owner of this screen.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Credentials is the "Enter the app's credentials" screen.
type Credentials struct{ env *Env }

// NewCredentials builds the screen.
func NewCredentials(env *Env, t storage.AuthType) *Credentials { return &Credentials{env: env} }

// Init implements Step.
func (s *Credentials) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *Credentials) Update(msg tea.Msg) (Step, tea.Cmd) { return s, nil }

// View implements Step.
func (s *Credentials) View() string { return "Enter the app's credentials" }

// SetSize implements Step.
func (s *Credentials) SetSize(width, height int) {}

// Title implements Step.
func (s *Credentials) Title() string { return "Enter the app's credentials" }

// ShortHelp implements help.KeyMap.
func (s *Credentials) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (s *Credentials) FullHelp() [][]key.Binding { return nil }
