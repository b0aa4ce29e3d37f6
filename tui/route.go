package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// apply hands a screen's event to the flow and shows what it says comes
// next. Events the flow ignores (stale ones) change nothing.
func (m *Model) apply(ev wizard.Event) tea.Cmd {
	if m.quitting {
		return nil
	}
	abandon := m.abandonOnStartOver(ev)
	move, ok := m.flow.Apply(ev)
	if !ok {
		return nil
	}
	if move.Quit {
		return m.quit()
	}
	return tea.Batch(abandon, m.show(move))
}

// abandonOnStartOver is the command that revokes the fresh, unsaved tokens
// a start over forgets (the flow drops what was gathered): nothing else
// would ever find them. Nil for any other event, or when there are none.
func (m *Model) abandonOnStartOver(ev wizard.Event) tea.Cmd {
	d := m.flow.Data()
	if _, ok := ev.(wizard.StartOver); !ok || d.Result == nil || d.Saved != nil || d.Creds == nil {
		return nil
	}
	ctx, cfg, creds, res := m.env.Ctx, m.env.W, *d.Creds, d.Result
	return func() tea.Msg {
		wizard.Abandon(ctx, cfg, creds, res)
		return nil
	}
}

// show makes the screen stack match move: the history keeps move.Keep
// screens, then either a fresh screen of move.Stage is built and
// activated, or (going back) the screen kept at that place is shown again
// as it was left (typed text kept), without a second Init; a
// steps.Refocuser gets Refocus instead, to restart its cursor blink.
// Discarded screens have their context canceled.
func (m *Model) show(move wizard.Move) tea.Cmd {
	if !move.Fresh && move.Keep < len(m.history) {
		m.cur.cancel()
		prev := m.history[move.Keep]
		m.discardHistory(move.Keep + 1)
		m.history = m.history[:move.Keep]
		m.cur = prev
		m.cur.step.SetSize(m.bodySize())
		if r, ok := m.cur.step.(steps.Refocuser); ok {
			return r.Refocus()
		}
		return nil
	}
	if len(m.history) < move.Keep {
		m.history = append(m.history, m.cur)
	} else {
		m.cur.cancel()
	}
	m.discardHistory(move.Keep)
	m.history = m.history[:min(move.Keep, len(m.history))]
	return m.activate(m.build(move.Stage))
}

// discardHistory cancels the remembered screens from index n on.
func (m *Model) discardHistory(n int) {
	for _, e := range m.history[min(n, len(m.history)):] {
		e.cancel()
	}
}

// build makes the screen of stage st under its own context, derived from
// the root's and canceled when the screen is discarded.
func (m *Model) build(st wizard.Stage) entry {
	ctx, cancel := context.WithCancel(m.env.Ctx)
	e := *m.env
	e.Ctx = ctx
	return entry{stage: st, step: m.screens.screen(st, &e, m.flow.Data()), cancel: cancel}
}

// activate makes e the active screen, gives it the body size and returns
// its Init command (Bubble Tea never calls Init on a child).
func (m *Model) activate(e entry) tea.Cmd {
	m.cur = e
	e.step.SetSize(m.bodySize())
	return e.step.Init()
}
