package e2e

import (
	"context"
	"testing"
)

// Exit codes, as README's table has them.
const (
	exitOK       = 0
	exitStorage  = 7
	exitCanceled = 130
)

// absences are the ways a keyring is absent for a process: no session bus
// at all, an address that leads nowhere, a bus with no Secret Service.
func absences(t *testing.T) map[string][]string {
	return map[string][]string{
		"no D-Bus session":             {"DBUS_SESSION_BUS_ADDRESS="},
		"bus address leads nowhere":    {"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/zoomconnect-e2e/bus"},
		"no Secret Service on the bus": startBus(t).env(),
	}
}

// Fault 1: the keyring a connection was saved in is absent. Every command
// that needs the secrets fails as a storage failure and changes nothing;
// logout keeps the connection, marked "logout incomplete", and the next
// logout with the keyring back finishes it.
func TestFaultKeyringAbsent(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), settle)
	defer cancel()
	row := newRow(t, "keyring absent (no bus, dead address, no Secret Service)")
	w := newWorld(ctx, t, row, realKeyring)
	w.login(ctx)
	for name, env := range absences(t) {
		w.busEnv = env
		_, per, r := w.status(ctx)
		w.expectExit("status ("+name+")", r, exitStorage)
		if per["default"] {
			w.misleadingf("status --json says ok with no keyring (%s)", name)
		}
		_, per, r = w.status(ctx, "--offline")
		w.expectExit("status --offline ("+name+")", r, exitStorage)
		if per["default"] {
			w.misleadingf("status --offline --json says ok with no keyring (%s)", name)
		}
		r = w.run(ctx, "token")
		w.expectExit("token ("+name+")", r, exitStorage)
		r = w.run(ctx, "refresh")
		w.expectExit("refresh ("+name+")", r, exitStorage)
		w.keyringBack()
		w.checkRefresh("refresh ("+name+")", r, "default")
		w.audit(ctx, "default")
	}
	for name, env := range absences(t) {
		w.busEnv = env
		b := w.before()
		r := w.run(ctx, "logout")
		w.expectExit("logout ("+name+")", r, exitStorage)
		w.keyringBack()
		w.checkLogout(r, "default", b)
		entries := w.list(ctx)
		if len(entries) != 1 || entries[0].State != "logout_incomplete" {
			t.Errorf("after a logout with no keyring (%s), list shows %+v, want default marked logout incomplete", name, entries)
		}
		w.doctorSees(ctx, "default", "logout")
		b = w.before()
		r = w.run(ctx, "logout")
		w.expectExit("logout, keyring back ("+name+")", r, exitOK)
		w.checkLogout(r, "default", b)
		w.audit(ctx)
		if o := w.observe(); len(o.items) != 0 || len(o.profiles) != 0 {
			t.Errorf("after the second logout (%s): %d keyring items, %d profiles", name, len(o.items), len(o.profiles))
		}
		w.login(ctx)
	}
}
