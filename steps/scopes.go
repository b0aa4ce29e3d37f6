package steps

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Scopes is the "Review the granted scopes" screen: what zoomconnect needs
// against what Zoom granted (wizard.ReviewScopes), in a viewport that
// scrolls when the review is taller than the screen.
type Scopes struct {
	env     *Env
	creds   wizard.Creds
	result  *oauthflow.Result
	vp      viewport.Model
	pane    scrollPane // what vp scrolls, drawn
	scrolls bool       // the review is taller than the screen
	width   int
	height  int
}

// NewScopes builds the screen from the token response r.
func NewScopes(env *Env, c wizard.Creds, r *oauthflow.Result) *Scopes {
	if env.W == nil {
		e := *env
		e.W = wizard.Config{}.WithDefaults()
		env = &e
	}
	s := &Scopes{env: env, creds: c, result: r, vp: viewport.New()}
	s.vp.SoftWrap = false // the layout wraps the content at the width
	s.vp.KeyMap = env.Keys.Scroll.Viewport()
	s.SetSize(80, 20)
	return s
}

// Init implements Step.
func (s *Scopes) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *Scopes) Update(msg tea.Msg) (Step, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, s.env.Keys.Scopes.Continue):
			return s, Emit(wizard.ScopesAccepted{})
		case key.Matches(k, s.env.Keys.Scopes.Back):
			return s, Emit(wizard.Back{})
		}
	}
	var cmd tea.Cmd
	s.vp, cmd = s.vp.Update(msg)
	return s, cmd
}

// View implements Step.
func (s *Scopes) View() string {
	if s.scrolls {
		return s.pane.view(&s.vp) + "\n" + scrollLine(s.env, s.vp.ScrollPercent())
	}
	return s.pane.content
}

// review is the wizard's scope review, naming this screen's keys.
func (s *Scopes) review() wizard.ScopeReview {
	k := s.env.Keys.Scopes
	return wizard.ReviewScopes(s.env.W, s.creds, s.result,
		wizard.ScopeKeys{Continue: k.Continue.Help().Key, Back: k.Back.Help().Key})
}

// SetSize implements Step.
func (s *Scopes) SetSize(width, height int) {
	s.width, s.height = width, height
	content := s.env.Styles.Render(s.review().Page().Blocks, max(width, 1), nil)
	s.scrolls = height > 1 && fitRows(content, width) > height
	s.vp.SetWidth(max(width, 1))
	s.vp.SetHeight(max(height-boolInt(s.scrolls), 1))
	s.pane.set(&s.vp, content)
}

// Title implements Step.
func (s *Scopes) Title() string { return s.env.W.T.T("scopes.title") }

// ShortHelp implements help.KeyMap.
func (s *Scopes) ShortHelp() []key.Binding {
	k := s.env.Keys.Scopes
	return []key.Binding{k.Continue, k.Back}
}

// FullHelp implements help.KeyMap: the scroll keys only when the review
// scrolls (elsewhere they do nothing).
func (s *Scopes) FullHelp() [][]key.Binding {
	if !s.scrolls {
		return [][]key.Binding{s.ShortHelp()}
	}
	k := s.env.Keys.Scroll
	return [][]key.Binding{s.ShortHelp(), {k.Up, k.Down}}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
