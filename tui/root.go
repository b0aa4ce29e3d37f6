// Package tui is the wizard's root: a tea.Model that only routes between
// the screens of package steps. Screens report completion with
// wizard.Events; the root hands them to a wizard.Flow, which decides the
// next screen and the outcome, and keeps the screens to return to. It owns
// what no screen may touch: the context every command runs under, the
// window size, the help line and the styles.
package tui

import (
	"context"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Model is the wizard's root model. Build it with New; run it with Run.
type Model struct {
	env     *steps.Env
	cancel  context.CancelFunc
	screens Screens
	// flow decides which screen follows which event and how the run ends.
	flow *wizard.Flow

	cur     entry
	history []entry // screens to return to on Back, oldest first

	width, height int
	theme         steps.Theme // what the terminal reported of itself
	help          help.Model
	quitting      bool
	canceled      bool  // ctrl+c
	quitPending   bool  // ctrl+c during a save: quit once its result is in
	failure       error // the failed attempt on screen when the person quit
}

// entry is a screen with its stage and the cancel func of the context its
// commands run under (canceled when the screen is discarded).
type entry struct {
	stage  wizard.Stage
	step   steps.Step
	cancel context.CancelFunc
}

// Option configures a Model.
type Option func(*Model)

// WithScreens replaces the screen constructors (tests use fakes).
func WithScreens(s Screens) Option { return func(m *Model) { m.screens = s } }

// New returns the root model showing the flow's first screen: the
// welcome screen, or the first one the command line did not answer
// (wizard.NewFlow). It copies env and
// derives the copy's Ctx from env.Ctx (Background when nil) with a cancel
// the root owns: ctrl+c and quitting cancel it, so every command a screen
// started stops. Nil Styles and Keys get defaults.
func New(env *steps.Env, opts ...Option) *Model {
	e := *env
	fillDefaults(&e)
	m := &Model{env: &e, screens: DefaultScreens(), help: help.New(), flow: wizard.NewFlow(e.W)}
	m.help.Styles = e.Styles.HelpStyles()
	e.Ctx, m.cancel = context.WithCancel(e.Ctx)
	for _, o := range opts {
		o(m)
	}
	m.cur = m.build(m.flow.Stage())
	return m
}

// fillDefaults completes a copied Env. Styles are copied too: the root
// restyles in place on a background-colour report, never the caller's.
func fillDefaults(e *steps.Env) {
	if e.Ctx == nil {
		e.Ctx = context.Background()
	}
	if e.Styles == nil {
		e.Styles = steps.NewStyles(true)
	} else {
		st := *e.Styles
		e.Styles = &st
	}
	if e.W == nil {
		e.W = &wizard.Config{}
	}
	e.W = e.W.WithDefaults()
	if e.Keys == nil {
		e.Keys = steps.DefaultKeyMap(e.W.T)
	}
}

// Env is the environment the screens see (Ctx is the root's).
func (m *Model) Env() *steps.Env { return m.env }

// Step is the active screen.
func (m *Model) Step() steps.Step { return m.cur.step }

// Depth is how many screens Back can return through.
func (m *Model) Depth() int { return len(m.history) }

// Init implements tea.Model: it asks the terminal for its background colour
// and initialises the first screen.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.cur.step.Init())
}

// Update implements tea.Model. It handles size, colour and global keys,
// routes step messages, and hands everything else to the active screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.flow.Failed(m.curFailure())
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return nil
	case tea.BackgroundColorMsg, tea.ColorProfileMsg:
		if m.theme.Update(msg) {
			m.restyle()
		}
		return m.forward(msg)
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	}
	var cmd tea.Cmd
	if ev, ok := msg.(wizard.Event); ok {
		cmd = m.apply(ev)
	} else {
		cmd = m.forward(msg)
	}
	return m.quitIfSettled(cmd)
}

// quitIfSettled quits, along with cmd, once a ctrl+c that came during a
// save no longer has to wait: the save failed (nothing saved), or its
// SavedMsg was routed (the done screen is active and data.saved is set).
func (m *Model) quitIfSettled(cmd tea.Cmd) tea.Cmd {
	if !m.quitPending || m.quitting || m.committing() {
		return cmd
	}
	return tea.Batch(cmd, m.quit())
}

// committing reports whether the active screen runs a write that must not
// be abandoned halfway.
func (m *Model) committing() bool {
	c, ok := m.cur.step.(steps.Committing)
	return ok && c.Committing()
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.quitPending {
		return nil // ctrl+c was pressed; only the save's result is awaited
	}
	switch {
	case m.env.Keys.QuitKey(msg, m.typing()):
		m.canceled = true
		m.failure = m.curFailure()
		if m.committing() {
			// Canceling now would drop the saved event after the files
			// were written; the save is bounded by wizard.SaveTimeout.
			m.quitPending = true
			return nil
		}
		return m.quit()
	case key.Matches(msg, m.env.Keys.Help) && !m.typing():
		m.help.ShowAll = !m.help.ShowAll
		m.resize(m.width, m.height)
		return nil
	}
	return m.forward(msg)
}

// curFailure is the failed attempt the active screen shows, if any.
func (m *Model) curFailure() error {
	f, ok := m.cur.step.(steps.Failed) // false for a nil step
	if !ok {
		return nil
	}
	return f.Failure()
}

// typing reports whether the active screen has a focused text field.
func (m *Model) typing() bool {
	t, ok := m.cur.step.(steps.Typing) // false for a nil step
	return ok && t.Typing()
}

// forward hands msg to the active screen, which may replace itself.
func (m *Model) forward(msg tea.Msg) tea.Cmd {
	if m.quitting {
		return nil
	}
	next, cmd := m.cur.step.Update(msg)
	if next != nil {
		m.cur.step = next
	}
	return cmd
}

// quit cancels the root context (stopping every command, closing any
// loopback server) and ends the program.
func (m *Model) quit() tea.Cmd {
	m.quitting = true
	m.cancel()
	return tea.Quit
}

// restyle rebuilds the styles for the theme and has the screen lay itself
// out again (a screen may keep drawn text, e.g. in its viewport).
func (m *Model) restyle() {
	*m.env.Styles = *m.theme.Styles()
	m.help.Styles = m.env.Styles.HelpStyles()
	m.resize(m.width, m.height)
}

func (m *Model) resize(w, h int) {
	m.width, m.height = w, h
	m.help.SetWidth(max(0, w-m.env.Styles.App.GetHorizontalFrameSize()))
	m.cur.step.SetSize(m.bodySize())
}
