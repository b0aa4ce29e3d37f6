package cli

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/internal/buildinfo"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// go test ./cli/ -run Golden -update rewrites testdata/golden/.
var update = flag.Bool("update", false, "rewrite the golden JSON files")

// goldenClock is the fixed time of the golden runs.
var goldenClock = time.Date(2026, 5, 4, 12, 30, 0, 0, time.UTC)

// goldenStore holds two saved connections (one in a plaintext file, one
// needing reconnect), a replaced profile's note and an attempt waiting for
// pre-approval, all at goldenClock.
func goldenStore(t *testing.T) *storage.Store {
	t.Helper()
	st := testStore(t)
	res := &oauthflow.Result{Token: &oauth2.Token{AccessToken: "at", RefreshToken: "rt", TokenType: "bearer",
		Expiry: goldenClock.Add(45 * time.Minute)}, Scopes: strings.Fields("meeting:write:meeting cloud_recording:read:list_user_recordings user:read:user")}
	saveConnection(t, st, "default", "https://zoom.us", storage.BackendKeyring, res)
	saveConnection(t, st, "work", "https://zoom.us", storage.BackendFile, res)
	p, _ := st.LoadProfile("work")
	p.ReconnectReason, p.LastRefresh, p.LastRefreshResult = "another sign-in replaced this connection (4741)", goldenClock.Add(-time.Hour), "oauth:4741"
	if err := st.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	if err := st.SavePending(context.Background(), storage.Pending{Profile: "team", AuthType: storage.AuthOrgApp, AppName: "Acme Zoom",
		ClientID: "AcmeClient01", AuthBaseURL: "https://zoom.us", Stage: "preapproval", Reason: "preapproval:required",
		CreatedAt: goldenClock.Add(-3 * time.Hour)}, ""); err != nil {
		t.Fatal(err)
	}
	if err := st.SetDefaultProfile("default"); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestGoldenJSON holds the shape of each command's --json (the JSON
// contract, package schema) in English and in French runs with a fixed
// clock: testdata/golden/COMMAND.LANG.json.
func TestGoldenJSON(t *testing.T) {
	st := goldenStore(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"list", []string{"list", "--json"}},
		{"status", []string{"status", "--offline", "--json"}},
		{"errors", []string{"errors", "4741", "--json"}},
		{"version", []string{"version", "--json"}},
	} {
		for _, lang := range []string{"en", "fr"} {
			setup := func(o *rootOptions) {
				o.Now = func() time.Time { return goldenClock }
				o.build = buildinfo.Info{Version: "1.2.3", Commit: "0123456789abcdef0123456789abcdef01234567",
					Date: "2026-05-01T10:00:00Z", Go: "go1.26.8", Platform: "linux/amd64"}
			}
			r := runCLIWith(t, st, nil, "", setup, append([]string{"--lang", lang}, c.args...)...)
			got := strings.NewReplacer(st.ConfigDir, "$CONFIG", st.DataDir, "$DATA", st.StateDir, "$STATE").Replace(r.stdout)
			path := filepath.Join("testdata", "golden", c.name+"."+lang+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./cli/ -run Golden -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s --lang %s: --json differs from %s (exit %d, stderr %s):\n%s", c.name, lang, path, r.code, r.stderr, got)
			}
		}
	}
}
