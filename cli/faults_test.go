package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/storage/storagetest"
	"github.com/zoomconnect/zoomconnect/wizard"
)

var errNoBus = errors.New("dbus: couldn't determine address of session bus")

// `env -u DBUS_SESSION_BUS_ADDRESS zoomconnect logout` once printed
// "✓ Deleted the connection" and left the keyring item, whose refresh
// token still worked. Now each step says what happened, the connection is
// kept and shown as "logout incomplete", and the next logout finishes.
func TestLogoutWithKeyringUnreachable(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	kr := st.Keyring.(*storagetest.Keyring)
	kr.Fail(errNoBus)
	r := runCLI(t, st, nil, "", "logout")
	if r.code != ExitStorage {
		t.Fatalf("exit %d, want %d\nstdout %s\nstderr %s", r.code, ExitStorage, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "✓") {
		t.Errorf("a ✓ for a step that failed:\n%s", r.stdout)
	}
	for _, want := range []string{"✗ Could not delete its secrets from " + storage.KeyringName(), "logout incomplete", "zoomconnect logout --profile default"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if r := runCLI(t, st, nil, "", "list"); !strings.Contains(r.stdout, "logout incomplete") {
		t.Errorf("list does not show the unfinished logout:\n%s", r.stdout)
	}
	if r := runCLI(t, st, nil, "", "status", "--offline"); r.code == 0 || !strings.Contains(r.stdout, "fix: zoomconnect logout --profile default") {
		t.Errorf("status: exit %d\n%s", r.code, r.stdout)
	}
	kr.Fail(nil)
	r = runCLI(t, st, nil, "", "logout")
	if r.code != 0 {
		t.Fatalf("second logout: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"Finishing the earlier logout", "✓ Revoked the authorization at the built-in sandbox", "✓ Deleted its secrets", "✓ Deleted the connection \"default\""} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("second logout lacks %q:\n%s", want, r.stdout)
		}
	}
	if kr.Len() != 0 {
		t.Errorf("%d keyring items left", kr.Len())
	}
}

// A second login of the same user and app under another name leaves a
// note: the old name says which profile replaced it (exit 2: use that
// name) instead of "no saved connection; run zoomconnect login".
func TestReplacedProfileIsNotADeadEnd(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	p, _ := st.LoadProfile("default")
	m := &connection.Manager{Store: st}
	np := *p
	np.Name = "second"
	res, err := m.SaveLogin(context.Background(), &np, storage.BackendKeyring, storage.Secrets{AccessToken: "a", RefreshToken: "r"})
	if err != nil || len(res.Replaced) != 1 {
		t.Fatalf("SaveLogin = %+v, %v", res, err)
	}
	r := runCLI(t, st, nil, "", "status", "--profile", "default", "--offline")
	if r.code != ExitUsage || !strings.Contains(r.stderr, `replaced by "second"`) || !strings.Contains(r.stderr, "use --profile second") ||
		strings.Contains(r.stderr, "zoomconnect login") || strings.Contains(r.stderr, "--help") {
		t.Errorf("status --profile default: exit %d\n%s", r.code, r.stderr)
	}
	if r := runCLI(t, st, nil, "", "list"); !strings.Contains(r.stdout, "replaced by second") {
		t.Errorf("list:\n%s", r.stdout)
	}
}

// A rotation lost to a failed save says so plainly and exits 7 (storage),
// not 1; status then fails live as well as offline.
func TestRefreshWhoseSaveFailsExits7(t *testing.T) {
	st := testStore(t)
	sandboxConnectionIn(t, st, "default", sandbox.ScenarioApprove, storage.BackendFile)
	st.FileFault = func(step, path string) error {
		if step == "rename" && strings.HasPrefix(path, st.DataDir) {
			return syscall.EIO
		}
		return nil
	}
	r := runCLI(t, st, nil, "", "refresh")
	if r.code != ExitStorage {
		t.Fatalf("exit %d, want %d\nstderr %s", r.code, ExitStorage, r.stderr)
	}
	for _, want := range []string{"no longer accepts its saved refresh token", "could not be saved", "zoomconnect login --sandbox"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	st.FileFault = nil
	if r := runCLI(t, st, nil, "", "status", "--json"); r.code == 0 || !strings.Contains(r.stdout, `"ok": false`) {
		t.Errorf("live status after a lost rotation: exit %d\n%s", r.code, r.stdout)
	}
}

// kill -9 during a save leaves temp files holding tokens; the next command
// removes them.
func TestNextCommandRemovesLeftoverTempFiles(t *testing.T) {
	st := testStore(t)
	dir := filepath.Join(st.DataDir, "secrets")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, ".default.json.4242.tmp")
	if err := os.WriteFile(tmp, []byte(`{"refresh_token":"REFRESH-left-by-kill"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, st, nil, "", "list"); r.code != 0 {
		t.Fatalf("list: exit %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the temp file is still there: %v", err)
	}
}

// 4741 is final and explained as another sign-in replacing the connection,
// by status, token and refresh alike.
func TestAnotherSignInExplainedEverywhere(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioRevoked)
	_ = runCLI(t, st, nil, "", "status") // the first users/me after the login succeeds
	for _, args := range [][]string{{"status"}, {"token"}, {"refresh"}} {
		r := runCLI(t, st, nil, "", args...)
		if r.code != ExitReconnect || !strings.Contains(strings.ToLower(r.stdout+r.stderr), "another sign-in replaced this connection (4741)") {
			t.Errorf("%v: exit %d\nstdout %s\nstderr %s", args, r.code, r.stdout, r.stderr)
		}
	}
}

// ctrl+c during `zoomconnect refresh` is an interruption, never "sign in
// again".
func TestInterruptedRefreshIsNotASignIn(t *testing.T) {
	opts := newRootOptions()
	err := fmt.Errorf("the refresh of %q %w after Zoom was asked: no new token was saved: %w", "default", connection.ErrInterrupted,
		&oauthflow.Error{Kind: oauthflow.KindCanceled, Op: oauthflow.OpRefresh, Err: context.Canceled})
	text := opts.describeError(err)
	if strings.Contains(strings.ToLower(text), "sign in") || strings.Contains(text, "zoomconnect login") || !strings.Contains(text, "interrupted") {
		t.Errorf("description: %q", text)
	}
	if ExitCode(err) != ExitCanceled {
		t.Errorf("exit %d", ExitCode(err))
	}
}

// A busy --port is a usage error naming what holds it, not a network error.
func TestBusyPortIsAUsageError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	st := testStore(t)
	r := runCLIWith(t, st, nil, "", func(o *rootOptions) {
		o.hooks.assumeTerminal = true
		o.hooks.wizard = func(context.Context, *wizard.Config) (wizard.Saved, error) {
			t.Error("the wizard started on a busy port")
			return wizard.Saved{}, errors.New("unexpected")
		}
	}, "login", "--port", strconv.Itoa(port))
	if r.code != ExitUsage || !strings.Contains(r.stderr, strconv.Itoa(port)) || !strings.Contains(r.stderr, "--port") {
		t.Fatalf("exit %d\nstderr %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "pid "+strconv.Itoa(os.Getpid())) && runtime.GOOS == "linux" {
		t.Errorf("the holder is not named:\n%s", r.stderr)
	}
	flowErr := &oauthflow.Error{Kind: oauthflow.KindNetwork, Op: oauthflow.OpAuthorize,
		Err: &net.OpError{Op: "listen", Net: "tcp", Err: os.NewSyscallError("bind", syscall.EADDRINUSE)}}
	if got := ExitCode(flowErr); got != ExitUsage {
		t.Errorf("a busy pinned port from the flow: exit %d, want %d", got, ExitUsage)
	}
}
