package steps

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestBusyMarkMovesWithTheSecond: one frame per second of the clock, still
// within a second and before a wait has a clock.
func TestBusyMarkMovesWithTheSecond(t *testing.T) {
	at := time.Date(2026, 12, 2, 18, 0, 0, 0, time.UTC)
	if busyMark(at) == busyMark(at.Add(time.Second)) {
		t.Error("the mark did not move from one second to the next")
	}
	if busyMark(at) != busyMark(at.Add(900*time.Millisecond)) {
		t.Error("the mark moved within a second")
	}
	if busyMark(time.Time{}) != busyMark(time.Time{}) || strings.TrimSpace(busyMark(time.Time{})) == "" {
		t.Errorf("the mark before a clock is %q", busyMark(time.Time{}))
	}
}

// TestAuthorizeWaitingRedrawsOnlyOnItsClock: while waiting for the
// browser the screen changes when its once-a-second clock ticks, and a
// spinner's tick (what drove ten redraws a second) neither changes it nor
// schedules another.
func TestAuthorizeWaitingRedrawsOnlyOnItsClock(t *testing.T) {
	now := time.Date(2026, 12, 2, 18, 0, 0, 0, time.UTC)
	env := &Env{Styles: NewStyles(true), Keys: DefaultKeyMap(nil), W: &wizard.Config{Now: func() time.Time { return now }}}
	a := NewAuthorize(env, wizard.Creds{App: oauthflow.App{ClientID: "id"}})
	a.phase, a.attempt, a.started, a.now = phaseWaiting, 1, now, now
	a.session = &oauthflow.Session{AuthURL: "https://zoom.us/oauth/authorize?client_id=id", Deadline: now.Add(5 * time.Minute)}
	a.SetSize(80, 24)
	before := a.View()
	if _, cmd := a.Update(spinner.TickMsg{}); cmd != nil {
		t.Error("a spinner tick scheduled a command on the waiting screen")
	}
	if a.View() != before {
		t.Error("a spinner tick changed the waiting screen")
	}
	now = now.Add(time.Second)
	_, cmd := a.Update(authTickMsg{attempt: 1})
	if cmd == nil {
		t.Error("the clock did not schedule its next tick")
	}
	after := a.View()
	if after == before {
		t.Error("the clock's tick did not change the waiting screen")
	}
	if !strings.Contains(after, "0:01") {
		t.Errorf("the waiting screen after one second does not show 0:01:\n%s", after)
	}
}
