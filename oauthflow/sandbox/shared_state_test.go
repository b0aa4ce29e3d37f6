package sandbox_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

func TestServersSharingAStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	a := start(t, sandbox.Options{StateFile: path})
	b := start(t, sandbox.Options{StateFile: path})
	rt := connect(t, a).str("refresh_token")
	for round := range 5 {
		results := make([]result, 20)
		var wg sync.WaitGroup
		for i := range results {
			srv := a
			if i%2 == 1 {
				srv = b
			}
			wg.Go(func() { results[i] = refresh(t, srv, rt) })
		}
		wg.Wait()
		var won []result
		for _, r := range results {
			if r.status == 200 {
				won = append(won, r)
			} else if r.raw != bodyInvalidToken+"\n" {
				t.Fatalf("round %d: %d %s", round, r.status, r.raw)
			}
		}
		if len(won) != 1 {
			t.Fatalf("round %d: %d refreshes succeeded across two servers, want 1", round, len(won))
		}
		rt = won[0].str("refresh_token")
		for _, srv := range []*sandbox.Server{a, b} {
			if m := me(t, srv, won[0].str("access_token")); m.status != 200 {
				t.Fatalf("round %d: the new access token on the other server: %d", round, m.status)
			}
		}
	}
	if got := a.Stats().Refreshes + b.Stats().Refreshes; got != 5 {
		t.Errorf("refreshes across both servers = %d, want 5", got)
	}
	b.SetScenario(sandbox.ScenarioDeny)
	if a.Scenario() != sandbox.ScenarioDeny {
		t.Error("a scenario set on one server did not reach the other")
	}
}

// TestSandboxHelperProcess is not a test: TestProcessesSharingAStateFile runs
// the test binary in this mode, one sandbox per process, as zoomconnect
// commands do.
func TestSandboxHelperProcess(t *testing.T) {
	path := os.Getenv("SANDBOX_HELPER_STATE")
	if path == "" {
		t.Skip("helper process for TestProcessesSharingAStateFile")
	}
	s, err := sandbox.New(sandbox.Options{StateFile: path})
	if err != nil {
		fmt.Println("error", err)
		return
	}
	defer s.Close()
	r := refresh(t, s, os.Getenv("SANDBOX_HELPER_RT"))
	fmt.Println("result", r.status, r.str("refresh_token"))
}

func TestProcessesSharingAStateFile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 10 processes")
	}
	path := filepath.Join(t.TempDir(), "state.json")
	first, err := sandbox.New(sandbox.Options{StateFile: path})
	if err != nil {
		t.Fatal(err)
	}
	rt := connect(t, first).str("refresh_token")
	first.Close()
	outs := make([]string, 10)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Go(func() {
			cmd := exec.Command(os.Args[0], "-test.run=^TestSandboxHelperProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), "SANDBOX_HELPER_STATE="+path, "SANDBOX_HELPER_RT="+rt)
			out, _ := cmd.CombinedOutput()
			outs[i] = string(out)
		})
	}
	wg.Wait()
	var newRT string
	wins := 0
	for _, out := range outs {
		switch {
		case strings.Contains(out, "result 200 "):
			wins++
			newRT = strings.Fields(out[strings.Index(out, "result 200 "):])[2]
		case !strings.Contains(out, "result 400"):
			t.Fatalf("helper process:\n%s", out)
		}
	}
	if wins != 1 {
		t.Fatalf("%d of 10 processes refreshed the same token, want exactly 1", wins)
	}
	last := start(t, sandbox.Options{StateFile: path})
	wantJSON(t, refresh(t, last, rt), 400, bodyInvalidToken)
	if r := refresh(t, last, newRT); r.status != 200 {
		t.Errorf("the winner's refresh token in a later process: %d %s", r.status, r.raw)
	}
}
