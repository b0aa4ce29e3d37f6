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
// Benchmarks (start-to-exit of `status --offline`, the in-process sandbox
// flow) run with bench/run.
package e2e
