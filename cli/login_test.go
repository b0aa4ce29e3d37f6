package cli

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// fakeWizard does what the wizard's screens do against env, with the
// recorded sandbox approve URL as the "browser": authorize, users/me, save.
func fakeWizard(t *testing.T) func(context.Context, *wizard.Config) (wizard.Saved, error) {
	return func(ctx context.Context, env *wizard.Config) (wizard.Saved, error) {
		t.Helper()
		if env.Sandbox == nil || env.OrgApp == nil || env.OrgApp.ClientID != sandbox.DemoClientID {
			t.Fatalf("sandbox env = sandbox %+v, org app %+v", env.Sandbox, env.OrgApp)
		}
		if !strings.HasPrefix(env.Endpoints.AuthBaseURL, "http://127.0.0.1:") || env.Endpoints.APIBaseURL != env.Endpoints.AuthBaseURL {
			t.Fatalf("endpoints = %+v", env.Endpoints)
		}
		app := oauthflow.App{ClientID: env.OrgApp.ClientID, ClientSecret: env.OrgApp.ClientSecret, Endpoints: env.Endpoints}
		client := &oauthflow.Client{App: app, HTTPClient: env.HTTPClient}
		sess, err := (&oauthflow.Flow{Client: client}).Start(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		env.Sandbox.OnAuthURL(sess.AuthURL)
		if err := env.OpenURL(sess.AuthURL); err != nil {
			t.Fatal(err)
		}
		approve := approveFileFromHint(t, env.Sandbox.ApproveCommand)
		b, err := os.ReadFile(approve)
		if err != nil {
			t.Fatalf("the approve URL was not recorded: %v", err)
		}
		if info, err := os.Stat(approve); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("approve file: %v %v, want mode 0600", info, err)
		}
		resp, err := http.Get(strings.TrimSpace(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		res, err := sess.Wait(ctx)
		if err != nil {
			t.Fatal(err)
		}
		u, err := client.Me(ctx, res.Token.AccessToken)
		if err != nil {
			t.Fatal(err)
		}
		// Like the identity screen: a sandbox profile records the marker.
		p := &storage.Profile{Name: env.Profile, AuthType: storage.AuthOrgApp, ClientID: app.ClientID,
			AuthBaseURL: sandboxMarker, APIBaseURL: sandboxMarker, Email: u.Email, GrantedScopes: res.Scopes}
		sec := storage.Secrets{ClientSecret: app.ClientSecret, AccessToken: res.Token.AccessToken,
			RefreshToken: res.Token.RefreshToken, Expiry: res.Token.Expiry}
		if err := env.Conn.Save(ctx, p, storage.BackendKeyring, sec); err != nil {
			t.Fatal(err)
		}
		return wizard.Saved{Profile: *p}, nil
	}
}

// approveFileFromHint extracts the file path the sandbox hint cats.
func approveFileFromHint(t *testing.T, hint string) string {
	t.Helper()
	_, rest, ok := strings.Cut(hint, "$(cat '")
	path, _, ok2 := strings.Cut(rest, "')")
	if !ok || !ok2 {
		t.Fatalf("hint has no approve file: %q", hint)
	}
	return path
}

func TestSandboxLoginSavesAMarkedProfileThatLaterCommandsUse(t *testing.T) {
	st := testStore(t)
	r := runCLIWith(t, st, nil, "", func(o *rootOptions) {
		o.hooks.assumeTerminal = true
		o.hooks.wizard = fakeWizard(t)
	}, "--sandbox", "--no-browser")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("login wrote to stdout: %q", r.stdout)
	}
	p, err := st.LoadProfile("default")
	if err != nil {
		t.Fatal(err)
	}
	if p.AuthBaseURL != sandboxMarker || p.APIBaseURL != sandboxMarker {
		t.Fatalf("profile endpoints = %q %q, want the sandbox marker", p.AuthBaseURL, p.APIBaseURL)
	}
	if _, err := os.Stat(filepath.Join(st.StateDir, sandboxApproveName)); !os.IsNotExist(err) {
		t.Errorf("the approve file (it holds the attempt's state) outlived the wizard: %v", err)
	}
	// A later process, without --sandbox, talks to a new in-process sandbox
	// on the same state file: live status and token work.
	r = runCLI(t, st, nil, "", "status", "--json")
	if r.code != ExitFailure && r.code != 0 {
		t.Fatalf("status: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, `"email": "`+sandbox.DemoUser().Email) || !strings.Contains(r.stdout, `"checked": true`) {
		t.Errorf("status did not reach the sandbox:\n%s", r.stdout)
	}
	r = runCLI(t, st, nil, "", "token")
	if r.code != 0 || len(strings.TrimSpace(r.stdout)) == 0 || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("token: exit %d stdout %q stderr %s", r.code, r.stdout, r.stderr)
	}
}

func TestLoginStoppedAtPreapprovalExits9(t *testing.T) {
	st := testStore(t)
	r := runCLIWith(t, st, nil, "", func(o *rootOptions) {
		o.hooks.assumeTerminal = true
		o.hooks.wizard = func(ctx context.Context, env *wizard.Config) (wizard.Saved, error) {
			err := env.Store.SavePending(ctx, storage.Pending{Profile: env.Profile, AuthType: storage.AuthOrgApp,
				ClientID: "OrgClient", Stage: "preapproval", CreatedAt: env.Now()}, "")
			if err != nil {
				t.Fatal(err)
			}
			return wizard.Saved{}, wizard.ErrCanceled
		}
	}, "--auth-base-url", "https://zoom.example", "--api-base-url", "https://api.zoom.example")
	if r.code != ExitPreapproval {
		t.Fatalf("exit %d, want %d; stderr %s", r.code, ExitPreapproval, r.stderr)
	}
	if !strings.Contains(r.stderr, "pre-approve") || !strings.Contains(r.stderr, "zoomconnect login") {
		t.Errorf("stderr = %s", r.stderr)
	}
	// The next run offers to resume it.
	r = runCLIWith(t, st, nil, "", func(o *rootOptions) {
		o.hooks.assumeTerminal = true
		o.hooks.wizard = func(ctx context.Context, env *wizard.Config) (wizard.Saved, error) {
			// The wizard finds the attempt in env.Store under env.Profile
			// (the welcome screen loads it in a command).
			pending, _ := wizard.LoadPending(ctx, env)
			if pending == nil || pending.ClientID != "OrgClient" {
				t.Errorf("pending attempt not available to the wizard: %+v", pending)
			}
			return wizard.Saved{}, wizard.ErrCanceled
		}
	})
	if r.code != ExitPreapproval {
		t.Errorf("left while still pending: exit %d, want %d", r.code, ExitPreapproval)
	}
	if err := st.ClearPending(context.Background(), "default"); err != nil {
		t.Fatal(err)
	}
	r = runCLIWith(t, st, nil, "", func(o *rootOptions) {
		o.hooks.assumeTerminal = true
		o.hooks.wizard = func(context.Context, *wizard.Config) (wizard.Saved, error) { return wizard.Saved{}, wizard.ErrCanceled }
	})
	if r.code != ExitCanceled || !strings.Contains(r.stderr, "canceled") {
		t.Errorf("plain cancel: exit %d, want %d; stderr %s", r.code, ExitCanceled, r.stderr)
	}
}

func TestWizardEnvOrgAppSources(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("XDG_CONFIG_DIRS", filepath.Join(t.TempDir(), "none"))
	xdg.Reload() // the package caches the dirs: without this, /etc/xdg stays searched
	t.Cleanup(xdg.Reload)
	opts := newRootOptions()
	opts.hooks.store = testStore(t)
	opts.Getenv = func(string) string { return "" }
	app, err := opts.orgApp(oauthflow.DefaultEndpoints())
	if app != nil || err == nil {
		t.Errorf("with no app.json: app %+v, err %v", app, err)
	}
	opts.ClientID, opts.clientSecret = "FlagClient", "stdin-secret"
	app, err = opts.orgApp(oauthflow.GovEndpoints())
	if err != nil || app.ClientID != "FlagClient" || app.ClientSecret != "stdin-secret" || app.AuthBaseURL != oauthflow.GovAuthBaseURL {
		t.Errorf("from flags: %+v, %v", app, err)
	}
}

func TestFirstConnectionBecomesTheDefault(t *testing.T) {
	st := testStore(t)
	login := func(profile string) cliResult {
		return runCLIWith(t, st, nil, "", func(o *rootOptions) {
			o.hooks.assumeTerminal = true
			o.hooks.wizard = fakeWizard(t)
		}, "--sandbox", "--no-browser", "--profile", profile)
	}
	if r := login("work"); r.code != 0 || !strings.Contains(r.stderr, `"work" is now the default`) {
		t.Fatalf("first login: exit %d, stderr %s", r.code, r.stderr)
	}
	if got := st.DefaultProfile(); got != "work" {
		t.Fatalf("default = %q, want work", got)
	}
	if r := login("home"); r.code != 0 || strings.Contains(r.stderr, "now the default") {
		t.Fatalf("second login: exit %d, stderr %s", r.code, r.stderr)
	}
	if got := st.DefaultProfile(); got != "work" {
		t.Errorf("a second connection took over the default: %q", got)
	}
	r := runCLI(t, st, nil, "", "token")
	if r.code != 0 {
		t.Errorf("token without --profile uses the default: exit %d, stderr %s", r.code, r.stderr)
	}
}

// The approve file holds an attempt's state: a stale one is removed when a
// wizard starts, and the file is gone when the wizard ends, however it ends.
func TestSandboxApproveFileLivesOnlyWhileTheWizardRuns(t *testing.T) {
	for _, outcome := range []error{wizard.ErrCanceled, errors.New("the wizard failed")} {
		st := testStore(t)
		if err := mkdirAll(st.StateDir); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(st.StateDir, sandboxApproveName)
		if err := os.WriteFile(path, []byte("http://127.0.0.1:1/stale?state=old\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		r := runCLIWith(t, st, nil, "", func(o *rootOptions) {
			o.hooks.assumeTerminal = true
			o.hooks.wizard = func(ctx context.Context, env *wizard.Config) (wizard.Saved, error) {
				if _, err := os.Stat(path); !os.IsNotExist(err) {
					t.Errorf("a stale approve file is still there when the wizard starts: %v", err)
				}
				// The approve URL is recorded for every attempt, with or
				// without a browser to open (--no-browser opens nothing).
				env.Sandbox.OnAuthURL(env.Endpoints.AuthBaseURL + "/oauth/authorize?state=new")
				if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "state=new") {
					t.Errorf("approve file during the attempt: %q %v", b, err)
				}
				return wizard.Saved{}, outcome
			}
		}, "--sandbox", "--no-browser")
		if r.code == 0 {
			t.Errorf("%v: exit 0", outcome)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%v: the approve file outlived the wizard: %v", outcome, err)
		}
	}
}

// A timeout stays a timeout (exit 4) even though entering the pre-approval
// screen saved an attempt: only a plain cancel or a pre-approval outcome
// becomes "waiting for pre-approval" (exit 9). A sandbox run's resume
// command carries --sandbox, or it would start the wizard against zoom.us.
func TestLoginExitWithPendingAttempt(t *testing.T) {
	args := func(sandbox bool) []string {
		if sandbox {
			return []string{"--sandbox"}
		}
		return []string{"--auth-base-url", "https://zoom.example", "--api-base-url", "https://api.zoom.example"}
	}
	timeout := &oauthflow.Error{Kind: oauthflow.KindTimeout, Op: oauthflow.OpAuthorize}
	cases := []struct {
		name     string
		err      error
		sandbox  bool
		want     int
		wantText string
	}{
		{"timeout", &wizard.FailedError{Err: timeout}, false, ExitTimeout, ""},
		{"cancel", wizard.ErrCanceled, false, ExitPreapproval, "run zoomconnect login again"},
		{"pre-approval", &wizard.FailedError{Err: wizard.PreapprovalError(nil)}, true, ExitPreapproval, "run zoomconnect login --sandbox again"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := testStore(t)
			r := runCLIWith(t, st, nil, "", func(o *rootOptions) {
				o.hooks.assumeTerminal = true
				o.hooks.wizard = func(ctx context.Context, env *wizard.Config) (wizard.Saved, error) {
					err := env.Store.SavePending(ctx, storage.Pending{Profile: env.Profile, AuthType: storage.AuthOrgApp,
						ClientID: "OrgClient", Stage: "preapproval", CreatedAt: env.Now()}, "")
					if err != nil {
						t.Fatal(err)
					}
					return wizard.Saved{}, c.err
				}
			}, args(c.sandbox)...)
			if r.code != c.want {
				t.Fatalf("exit %d, want %d; stderr %s", r.code, c.want, r.stderr)
			}
			if c.wantText != "" && !strings.Contains(r.stderr, c.wantText) {
				t.Errorf("stderr lacks %q:\n%s", c.wantText, r.stderr)
			}
		})
	}
}

// The wizard is told which sandbox scenario is running, including one kept
// in the sandbox's state file from an earlier run (so a kept "deny" is named
// on the welcome screen), the approve command on its own, and --no-browser.
func TestWizardEnvSandboxScenarioAndBrowser(t *testing.T) {
	st := testStore(t)
	capture := func(args ...string) *wizard.Config {
		var got *wizard.Config
		r := runCLIWith(t, st, nil, "", func(o *rootOptions) {
			o.hooks.assumeTerminal = true
			o.hooks.wizard = func(_ context.Context, env *wizard.Config) (wizard.Saved, error) {
				got = env
				return wizard.Saved{}, wizard.ErrCanceled
			}
		}, args...)
		if got == nil {
			t.Fatalf("%v: the wizard did not run: exit %d, stderr %s", args, r.code, r.stderr)
		}
		return got
	}
	env := capture("--sandbox-scenario", "deny", "--no-browser")
	if env.Sandbox.Scenario != "deny" || !env.NoBrowser {
		t.Errorf("scenario %q, no-browser %v", env.Sandbox.Scenario, env.NoBrowser)
	}
	if !strings.HasPrefix(env.Sandbox.ApproveCommand, "curl ") {
		t.Errorf("command %q", env.Sandbox.ApproveCommand)
	}
	if env = capture("--sandbox"); env.Sandbox.Scenario != "deny" || env.NoBrowser {
		t.Errorf("a later --sandbox run: scenario %q (want the kept deny), no-browser %v", env.Sandbox.Scenario, env.NoBrowser)
	}
}
