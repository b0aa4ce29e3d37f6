package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
	"github.com/spf13/cobra"
	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// sandboxMarker is storage.SandboxMarker, the AuthBaseURL/APIBaseURL saved
// in a profile created under --sandbox. The in-process sandbox listens on a
// new port each run, so the profile names the sandbox instead of a URL;
// every later command sees the marker and starts a sandbox on the same
// state file ($XDG_STATE_HOME/zoomconnect/sandbox.json), which still knows
// the tokens.
const sandboxMarker = storage.SandboxMarker

// sandboxStateName is the sandbox's state file in the store's StateDir.
const sandboxStateName = "sandbox.json"

// sandboxApproveName is the file, in the store's StateDir, where the
// in-process sandbox's latest approve URL is written, so that approving
// with no browser is one copyable command.
const sandboxApproveName = "sandbox-approve-url"

// sandboxCommand approves the current attempt with no browser: it fetches
// the approve URL recorded in path and follows the redirect to the loopback.
func sandboxCommand(path string) string {
	return "curl -sSL -o /dev/null \"$(cat '" + path + "')\""
}

// activeScenario is the scenario of the running in-process sandbox: the
// one given with --sandbox-scenario, or the one its state file kept from an
// earlier run. The welcome screen names it, so a kept "deny" is no surprise.
func (o *rootOptions) activeScenario() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.sandboxSrv == nil {
		return o.SandboxScenario
	}
	return string(o.sandboxSrv.Scenario())
}

// wizardSandbox is what the wizard shows of the running sandbox: its
// scenario, and the no-browser approve command, which fetches the approve
// URL that OnAuthURL writes to path (0600) for each attempt — the same URL
// plus sandbox_decision=allow, whether or not a browser is opened. The URL
// only works against the local sandbox and carries the attempt's state, so
// the file is removed now (a stale one from a crashed run) and when the
// command ends, whatever way it ends (rootOptions.close).
func (o *rootOptions) wizardSandbox(path string) *wizard.Sandbox {
	_ = os.Remove(path)
	o.mu.Lock()
	o.cleanups = append(o.cleanups, func() { _ = os.Remove(path) })
	o.mu.Unlock()
	sb := &wizard.Sandbox{Scenario: o.activeScenario(), DefaultScenario: string(sandbox.ScenarioApprove), ApproveCommand: sandboxCommand(path)}
	if sb.Scenario != "" {
		sb.Summary = sandbox.Scenario(sb.Scenario).Summary(o.t)
	}
	sb.OnAuthURL = func(authURL string) {
		o.mu.Lock()
		srv := o.sandboxSrv
		o.mu.Unlock()
		if srv != nil {
			_ = storage.WriteFileAtomic(path, []byte(srv.ApproveURL(authURL)+"\n"), 0o600)
		}
	}
	return sb
}

// parseScenario validates a scenario name; the error lists the valid ones.
func parseScenario(name string) (sandbox.Scenario, error) {
	sc, err := sandbox.ParseScenario(name)
	if err != nil {
		return "", &ExitError{Code: ExitUsage, Err: err}
	}
	return sc, nil
}

// isSandboxProfile reports whether p was created under --sandbox.
func isSandboxProfile(p *storage.Profile) bool {
	return p.IsSandbox()
}

