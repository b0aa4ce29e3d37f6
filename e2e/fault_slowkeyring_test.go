package e2e

import (
	"context"
	"testing"
	"time"
)

// A keyring that does not answer in time: every command that needs it
// gives up after its timeout as a storage failure, says no "ok", spends
// no refresh token and claims no step it did not do. The timeout is cut
// from 5 s to keyringTimeout ($ZOOMCONNECT_KEYRING_TIMEOUT), and the
// delays with it, so the suite does not wait minutes.

// keyringTimeout is the keyring timeout of these worlds; a rotation's
// second write gets three times as long (storage.SaveRotated).
const keyringTimeout = time.Second

// slowKeyringWorld is a world whose commands use keyringTimeout.
func slowKeyringWorld(ctx context.Context, t *testing.T, row *faultRow, kind string) *faultWorld {
	return newWorldWith(ctx, t, row, worldOpts{keyring: kind, env: []string{"ZOOMCONNECT_KEYRING_TIMEOUT=" + keyringTimeout.String()}})
}

// Fault 2: the real gnome-keyring-daemon frozen with SIGSTOP (a keyring
// hung on an unlock prompt nobody answers), then SIGCONT: the calls that
// queued meanwhile still happen, late.
func TestFaultKeyringHung(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), settle)
	defer cancel()
	row := newRow(t, "keyring hung (SIGSTOP gnome-keyring-daemon)")
	w := slowKeyringWorld(ctx, t, row, realKeyring)
	w.login(ctx)
	w.gk.stop(t)
	unresponsive(ctx, w, "hung")
	w.gk.cont(t)
	w.audit(ctx, "default")
	w.gk.stop(t)
	logoutUnresponsive(ctx, w, "hung", func() { w.gk.cont(t) })
	w.gk.stop(t)
	saveUnresponsive(ctx, w, "hung", func() { w.gk.cont(t) })
}

// Fault 3: a keyring slower than the timeout (the fake Secret Service,
// every call 1.5 timeouts late), and one whose writes alone are slow: a
// refresh must not spend the refresh token when the new one cannot be
// written in time, and must keep a rotation a slow write would lose.
func TestFaultKeyringSlow(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), settle)
	defer cancel()
	row := newRow(t, "keyring slower than its timeout (fake Secret Service)")
	w := slowKeyringWorld(ctx, t, row, fakeKeyring)
	w.login(ctx)
	late := keyringTimeout * 3 / 2
	w.fake.setDelay(slowAll(late))
	unresponsive(ctx, w, "slow")
	w.fake.setDelay(nil)
	w.audit(ctx, "default")

	// Writes 1.4 timeouts late: the first write of the rotation times
	// out, the second (three times as patient) goes through.
	w.fake.setDelay(slowWrites(keyringTimeout * 14 / 10))
	r := w.run(ctx, "refresh")
	w.expectExit("refresh (writes a little late)", r, exitOK)
	w.checkRefresh("refresh (writes a little late)", r, "default")
	w.fake.setDelay(nil)
	w.audit(ctx, "default")

	// Writes 4 timeouts late, past both tries: the refresh must find out
	// before it spends the refresh token.
	w.fake.setDelay(slowWrites(4 * keyringTimeout))
	b := w.before()
	r = w.run(ctx, "refresh")
	w.expectExit("refresh (writes far too late)", r, exitStorage)
	if w.srv.Stats().Refreshes != b.refreshes {
		t.Errorf("the refresh spent the refresh token although the keyring could not keep the new one")
	}
	w.fake.setDelay(nil)
	waitIdle(ctx, t, w.fake)
	w.audit(ctx, "default")

	w.fake.setDelay(slowAll(late))
	logoutUnresponsive(ctx, w, "slow", func() { w.fake.setDelay(nil) })
	w.fake.setDelay(slowAll(late))
	saveUnresponsive(ctx, w, "slow", func() { w.fake.setDelay(nil) })
}

// waitIdle waits until the fake has answered every call that queued.
func waitIdle(ctx context.Context, t *testing.T, f *fakeSecrets) {
	t.Helper()
	select {
	case <-ctx.Done():
		t.Fatal("the fake keyring never became idle")
	default:
	}
	f.mu.Lock()
	f.mu.Unlock()
}

// unresponsive runs the commands that read the keyring while it does not
// answer: each is a storage failure (exit 7) with no "ok".
func unresponsive(ctx context.Context, w *faultWorld, how string) {
	w.t.Helper()
	_, per, r := w.status(ctx)
	w.expectExit("status (keyring "+how+")", r, exitStorage)
	if per["default"] {
		w.misleadingf("status --json says ok while the keyring is %s", how)
	}
	_, per, r = w.status(ctx, "--offline")
	w.expectExit("status --offline (keyring "+how+")", r, exitStorage)
	if per["default"] {
		w.misleadingf("status --offline --json says ok while the keyring is %s", how)
	}
	b := w.before()
	r = w.run(ctx, "refresh")
	w.expectExit("refresh (keyring "+how+")", r, exitStorage)
	if w.srv.Stats().Refreshes != b.refreshes {
		w.t.Errorf("refresh spent the refresh token while the keyring was %s", how)
	}
	r = w.run(ctx, "token")
	w.expectExit("token (keyring "+how+")", r, exitStorage)
}

// logoutUnresponsive logs out while the keyring does not answer (exit 7,
// the connection kept as "logout incomplete"), then, once back() makes it
// answer, logs out again, which finishes.
func logoutUnresponsive(ctx context.Context, w *faultWorld, how string, back func()) {
	w.t.Helper()
	b := w.before()
	r := w.run(ctx, "logout")
	w.expectExit("logout (keyring "+how+")", r, exitStorage)
	back()
	w.checkLogout(r, "default", b)
	entries := w.list(ctx)
	if len(entries) != 1 || entries[0].State != "logout_incomplete" {
		w.t.Errorf("after a logout with the keyring %s, list shows %+v, want default marked logout incomplete", how, entries)
	}
	w.doctorSees(ctx, "default", "logout")
	w.audit(ctx)
	b = w.before()
	r = w.run(ctx, "logout")
	w.expectExit("logout, keyring back ("+how+")", r, exitOK)
	w.checkLogout(r, "default", b)
	w.audit(ctx)
}

// saveUnresponsive runs the wizard while the keyring does not answer: it
// must not claim the keyring kept anything; declining the 0600 file
// leaves nothing and exits 7; once back() makes the keyring answer, no
// item of the abandoned sign-in may remain.
func saveUnresponsive(ctx context.Context, w *faultWorld, how string, back func()) {
	w.t.Helper()
	b := w.before()
	l := w.startLogin(ctx)
	l.send("y")
	l.waitFor(ctx, w.consentRE())
	l.send("n")
	code := l.exit(ctx)
	w.expectExit("login, file declined (keyring "+how+")", result{code: code, stderr: l.stderr()}, exitStorage)
	back()
	if w.srv.Stats().Revokes == b.revokes {
		w.t.Errorf("the abandoned sign-in's tokens were not revoked (keyring %s)", how)
	}
	w.audit(ctx)
	if o := w.observe(); len(o.profiles) > 0 || len(o.items) > 0 {
		w.orphanf("after a declined save with the keyring %s: %d profiles, %d keyring items", how, len(o.profiles), len(o.items))
	}
}
