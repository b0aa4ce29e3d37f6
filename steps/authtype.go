package steps

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// AuthType is the "Choose how to connect" screen: the organization's app
// (disabled, with provisioning advice, when none is provisioned) or the
// user's own OAuth app.
type AuthType struct {
	env    *Env
	width  int
	height int
	cursor int // index into authChoices
	// notice is shown after enter on the disabled choice.
	notice string
}

// NewAuthType builds the screen. The focus starts on the organization's app
// when one is provisioned, else on "Bring your own".
func NewAuthType(env *Env) *AuthType {
	return &AuthType{env: env, cursor: wizard.AuthTypeCursor(env.W)}
}

// Init implements Step.
func (s *AuthType) Init() tea.Cmd { return nil }

// Title implements Step.
func (s *AuthType) Title() string { return s.env.W.T.T("authtype.title") }

// SetSize implements Step.
func (s *AuthType) SetSize(width, height int) { s.width, s.height = width, height }

// Focused is the auth type under the "> " marker.
func (s *AuthType) Focused() storage.AuthType { return wizard.AuthTypes()[s.cursor] }

// Update implements Step.
func (s *AuthType) Update(msg tea.Msg) (Step, tea.Cmd) { return onKeys(s, msg, s.handleKey) }

func (s *AuthType) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys.AuthType
	if c, ok := moveCursor(msg, k.Up, k.Down, s.cursor, len(wizard.AuthTypes())); ok {
		s.cursor, s.notice = c, ""
		return nil
	}
	switch {
	case key.Matches(msg, k.Back):
		return Emit(wizard.Back{})
	case key.Matches(msg, k.Choose):
		return s.choose()
	}
	return nil
}

func (s *AuthType) choose() tea.Cmd {
	ev, notice := wizard.ChooseAuthType(s.env.W, s.Focused())
	if notice != "" {
		s.notice = notice
		return nil
	}
	return Emit(ev)
}

// View implements Step.
func (s *AuthType) View() string {
	return s.env.Styles.Render(wizard.AuthTypePage(s.env.W, s.cursor, s.notice).Blocks, s.width, nil)
}

// ShortHelp implements help.KeyMap.
func (s *AuthType) ShortHelp() []key.Binding {
	k := s.env.Keys.AuthType
	return []key.Binding{k.Up, k.Down, k.Choose, k.Back}
}

// FullHelp implements help.KeyMap.
func (s *AuthType) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
