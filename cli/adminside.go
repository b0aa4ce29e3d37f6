package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/accessible"
	"github.com/zoomconnect/zoomconnect/admin"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/schema"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// ExitPartial is the admin commands' exit status when some of the people
// or groups named were not changed (not found, not joined, no pending
// request, ...) while nothing failed; the report says who and why. admin
// login and admin status use it when the app lacks scopes.
const ExitPartial = 10

// adminOptions are the admin side's own flags, shared by its commands.
type adminOptions struct {
	root *rootOptions
	// name is --admin-profile: which admin profile to use.
	name string
	// yes is --yes: confirmations are answered yes (scripts).
	yes bool
	// asJSON is --json.
	asJSON bool
	// lines asks the admin questions, once a command needs one.
	lines *accessible.Lines
}

// addAdminSide adds the admin's commands (login, status, logout, requests,
// approve, decline, preapprove) to the admin command, its
// --admin-profile flag, and the console it opens with no subcommand.
func addAdminSide(cmd *cobra.Command, opts *rootOptions) {
	a := &adminOptions{root: opts}
	cmd.AddCommand(a.loginCmd(), a.statusCmd(), a.logoutCmd(), a.requestsCmd(), a.approveCmd(), a.declineCmd(), a.preapproveCmd())
	cmd.RunE = a.runConsole
	a.addFlags(cmd, true)
	cmd.Long += "\n" + adminSideHelp
	cmd.Short = "Pre-approval for admins: console, requests, guide"
}

// addFlags registers --admin-profile on an admin-side command, and
// --sandbox (the sandbox's demo admin app) on those that reach Zoom.
func (a *adminOptions) addFlags(cmd *cobra.Command, reachesZoom bool) {
	cmd.Flags().StringVar(&a.name, "admin-profile", storage.DefaultProfileName, "admin profile to use (see admin login)")
	if reachesZoom {
		a.root.addSandboxFlag(cmd)
	}
}

// close stops the questions' reader, if one was started.
func (a *adminOptions) close() {
	if a.lines != nil {
		a.lines.Close()
		a.lines = nil
	}
}

// ask returns the line-by-line questioner on stdin and stderr.
func (a *adminOptions) ask(ctx context.Context) *accessible.Lines {
	if a.lines == nil {
		a.lines = accessible.NewLines(ctx, a.root.t, a.root.Stdin, a.root.Stderr)
	}
	return a.lines
}

// demoCreds are the built-in sandbox's demo admin app: public values.
func demoCreds(base string) marketplace.AccountCredentials {
	return marketplace.AccountCredentials{AccountID: sandbox.DemoAccountID, ClientID: sandbox.DemoAdminClientID,
		ClientSecret: sandbox.DemoAdminClientSecret, AuthBaseURL: base}
}

// session is the admin session of a command: under --sandbox the
// sandbox's demo admin app (nothing to log in to), else the saved admin
// profile, on its hosts (a sandbox profile starts the sandbox). No saved
// profile, or its secret gone, is exit 8 with the login command.
func (a *adminOptions) session(ctx context.Context) (*admin.Session, error) {
	o := a.root
	if o.Sandbox {
		u, err := o.startSandbox(ctx)
		if err != nil {
			return nil, err
		}
		return a.newSession(ctx, demoCreds(u), u, true), nil
	}
	st, err := o.store()
	if err != nil {
		return nil, err
	}
	p, err := st.LoadAdmin(a.name)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, &ExitError{Code: ExitReconnect, Err: errors.New(o.t.T("admin.err.no_profile", "Name", a.name, "Command", a.loginCommand()))}
	}
	if err != nil {
		return nil, err
	}
	secret, err := st.LoadAdminSecret(ctx, p)
	if errors.Is(err, storage.ErrSecretsMissing) {
		return nil, &ExitError{Code: ExitReconnect, Err: errors.New(o.t.T("admin.err.no_secret", "Name", a.name, "Command", a.loginCommand()))}
	}
	if err != nil {
		return nil, err
	}
	ep, err := a.profileHosts(ctx, p)
	if err != nil {
		return nil, err
	}
	creds := marketplace.AccountCredentials{AccountID: p.AccountID, ClientID: p.ClientID, ClientSecret: secret, AuthBaseURL: ep.AuthBaseURL}
	return a.newSession(ctx, creds, ep.APIBaseURL, p.IsSandbox()), nil
}

// profileHosts are an admin profile's Zoom hosts: its saved ones, or the
// in-process sandbox for a sandbox profile.
func (a *adminOptions) profileHosts(ctx context.Context, p *storage.AdminProfile) (oauthflow.Endpoints, error) {
	if !p.IsSandbox() {
		return oauthflow.Endpoints{AuthBaseURL: p.AuthBaseURL, APIBaseURL: p.APIBaseURL}, nil
	}
	u, err := a.root.startSandbox(ctx)
	return oauthflow.Endpoints{AuthBaseURL: u, APIBaseURL: u}, err
}

