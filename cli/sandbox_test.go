package cli

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
)

func TestSandboxServeRunsUntilCanceled(t *testing.T) {
	var out, errb testkit.Buffer
	opts := newRootOptions()
	opts.Stdin, opts.Stdout, opts.Stderr = strings.NewReader(""), &out, &errb
	opts.Getenv = func(string) string { return "" }
	opts.hooks.store = testStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, opts, []string{"sandbox", "serve", "--scenario", "deny"}) }()
	var url string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if first, _, ok := strings.Cut(out.String(), "\n"); ok {
			url = first
			break
		}
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		cancel()
		t.Fatalf("first line = %q, want the sandbox URL; stderr %s", url, errb.String())
	}
	resp, err := http.Get(url + "/v2/users/me")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("users/me without a token = %d, want 401", resp.StatusCode)
	}
	if !strings.Contains(out.String(), sandbox.DemoClientID) || !strings.Contains(out.String(), "scenario deny") {
		t.Errorf("serve output lacks the demo client or scenario:\n%s", out.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after ctrl+c, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop when its context ended")
	}
	if _, err := http.Get(url + "/v2/users/me"); err == nil {
		t.Error("the sandbox still answers after serve returned")
	}
}

func TestSandboxServeRefusesNonLoopback(t *testing.T) {
	r := runCLI(t, testStore(t), nil, "", "sandbox", "serve", "--addr", "0.0.0.0:0")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "loopback") {
		t.Errorf("exit %d, stderr %s", r.code, r.stderr)
	}
}

