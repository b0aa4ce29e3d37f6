package e2e

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/internal/pty"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// terminalQuery matches what a program writes to ask the terminal
// something: OSC 10/11/12 colour queries, device attributes (DA1, DA2,
// DA3), cursor position, DECRQM and kitty keyboard mode reports,
// XTVERSION and XTGETTCAP.
var terminalQuery = regexp.MustCompile(`\x1b\](?:1[0-2]);\?|\x1b\[[>=]?0?c|\x1b\[\??6n|\x1b\[\?u|\x1b\[\??[0-9;]*\$p|\x1b\[>0?q|\x1bP\+q`)

// hangGuard ends a command that waits for an answer that never comes. It
// is not a measure of speed: the commands end in milliseconds, and one
// that waits does so for seconds (fang's colour query waited 2 s twice).
const hangGuard = 30 * time.Second

// TestNoTerminalQueriesFromCommandsThatDrawNoScreen runs commands that
// draw no screen on a pseudo-terminal that, like script(1) or some CI and
// IDE terminals, never answers a terminal query: each must end with no
// query in what it wrote. fang used to ask for the background colour on
// --help and on every error, and wait 2 s for stdin's answer and 2 s for
// stdout's.
func TestNoTerminalQueriesFromCommandsThatDrawNoScreen(t *testing.T) {
	h := newHome(t)
	h.env = withoutNoColor(h.env) // colours on, as in a real terminal
	cases := [][]string{
		{"--help"},
		{"status", "--help"},
		{"status", "--offline"}, // no connection yet: an error
		{"token"},               // the same
		{"staus"},               // a mistyped command
		{"token", "--no-such-flag"},
	}
	for _, args := range cases {
		checkNoQueries(t, h, args)
	}
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if err := connect(t.Context(), h, srv, "default"); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"status", "--offline"}, {"token"}, {"list"}, {"--version"}} {
		if out := checkNoQueries(t, h, args); strings.Contains(out, "rror") {
			t.Errorf("%v failed with a saved connection:\n%s", args, out)
		}
	}
}

// checkNoQueries runs args on a new pty that never answers and returns
// what it wrote.
func checkNoQueries(t *testing.T, h *home, args []string) string {
	t.Helper()
	master, slave, err := pty.Open(100, 30)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer master.Close()
	ctx, cancel := context.WithTimeout(t.Context(), hangGuard)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env, cmd.Dir = h.env, h.root
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		slave.Close()
		t.Fatal(err)
	}
	slave.Close()
	var out bytes.Buffer
	copied := make(chan error, 1)
	go func() { _, err := io.Copy(&out, master); copied <- err }()
	werr := cmd.Wait()
	<-copied // EIO once the last holder of the terminal side has gone
	if ctx.Err() != nil {
		t.Errorf("%v did not end within %s: it waits for an answer from the terminal; it wrote %q", args, hangGuard, out.String())
	}
	var ee *exec.ExitError
	if werr != nil && !errors.As(werr, &ee) {
		t.Errorf("%v: %v", args, werr)
	}
	if q := terminalQuery.FindAllString(out.String(), -1); len(q) > 0 {
		t.Errorf("%v sent terminal queries %q; a command that draws no screen must send none", args, q)
	}
	return out.String()
}

func withoutNoColor(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "NO_COLOR=") {
			out = append(out, kv)
		}
	}
	return out
}
