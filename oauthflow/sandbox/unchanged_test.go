package sandbox_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// TestStateFileIsNotRewrittenWhenNothingChanged: starting a sandbox on an
// existing state file, and requests that change nothing, leave the file
// as it is (no new file renamed over it, so no write and no fsync); a
// change writes it.
func TestStateFileIsNotRewrittenWhenNothingChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	first := start(t, sandbox.Options{StateFile: path})
	connect(t, first)
	first.Close()
	stat := func() os.FileInfo {
		t.Helper()
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	saved := stat()
	srv := start(t, sandbox.Options{StateFile: path}) // the saved scenario: nothing to change
	_ = srv.Scenario()
	if !os.SameFile(saved, stat()) {
		t.Error("starting a sandbox on its state file rewrote it, though nothing changed")
	}
	saved = stat()
	srv.ExpireAccessTokens()
	if os.SameFile(saved, stat()) {
		t.Fatal("expiring the access tokens did not write the state file")
	}
	saved = stat()
	srv.ExpireAccessTokens() // all expired already
	if !os.SameFile(saved, stat()) {
		t.Error("a change to nothing rewrote the state file")
	}
	srv.SetScenario(sandbox.ScenarioDeny)
	if b, err := os.ReadFile(path); err != nil || os.SameFile(saved, stat()) || !strings.Contains(string(b), `"scenario": "deny"`) {
		t.Errorf("the scenario change was not written (%v):\n%s", err, b)
	}
}
