package doctor

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// quietEnv is an Env that touches nothing real unless a test sets it.
func quietEnv() Env {
	return Env{
		GOOS:     "linux",
		Getenv:   func(string) string { return "" },
		ReadFile: func(string) ([]byte, error) { return nil, errors.New("no file") },
		Stat:     func(string) (fs.FileInfo, error) { return nil, errors.New("no file") },
		LookPath: func(string) (string, error) { return "", errors.New("not found") },
		Now:      func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
		LookupHost: func(context.Context, string) ([]string, error) {
			return nil, errors.New("no network in tests")
		},
		DialContext: func(context.Context, string, string) (net.Conn, error) {
			return nil, errors.New("no network in tests")
		},
	}
}

func TestRunKeepsOrderAndBoundsChecks(t *testing.T) {
	var ran atomic.Int32
	release := make(chan struct{})
	defer close(release)
	checks := []Check{
		{ID: "slow", Timeout: 50 * time.Millisecond, Run: func(ctx context.Context, _ *Env) Result {
			<-release // ignores ctx on purpose: it hangs until the test ends
			return Result{Status: Pass}
		}},
		{ID: "panics", Run: func(context.Context, *Env) Result { panic("boom") }},
		{ID: "net", Network: true, Run: func(context.Context, *Env) Result { ran.Add(1); return Result{Status: Pass} }},
		{ID: "ok", Run: func(context.Context, *Env) Result { return Result{Status: Pass, Summary: "fine"} }},
	}
	env := quietEnv()
	env.Offline = true
	// The slow check hangs until release is closed (after this test), so
	// Run returning at all shows it did not wait for it. The bound is only
	// there to fail rather than hang; it is no speed target.
	done := make(chan Report, 1)
	go func() { done <- Run(context.Background(), env, checks) }()
	var rep Report
	select {
	case rep = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Run waited for a check that ignores its context")
	}
	want := []struct {
		id string
		st Status
	}{{"slow", Fail}, {"panics", Fail}, {"net", Skip}, {"ok", Pass}}
	for i, w := range want {
		got := rep.Results[i]
		if got.ID != w.id || got.Status != w.st {
			t.Errorf("result %d = %s/%s, want %s/%s", i, got.ID, got.Status, w.id, w.st)
		}
		if got.Status != Pass && got.Fix == "" {
			t.Errorf("%s: %s without a fix", got.ID, got.Status)
		}
	}
	if ran.Load() != 0 {
		t.Error("a network check ran in offline mode")
	}
	if !rep.Failed() || rep.Count(Fail) != 2 {
		t.Errorf("Failed()=%v Count(Fail)=%d, want true, 2", rep.Failed(), rep.Count(Fail))
	}
	b, err := rep.JSON()
	if err != nil || !strings.Contains(string(b), `"id": "panics"`) || !strings.Contains(string(b), `"status": "skip"`) {
		t.Errorf("JSON() = %s, %v", b, err)
	}
}

func TestAllChecksRunOffline(t *testing.T) {
	env := quietEnv()
	env.Offline = true
	env.Listen = net.Listen
	rep := Run(context.Background(), env, Checks(nil))
	for _, c := range rep.Results {
		if c.Status == "" || c.Summary == "" {
			t.Errorf("%s: empty result %+v", c.ID, c.Result)
		}
	}
	for _, id := range []string{"zoom-reachable", "clock", "connection"} {
		if r, _ := rep.Get(id); r.Status != Skip || !strings.Contains(r.Fix, "zoomconnect doctor") {
			t.Errorf("%s offline = %s (fix %q), want skip with a fix", id, r.Status, r.Fix)
		}
	}
	if r, _ := rep.Get("loopback-port"); r.Status != Pass {
		t.Errorf("loopback-port offline = %s %s", r.Status, r.Summary)
	}
}
