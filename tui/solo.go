package tui

import (
	"context"
	"os"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// solo runs one screen on its own, with no wizard around it: the frame
// (header and help line), ctrl+c, resizing and quitting on QuitMsg or
// BackMsg. `zoomconnect admin preapproval` runs the admin checklist in it.
type solo struct {
	env      *steps.Env
	cancel   context.CancelFunc
	step     steps.Step
	help     help.Model
	theme    steps.Theme
	width    int
	height   int
	quitting bool
	canceled bool
}

// newSolo builds a solo model around the screen ctor returns; env is
// copied and completed as in New.
func newSolo(env *steps.Env, ctor func(*steps.Env) steps.Step) *solo {
	e := *env
	fillDefaults(&e)
	m := &solo{env: &e, help: help.New()}
	m.help.Styles = e.Styles.HelpStyles()
	e.Ctx, m.cancel = context.WithCancel(e.Ctx)
	m.step = ctor(&e)
	return m
}

// Init implements tea.Model.
func (m *solo) Init() tea.Cmd { return tea.Batch(tea.RequestBackgroundColor, m.step.Init()) }

// Update implements tea.Model.
func (m *solo) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg, tea.ColorProfileMsg:
		if m.theme.Update(msg) {
			*m.env.Styles = *m.theme.Styles()
			m.help.Styles = m.env.Styles.HelpStyles()
			m.resize(m.width, m.height)
		}
	case tea.KeyPressMsg:
		if m.env.Keys.QuitKey(msg, m.typing()) {
			// q leaves like the screen's own close key; ctrl+c cancels.
			m.canceled = msg.Text == ""
			return m, m.quit()
		}
		if key.Matches(msg, m.env.Keys.Help) {
			m.help.ShowAll = !m.help.ShowAll
			m.resize(m.width, m.height)
			return m, nil
		}
	case wizard.Quit, wizard.Back:
		return m, m.quit()
	}
	next, cmd := m.step.Update(msg)
	if next != nil {
		m.step = next
	}
	return m, cmd
}

// typing reports whether the screen has a focused text field.
func (m *solo) typing() bool {
	t, ok := m.step.(steps.Typing)
	return ok && t.Typing()
}

func (m *solo) quit() tea.Cmd {
	m.quitting = true
	m.cancel()
	return tea.Quit
}

func (m *solo) resize(w, h int) {
	m.width, m.height = w, h
	m.help.SetWidth(max(0, w-m.env.Styles.App.GetHorizontalFrameSize()))
	m.step.SetSize(frameBody(m.env.Styles, m.env.Styles.HelpView(m.help, m.keys()), w, h))
}

func (m *solo) keys() help.KeyMap {
	return helpKeys{step: m.step, quit: m.env.Keys.Quit, more: m.env.Keys.Help}
}

// View implements tea.Model; it draws inline, like the wizard (see
// Model.View), so the checklist stays in the scrollback after quitting.
func (m *solo) View() tea.View {
	if m.quitting {
		return tea.NewView(frame(m.env.Styles, m.step.Title(), "", m.step.View(), "", m.width, m.height) + "\n")
	}
	return tea.NewView(frame(m.env.Styles, m.step.Title(), "", m.step.View(), m.env.Styles.HelpView(m.help, m.keys()), m.width, m.height))
}

// RunChecklist runs the admin pre-approval checklist as its own program
// (drawn on os.Stderr unless opts say otherwise). It returns nil when the
// admin quits with q or esc, wizard.ErrCanceled on ctrl+c or when ctx ends.
func RunChecklist(ctx context.Context, env *steps.Env, opts ...tea.ProgramOption) error {
	e := *env
	e.Ctx = ctx
	m := newSolo(&e, func(e *steps.Env) steps.Step { return steps.NewAdminChecklist(e) })
	defer m.cancel()
	if _, err := runProgram(ctx, m, profileOf(os.Stderr), opts); err != nil {
		return err
	}
	if m.canceled {
		return wizard.ErrCanceled
	}
	return nil
}
