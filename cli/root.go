// Package cli is zoomconnect's command line: the cobra command tree, the
// wiring of the wizard's environment, output formatting and exit codes.
// Logic lives in oauthflow, storage, connection and tui; a command here is
// flags, a call and formatting.
package cli

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/internal/buildinfo"
)

// Main runs zoomconnect with the process's arguments, streams and
// environment, and returns the exit status for os.Exit. stamp is what a
// release build set with -ldflags -X (empty otherwise).
func Main(ctx context.Context, stamp buildinfo.Stamp) int {
	opts := newRootOptions()
	opts.build = buildinfo.Read(stamp)
	defer hideStdinFromFang()()
	return run(ctx, opts, os.Args[1:],
		fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM),
		fang.WithColorSchemeFunc(colorScheme(darkBackground(os.Getenv("COLORFGBG")))))
}

// hideStdinFromFang points os.Stdin at the null device until the returned
// function restores it. On --help and on every error, fang asks the
// terminal for its background colour (OSC 11, then DA1) whenever stdout is
// a terminal, and waits up to 2 s for an answer on stdin and again on
// stdout: 4 s under a terminal that never answers (script(1), some CI and
// IDE terminals), and queries sent by commands that draw no screen. It
// passes os.Stdin to lipgloss, which asks only when that is a terminal, so
// with stdin hidden nothing is sent (fang then takes the background as
// dark: see colorScheme). Nothing in zoomconnect reads os.Stdin:
// newRootOptions took it first as rootOptions.Stdin, which cobra, every
// prompt and the wizard's program (tea.WithInput) read. On Windows
// lipgloss opens the console itself, so there is nothing to hide.
func hideStdinFromFang() (restore func()) {
	if runtime.GOOS == "windows" {
		return func() {}
	}
	null, err := os.Open(os.DevNull)
	if err != nil {
		return func() {}
	}
	stdin := os.Stdin
	os.Stdin = null
	return func() {
		os.Stdin = stdin
		_ = null.Close()
	}
}

// colorScheme is fang's colour scheme for a dark or light background,
// chosen here since fang, with no terminal to ask, always says dark.
func colorScheme(dark bool) fang.ColorSchemeFunc {
	return func(lipgloss.LightDarkFunc) fang.ColorScheme {
		return fang.DefaultColorScheme(lipgloss.LightDark(dark))
	}
}

// darkBackground reads COLORFGBG ("15;0", "0;default;15"), which rxvt,
// Konsole and others set: the last field is the background's ANSI colour,
// and 7 (white) or 9-15 (the bright ones) is light. Without it the
// background is taken as dark, as terminals mostly are, rather than
// asked (a terminal that does not answer makes the question cost 2 s).
func darkBackground(colorfgbg string) bool {
	fields := strings.Split(colorfgbg, ";")
	bg, err := strconv.Atoi(strings.TrimSpace(fields[len(fields)-1]))
	if err != nil {
		return true
	}
	return bg != 7 && (bg < 9 || bg > 15)
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
	if serr := opts.svc.sandbox.Err(); serr != nil {
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
	opts.addGlobalFlags(root)
	opts.addLoginFlags(root)
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
		newAPICmd(opts),
		newSwitchCmd(opts),
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
