package steps

// PLACEHOLDER: replaced by the owner of this screen.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// Scopes is the "Review the granted scopes" screen.
type Scopes struct{ env *Env }

// NewScopes builds the screen.
func NewScopes(env *Env, c CredentialsDoneMsg, r *oauthflow.Result) *Scopes { return &Scopes{env: env} }

// Init implements Step.
func (s *Scopes) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *Scopes) Update(msg tea.Msg) (Step, tea.Cmd) { return s, nil }

// View implements Step.
func (s *Scopes) View() string { return "Review the granted scopes" }

// SetSize implements Step.
func (s *Scopes) SetSize(width, height int) {}

// Title implements Step.
func (s *Scopes) Title() string { return "Review the granted scopes" }

// ShortHelp implements help.KeyMap.
func (s *Scopes) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (s *Scopes) FullHelp() [][]key.Binding { return nil }
