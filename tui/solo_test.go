package tui

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func newFakeSolo(t *testing.T) (*solo, *fakeStep) {
	var f *fakeStep
	m := newSolo(&steps.Env{Ctx: t.Context()}, func(e *steps.Env) steps.Step {
		f = &fakeStep{name: "checklist", env: e}
		return f
	})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m, f
}

func TestSoloFramesOneScreen(t *testing.T) {
	m, f := newFakeSolo(t)
	if f.lastSize() != [2]int{steps.ReadingWidth, 20} {
		t.Errorf("size %v", f.lastSize())
	}
	v := ansi.Strip(m.View().Content)
	mustContain(t, v, "zoomconnect · Fake checklist", "body of checklist", "fake checklist")
	if strings.Contains(v, "step ") {
		t.Error("a lone screen has no step count")
	}
	m.Update(keypress.Of("?"))
	if !m.help.ShowAll || f.lastSize()[1] >= 20 {
		t.Error("? did not open the full help")
	}
	m.Update(keypress.Of("j"))
	if len(f.got) != 1 {
		t.Errorf("screen got %v", f.got)
	}
}

func TestSoloQuits(t *testing.T) {
	for _, tc := range []struct {
		msg      tea.Msg
		canceled bool
	}{{keypress.Of("ctrl+c"), true}, {wizard.Quit{}, false}, {wizard.Back{}, false}} {
		m, f := newFakeSolo(t)
		_, cmd := m.Update(tc.msg)
		if !isQuit(cmd) || m.canceled != tc.canceled || f.env.Ctx.Err() == nil {
			t.Errorf("%T: quit=%v canceled=%v ctx=%v", tc.msg, isQuit(cmd), m.canceled, f.env.Ctx.Err())
		}
	}
}

func checklistOpts(input string) []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithInput(strings.NewReader(input)), tea.WithOutput(io.Discard),
		tea.WithWindowSize(80, 24), tea.WithColorProfile(colorprofile.Ascii), tea.WithoutSignals()}
}

func TestRunChecklistOutcome(t *testing.T) {
	if err := RunChecklist(t.Context(), &steps.Env{}, checklistOpts("jj q")...); err != nil {
		t.Errorf("q: %v", err)
	}
	if err := RunChecklist(t.Context(), &steps.Env{}, checklistOpts("j\x03")...); !errors.Is(err, wizard.ErrCanceled) {
		t.Errorf("ctrl+c: %v, want wizard.ErrCanceled", err)
	}
}

func TestChecklistProgramTicks(t *testing.T) {
	m := newSolo(&steps.Env{Ctx: t.Context()}, func(e *steps.Env) steps.Step { return steps.NewAdminChecklist(e) })
	p := tea.NewProgram(m, append(checklistOpts("jj x q"), tea.WithContext(t.Context()))...)
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		p.Kill()
		t.Fatal("checklist program did not quit on q")
	}
	c := m.step.(*steps.AdminChecklist)
	if id := assets.AdminChecklist()[2].ID; c.Cursor() != 2 || !c.Ticked(id) {
		t.Errorf("cursor %d, item 3 ticked=%v", c.Cursor(), c.Ticked(id))
	}
}
