package cli

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage/storagetest"
)

// A connection whose keyring does not answer: status (live or offline)
// fails as a storage failure, exit 7 (it was 1), says no "ok", and its
// fix is to bring the keyring back (`zoomconnect doctor` checks it), not
// a new sign-in, which would not bring it back and would end this
// authorization at Zoom. Found by the e2e fault suite (TestFaultKeyringAbsent).
func TestStatusWithKeyringUnreachableExits7(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	st.Keyring.(*storagetest.Keyring).Fail(errNoBus)
	for _, args := range [][]string{{"status"}, {"status", "--offline"}, {"status", "--json"}} {
		r := runCLI(t, st, nil, "", args...)
		if r.code != ExitStorage {
			t.Errorf("%v: exit %d, want %d\n%s%s", args, r.code, ExitStorage, r.stdout, r.stderr)
		}
		if strings.Contains(r.stdout, "\n  \"ok\": true") || strings.Contains(r.stdout, "fix: zoomconnect login") || strings.Contains(r.stdout, `"fix": "zoomconnect login"`) {
			t.Errorf("%v: ok, or a new sign-in as the fix:\n%s", args, r.stdout)
		}
		if !strings.Contains(r.stdout, "start or unlock the system keyring") || !strings.Contains(r.stdout, "zoomconnect doctor") {
			t.Errorf("%v: the fix does not name the keyring and doctor:\n%s", args, r.stdout)
		}
	}
}