// startSandbox starts the in-process sandbox once, on the store's state
// file, and returns its URL. It is closed when the command finishes. An
// empty --sandbox-scenario keeps the scenario saved in the state file.
func (o *rootOptions) startSandbox(ctx context.Context) (string, error) {
	st, err := o.store()
	if err != nil {
		return "", err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.sandboxURL != "" {
		return o.sandboxURL, nil
	}
	if o.sandboxStartErr != nil { // tried once in this command: not again (it may have waited)
		return "", o.sandboxStartErr
	}
	u, err := o.startSandboxLocked(ctx, st)
	o.sandboxStartErr = err
	return u, err
}

// startSandboxLocked is startSandbox's first try. The caller holds o.mu.
func (o *rootOptions) startSandboxLocked(ctx context.Context, st *storage.Store) (string, error) {
	var err error
	sc := sandbox.Scenario("")
	if o.SandboxScenario != "" {
		if sc, err = parseScenario(o.SandboxScenario); err != nil {
			return "", err
		}
	}
	if err := os.MkdirAll(st.StateDir, 0o700); err != nil {
		return "", &ExitError{Code: ExitStorage, Err: fmt.Errorf("create %s for the sandbox's state: %w; make sure it is yours and writable (zoomconnect doctor checks it)", st.StateDir, err)}
	}
	unlock, err := lockSandboxState(ctx, st.StateDir, o.sandboxWait(), o.Stderr)
	if err != nil {
		return "", err
	}
	srv, err := sandbox.New(sandbox.Options{Scenario: sc, StateFile: filepath.Join(st.StateDir, sandboxStateName), Lang: o.t.Lang()})
	if err != nil {
		unlock()
		return "", fmt.Errorf("start the built-in sandbox: %w; check the state directory with: zoomconnect doctor", err)
	}
	o.sandboxURL, o.sandboxSrv = srv.URL, srv
	o.cleanups = append(o.cleanups, unlock, srv.Close) // run in reverse: close, then unlock
	return srv.URL, nil
}

// sandboxLockWait bounds a short command's wait for another process's
// in-process sandbox (rootOptions.sandboxLockWait overrides it in tests).
const sandboxLockWait = 30 * time.Second

// sandboxWait is how long this command waits for a busy sandbox: a short
// command waits sandboxLockWait, the wizard not at all (the other process
// is most likely a wizard, which can run for minutes).
func (o *rootOptions) sandboxWait() time.Duration {
	if o.isWizard {
		return 0
	}
	if o.sandboxLockWait > 0 {
		return o.sandboxLockWait
	}
	return sandboxLockWait
}

// lockSandboxState takes the lock that lets one in-process sandbox at a
// time use the state file: two live sandboxes on one file would overwrite
// each other's rotated tokens. It tries once; when another process holds
// the lock it fails at once with wait 0, else says so on stderr at once and
// waits up to wait. It is never silent.
func lockSandboxState(ctx context.Context, dir string, wait time.Duration, stderr io.Writer) (unlock func(), err error) {
	lock := flock.New(filepath.Join(dir, "sandbox.lock"))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, &ExitError{Code: ExitStorage, Err: fmt.Errorf("lock the built-in sandbox's state (%s): %w; check that %s is yours and writable (zoomconnect doctor)",
			lock.Path(), err, dir)}
	}
	if !ok && wait > 0 {
		fmt.Fprintf(stderr, "zoomconnect: another zoomconnect process is using the built-in sandbox's state (perhaps the wizard in another terminal); "+
			"waiting up to %s for it to finish. Close it to go on now.\n", wait)
		lctx, cancel := context.WithTimeout(ctx, wait)
		defer cancel()
		ok, err = lock.TryLockContext(lctx, 50*time.Millisecond)
		if err != nil && ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	if !ok {
		return nil, &ExitError{Code: ExitStorage, Err: fmt.Errorf("another zoomconnect process is using the built-in sandbox "+
			"(perhaps the wizard in another terminal): close it (q or ctrl+c there), then run this again (lock: %s)", lock.Path())}
	}
	return func() { _ = lock.Unlock() }, nil
}

// sandboxUnavailable is the base URL a sandbox profile gets when its
// in-process sandbox could not start; calls then fail fast and the reason
// is printed (see run).
const sandboxUnavailable = "http://sandbox-unavailable.invalid"

// profileEndpoints is the connection.Manager hook: a sandbox profile goes to
// the in-process sandbox (started on first use), every other profile to its
// saved hosts.
func (o *rootOptions) profileEndpoints(p *storage.Profile) oauthflow.Endpoints {
	if isSandboxProfile(p) {
		u, err := o.startSandbox(context.Background())
		if err != nil {
			o.mu.Lock()
			o.sandboxErr = err
			o.mu.Unlock()
			u = sandboxUnavailable
		}
		return oauthflow.Endpoints{AuthBaseURL: u, APIBaseURL: u}
	}
	return connection.SavedEndpoints(p)
}

// zoomClient is the Manager's Client hook: the Zoom client of a profile
// on the HTTP client hc and the profile's hosts (profileEndpoints), except
// for a sandbox profile whose built-in sandbox could not start: its
// requests fail at once, before anything is sent (connection.ErrNotSent,
// so a refresh records nothing), with the reason, which the command's
// error then reports instead of run.
func (o *rootOptions) zoomClient(hc *http.Client) func(*storage.Profile, storage.Secrets) connection.Zoom {
	return func(p *storage.Profile, sec storage.Secrets) connection.Zoom {
		ep := o.profileEndpoints(p)
		if isSandboxProfile(p) {
			if err := o.takeSandboxFailure(); err != nil {
				return notSent{notSentError{err}}
			}
		}
		return &oauthflow.Client{
			App:        oauthflow.App{ClientID: p.ClientID, ClientSecret: sec.ClientSecret, Endpoints: ep},
			HTTPClient: hc,
			Now:        o.Now,
		}
	}
}

// takeSandboxFailure is why the sandbox did not start (nil when it did or
// was not tried); the request's error reports it from now on, so run
// does not.
func (o *rootOptions) takeSandboxFailure() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.sandboxStartErr != nil {
		o.sandboxErr = nil
	}
	return o.sandboxStartErr
}

// notSentError is the error of a request never sent: cause, in its own
// words, marked connection.ErrNotSent.
type notSentError struct{ cause error }

