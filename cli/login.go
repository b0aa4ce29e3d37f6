package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/accessible"
	"github.com/zoomconnect/zoomconnect/doctor"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/tui"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// errNotTerminal explains why the wizard refuses to run and what to do.
var errNotTerminal = i18n.NewError(nil, "cli.not_terminal")

func newLoginCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:  "login",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runLogin(cmd, opts) },
	}
	opts.describe(cmd, "login")
	opts.addLoginFlags(cmd)
	return cmd
}

// runLogin checks for a terminal, builds the wizard's environment and runs
// it. A run left while an attempt waits for pre-approval exits with
// ExitPreapproval.
func runLogin(cmd *cobra.Command, opts *rootOptions) error {
	answers, err := opts.wizardAnswers()
	if err != nil {
		return err
	}
	in, closeIn, err := opts.wizardInput()
	if err != nil {
		return err
	}
	defer closeIn()
	if err := checkPinnedPort(opts.Port); err != nil {
		return err
	}
	ctx := cmd.Context()
	env, err := opts.wizardEnv(ctx)
	if err != nil {
		return err
	}
	env.Answers = answers
	if err := opts.checkOrgAnswer(env); err != nil {
		return err
	}
	saved, err := opts.runWizard(ctx, env, in)
	if err == nil {
		return opts.afterSave(cmd, saved.Profile.Name)
	}
	if code := ExitCode(err); (code == ExitCanceled || code == ExitPreapproval) && opts.hasPending(ctx) {
		return &ExitError{Code: ExitPreapproval, Err: i18n.NewError(nil, "cli.waiting_preapproval", "Command", opts.loginCommand())}
	}
	return err
}

// checkPinnedPort refuses, before the wizard starts, a --port that is in
// use: a usage error that names the process holding it (exit 2, not the
// network's 5). Port 0 (any free port) is never busy.
func checkPinnedPort(port int) error {
	if port == 0 {
		return nil
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err == nil {
		return ln.Close()
	}
	return busyPort(port, err)
}

// busyPort is the usage error of a --port that cannot be bound: by whom
// when known, and what to do.
func busyPort(port int, err error) error {
	if !errors.Is(err, syscall.EADDRINUSE) {
		return usageError(nil, "cli.usage.port_unusable", "Port", port, "Reason", err, "Next", port+1)
	}
	if h := doctor.PortHolder(port); h != "" {
		return usageError(nil, "cli.usage.port_busy_by", "Port", port, "Holder", h, "Next", port+1)
	}
	return usageError(nil, "cli.usage.port_busy", "Port", port, "Next", port+1)
}

// loginCommand is the command that runs this wizard again: the same
// profile, and --sandbox for a sandbox run.
func (o *rootOptions) loginCommand() string {
	p := &storage.Profile{Name: o.Profile}
	if o.Sandbox {
		p.AuthBaseURL = storage.SandboxMarker
	}
	return storage.FitCommand("zoomconnect login", p)
}

// afterSave finishes a saved connection: the first connection becomes the
// default one (when the current default names no saved connection).
func (o *rootOptions) afterSave(cmd *cobra.Command, name string) error {
	st, err := o.store()
	if err != nil {
		return err
	}
	def := st.DefaultProfile()
	if def == name {
		return nil
	}
	if _, err := st.LoadProfile(def); !errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err := st.SetDefaultProfile(name); err != nil {
		return &ExitError{Code: ExitStorage, Err: i18n.NewError(err, "cli.default_failed", "Profile", name, "Reason", err)}
	}
	fmt.Fprintln(cmd.ErrOrStderr(), page.PlainText(o.t.T("cli.now_default", "Profile", name)))
	return nil
}

// runWizard runs the wizard reading in (see wizardInput) and drawing on
// stderr: the TUI, or in accessible mode the line-by-line wizard (which
// also works with piped stdin).
func (o *rootOptions) runWizard(ctx context.Context, env *wizard.Config, in io.Reader) (wizard.Saved, error) {
	if o.hooks.wizard != nil {
		return o.hooks.wizard(ctx, env)
	}
	if o.Accessible {
		return accessible.Run(ctx, env, in, o.Stderr)
	}
	return tui.RunTerminal(ctx, env, in, o.Stderr)
}

// hasPending reports whether the profile has a saved attempt waiting for
// an admin's pre-approval (the user stopped at the pre-approval wall).
func (o *rootOptions) hasPending(ctx context.Context) bool {
	st, err := o.store()
	if err != nil {
		return false
	}
	_, _, err = st.LoadPending(ctx, o.Profile)
	return err == nil
}

// wizardEnv builds the wizard's configuration.
func (o *rootOptions) wizardEnv(ctx context.Context) (*wizard.Config, error) {
	m, err := o.manager()
	if err != nil {
		return nil, err
	}
	ep, err := o.endpoints(ctx)
	if err != nil {
		return nil, err
	}
	env := &wizard.Config{
		T: o.t, Now: o.now,
		Endpoints: ep, Port: o.Port, FlowTimeout: o.Timeout, NudgeAfter: o.NudgeAfter, HTTPClient: o.httpClient(),
		OpenURL: newOpener(o.NoBrowser, o.env("BROWSER")), NoBrowser: o.NoBrowser, Device: o.Device,
		Store: m.Store, Conn: m, Profile: o.Profile, InsecureStorage: o.InsecureStorage, RequestLang: o.RequestLang,
	}
	env.OrgApp, env.OrgAppErr = o.orgApp(ep)
	if o.Sandbox {
		env.Sandbox = o.wizardSandbox(filepath.Join(m.Store.StateDir, sandboxApproveName))
	}
	// The pending attempt (if any) is loaded by the welcome screen in a
	// command: a keyring read may take seconds, and the first frame must
	// not wait for it.
	return env, nil
}

// orgApp is the sandbox's demo app under --sandbox, the app given by
// --client-id/$ZOOMCONNECT_CLIENT_ID, or the provisioned app.json.
func (o *rootOptions) orgApp(ep oauthflow.Endpoints) (*storage.OrgApp, error) {
	switch {
	case o.Sandbox:
		return &storage.OrgApp{Name: sandbox.DemoAppName, ClientID: sandbox.DemoClientID,
			ClientSecret: sandbox.DemoClientSecret, AuthBaseURL: ep.AuthBaseURL, APIBaseURL: ep.APIBaseURL,
			AppID: sandbox.DemoAppID, Builtin: true}, nil
	case o.ClientID != "":
		return &storage.OrgApp{Name: o.t.T("cli.orgapp_flag", "ID", o.ClientID), ClientID: o.ClientID,
			ClientSecret: o.clientSecret, AuthBaseURL: ep.AuthBaseURL, APIBaseURL: ep.APIBaseURL,
			Path: "--client-id"}, nil
	}
	return storage.FindOrgApp()
}

// interactive reports whether stdin and stderr are terminals.
func (o *rootOptions) interactive() bool {
	if o.hooks.assumeTerminal {
		return true
	}
	return o.terminal(o.Stdin) && o.terminal(o.Stderr)
}

// isTerminal reports whether a stream is a terminal.
func isTerminal(s any) bool {
	f, ok := s.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}
