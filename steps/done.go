package steps

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/wizard"
)

// Done is the last screen: the wizard's DonePage (who is connected, what
// was saved where, what it replaced, the next commands). Enter or q quits;
// with --yes it quits at once, its page left in the scrollback.
type Done struct {
	env    *Env
	saved  wizard.Saved
	width  int
	height int
}

// NewDone builds the screen for a saved connection.
func NewDone(env *Env, s wizard.Saved) *Done { return &Done{env: env, saved: s} }

// Init implements Step.
func (s *Done) Init() tea.Cmd {
	if s.env.W != nil && s.env.W.Yes() {
		return Emit(wizard.Quit{})
	}
	return nil
}

// Title implements Step.
func (s *Done) Title() string { return wizard.DonePage(s.env.W, s.saved).Title }

// SetSize implements Step.
func (s *Done) SetSize(width, height int) { s.width, s.height = width, height }

// Update implements Step.
func (s *Done) Update(msg tea.Msg) (Step, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(msg, s.env.Keys.Done.Finish) {
			return s, Emit(wizard.Quit{})
		}
	}
	return s, nil
}

// ProfilePath is where the profile file lives (wizard.ProfilePath).
func (s *Done) ProfilePath() string { return wizard.ProfilePath(s.env.W, s.saved.Profile.Name) }

// View implements Step.
func (s *Done) View() string {
	return s.env.Styles.Render(wizard.DonePage(s.env.W, s.saved).Blocks, max(s.width, 10), nil)
}

// Missing lists the required scopes the saved connection lacks (nil when
// Zoom reported no scopes at all: nothing to compare).
func (s *Done) Missing() []string { return wizard.DoneMissing(s.saved) }

// ShortHelp implements help.KeyMap.
func (s *Done) ShortHelp() []key.Binding {
	return []key.Binding{s.env.Keys.Done.Finish}
}

// FullHelp implements help.KeyMap.
func (s *Done) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
