package steps

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Welcome is the first screen: what zoomconnect does, what each way of
// connecting needs, and the promise that the Zoom password is typed only on
// zoom.us. When the profile has an attempt that stopped at the
// pre-approval wall, it offers to resume it or start over.
type Welcome struct {
	env    *Env
	width  int
	height int
	// cursor is the focused choice when a pending attempt is offered:
	// 0 = resume, 1 = start over.
	cursor int
	// pending is the attempt offered for resuming, secret its client
	// secret; checking is set while Init's command loads them.
	pending  *storage.Pending
	secret   string
	checking bool
	// early records an enter pressed while checking.
	early bool
}

// pendingLoadedMsg carries the pending attempt Init looked up (nil: none,
// or it could not be read; either way there is nothing to resume).
type pendingLoadedMsg struct {
	pending *storage.Pending
	secret  string
}

// NewWelcome builds the screen.
func NewWelcome(env *Env) *Welcome {
	return &Welcome{env: env}
}

// Init implements Step: it looks up a pending attempt of the profile in
// a command (the keyring may take seconds to answer); until then the
// screen says it is checking.
func (s *Welcome) Init() tea.Cmd {
	if s.pending != nil || s.env.W.Store == nil {
		return nil
	}
	s.checking = true
	ctx, cfg := s.env.Ctx, s.env.W
	return func() tea.Msg {
		p, secret := wizard.LoadPending(ctx, cfg)
		return pendingLoadedMsg{pending: p, secret: secret}
	}
}

// Checking reports that the lookup of a pending attempt is still running.
func (s *Welcome) Checking() bool { return s.checking }

// Title implements Step.
func (s *Welcome) Title() string { return s.env.W.T.T("welcome.title") }

// SetSize implements Step.
func (s *Welcome) SetSize(width, height int) { s.width, s.height = width, height }

// Resuming reports whether the screen offers to resume a pending attempt.
func (s *Welcome) Resuming() bool { return s.pending != nil }

// Cursor is the focused choice when resuming: 0 resume, 1 start over.
func (s *Welcome) Cursor() int { return s.cursor }

// Update implements Step.
func (s *Welcome) Update(msg tea.Msg) (Step, tea.Cmd) {
	if m, ok := msg.(pendingLoadedMsg); ok {
		s.checking, s.pending, s.secret, s.cursor = false, m.pending, m.secret, 0
		if s.early && s.pending == nil {
			return s, Emit(wizard.WelcomeDone{}) // enter came before the answer: nothing to choose, go on
		}
		return s, nil
	}
	return onKeys(s, msg, s.handleKey)
}

// choices is how many choices the screen offers: resume or start over, or
// only "begin".
func (s *Welcome) choices() int {
	if s.Resuming() {
		return 2
	}
	return 1
}

func (s *Welcome) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys.Welcome
	if s.checking {
		// The choices are not known yet (the lookup is bounded by the
		// keyring timeout). Enter is kept: with no attempt to resume it
		// goes on as soon as the answer comes; with one, the choice shows.
		s.early = s.early || key.Matches(msg, k.Begin)
		return nil
	}
	if c, ok := moveCursor(msg, k.Up, k.Down, s.cursor, s.choices()); ok {
		s.cursor = c
		return nil
	}
	switch {
	case key.Matches(msg, k.Begin):
		ev := wizard.WelcomeChoice(s.pending, s.secret, s.cursor)
		if s.Resuming() && s.cursor == 1 {
			return discardCmd(s.env.Ctx, s.env.W, ev)
		}
		return Emit(ev)
	}
	return nil
}

// View implements Step: the wizard's welcome page, then the lookup of an
// earlier attempt, its resume offer, or how to begin.
func (s *Welcome) View() string {
	c := s.env.W
	blocks := wizard.WelcomePage(c).Blocks
	switch {
	case s.checking:
		blocks = append(blocks, page.Note(c.T.T("welcome.checking")))
	case s.Resuming():
		blocks = append(blocks, wizard.ResumeBlocks(c, s.pending, s.cursor)...)
	default:
		blocks = append(blocks, page.Note(c.T.T("welcome.begin", "Key", s.env.Keys.Welcome.Begin.Help().Key)))
	}
	return s.env.Styles.Render(blocks, s.width, nil)
}

// ShortHelp implements help.KeyMap.
func (s *Welcome) ShortHelp() []key.Binding {
	switch {
	case s.checking:
		return nil
	case s.Resuming():
		return []key.Binding{s.env.Keys.Welcome.Up, s.env.Keys.Welcome.Down, s.env.Keys.Welcome.Begin}
	}
	return []key.Binding{s.env.Keys.Welcome.Begin}
}

// FullHelp implements help.KeyMap.
func (s *Welcome) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// discardCmd forgets the pending attempt the person chose not to resume,
// then goes on with ev: starting over must not leave the attempt to be
// offered again, or counted as waiting for pre-approval when they quit.
func discardCmd(ctx context.Context, cfg *wizard.Config, ev wizard.Event) tea.Cmd {
	return func() tea.Msg {
		_ = wizard.DiscardPending(ctx, cfg) // best effort: a leftover only offers the resume again
		return ev
	}
}
