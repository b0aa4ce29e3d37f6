package steps

// PLACEHOLDER: replaced by the owner of this screen.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// AdminChecklist is the "Pre-approve an app for your users" screen.
type AdminChecklist struct{ env *Env }

// NewAdminChecklist builds the screen.
func NewAdminChecklist(env *Env) *AdminChecklist { return &AdminChecklist{env: env} }

// Init implements Step.
func (s *AdminChecklist) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *AdminChecklist) Update(msg tea.Msg) (Step, tea.Cmd) { return s, nil }

// View implements Step.
func (s *AdminChecklist) View() string { return "Pre-approve an app for your users" }

// SetSize implements Step.
func (s *AdminChecklist) SetSize(width, height int) {}

// Title implements Step.
func (s *AdminChecklist) Title() string { return "Pre-approve an app for your users" }

// ShortHelp implements help.KeyMap.
func (s *AdminChecklist) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (s *AdminChecklist) FullHelp() [][]key.Binding { return nil }
