package tui

import (
	"errors"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestDeclineBackThenQuitReportsDecline: Deny in the browser, esc back to
// the credentials screen, ctrl+c there: the outcome is still the decline
// (the CLI's exit code 3), not a bare cancel, and the last frame says so.
func TestDeclineBackThenQuitReportsDecline(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioDeny, approve: true})
	s.toAuthorize()
	s.waitFor("You chose not to allow access")
	s.press("\x1b")
	s.waitFor("Your organization's app")
	s.press("\x03")
	_, err := s.outcome()
	assertFailedOutcome(t, err, oauthflow.KindDeclined)
	// The outcome (the decline) is printed once, by the caller (cli's
	// quitLines, tested there); the last frame must not say it again.
	if v := s.m.View().Content; strings.Contains(v, "no connection was saved") {
		t.Errorf("last frame repeats the outcome the caller prints: %q", v)
	}
}

// TestDeclineRetryThenQuitWhileWaiting: after a decline, r starts a new
// attempt; quitting while it waits still reports the decline.
func TestDeclineRetryThenQuitWhileWaiting(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioDeny, approve: true})
	s.toAuthorize()
	s.waitFor("You chose not to allow access")
	s.br.SetApprove(false) // the retry waits for a browser nobody looks at
	s.press("r")
	s.waitFor("Waiting for Zoom")
	s.press("q")
	_, err := s.outcome()
	assertFailedOutcome(t, err, oauthflow.KindDeclined)
}

// TestDeclineThenSuccessClearsFailure: a decline, then r and an approval:
// the failure is forgotten, so quitting on the scopes screen is a plain
// cancel, not the decline.
func TestDeclineThenSuccessClearsFailure(t *testing.T) {
	s := startScenario(t, scenarioOpts{scenario: sandbox.ScenarioDeny, approve: true})
	s.toAuthorize()
	s.waitFor("You chose not to allow access")
	s.srv.SetScenario(sandbox.ScenarioApprove)
	s.press("r")
	s.waitFor("Review the granted scopes")
	s.press("\x03")
	_, err := s.outcome()
	var fe *wizard.FailedError
	if errors.As(err, &fe) || !errors.Is(err, wizard.ErrCanceled) {
		t.Fatalf("outcome %v (%T), want a plain wizard.ErrCanceled after a later success", err, err)
	}
}
