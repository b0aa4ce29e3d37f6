// Package cli is zoomconnect's command line: the cobra command tree, the
// wiring of the wizard's environment, output formatting and exit codes.
// Logic lives in oauthflow, storage, connection and tui; a command here is
// flags, a call and formatting.
package cli

import (
	"context"
	"fmt"
	"os"
	"syscall"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/internal/buildinfo"
)

// Main runs zoomconnect with the process's arguments, streams and
// environment, and returns the exit status for os.Exit. stamp is what a
// release build set with -ldflags -X (empty otherwise).
func Main(ctx context.Context, stamp buildinfo.Stamp) int {
	opts := newRootOptions()
	opts.build = buildinfo.Read(stamp)
	return run(ctx, opts, os.Args[1:],
		fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM))
}

// run builds the command tree on opts, executes args through fang and maps
// the outcome to an exit status. Tests call it with buffers.
func run(ctx context.Context, opts *rootOptions, args []string, extra ...fang.Option) int {
	defer opts.close()
	root := newRootCmd(opts)
	root.SetArgs(args)
	root.SetIn(opts.Stdin)
	root.SetOut(opts.Stdout)
	root.SetErr(opts.Stderr)
	// --version, version and man are zoomconnect's own (cli/version.go).
	fopts := append([]fang.Option{fang.WithErrorHandler(opts.errorHandler),
		fang.WithoutVersion(), fang.WithoutManpage()}, extra...)
	code := ExitCode(fang.Execute(ctx, root, fopts...))
	opts.mu.Lock()
	serr := opts.sandboxErr
	opts.mu.Unlock()
	if serr != nil {
		fmt.Fprintf(opts.Stderr, "zoomconnect: the built-in sandbox for sandbox connections did not start: %v\n", serr)
	}
	return code
}

const rootLong = `zoomconnect connects you to Zoom with OAuth 2.0 (authorization code + PKCE,
loopback redirect) and leaves a safely stored, working connection behind.
Run with no command to start the wizard (same as "zoomconnect login").
Try it with no Zoom account: zoomconnect --sandbox

Exit codes:
  0    ok
  1    failure
  2    usage error (bad flag, argument or URL)
  3    you declined the authorization in the browser
  4    timed out waiting for the browser
  5    network error (Zoom unreachable, or Zoom server error)
  6    rate limited by Zoom (retry later)
  7    storage failure (keyring or file)
  8    reconnect needed (token invalid/replaced/disabled): zoomconnect login
  9    admin pre-approval needed: zoomconnect admin request
  10   admin commands: some of the people or groups named were not changed
  130  canceled (ctrl+c or quit) with no failed attempt to report
Quitting the wizard before a connection is saved exits with the code of
the most recent failed attempt of this run, unless a later attempt
succeeded; with an attempt saved for an admin's pre-approval, 9.

Environment: ` + envProfile + `, ` + envClientID + `,
` + envClientSecret + `, ` + envAuthBaseURL + ` and
` + envAPIBaseURL + ` stand in for --profile, --client-id, the
client secret, --auth-base-url and --api-base-url.
` + envAccessible + `=1 (or TERM=dumb) is --accessible: the wizard asks one
plain question per line on stderr, for screen readers and pipes.`

// newRootCmd builds the command tree.
func newRootCmd(opts *rootOptions) *cobra.Command {
	root := &cobra.Command{
		Use:   "zoomconnect",
		Short: "Connect to Zoom with OAuth 2.0 and keep it working",
		Long:  rootLong,
		Example: `  # try every screen against the built-in sandbox
  zoomconnect --sandbox
  # a valid access token for scripts
  curl -H "Authorization: Bearer $(zoomconnect token)" \
    https://api.zoom.us/v2/users/me`,
		Args: noArgs,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return opts.complete(cmd)
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLogin(cmd, opts)
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &ExitError{Code: ExitUsage, Err: err}
	})
	opts.addFlags(root)
	opts.addRequestLangFlag(root.Flags())
	shortCompletion(root)
	addBuildCommands(root, opts)
	root.AddCommand(
		newLoginCmd(opts),
		newListCmd(opts),
		newStatusCmd(opts),
		newTokenCmd(opts),
		newRefreshCmd(opts),
		newLogoutCmd(opts),
		newAdminCmd(opts),
		newSandboxCmd(opts),
		newErrorsCmd(opts),
		newDoctorCmd(opts),
	)
	return root
}

// shortCompletion adds cobra's completion command now, with a description
// that fits an 80-column --help (cobra's own is longer).
func shortCompletion(root *cobra.Command) {
	root.AddCommand(&cobra.Command{Use: "placeholder"}) // cobra adds it only to a root with commands
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "placeholder":
			root.RemoveCommand(c)
		case "completion":
			c.Short = "Print a shell completion script"
		}
	}
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasSubCommands() {
		return usageErrorf("unknown command %q; run %s --help for the commands", args[0], cmd.CommandPath())
	}
	return usageErrorf("%s takes no arguments (got %q)", cmd.CommandPath(), args[0])
}
