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
	if sc, ok := o.svc.sandbox.Attached(); ok {
		return string(sc)
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
		if o.svc.sandbox.URL() != "" { // ours, or the one this run attached to
			_ = storage.WriteFileAtomic(path, []byte(sandbox.ApproveURL(authURL)+"\n"), 0o600)
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
	cmd := &cobra.Command{Use: "sandbox", RunE: runGroup}
	opts.describe(cmd, "sandbox")
	cmd.AddCommand(newSandboxServeCmd(opts))
	return cmd
}

// serveFlags are the flags of `zoomconnect sandbox serve`.
type serveFlags struct {
	addr, scenario, stateFile string
}

func newSandboxServeCmd(opts *rootOptions) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:  "serve",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sc, err := parseScenario(f.scenario)
			if err != nil {
				return err
			}
			srv, err := sandbox.New(sandbox.Options{Scenario: sc, Addr: f.addr, StateFile: f.stateFile, Lang: opts.t.Lang()})
			if err != nil {
				return usageError(err, "cli.usage.serve", "Reason", err)
			}
			defer srv.Close()
			w := cmd.OutOrStdout()
			fmt.Fprintln(w, srv.URL)
			_ = opts.textFor(w).write(w, "", serveBlocks(opts.t, srv))
			<-cmd.Context().Done()
			return nil
		},
	}
	opts.describe(cmd, "sandbox_serve", "Scenarios", i18n.Raw(scenarioList(opts.t)), "Client", sandbox.DemoPublicClientID)
	cmd.Flags().StringVar(&f.addr, "addr", sandbox.DefaultAddr, opts.flagUsage("serve_addr"))
	cmd.Flags().StringVar(&f.scenario, "scenario", string(sandbox.ScenarioApprove), opts.flagUsage("serve_scenario"))
	_ = cmd.RegisterFlagCompletionFunc("scenario", opts.completeScenarios)
	cmd.Flags().StringVar(&f.stateFile, "state", "", opts.flagUsage("serve_state"))
	return cmd
}

// serveBlocks say what `sandbox serve` serves: the scenario and the URL,
// then the demo apps and the commands that use them.
func serveBlocks(t *i18n.Printer, srv *sandbox.Server) []page.Block {
	rows := page.Rows(
		page.Item{Text: t.T("cli.serve.demo_app"), Detail: t.T("cli.serve.demo_app_is", "ID", sandbox.DemoClientID, "Secret", sandbox.DemoClientSecret)},
		page.Item{Text: t.T("cli.serve.public_client"), Detail: t.T("cli.serve.public_client_is", "ID", sandbox.DemoPublicClientID)},
		page.Item{Text: t.T("cli.serve.use_it"), Detail: "`" + sandboxServeUse(srv.URL) + "`"},
		page.Item{Text: t.T("cli.serve.approve"), Detail: t.T("cli.serve.approve_cmd", "Param", sandbox.ApproveParam)},
		page.Item{Text: t.T("cli.serve.admin_app"), Detail: t.T("cli.serve.admin_app_is", "Account", sandbox.DemoAccountID,
			"ID", sandbox.DemoAdminClientID, "Secret", sandbox.DemoAdminClientSecret)},
		page.Item{Text: t.T("cli.serve.app_id"), Detail: t.T("cli.serve.app_id_is", "ID", sandbox.DemoAppID)},
		page.Item{Text: t.T("cli.serve.admin_login"), Detail: "`" + adminDemoLogin(srv.URL) + "`"},
	)
	return []page.Block{page.Para(t.T("cli.serve.listening", "Scenario", string(srv.Scenario()), "URL", srv.URL)), rows.Under()}
}

// sandboxServeUse is the command that runs the wizard against a sandbox
// served at url: its hosts and the public demo client (no secret to pass),
// so the wizard offers the sandbox's app as the organization's app.
func sandboxServeUse(url string) string {
	return "zoomconnect --client-id " + sandbox.DemoPublicClientID + " --auth-base-url " + url + " --api-base-url " + url
}

// scenarioList is the scenarios for help text: each name and its summary
// in t's language, one "  NAME  summary" line each, the summaries in one
// column (help and the man pages wrap them).
func scenarioList(t *i18n.Printer) string {
	scenarios := sandbox.Scenarios(t)
	wide := 0
	for _, s := range scenarios {
		wide = max(wide, len(s.Name))
	}
	var b strings.Builder
	for _, s := range scenarios {
		text := s.Summary
		if s.Name == sandbox.ScenarioApprove {
			text += " " + t.T("scenario.default_mark")
		}
		fmt.Fprintf(&b, "  %-*s  %s\n", wide, s.Name, text)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
