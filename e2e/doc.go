// Package e2e holds zoomconnect's process-level tests: they build the real
// binary once and drive it as a user or a script would, against the
// built-in sandbox, in temporary XDG directories.
//
// Tests needing a tool that may be absent (tmux, curl, Chromium) skip with
// a message saying what is missing, unless ZOOMCONNECT_REQUIRE_REAL=1, in
// which case they fail. Run them with:
//
//	go test -race ./e2e/
//
// The fault suite (fault*_test.go, issue 7) runs the binary under each
// fault a user's machine can have: the keyring absent, hung (a real
// gnome-keyring-daemon frozen with SIGSTOP) or slow (a fake Secret
// Service), each on a private D-Bus of its own; a full disk and read-only
// directories (real tmpfs and bind mounts: needs root); kill -9 and
// SIGINT at random or every point; logout racing a refresh. After each
// run it checks that no ✓ was printed for a step that failed, that no
// secret is left that `list` does not show, that `status` calls ok only a
// connection that then refreshes, and that the exit code is README's. It
// logs one row of the fault table per fault (and appends it to
// $ZOOMCONNECT_FAULT_TABLE when set); the kill counts follow
// ZOOMCONNECT_E2E_ROUNDS and -short, their delays ZOOMCONNECT_FAULT_SEED.
//
// Benchmarks (start-to-exit of `status --offline`, the in-process sandbox
// flow) run with bench/run.
package e2e
