package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// fakeStep is a screen that records what the root does to it.
type fakeStep struct {
	name    string
	env     *steps.Env
	inits   int
	sizes   [][2]int
	got     []tea.Msg
	typing  bool
	authT   storage.AuthType
	creds   wizard.Creds
	cause   error
	result  *oauthflow.Result
	saved   wizard.Saved
	initCmd tea.Cmd
	refocus int
}

// refocusedMsg is what a fake screen's Refocus command yields.
type refocusedMsg struct{ name string }

func (f *fakeStep) Refocus() tea.Cmd {
	f.refocus++
	name := f.name
	return func() tea.Msg { return refocusedMsg{name} }
}

func (f *fakeStep) Init() tea.Cmd { f.inits++; return f.initCmd }

func (f *fakeStep) Update(msg tea.Msg) (steps.Step, tea.Cmd) {
	f.got = append(f.got, msg)
	return f, nil
}

func (f *fakeStep) View() string { return "body of " + f.name }

func (f *fakeStep) SetSize(w, h int) { f.sizes = append(f.sizes, [2]int{w, h}) }

func (f *fakeStep) Title() string { return "Fake " + f.name }

func (f *fakeStep) Typing() bool { return f.typing }

func (f *fakeStep) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "fake "+f.name))}
}

// FullHelp implements help.KeyMap: a column of two, as a real screen's
// full help is taller than its short one.
func (f *fakeStep) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(f.ShortHelp(), key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "more "+f.name)))}
}

// lastSize is the most recent SetSize, or 0x0.
func (f *fakeStep) lastSize() [2]int {
	if len(f.sizes) == 0 {
		return [2]int{}
	}
	return f.sizes[len(f.sizes)-1]
}

// fakes builds fake screens and remembers every one it built, in order.
type fakes struct{ built []*fakeStep }

func (fs *fakes) add(name string, env *steps.Env) *fakeStep {
	f := &fakeStep{name: name, env: env}
	fs.built = append(fs.built, f)
	return f
}

// count is how many screens called name were built.
func (fs *fakes) count(name string) int {
	n := 0
	for _, f := range fs.built {
		if f.name == name {
			n++
		}
	}
	return n
}

func (fs *fakes) screens() Screens {
	return Screens{
		Welcome:  func(e *steps.Env) steps.Step { return fs.add("welcome", e) },
		AuthType: func(e *steps.Env) steps.Step { return fs.add("authtype", e) },
		Credentials: func(e *steps.Env, t storage.AuthType) steps.Step {
			f := fs.add("credentials", e)
			f.authT = t
			return f
		},
		ResumeSecret: func(e *steps.Env, r wizard.Creds) steps.Step {
			f := fs.add("resume-secret", e)
			f.creds = r
			return f
		},
		Authorize: func(e *steps.Env, c wizard.Creds) steps.Step {
			f := fs.add("authorize", e)
			f.creds = c
			return f
		},
		Preapproval: func(e *steps.Env, c wizard.Creds, err error) steps.Step {
			f := fs.add("preapproval", e)
			f.creds, f.cause = c, err
			return f
		},
		Scopes: func(e *steps.Env, c wizard.Creds, r *oauthflow.Result) steps.Step {
			f := fs.add("scopes", e)
			f.creds, f.result = c, r
			return f
		},
		Identity: func(e *steps.Env, c wizard.Creds, r *oauthflow.Result) steps.Step {
			f := fs.add("identity", e)
			f.creds, f.result = c, r
			return f
		},
		Done: func(e *steps.Env, s wizard.Saved) steps.Step {
			f := fs.add("done", e)
			f.saved = s
			return f
		},
	}
}

// newFakeRoot returns a root on fake screens, sized 80x24 and initialised.
func newFakeRoot(t *testing.T, env *steps.Env) (*Model, *fakes) {
	t.Helper()
	if env == nil {
		env = &steps.Env{Ctx: t.Context()}
	}
	fs := &fakes{}
	m := New(env, WithScreens(fs.screens()))
	m.Init()
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m, fs
}

// cur is the active fake screen.
func cur(t *testing.T, m *Model) *fakeStep {
	t.Helper()
	f, ok := m.Step().(*fakeStep)
	if !ok {
		t.Fatalf("active step is %T", m.Step())
	}
	return f
}

// send feeds msgs to the root one after the other and returns the last
// command.
func send(m *Model, msgs ...tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	for _, msg := range msgs {
		_, cmd = m.Update(msg)
	}
	return cmd
}

// isQuit reports whether cmd yields tea.QuitMsg.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		_, ok := msg.(tea.QuitMsg)
		return ok
	case <-time.After(10 * time.Second): // a wait for the command, not a speed check
		return false
	}
}

// plainView is the root's view without ANSI styling.
func plainView(m *Model) string { return ansi.Strip(m.View().Content) }

// mustContain fails for every want missing from got.
func mustContain(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("view lacks %q:\n%s", w, got)
		}
	}
}

// testCreds are the credentials of the router tests.
var testCreds = wizard.Creds{App: oauthflow.App{ClientID: "AbC123dEf456GhI789jK"}, ExpectedEmail: "ada@example.com"}

// canceled reports whether ctx is done.
func canceled(ctx context.Context) bool { return ctx.Err() != nil }
