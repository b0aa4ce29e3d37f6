package cli

import (
	"fmt"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

func TestScratchStatus(t *testing.T) {
	for _, sc := range []sandbox.Scenario{sandbox.ScenarioRevoked, sandbox.ScenarioDisabledByAdmin, sandbox.ScenarioRateLimit} {
		st := testStore(t)
		sandboxConnection(t, st, "default", sc)
		r := runCLI(t, st, nil, "", "status")
		r = runCLI(t, st, nil, "", "status")
		fmt.Printf("=== %s exit %d\n%s\n--stderr--\n%s\n", sc, r.code, r.stdout, r.stderr)
	}
	st := testStore(t)
	r := runCLI(t, st, nil, "", "doctor", "--offline")
	fmt.Printf("=== doctor exit %d\n%s\n--stderr--\n%s\n", r.code, r.stdout, r.stderr)
}
