package e2e

import (
	"context"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// rounds is how many rounds a stress test runs: ZOOMCONNECT_E2E_ROUNDS,
// else def (a tenth of it, at least 3, with -short).
func rounds(def int) int {
	if n, err := strconv.Atoi(os.Getenv("ZOOMCONNECT_E2E_ROUNDS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return max(3, def/10)
	}
	return def
}

// Issue 4: twenty `zoomconnect token` processes started at once on an
// expired connection refresh exactly once between them, all print the same
// valid token, and the stored refresh token is the sandbox's newest.
func TestConcurrentTokenRefreshesOnce(t *testing.T) {
	const procs = 20
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	srv, err := sandbox.New(sandbox.Options{AccessTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	h := newHome(t)
	if err := connect(ctx, h, srv, "default"); err != nil {
		t.Fatalf("connect: %v", err)
	}
	for round := range rounds(50) {
		if err := expire(ctx, h, "default"); err != nil {
			t.Fatalf("round %d: expire: %v", round, err)
		}
		srv.ExpireAccessTokens()
		before := srv.Stats().Refreshes
		results := tokenBurst(ctx, h, srv, procs)
		if got := srv.Stats().Refreshes - before; got != 1 {
			t.Fatalf("round %d: the sandbox saw %d refreshes, want exactly 1 (failed: %d)", round, got, srv.Stats().FailedRefreshes)
		}
		checkBurst(ctx, t, round, srv, results)
		checkStoredRefresh(ctx, t, round, h, srv)
	}
}

// tokenBurst starts n `zoomconnect token` processes together.
func tokenBurst(ctx context.Context, h *home, srv *sandbox.Server, n int) []result {
	out := make([]result, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			pctx, cancel := context.WithTimeout(ctx, time.Minute)
			defer cancel()
			out[i] = h.run(pctx, nil, "token") // the profile names its hosts
		}()
	}
	close(start)
	wg.Wait()
	return out
}

// checkBurst asserts every process succeeded with the same token, which
// users/me accepts.
func checkBurst(ctx context.Context, t *testing.T, round int, srv *sandbox.Server, results []result) {
	t.Helper()
	first := firstLine(results[0].stdout)
	for i, r := range results {
		if r.code != 0 || firstLine(r.stdout) == "" {
			t.Fatalf("round %d: process %d exited %d: stdout %q stderr %q", round, i, r.code, r.stdout, r.stderr)
		}
		if firstLine(r.stdout) != first {
			t.Fatalf("round %d: process %d printed a different token than process 0", round, i)
		}
	}
	if !meOK(ctx, srv, first) {
		t.Fatalf("round %d: users/me rejects the printed token", round)
	}
}

// checkStoredRefresh asserts the stored refresh token is the newest one.
func checkStoredRefresh(ctx context.Context, t *testing.T, round int, h *home, srv *sandbox.Server) {
	t.Helper()
	p, err := h.store.LoadProfile("default")
	if err != nil {
		t.Fatalf("round %d: load profile: %v", round, err)
	}
	sec, err := h.store.LoadSecrets(ctx, p)
	if err != nil {
		t.Fatalf("round %d: load secrets: %v", round, err)
	}
	if sec.RefreshToken == "" || sec.RefreshToken != srv.LatestRefreshToken() {
		t.Fatalf("round %d: the stored refresh token is not the sandbox's newest", round)
	}
}
