package cli

import (
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// status --quiet prints nothing, on either stream, and its exit status is
// the one status would have: a first-login hook runs
// `zoomconnect status --quiet || zoomconnect login`.
func TestStatusQuiet(t *testing.T) {
	silent := func(t *testing.T, what string, r cliResult, code int) {
		t.Helper()
		if r.code != code || r.stdout != "" || r.stderr != "" {
			t.Errorf("%s: exit %d (want %d)\nstdout %q\nstderr %q", what, r.code, code, r.stdout, r.stderr)
		}
	}
	st := testStore(t)
	silent(t, "no connection", runCLI(t, st, nil, "", "status", "--quiet"), ExitFailure)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	silent(t, "a working connection", runCLI(t, st, nil, "", "status", "-q"), ExitOK)

	st = testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioRevoked)
	_ = runCLI(t, st, nil, "", "status") // the first users/me still succeeds
	r := runCLI(t, st, nil, "", "status")
	if r.code != ExitReconnect || r.stdout == "" {
		t.Fatalf("status of a revoked connection: exit %d, stdout %q; the quiet check below relies on both", r.code, r.stdout)
	}
	silent(t, "a revoked connection", runCLI(t, st, nil, "", "status", "--quiet"), ExitReconnect)

	if r := runCLI(t, st, nil, "", "status", "--quiet", "--json"); r.code != ExitUsage {
		t.Errorf("--quiet --json: exit %d, want %d (they contradict each other)", r.code, ExitUsage)
	}
}
