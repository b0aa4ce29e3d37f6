package e2e

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/storage"
)

// Fault 4: a full disk, as a small tmpfs filled up, under each of the
// home's directories in turn. A refresh finds out before it spends the
// refresh token; a save is undone, its tokens revoked, exit 7; logout
// still removes what it must (removing needs no space).
func TestFaultDiskFull(t *testing.T) {
	requireMount(t)
	for _, c := range []struct {
		dir     string // XDG dir under the home's root
		keyring string
	}{
		{"data", noKeyring},     // the 0600 secret file
		{"data", realKeyring},   // gnome-keyring's own files live there too
		{"config", realKeyring}, // the profiles
		{"state", noKeyring},    // locks and attempts
	} {
		t.Run(c.dir+"-"+c.keyring, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), settle)
			defer cancel()
			row := newRow(t, "disk full: "+c.dir+" dir ("+c.keyring+")")
			o := worldOpts{keyring: c.keyring, setup: func(h *home) { mountTmpfs(t, filepath.Join(h.root, c.dir), "512k") }}
			if c.dir == "data" {
				o.keyringData = "data" // gnome-keyring keeps its files on the same (full) disk
			}
			w := newWorldWith(ctx, t, row, o)
			dir := filepath.Join(w.h.root, c.dir)
			w.login(ctx)
			free := fill(t, dir)
			diskFaultRuns(ctx, w, "disk full ("+c.dir+")", c.dir)
			free()
			w.audit(ctx, "default")
			free = fill(t, dir)
			diskLogout(ctx, w, "disk full ("+c.dir+")")
			fill(t, dir) // the logout freed what it deleted
			diskSave(ctx, w, "disk full ("+c.dir+")", c.dir)
			free()
			w.audit(ctx)
		})
	}
}

// Fault 5: a read-only directory (a read-only bind mount: chmod does not
// stop root), config, data and state in turn.
func TestFaultReadOnly(t *testing.T) {
	requireMount(t)
	for _, c := range []struct {
		dir     string
		keyring string
	}{
		{"config", realKeyring},
		{"config", noKeyring},
		{"data", noKeyring},
		{"state", noKeyring},
	} {
		t.Run(c.dir+"-"+c.keyring, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), settle)
			defer cancel()
			row := newRow(t, "read-only "+c.dir+" dir ("+c.keyring+")")
			w := newWorld(ctx, t, row, c.keyring)
			dir := filepath.Join(w.h.root, c.dir)
			w.login(ctx)
			undo := readOnly(t, dir)
			diskFaultRuns(ctx, w, "read-only "+c.dir, c.dir)
			undo()
			w.audit(ctx, "default")
			undo = readOnly(t, dir)
			diskLogout(ctx, w, "read-only "+c.dir)
			undo()
			w.audit(ctx)
			if len(w.observe().profiles) > 0 {
				diskLogout(ctx, w, "writable again")
			}
			undo = readOnly(t, dir)
			diskSave(ctx, w, "read-only "+c.dir, c.dir)
			undo()
			w.audit(ctx)
		})
	}
}

// diskFaultRuns runs what a connection's user runs, with dir (config,
// data, state) unwritable: status, refresh, token after expiry.
func diskFaultRuns(ctx context.Context, w *faultWorld, what, dir string) {
	w.t.Helper()
	entries, per, st := w.status(ctx)
	b := w.before()
	r := w.run(ctx, "refresh")
	spent := w.srv.Stats().Refreshes > b.refreshes
	w.checkRefresh("refresh ("+what+")", r, "default")
	switch {
	case r.code == exitOK:
		w.expectExit("refresh ("+what+")", r, exitOK)
	case spent:
		w.lostf("refresh (%s) spent the refresh token and could not keep the new one: exit %d\n%s", what, r.code, r.stderr)
	default:
		w.expectExit("refresh ("+what+")", r, exitStorage)
	}
	// status, just before, must not have called ok, with nothing to say, a
	// connection whose next refresh refuses. A keyring that reads but
	// cannot write is found only by writing, which status does not do to
	// the keyring (doctor's keyring check does): noted, not failed.
	p := w.observe().profiles["default"]
	warned := false
	for _, id := range []string{"problem.not_writable", "problem.lock_unwritable"} {
		warning, _, _ := strings.Cut(w.tr.T(id, "Reason", "x"), " (")
		warned = warned || entries["default"].says(warning)
	}
	switch {
	case r.code == exitOK || !per["default"]:
	case (p.SecretBackend == storage.BackendFile || dir == "state") && !warned:
		w.misleadingf("status (%s) said ok and nothing of the refresh it could not save\n%s", what, st.stdout)
	case p.SecretBackend != storage.BackendFile:
		w.row.note("%s: status ok=true (keyring: it does not write to check), refresh exit %d", what, r.code)
	}
}

// diskLogout logs out with the directory unwritable and checks its claims.
func diskLogout(ctx context.Context, w *faultWorld, what string) {
	w.t.Helper()
	b := w.before()
	r := w.run(ctx, "logout")
	w.checkLogout(r, "default", b)
	w.expectExit("logout ("+what+")", r, exitOK, exitStorage)
	w.row.note("%s: logout exit %d", what, r.code)
}

// diskSave runs the wizard to its save with the directory unwritable:
// the save fails (exit 7), nothing new of it remains (what was saved
// before under the name is as it was), its tokens are revoked. Unless the
// fault is in the state dir, whose files a save does not need.
func diskSave(ctx context.Context, w *faultWorld, what, dir string) {
	w.t.Helper()
	b := w.before()
	prev, _ := w.observe().secretsOf("default")
	l := w.startLogin(ctx)
	l.send("y", "n") // save; then do not try again
	code := l.exit(ctx)
	r := result{code: code, stderr: l.stderr()}
	o := w.observe()
	now, saved := o.secretsOf("default")
	saved = saved && now != prev
	switch {
	case code == exitOK && !saved:
		w.misleadingf("login (%s) exited 0 with nothing saved\n%s", what, r.stderr)
	case code == exitOK:
		w.expectExit("login ("+what+")", r, exitOK)
	default:
		w.expectExit("login ("+what+")", r, exitStorage)
		if w.srv.Stats().Revokes == b.revokes {
			w.t.Errorf("login (%s) failed to save and did not revoke its tokens\n%s", what, r.stderr)
		}
		if saved {
			w.orphanf("login (%s) failed but left its secrets behind", what)
		}
	}
}
