package cli

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
)

// connections saves sandbox connections named names (the first is the
// default).
func connections(t *testing.T, names ...string) *storage.Store {
	t.Helper()
	st := testStore(t)
	for _, n := range names {
		sandboxConnection(t, st, n, sandbox.ScenarioApprove)
	}
	if err := st.SetDefaultProfile(names[0]); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestSwitchByName(t *testing.T) {
	st := connections(t, "default", "work")
	r := runCLI(t, st, nil, "", "switch", "work")
	if r.code != 0 || st.DefaultProfile() != "work" || !strings.Contains(r.stdout, "now work") {
		t.Fatalf("switch work: exit %d, default %s\n%s%s", r.code, st.DefaultProfile(), r.stdout, r.stderr)
	}
	if r := runCLI(t, st, nil, "", "token"); r.code != 0 {
		t.Errorf("token after the switch: exit %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, st, nil, "", "switch", "work"); r.code != 0 || !strings.Contains(r.stdout, "already") {
		t.Errorf("switch to the default: %d %s", r.code, r.stdout)
	}
	r = runCLI(t, st, nil, "", "switch", "nope")
	if r.code != ExitUsage || st.DefaultProfile() != "work" || !strings.Contains(r.stderr, "default, work") {
		t.Errorf("unknown name: exit %d, default %s\n%s", r.code, st.DefaultProfile(), r.stderr)
	}
	r = runCLI(t, st, nil, "", "--lang", "fr", "switch", "default")
	if r.code != 0 || !strings.Contains(r.stdout, "désormais default") {
		t.Errorf("French: %d %s", r.code, r.stdout)
	}
}

func TestSwitchWithoutName(t *testing.T) {
	st := connections(t, "default")
	if r := runCLI(t, st, nil, "", "switch"); r.code != 0 || !strings.Contains(r.stdout, "only saved connection") {
		t.Errorf("one connection: exit %d %s", r.code, r.stdout)
	}
	sandboxConnection(t, st, "work", sandbox.ScenarioApprove)
	if r := runCLI(t, st, nil, "", "switch"); r.code != 0 || st.DefaultProfile() != "work" {
		t.Errorf("two connections: exit %d, default %s; want the other one", r.code, st.DefaultProfile())
	}
	sandboxConnection(t, st, "zeta", sandbox.ScenarioApprove)
	r := runCLI(t, st, nil, "3\n", "switch")
	if r.code != 0 || st.DefaultProfile() != "zeta" || !strings.Contains(r.stderr, "2) work") || !strings.Contains(r.stderr, "(the default now)") {
		t.Errorf("picked 3: exit %d, default %s\n%s", r.code, st.DefaultProfile(), r.stderr)
	}
	if r := runCLI(t, st, nil, "", "switch"); r.code != 0 || st.DefaultProfile() != "zeta" || !strings.Contains(r.stdout, "stays zeta") {
		t.Errorf("Enter (EOF) keeps the default: exit %d, default %s %s", r.code, st.DefaultProfile(), r.stdout)
	}
	if r := runCLI(t, st, nil, "9\n", "switch"); r.code != ExitUsage || st.DefaultProfile() != "zeta" {
		t.Errorf("a wrong number: exit %d, default %s", r.code, st.DefaultProfile())
	}
}

func TestSwitchNone(t *testing.T) {
	r := runCLI(t, testStore(t), nil, "", "switch")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "zoomconnect login") {
		t.Errorf("no connection: exit %d\n%s", r.code, r.stderr)
	}
}

func TestSwitchCompletesProfileNames(t *testing.T) {
	st := connections(t, "default", "work", "weekend")
	opts := newRootOptions()
	opts.hooks.store = st
	got, dir := opts.completeProfileNames(nil, nil, "w")
	if strings.Join(got, " ") != "weekend work" || dir != cobra.ShellCompDirectiveNoFileComp {
		t.Errorf("completions %v", got)
	}
}

func TestStatusSaysHowToSwitchAndListsPending(t *testing.T) {
	st := connections(t, "default", "work")
	if err := st.SavePending(context.Background(), storage.Pending{Profile: "team", ClientID: sandbox.DemoClientID,
		AuthType: storage.AuthOrgApp, AuthBaseURL: storage.SandboxMarker, Stage: "preapproval", Reason: "preapproval:required",
		CreatedAt: time.Now().Add(-3 * time.Hour)}, ""); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, st, nil, "", "status", "--offline")
	r.stdout = strings.ReplaceAll(r.stdout, "\u00a0", " ")
	if r.code != 0 || !strings.Contains(r.stdout, "zoomconnect switch PROFILE") || !strings.Contains(r.stdout, "team: stopped 3 h ago") ||
		!strings.Contains(r.stdout, "zoomconnect login --sandbox --profile team") {
		t.Errorf("status: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, st, nil, "", "list")
	r.stdout = strings.ReplaceAll(r.stdout, "\u00a0", " ")
	if !strings.Contains(r.stdout, "team: stopped 3 h ago") || !strings.Contains(r.stdout, "zoomconnect logout --profile team") {
		t.Errorf("list lacks the pending attempt:\n%s", r.stdout)
	}
	var doc statusReport
	r = runCLI(t, st, nil, "", "status", "--offline", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc.Schema != 1 || doc.Default != "default" || len(doc.Pending) != 1 ||
		doc.Pending[0].Profile != "team" || doc.Pending[0].AgeSeconds < 3*3600 || doc.Pending[0].Cause != "preapproval:required" {
		t.Errorf("status --json (%v):\n%s", err, r.stdout)
	}
	if r := runCLI(t, st, nil, "", "status", "--offline", "--profile", "work", "--json"); strings.Contains(r.stdout, `"team"`) {
		t.Errorf("status --profile work shows another profile's attempt:\n%s", r.stdout)
	}
	r = runCLI(t, testStoreWithPendingOnly(t), nil, "", "status")
	if r.code != ExitFailure || !strings.Contains(r.stdout, "solo: stopped") {
		t.Errorf("no connection, one attempt: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

func testStoreWithPendingOnly(t *testing.T) *storage.Store {
	st := testStore(t)
	if err := st.SavePending(context.Background(), storage.Pending{Profile: "solo", ClientID: "cid", Stage: "preapproval"}, ""); err != nil {
		t.Fatal(err)
	}
	return st
}
