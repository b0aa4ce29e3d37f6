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
	move, ok := m.flow.Apply(ev)
	if !ok {
		return nil
	}
	if move.Quit {
		return m.quit()
	}
	return m.show(move)
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