// newSession builds a session on creds, calling the API at apiBase.
func (a *adminOptions) newSession(ctx context.Context, creds marketplace.AccountCredentials, apiBase string, sb bool) *admin.Session {
	hc := a.root.httpClient()
	ts := creds.TokenSource(context.WithValue(ctx, oauth2.HTTPClient, hc))
	return &admin.Session{
		Client: &marketplace.Client{BaseURL: apiBase, HTTPClient: hc, TokenSource: ts, Now: a.root.Now},
		Tokens: ts, T: a.root.t, Sandbox: sb, Now: a.root.Now,
	}
}

// loginCommand is the admin login command for the selected profile.
func (a *adminOptions) loginCommand() string {
	cmd := "zoomconnect admin login"
	if a.name != storage.DefaultProfileName {
		cmd += " --admin-profile " + a.name
	}
	if a.root.Sandbox {
		cmd += " --sandbox"
	}
	return cmd
}

// show prints blocks to w as the command line prints every report:
// wrapped to w's terminal, words instead of glyphs in accessible mode.
func (a *adminOptions) show(w io.Writer, blocks []page.Block) {
	_ = a.root.textFor(w).write(w, "", blocks)
}

// say prints blocks for people: to stdout, or to stderr when stdout holds
// JSON.
func (a *adminOptions) say(blocks []page.Block) {
	w := a.root.Stdout
	if a.asJSON {
		w = a.root.Stderr
	}
	a.show(w, blocks)
}

// fail explains err on stderr with the error table (the admin's words:
// commands with --sandbox, the app's ID) and returns the exit status it
// maps to, already reported.
func (a *adminOptions) fail(s *admin.Session, err error, appID string) error {
	var ee *ExitError
	if errors.As(err, &ee) {
		return err // its own words: the error handler says them
	}
	if errors.Is(err, wizard.ErrCanceled) || errors.Is(err, context.Canceled) {
		fmt.Fprintln(a.root.Stderr, a.root.t.T("admin.misc.nothing_changed"))
		return &ExitError{Code: ExitCanceled}
	}
	if a.asJSON {
		_ = a.root.writeJSON(a.root.Stdout, schema.FailureOf(err, nil))
	}
	a.show(a.root.Stderr, s.ErrorBlocks(err, appID))
	return &ExitError{Code: adminExitCode(err)}
}

// adminExitCode is the exit status of an admin command's failure: a
// refused login (the credentials, a missing scope, a role) is 8, a rate
// limit 6, the network or Zoom's servers 5, a group name that matches no
// group or several 2, a refusal of the change itself (1401, 1500, 1404,
// 200, ...) 1, and local failures as for every command.
func adminExitCode(err error) int {
	var me *marketplace.Error
	if !errors.As(err, &me) {
		if admin.IsGroupNames(err) {
			return ExitUsage
		}
		return ExitCode(err)
	}
	var oe *oauthflow.Error
	kind := oauthflow.Kind("")
	if errors.As(err, &oe) {
		kind = oe.Kind
	}
	switch {
	case me.HTTPStatus == 429 || me.Code == 429 || kind == oauthflow.KindRateLimited:
		return ExitRateLimited
	case kind == oauthflow.KindNetwork || kind == oauthflow.KindServer || me.HTTPStatus >= 500 || me.Code == 1505:
		return ExitNetwork
	case kind == oauthflow.KindCanceled:
		return ExitCanceled
	case me.Call == marketplace.CallToken, me.HTTPStatus == 401, me.HTTPStatus == 403, len(me.MissingScopes) > 0:
		return ExitReconnect
	}
	return ExitFailure
}

// reportCode is the exit status of a change's report.
func reportCode(r *admin.Report) int {
	switch {
	case r.Err != nil:
		return adminExitCode(r.Err)
	case r.Unchanged() > 0:
		return ExitPartial
	}
	return ExitOK
}

// exitWith turns an exit status into the error a command returns (nil
// for 0), the outcome already reported.
func exitWith(code int) error {
	if code == ExitOK {
		return nil
	}
	return &ExitError{Code: code}
}

// printAdminDemo prints, for `sandbox serve`, the demo admin app and the
// demo app's Marketplace ID, and the command that logs the admin commands
// in to the sandbox served at url.
func printAdminDemo(w io.Writer, url string) {
	fmt.Fprintf(w, "  admin S2S app:  account ID %s, client ID %s, secret %s (public demo values)\n",
		sandbox.DemoAccountID, sandbox.DemoAdminClientID, sandbox.DemoAdminClientSecret)
	fmt.Fprintf(w, "  demo app ID:    %s (the app people request and admins pre-approve)\n", sandbox.DemoAppID)
	fmt.Fprintf(w, "  admin login:    echo %s | zoomconnect --auth-base-url %s --api-base-url %s admin login --account-id %s --client-id %s --client-secret-stdin\n",
		sandbox.DemoAdminClientSecret, url, url, sandbox.DemoAccountID, sandbox.DemoAdminClientID)
}