func (e notSentError) Error() string   { return e.cause.Error() }
func (e notSentError) Unwrap() []error { return []error{connection.ErrNotSent, e.cause} }

// notSent is a connection.Zoom whose every request fails with err.
type notSent struct{ err error }

func (z notSent) Refresh(context.Context, string) (*oauth2.Token, error) { return nil, z.err }
func (z notSent) Revoke(context.Context, string, string) error           { return z.err }
func (z notSent) Me(context.Context, string) (*oauthflow.User, error)    { return nil, z.err }

// profileIsSandbox reports whether the named saved profile is a sandbox
// profile.
func profileIsSandbox(st *storage.Store, name string) bool {
	p, err := st.LoadProfile(name)
	return err == nil && isSandboxProfile(p)
}

func newSandboxCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Run the built-in Zoom sandbox on its own",
		Args:  noArgs,
	}
	cmd.AddCommand(newSandboxServeCmd(opts))
	return cmd
}

func newSandboxServeCmd(opts *rootOptions) *cobra.Command {
	var addr, scenario, stateFile string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve a standalone Zoom sandbox until ctrl+c",
		Long: "Serve a Zoom-compatible OAuth and API server on 127.0.0.1 until ctrl+c.\n" +
			"Point zoomconnect at it with --auth-base-url, --api-base-url and the\n" +
			"sandbox's --client-id (it prints the whole command).\n\nScenarios:\n" + scenarioList(opts.t),
		Example: "  zoomconnect sandbox serve --addr 127.0.0.1:9999 --scenario preapproval\n" +
			"  zoomconnect --client-id " + sandbox.DemoPublicClientID + " \\\n" +
			"    --auth-base-url http://127.0.0.1:9999 \\\n" +
			"    --api-base-url http://127.0.0.1:9999",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sc, err := parseScenario(scenario)
			if err != nil {
				return err
			}
			srv, err := sandbox.New(sandbox.Options{Scenario: sc, Addr: addr, StateFile: stateFile, Lang: opts.t.Lang()})
			if err != nil {
				return usageErrorf("%v; pick a free loopback --addr (e.g. --addr 127.0.0.1:0 for any port) or another --state file", err)
			}
			defer srv.Close()
			w := cmd.OutOrStdout()
			fmt.Fprintln(w, srv.URL)
			fmt.Fprintf(w, "Zoom sandbox (scenario %s) listening on %s until ctrl+c.\n", srv.Scenario(), srv.URL)
			fmt.Fprintf(w, "  demo app:       client ID %s, secret %s (public demo values)\n", sandbox.DemoClientID, sandbox.DemoClientSecret)
			fmt.Fprintf(w, "  public client:  client ID %s (no secret, PKCE)\n", sandbox.DemoPublicClientID)
			fmt.Fprintf(w, "  use it:         %s\n", sandboxServeUse(srv.URL))
			fmt.Fprintf(w, "  approve w/o a browser: curl -sSL -o /dev/null '<authorize URL>&%s=allow'\n", sandbox.ApproveParam)
			printAdminDemo(w, srv.URL) // cli/adminside.go
			<-cmd.Context().Done()
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", sandbox.DefaultAddr, "loopback address, 127.0.0.1:PORT")
	cmd.Flags().StringVar(&scenario, "scenario", string(sandbox.ScenarioApprove), "how the sandbox answers (list above)")
	cmd.Flags().StringVar(&stateFile, "state", "", "keep grants and tokens in FILE (default: memory)")
	return cmd
}

// sandboxServeUse is the command that runs the wizard against a sandbox
// served at url: its hosts and the public demo client (no secret to pass),
// so the wizard offers the sandbox's app as the organization's app.
func sandboxServeUse(url string) string {
	return "zoomconnect --client-id " + sandbox.DemoPublicClientID + " --auth-base-url " + url + " --api-base-url " + url
}

// scenarioList formats the scenarios for help text, each summary wrapped
// under its column so that --help fits 80 columns.
func scenarioList(t *i18n.Printer) string {
	var b strings.Builder
	const col = 21 // "  " + an 18-column name + " "
	for _, s := range sandbox.Scenarios(t) {
		text := s.Summary
		if s.Name == sandbox.ScenarioApprove {
			text += " " + t.T("scenario.default_mark")
		}
		summary := strings.Join(page.WrapText(text, helpTextWidth-col, false), "\n")
		summary = strings.ReplaceAll(summary, "\n", "\n"+strings.Repeat(" ", col))
		fmt.Fprintf(&b, "  %-18s %s\n", s.Name, summary)
	}
	return b.String()
}

// helpTextWidth is the widest line of a command's Long help: fang indents
// it by 2, and --help must fit an 80-column terminal.
const helpTextWidth = 76
