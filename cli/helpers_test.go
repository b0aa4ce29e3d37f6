package cli

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/storage/storagetest"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// testStore is a Store in t.TempDir with an in-memory keyring.
func testStore(t *testing.T) *storage.Store {
	t.Helper()
	return storagetest.NewStore(t.TempDir(), nil)
}

// cliResult is what one in-process run produced.
type cliResult struct {
	stdout, stderr string
	code           int
	opts           *rootOptions
}

// runCLI runs zoomconnect in-process on st with env as the environment.
// The wizard must not run unless the test sets opts.hooks.wizard via setup.
func runCLI(t *testing.T, st *storage.Store, env map[string]string, stdin string, args ...string) cliResult {
	t.Helper()
	return runCLIWith(t, st, env, stdin, nil, args...)
}

func runCLIWith(t *testing.T, st *storage.Store, env map[string]string, stdin string, setup func(*rootOptions), args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	opts := newRootOptions()
	opts.Stdin, opts.Stdout, opts.Stderr = strings.NewReader(stdin), &out, &errb
	opts.Getenv = func(k string) string { return env[k] }
	opts.hooks.store = st
	opts.hooks.wizard = func(context.Context, *wizard.Config) (wizard.Saved, error) {
		t.Error("the wizard ran, but this test did not expect it")
		return wizard.Saved{}, errors.New("unexpected wizard")
	}
	if setup != nil {
		setup(opts)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	code := run(ctx, opts, args)
	return cliResult{stdout: out.String(), stderr: errb.String(), code: code, opts: opts}
}

// captureWizard runs zoomconnect as a terminal would, with a wizard that
// records its configuration and quits; nil when the wizard did not run
// (the flags were refused).
func captureWizard(t *testing.T, st *storage.Store, env map[string]string, stdin string, args ...string) (*wizard.Config, cliResult) {
	t.Helper()
	var got *wizard.Config
	r := runCLIWith(t, st, env, stdin, func(o *rootOptions) {
		o.hooks.assumeTerminal = true
		o.hooks.wizard = func(_ context.Context, cfg *wizard.Config) (wizard.Saved, error) {
			got = cfg
			return wizard.Saved{}, wizard.ErrCanceled
		}
	}, args...)
	return got, r
}

// authorizeSandbox runs one real authorization against srv with the demo
// app, approving through the sandbox's no-browser parameter.
func authorizeSandbox(t *testing.T, srv *sandbox.Server) *oauthflow.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client := &oauthflow.Client{App: oauthflow.App{
		ClientID: sandbox.DemoClientID, ClientSecret: sandbox.DemoClientSecret,
		Endpoints: oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL},
	}}
	sess, err := (&oauthflow.Flow{Client: client, Timeout: 30 * time.Second}).Start(ctx)
	if err != nil {
		t.Fatalf("start the flow: %v", err)
	}
	defer sess.Close()
	resp, err := http.Get(srv.ApproveURL(sess.AuthURL)) // follows the redirect to the loopback
	if err != nil {
		t.Fatalf("approve: %v", err)
	}
	resp.Body.Close()
	res, err := sess.Wait(ctx)
	if err != nil {
		t.Fatalf("wait for the callback: %v", err)
	}
	return res
}

// saveConnection saves an authorized connection as profile name with the
// given secret backend, pointing at base (a URL or the sandbox marker).
func saveConnection(t *testing.T, st *storage.Store, name, base string, backend storage.SecretBackend, res *oauthflow.Result) storage.Secrets {
	t.Helper()
	p := &storage.Profile{
		Name: name, AuthType: storage.AuthOrgApp, AppName: sandbox.DemoAppName, ClientID: sandbox.DemoClientID,
		AuthBaseURL: base, APIBaseURL: base, Email: sandbox.DemoUser().Email, UserID: sandbox.DemoUser().ID,
		AccountID: sandbox.DemoUser().AccountID, GrantedScopes: res.Scopes,
	}
	sec := storage.Secrets{
		ClientSecret: sandbox.DemoClientSecret, AccessToken: res.Token.AccessToken,
		RefreshToken: res.Token.RefreshToken, TokenType: res.Token.TokenType, Expiry: res.Token.Expiry,
	}
	m := &connection.Manager{Store: st}
	if err := m.Save(context.Background(), p, backend, sec); err != nil {
		t.Fatalf("save the connection: %v", err)
	}
	return sec
}

// sandboxConnection authorizes against a sandbox on st's state file, closes
// it, and saves a sandbox-marker profile, as `zoomconnect --sandbox` does.
// Secrets go to the (in-memory) keyring.
func sandboxConnection(t *testing.T, st *storage.Store, name string, sc sandbox.Scenario) storage.Secrets {
	return sandboxConnectionIn(t, st, name, sc, storage.BackendKeyring)
}

func sandboxConnectionIn(t *testing.T, st *storage.Store, name string, sc sandbox.Scenario, backend storage.SecretBackend) storage.Secrets {
	t.Helper()
	if err := mkdirAll(st.StateDir); err != nil {
		t.Fatal(err)
	}
	srv, err := sandbox.New(sandbox.Options{Scenario: sc, StateFile: filepath.Join(st.StateDir, sandboxStateName)})
	if err != nil {
		t.Fatalf("start the sandbox: %v", err)
	}
	res := authorizeSandbox(t, srv)
	srv.Close()
	return saveConnection(t, st, name, sandboxMarker, backend, res)
}

func mkdirAll(dir string) error { return os.MkdirAll(dir, 0o700) }

// containsLine reports whether text contains want (anywhere).
func containsLine(text, want string) bool { return strings.Contains(text, want) }
