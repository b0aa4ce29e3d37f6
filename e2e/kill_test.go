package e2e

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Issue 4: SIGKILL at random points of `zoomconnect refresh` leaves the
// profile and its secrets each complete: valid JSON of the old or the new
// version, never torn.
//
// What a kill can leave behind, by design of storage.WriteFileAtomic:
//   - a hidden temp file (.NAME.json.RANDOM.tmp, mode 0600, maybe holding
//     tokens) when the kill lands between its creation and the rename. The
//     next command removes it: every writer holds the profile's lock, so
//     the next holder (the next refresh here) removes the profile's temp
//     files, and commands that take no lock sweep those of profiles whose
//     lock is free. The test asserts such files are 0600, counts the ones
//     the last kill left, and that the next command removed them.
//   - an old refresh token when the kill lands after Zoom rotated it and
//     before the new one was written: the connection then needs a new
//     authorization (status says so). The test counts these and
//     reconnects.
//
// Where the kills land depends on the machine's speed (the delays are drawn
// from one measured refresh); how many landed mid-run is logged, never a
// failure. Kills during the wizard's save are not exercised here: the
// wizard needs a terminal (see tmux_test.go), and its save goes through the
// same connection.Manager.Save and storage.WriteFileAtomic as refresh.
func TestKillDuringSaveNeverTears(t *testing.T) {
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
	span := refreshDuration(ctx, t, h)
	var lost, killedMidway int
	n := rounds(60)
	for i := range n {
		readProfile(t, h)
		oldRT := storedRefresh(t, h)
		delay := time.Duration(rand.Int64N(int64(span) + 1))
		exited := killAfter(ctx, t, h, delay)
		if !exited {
			killedMidway++
		}
		readProfile(t, h)
		rt := storedRefresh(t, h)
		if rt != oldRT && rt != srv.LatestRefreshToken() {
			t.Fatalf("iteration %d: the stored refresh token is neither the old nor the newest", i)
		}
		if rt != srv.LatestRefreshToken() {
			lost++ // rotated at the sandbox, killed before the save
			if err := connect(ctx, h, srv, "default"); err != nil {
				t.Fatalf("iteration %d: reconnect: %v", i, err)
			}
		}
	}
	tmps := leftoverTemps(t, h)
	t.Logf("%d kills (%d before exit, refresh takes ~%s): %d rotations lost, %d temp files left by the last kill (all 0600)",
		n, killedMidway, span, lost, len(tmps))
	if r := h.run(ctx, nil, "list"); r.code != 0 {
		t.Fatalf("zoomconnect list: exit %d: %s", r.code, r.stderr)
	}
	if left := leftoverTemps(t, h); len(left) > 0 {
		t.Errorf("the next command left the temp files of killed writes: %v", left)
	}
	if killedMidway == 0 {
		// An observation, not a failure: where the kills land depends on
		// the machine's speed, and the no-tear assertions above hold for
		// every landing. A run where all kills came late proves less.
		t.Logf("no kill landed before the process exited (refresh took ~%s); this run exercised only completed refreshes", span)
	}
	r := h.run(ctx, nil, "token")
	if r.code != 0 || !meOK(ctx, srv, firstLine(r.stdout)) {
		t.Errorf("after the kills `zoomconnect token` fails: %d %q", r.code, r.stderr)
	}
}

// refreshDuration measures one uninterrupted `zoomconnect refresh`.
func refreshDuration(ctx context.Context, t *testing.T, h *home) time.Duration {
	t.Helper()
	start := time.Now()
	if r := h.run(ctx, nil, "refresh"); r.code != 0 {
		t.Fatalf("zoomconnect refresh: exit %d: %s", r.code, r.stderr)
	}
	return time.Since(start)
}

// killAfter starts `zoomconnect refresh`, SIGKILLs it after d and reports
// whether it had already exited.
func killAfter(ctx context.Context, t *testing.T, h *home, d time.Duration) bool {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, "refresh")
	cmd.Env, cmd.Dir = h.env, h.root
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
	}
	cmd.Process.Signal(syscall.SIGKILL)
	<-done
	return cmd.ProcessState.Exited()
}

// readProfile fails unless the profile file is valid JSON of a complete
// profile.
func readProfile(t *testing.T, h *home) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(h.store.ConfigDir, "profiles", "default.json"))
	if err != nil {
		t.Fatalf("profile: %v", err)
	}
	var p storage.Profile
	if err := json.Unmarshal(b, &p); err != nil || p.Name != "default" || p.ClientID == "" {
		t.Fatalf("torn profile (%v): %q", err, b)
	}
}

// storedRefresh returns the refresh token of the secrets file and fails
// unless the file is valid, complete JSON.
func storedRefresh(t *testing.T, h *home) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(h.store.DataDir, "secrets", "default.json"))
	if err != nil {
		t.Fatalf("secrets: %v", err)
	}
	var s storage.Secrets
	if err := json.Unmarshal(b, &s); err != nil || s.RefreshToken == "" || s.AccessToken == "" {
		t.Fatalf("torn secrets file (%v), %d bytes", err, len(b))
	}
	return s.RefreshToken
}

// leftoverTemps lists temp files left by killed writers, failing on any
// that others could read.
func leftoverTemps(t *testing.T, h *home) []string {
	t.Helper()
	var out []string
	for _, d := range []string{filepath.Join(h.store.ConfigDir, "profiles"), filepath.Join(h.store.DataDir, "secrets")} {
		m, _ := filepath.Glob(filepath.Join(d, ".*.tmp"))
		for _, f := range m {
			if fi, err := os.Stat(f); err == nil && fi.Mode().Perm() != 0o600 {
				t.Errorf("leftover %s has mode %04o, want 0600", f, fi.Mode().Perm())
			}
		}
		out = append(out, m...)
	}
	return out
}