func TestConcurrentTokensOnASandboxProfileRefreshOnce(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	ctx := context.Background()
	p, err := st.LoadProfile("default")
	if err != nil {
		t.Fatal(err)
	}
	sec, err := st.LoadSecrets(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	sec.Expiry = time.Now().Add(-time.Minute) // expired: the next token refreshes
	if err := st.SaveSecrets(ctx, p, storage.BackendKeyring, sec); err != nil {
		t.Fatal(err)
	}
	const n = 8
	results := make(chan cliResult, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- runCLI(t, st, nil, "", "token")
		}()
	}
	wg.Wait()
	close(results)
	tokens := map[string]int{}
	for r := range results {
		if r.code != 0 {
			t.Errorf("token: exit %d, stderr %s", r.code, r.stderr)
		}
		tokens[r.stdout]++
	}
	if len(tokens) != 1 {
		t.Fatalf("the processes printed %d different tokens, want 1: %v", len(tokens), tokens)
	}
	now, err := st.LoadSecrets(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for tok := range tokens {
		if tok != now.AccessToken+"\n" || now.AccessToken == sec.AccessToken {
			t.Errorf("printed token is not the one refreshed and stored")
		}
	}
	// The sandbox's state file still knows the stored (rotated) refresh
	// token: a later refresh succeeds instead of invalid_grant.
	if r := runCLI(t, st, nil, "", "refresh"); r.code != 0 {
		t.Errorf("refresh after the concurrent round: exit %d, stderr %s", r.code, r.stderr)
	}
}

func TestBusySandboxBlocksOnlySandboxProfiles(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "demo", sandbox.ScenarioApprove)
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	real := saveConnection(t, st, "real", srv.URL, storage.BackendKeyring, authorizeSandbox(t, srv))
	// Another process (a wizard under --sandbox) holds the sandbox.
	unlock, err := lockSandboxState(context.Background(), st.StateDir, time.Second, func(time.Duration) {}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	short := func(o *rootOptions) { o.hooks.sandboxLockWait = time.Second } // durations are said in whole seconds
	r := runCLIWith(t, st, nil, "", short, "token", "--profile", "real")
	if r.code != 0 || r.stdout != real.AccessToken+"\n" {
		t.Errorf("a real profile waited for the sandbox: exit %d stdout %q stderr %s", r.code, r.stdout, r.stderr)
	}
	// The demo's token is fresh: no request to the sandbox, no wait.
	r = runCLIWith(t, st, nil, "", short, "token", "--profile", "demo")
	if r.code != 0 || r.stdout == "" || strings.Contains(r.stderr, "waiting") || r.opts.svc.sandbox.URL() != "" {
		t.Errorf("a fresh sandbox token needed the sandbox: exit %d stdout %q stderr %s", r.code, r.stdout, r.stderr)
	}
	r = runCLIWith(t, st, nil, "", short, "status", "--offline")
	if r.code != 0 || !strings.Contains(r.stdout, "✓ demo") || !strings.Contains(r.stdout, "✓ real") || r.stderr != "" {
		t.Errorf("status --offline needed the sandbox: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	expireSecrets(t, st, "demo")
	before, err := st.LoadProfile("demo")
	if err != nil {
		t.Fatal(err)
	}
	r = runCLIWith(t, st, nil, "", short, "token", "--profile", "demo")
	if r.code != ExitStorage || !strings.Contains(r.stderr, "another zoomconnect process is using the built-in sandbox") ||
		!strings.Contains(r.stderr, "waiting up to 1\u00a0s") || !strings.Contains(r.stderr, "close it") ||
		strings.Contains(r.stderr, "did not start") {
		t.Errorf("an expired sandbox token while the sandbox is busy: exit %d stderr %s", r.code, r.stderr)
	}
	if after, err := st.LoadProfile("demo"); err != nil || after.LastRefreshResult != before.LastRefreshResult || !after.LastRefresh.Equal(before.LastRefresh) {
		t.Errorf("a refresh that never reached the sandbox was recorded: %+v, %v", after, err)
	}
	r = runCLIWith(t, st, nil, "", short, "status")
	if r.code != ExitStorage || !strings.Contains(r.stdout, "✗ demo") || !strings.Contains(r.stdout, "another zoomconnect process is using the built-in sandbox") ||
		!strings.Contains(r.stdout, "✓ real") {
		t.Errorf("status over both: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
}

// expireSecrets makes name's saved access token (and its record) expired.
func expireSecrets(t *testing.T, st *storage.Store, name string) {
	t.Helper()
	p, err := st.LoadProfile(name)
	if err != nil {
		t.Fatal(err)
	}
	sec, err := st.LoadSecrets(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	sec.Expiry = time.Now().Add(-time.Minute)
	p.AccessExpiry = sec.Expiry
	if err := st.SaveSecrets(context.Background(), p, p.SecretBackend, sec); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
}

// A short command that finds the sandbox busy says so on stderr at once,
// while it waits, and goes on when the other process lets go.
func TestBusySandboxIsNeverASilentWait(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	expireSecrets(t, st, "default") // the token needs the sandbox
	unlock, err := lockSandboxState(context.Background(), st.StateDir, time.Second, func(time.Duration) {}, nil)
	if err != nil {
		t.Fatal(err)
	}
	stderr := &testkit.Buffer{}
	done := make(chan cliResult, 1)
	go func() {
		done <- runCLIWith(t, st, nil, "", func(o *rootOptions) {
			o.Stderr, o.hooks.sandboxLockWait = stderr, time.Minute
		}, "token")
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stderr.String(), "waiting up to 1\u00a0min") {
		if time.Now().After(deadline) {
			unlock()
			t.Fatalf("no message while waiting for the busy sandbox; stderr %q", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	unlock() // the other process finishes
	r := <-done
	p, _ := st.LoadProfile("default")
	sec, err := st.LoadSecrets(context.Background(), p)
	if r.code != 0 || err != nil || r.stdout != sec.AccessToken+"\n" {
		t.Errorf("after the sandbox was free: exit %d stdout %q stderr %q", r.code, r.stdout, stderr.String())
	}
}

// The wizard does not wait for a busy sandbox (the other process is likely
// a wizard that runs for minutes): it fails at once, before any screen,
// saying to close the other one.
func TestWizardFailsFastOnBusySandbox(t *testing.T) {
	st := testStore(t)
	if err := mkdirAll(st.StateDir); err != nil {
		t.Fatal(err)
	}
	unlock, err := lockSandboxState(context.Background(), st.StateDir, time.Second, func(time.Duration) {}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	for _, args := range [][]string{{"--sandbox"}, {"login", "--sandbox"}} {
		done := make(chan cliResult, 1)
		go func() {
			done <- runCLIWith(t, st, nil, "", func(o *rootOptions) {
				o.hooks.assumeTerminal, o.hooks.sandboxLockWait = true, time.Hour
			}, args...) // the default wizard hook fails the test if it runs
		}()
		select {
		case r := <-done:
			if r.code != ExitStorage || !strings.Contains(r.stderr, "close it") || strings.Contains(r.stderr, "waiting") {
				t.Errorf("%v: exit %d, stderr %s", args, r.code, r.stderr)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("%v: the wizard waited for the busy sandbox", args)
		}
	}
}

// The command serve prints works: following it signs in.
func TestSandboxServeUseLineWorks(t *testing.T) {
	var out testkit.Buffer
	opts := newRootOptions()
	opts.Stdin, opts.Stdout, opts.Stderr = strings.NewReader(""), &out, io.Discard
	opts.Getenv = func(string) string { return "" }
	opts.hooks.store = testStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, opts, []string{"sandbox", "serve"}) }()
	defer func() { cancel(); <-done }()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(out.String(), "use it:") && strings.Contains(out.String(), "approve w/o") {
			break
		}
	}
	url, _, _ := strings.Cut(out.String(), "\n")
	checkServeUseLine(t, out.String(), url)
}

// checkServeUseLine checks that serve's "use it:" command names the
// sandbox's hosts and a client ID the sandbox accepts with no secret: a
// sign-in with it, approved with no browser, gets a token.
func checkServeUseLine(t *testing.T, out, url string) {
	t.Helper()
	_, use, _ := strings.Cut(out, "use it:")
	use, _, _ = strings.Cut(use, "\n")
	fields := strings.Fields(use)
	want := "zoomconnect --client-id " + sandbox.DemoPublicClientID + " --auth-base-url " + url + " --api-base-url " + url
	if strings.Join(fields, " ") != want {
		t.Fatalf("use it: %q, want %q", use, want)
	}
	app := oauthflow.App{ClientID: fields[2], Endpoints: oauthflow.Endpoints{AuthBaseURL: url, APIBaseURL: url}}
	sess, err := (&oauthflow.Flow{Client: &oauthflow.Client{App: app}, Timeout: 20 * time.Second}).Start(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	go func() {
		if resp, err := http.Get(sess.AuthURL + "&" + sandbox.ApproveParam + "=allow"); err == nil {
			resp.Body.Close()
		}
	}()
	if res, err := sess.Wait(t.Context()); err != nil || res.Token.AccessToken == "" {
		t.Errorf("sign-in with the printed client ID and no secret: %v", err)
	}
}

// A sandbox profile starts the built-in sandbox only for a request to it:
// not for list, status --offline or token on a fresh token.
func TestSandboxStartsOnlyWhenARequestNeedsIt(t *testing.T) {
	st := testStore(t)
	sec := sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	for _, args := range [][]string{{"list"}, {"status", "--offline"}, {"token"}} {
		r := runCLI(t, st, nil, "", args...)
		if r.code != 0 || r.opts.svc.sandbox.URL() != "" {
			t.Errorf("%v: exit %d, sandbox started: %v; stderr %s", args, r.code, r.opts.svc.sandbox.URL() != "", r.stderr)
		}
		if args[0] == "token" && r.stdout != sec.AccessToken+"\n" {
			t.Errorf("token printed %q", r.stdout)
		}
	}
	if r := runCLI(t, st, nil, "", "status"); r.code != 0 || r.opts.svc.sandbox.URL() == "" {
		t.Errorf("status (live): exit %d, sandbox started: %v; stderr %s", r.code, r.opts.svc.sandbox.URL() != "", r.stderr)
	}
	expireSecrets(t, st, "default")
	if r := runCLI(t, st, nil, "", "token"); r.code != 0 || r.opts.svc.sandbox.URL() == "" || r.stdout == sec.AccessToken+"\n" {
		t.Errorf("token on an expired token: exit %d, sandbox started: %v; stderr %s", r.code, r.opts.svc.sandbox.URL() != "", r.stderr)
	}
}

// A command that finds another process's sandbox running uses it rather
// than wait for its lock (the admin approving in a second terminal while
// the wizard waits at the wall): same URL, no wait, the running scenario;
// but not when it asked for another scenario, nor when the published
// address answers as another instance (a stale file, a reused port).
func TestSandboxAttachesToTheRunningOne(t *testing.T) {
	st := testStore(t)
	cfg := func(scenario string) func() (sandboxStart, error) {
		return func() (sandboxStart, error) {
			return sandboxStart{Store: st, Scenario: scenario, Wait: 0, Stderr: io.Discard, T: i18n.New(i18n.English)}, nil
		}
	}
	var holder sandboxService
	url, err := holder.Start(t.Context(), cfg(string(sandbox.ScenarioPreapproval)))
	if err != nil {
		t.Fatal(err)
	}
	var second sandboxService
	got, err := second.Start(t.Context(), cfg(""))
	if err != nil || got != url {
		t.Fatalf("second command: %q, %v; want the running sandbox %q", got, err, url)
	}
	if sc, ok := second.Attached(); !ok || sc != sandbox.ScenarioPreapproval || second.Server() != nil {
		t.Errorf("attached %v, scenario %q", ok, sc)
	}
	second.Close() // closes nothing of the holder's
	if _, err := sandbox.Probe(t.Context(), url, holder.Server().Instance().ID); err != nil {
		t.Fatalf("the holder's sandbox stopped when an attached command ended: %v", err)
	}
	var other sandboxService
	if _, err := other.Start(t.Context(), cfg(string(sandbox.ScenarioDeny))); ExitCode(err) != ExitStorage {
		t.Errorf("another scenario attached, or did not say the sandbox is busy: %v", err)
	}
	addr := filepath.Join(st.StateDir, sandboxAddrName)
	if err := os.WriteFile(addr, []byte(`{"url":"`+url+`","instance":"0123"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var stale sandboxService
	if _, err := stale.Start(t.Context(), cfg("")); ExitCode(err) != ExitStorage {
		t.Errorf("attached to an address that answers as another instance: %v", err)
	}
	holder.Close()
	if _, err := os.Stat(addr); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the address file outlived its sandbox: %v", err)
	}
	var after sandboxService
	defer after.Close()
	if _, err := after.Start(t.Context(), cfg("")); err != nil || after.Server() == nil {
		t.Errorf("once the holder ended, a command did not start its own sandbox: %v", err)
	}
	if _, err := os.Stat(addr); err != nil {
		t.Errorf("the new holder did not publish its address: %v", err)
	}
}
