package cli

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"

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
	if srv := o.svc.sandbox.Server(); srv != nil {
		return string(srv.Scenario())
	}
	return o.SandboxScenario
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
	o.svc.sandbox.OnClose(func() { _ = os.Remove(path) })
	sb := &wizard.Sandbox{Scenario: o.activeScenario(), DefaultScenario: string(sandbox.ScenarioApprove), ApproveCommand: sandboxCommand(path)}
	if sb.Scenario != "" {
		sb.Summary = sandbox.Scenario(sb.Scenario).Summary(o.t)
	}
	sb.OnAuthURL = func(authURL string) {
		if srv := o.svc.sandbox.Server(); srv != nil {
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

// sandboxUnavailable is the base URL a sandbox profile gets when its
// in-process sandbox could not start; calls then fail fast and the reason
// is printed (see run).
const sandboxUnavailable = "http://sandbox-unavailable.invalid"

// profileEndpoints is the connection.Manager hook: a sandbox profile goes to
// the in-process sandbox (started on first use), every other profile to its
// saved hosts.
func (o *rootOptions) profileEndpoints(p *storage.Profile) oauthflow.Endpoints {
	if isSandboxProfile(p) {
		u := o.svc.sandbox.Lazy(context.Background(), o.sandboxStart)
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
			if err := o.svc.sandbox.TakeErr(); err != nil {
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
