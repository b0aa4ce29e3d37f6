package e2e

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Fault 6: kill -9 at random points of a refresh, of the wizard's save
// and of a logout, N times each (a tenth with -short) with delays drawn
// from a seeded generator: ZOOMCONNECT_FAULT_SEED, else the clock; the
// seed is logged and on the row, so a failure can be replayed. After each
// kill, the next command must leave no temp file and no secret that list
// cannot see, and status must not call a connection ok that cannot
// refresh. A kill after Zoom rotated the refresh token and before it was
// saved loses the connection, whatever the design: those are counted
// (and status must say so), not failed.

// faultRand is the seeded generator of one test.
func faultRand(t *testing.T, row *faultRow) *rand.Rand {
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("ZOOMCONNECT_FAULT_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (replay with ZOOMCONNECT_FAULT_SEED=%d)", seed, seed)
	row.note("seed %d", seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// killRun starts the binary with args in w, SIGKILLs it after d, and
// reports whether it had exited before.
func (w *faultWorld) killRun(ctx context.Context, d time.Duration, args ...string) bool {
	w.t.Helper()
	w.row.run()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env, cmd.Dir = append(append([]string{}, w.h.env...), w.env()...), w.h.root
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	return killAt(cmd, d)
}

// killAt kills a started cmd after d and waits for it; true when it had
// exited first.
func killAt(cmd *exec.Cmd, d time.Duration) bool {
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
	}
	cmd.Process.Signal(syscall.SIGKILL)
	<-done
	return false
}

// killAfter SIGKILLs the line-by-line run after d and waits for it; true
// when it had exited first.
func (l *lineRun) killAfter(d time.Duration) bool {
	select {
	case <-l.done:
		return true
	case <-time.After(d):
	}
	l.cmd.Process.Signal(syscall.SIGKILL)
	<-l.done
	return false
}

// timed is how long run takes.
func timed(run func()) time.Duration {
	start := time.Now()
	run()
	return time.Since(start)
}

func TestFaultKillRefresh(t *testing.T) {
	for _, kind := range []string{realKeyring, noKeyring} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*settle)
			defer cancel()
			row := newRow(t, "kill -9 during refresh ("+kind+")")
			row.allowLost = true
			rng := faultRand(t, row)
			w := newWorld(ctx, t, row, kind)
			w.login(ctx)
			span := timed(func() { w.expectExit("refresh", w.run(ctx, "refresh"), exitOK) })
			var early int
			for range rounds(20) {
				if w.killRun(ctx, time.Duration(rng.Int64N(int64(span)+1)), "refresh") {
					early++
				}
				if lost := w.audit(ctx, "default"); len(lost) > 0 {
					w.relogin(ctx)
				}
			}
			row.note("%d of %d kills came after the refresh ended (one refresh: %s)", early, rounds(20), span.Round(time.Millisecond))
		})
	}
}

// relogin connects default again after it was lost.
func (w *faultWorld) relogin(ctx context.Context) {
	w.t.Helper()
	l := w.startLogin(ctx)
	l.send("y", "y")
	if code := l.exit(ctx); code != 0 {
		w.t.Fatalf("login again exited %d:\n%s", code, l.stderr())
	}
}

func TestFaultKillSave(t *testing.T) {
	for _, kind := range []string{realKeyring, noKeyring} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*settle)
			defer cancel()
			row := newRow(t, "kill -9 during the wizard's save ("+kind+")")
			rng := faultRand(t, row)
			w := newWorld(ctx, t, row, kind)
			var span time.Duration
			{
				l := w.startLogin(ctx)
				span = timed(func() {
					l.send("y")
					w.expectExit("login", result{code: l.exit(ctx), stderr: l.stderr()}, exitOK)
				})
				w.logoutClean(ctx)
			}
			var early int
			for range rounds(20) {
				l := w.startLogin(ctx)
				l.send("y")
				if l.killAfter(time.Duration(rng.Int64N(int64(span) + 1))) {
					early++
				}
				w.audit(ctx)
				w.logoutClean(ctx)
			}
			row.note("%d of %d kills came after the save ended (one save: %s)", early, rounds(20), span.Round(time.Millisecond))
		})
	}
}

// logoutClean logs out whatever is saved as default, failing unless it
// ends with nothing left.
func (w *faultWorld) logoutClean(ctx context.Context) {
	w.t.Helper()
	r := w.run(ctx, "logout")
	if o := w.observe(); r.code != 0 || hasProfile(o, "default") || o.hasSecretsOf("default") {
		w.t.Fatalf("logout to start over: exit %d, profile %v, secrets %v\n%s", r.code, hasProfile(o, "default"), o.hasSecretsOf("default"), r.stderr)
	}
}

func TestFaultKillLogout(t *testing.T) {
	for _, kind := range []string{realKeyring, noKeyring} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*settle)
			defer cancel()
			row := newRow(t, "kill -9 during logout ("+kind+")")
			rng := faultRand(t, row)
			w := newWorld(ctx, t, row, kind)
			w.login(ctx)
			span := timed(func() { w.expectExit("logout", w.run(ctx, "logout"), exitOK) })
			var early int
			for range rounds(20) {
				w.login(ctx)
				if w.killRun(ctx, time.Duration(rng.Int64N(int64(span)+1)), "logout") {
					early++
				}
				w.audit(ctx)
				w.logoutClean(ctx)
			}
			row.note("%d of %d kills came after the logout ended (one logout: %s)", early, rounds(20), span.Round(time.Millisecond))
		})
	}
}
