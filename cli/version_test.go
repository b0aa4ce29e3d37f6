package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/internal/buildinfo"
)

func TestVersion(t *testing.T) {
	info := buildinfo.Info{Version: "1.2.3", Commit: "0123456789abcdef0123456789abcdef01234567", Date: "2026-11-01T12:00:00Z",
		Go: "go1.26.8", Platform: "linux/amd64"}
	setup := func(o *rootOptions) { o.build = info }
	// A broken environment that stops other commands must not stop these.
	env := map[string]string{envProfile: "no/slashes"}
	if r := runCLIWith(t, testStore(t), env, "", setup, "status"); r.code != ExitUsage {
		t.Fatalf("status with %s=no/slashes: exit %d, want the usage error this test relies on", envProfile, r.code)
	}
	want := "zoomconnect 1.2.3 (commit 0123456789ab, 2026-11-01T12:00:00Z; go1.26.8 linux/amd64)\n"
	for _, args := range [][]string{{"--version"}, {"-v"}, {"version"}} {
		r := runCLIWith(t, testStore(t), env, "", setup, args...)
		if r.code != 0 || r.stdout != want || r.stderr != "" {
			t.Errorf("%v: exit %d\nstdout %q\nwant   %q\nstderr %q", args, r.code, r.stdout, want, r.stderr)
		}
	}
	r := runCLIWith(t, testStore(t), env, "", setup, "version", "--json")
	var got map[string]any // issue 10: the JSON contract's "schema": 1 first
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 || got["schema"] != float64(1) {
		t.Fatalf("version --json: exit %d, %v\n%s", r.code, err, r.stdout)
	}
	wantJSON := map[string]string{"version": "1.2.3", "commit": info.Commit, "date": info.Date, "go": "go1.26.8", "platform": "linux/amd64"}
	if len(got) != len(wantJSON)+1 {
		t.Errorf("version --json fields = %v, want exactly %v", got, wantJSON)
	}
	for k, v := range wantJSON {
		if got[k] != v {
			t.Errorf("version --json %s = %q, want %q", k, got[k], v)
		}
	}
}

// Without a build from Main (tests), the version is the test binary's own
// and still never "unknown".
func TestVersionOfAnUnstampedBuild(t *testing.T) {
	r := runCLI(t, testStore(t), nil, "", "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "zoomconnect ") || strings.Contains(r.stdout, "unknown") {
		t.Errorf("version: exit %d, stdout %q", r.code, r.stdout)
	}
}
