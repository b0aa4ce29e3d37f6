package steps

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestWelcomeNamesSandboxScenario: under --sandbox the welcome screen names
// the scenario that persists across runs and how to change it; with no
// scenario set it adds nothing.
func TestWelcomeNamesSandboxScenario(t *testing.T) {
	env := testEnv(t)
	env.W.Sandbox = &wizard.Sandbox{Scenario: "deny", DefaultScenario: "approve",
		Summary: "every consent decision redirects back with error=access_denied"}
	s := NewWelcome(env)
	s.SetSize(80, 24)
	mustContain(t, plain(s), "Sandbox scenario: deny — every consent decision redirects back with error=access_denied",
		"change with --sandbox-scenario approve")
	env.W.Sandbox.Scenario = ""
	if v := plain(s); strings.Contains(v, "Sandbox scenario") {
		t.Errorf("a scenario line with no scenario set:\n%s", v)
	}
}

// TestWelcomeResumeWordedByReason: a pending attempt saved after a plain
// timeout is offered as "stopped while waiting for the browser", not as a
// confirmed pre-approval wait; a pre-approval one keeps that wording.
func TestWelcomeResumeWordedByReason(t *testing.T) {
	for reason, want := range map[string]string{
		"kind:timeout":          "stopped while waiting for the browser",
		"preapproval:required":  "waiting for admin pre-approval",
		"preapproval":           "waiting for admin pre-approval",
		"preapproval:admin_app": "waiting for an admin to install the app",
	} {
		p := testPending()
		p.Reason = reason
		s := welcomeResuming(t, p)
		s.SetSize(80, 24)
		v := flat(plain(s))
		if !strings.Contains(v, "Resume where you stopped ("+want) {
			t.Errorf("reason %q: resume offer lacks %q:\n%s", reason, want, v)
		}
		if reason == "kind:timeout" && strings.Contains(v, "pre-approval") {
			t.Errorf("a timeout is offered as a pre-approval wait:\n%s", v)
		}
	}
}
