// Package cli is zoomconnect's command line: the cobra command tree, the
// wiring of the wizard's environment, output formatting and exit codes.
// Logic lives in oauthflow, storage, connection and tui; a command here is
// flags, a call and formatting.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/buildinfo"
	"github.com/zoomconnect/zoomconnect/page"
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
	opts.t = printerFor(args, opts.env)
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
		fmt.Fprintln(opts.Stderr, "zoomconnect: "+page.PlainText(opts.t.T("cli.sandbox_failed", "Reason", serr)))
	}
	return code
}

// exitCodes lists the exit statuses in the order --help and the man
// pages say them (help.exit.N says what each means).
var exitCodes = [...]int{ExitOK, ExitFailure, ExitUsage, ExitDeclined, ExitTimeout, ExitNetwork, ExitRateLimited,
	ExitStorage, ExitReconnect, ExitPreapproval, ExitPartial, ExitCanceled}

// exitCodesHelp is the root help's "Exit codes:" block, in t's language:
// a list of the codes (one column for the meanings) and what quitting the
// wizard exits with. The man pages lift it into EXIT STATUS.
func exitCodesHelp(t *i18n.Printer) string {
	var b strings.Builder
	b.WriteString(t.T("help.exit.label") + "\n")
	for _, c := range exitCodes {
		fmt.Fprintf(&b, "  %-4d %s\n", c, t.T("help.exit."+strconv.Itoa(c)))
	}
	b.WriteString(t.T("help.exit.quit"))
	return b.String()
}

// newRootCmd builds the command tree, its help in the run's language.
func newRootCmd(opts *rootOptions) *cobra.Command {
	t := opts.t
	root := &cobra.Command{
		Use:  "zoomconnect",
		Args: noArgs,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return opts.complete(cmd)
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLogin(cmd, opts)
		},
	}
	opts.describe(root, "root", "ExitCodes", i18n.Raw(exitCodesHelp(t)),
		"Env", t.List([]string{envProfile, envClientID, envClientSecret, envAuthBaseURL, envAPIBaseURL}))
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &ExitError{Code: ExitUsage, Err: flagError(c, err)}
	})
	opts.addGlobalFlags(root)
	opts.addLoginFlags(root)
	opts.addCompletion(root)
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
	opts.installHelp(root)
	return root
}

// addCompletion adds cobra's completion command now, its help and its
// flag's in the run's language.
func (o *rootOptions) addCompletion(root *cobra.Command) {
	root.AddCommand(&cobra.Command{Use: "placeholder"}) // cobra adds it only to a root with commands
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "placeholder":
			root.RemoveCommand(c)
		case "completion":
			o.describe(c, "completion")
			c.Args, c.RunE = noArgs, runGroup
			for _, sh := range c.Commands() {
				o.describe(sh, "completion_"+sh.Name())
				if f := sh.Flags().Lookup("no-descriptions"); f != nil {
					f.Usage = o.t.T("help.flag.no_descriptions")
				}
			}
		}
	}
}

// noArgs rejects positional arguments as a usage error: for a command
// that holds others, an unknown command (and the nearest one).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasSubCommands() {
		return unknownCommand(cmd, args[0])
	}
	return &ExitError{Code: ExitUsage, Err: i18n.NewError(nil, "cli.usage.no_args", "Command", cmd.CommandPath(), "Arg", args[0])}
}

// unknownCommand is the usage error for a name that is not one of
// parent's commands: it suggests the nearest command, once, when one is
// near (cobra's suggestions: a typo or a prefix).
func unknownCommand(parent *cobra.Command, name string) error {
	if parent.SuggestionsMinimumDistance <= 0 {
		parent.SuggestionsMinimumDistance = 2 // cobra's own default
	}
	if s := parent.SuggestionsFor(name); len(s) > 0 {
		return &ExitError{Code: ExitUsage, Err: i18n.NewError(errSaysWhatToDo, "cli.usage.unknown_command_near", "Name", name, "Command", parent.CommandPath()+" "+s[0])}
	}
	return &ExitError{Code: ExitUsage, Err: i18n.NewError(errSaysWhatToDo, "cli.usage.unknown_command", "Name", name, "Command", parent.CommandPath())}
}

// runGroup is the RunE of a command that only holds others: its help with
// no argument, else the unknown command's error.
func runGroup(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	return unknownCommand(cmd, args[0])
}

// wantedValue is what a flag's value should have been: a number or a
// duration in the catalog's words, else the cause's own (a language
// flag's error says which values work).
func wantedValue(e *pflag.InvalidValueError) any {
	switch e.GetFlag().Value.Type() {
	case "int":
		return i18n.Msg("cli.flag.want_number")
	case "duration":
		return i18n.Msg("cli.flag.want_duration")
	}
	return errors.Unwrap(e)
}

// errSaysWhatToDo marks a usage error that says which command to run:
// the error handler adds no hint of its own.
var errSaysWhatToDo = errors.New("the message says what to do")

// flagError says a flag parsing error of cmd in the catalog's words,
// wrapping pflag's (its English text stays the details).
func flagError(cmd *cobra.Command, err error) error {
	path := cmd.CommandPath()
	var notExist *pflag.NotExistError
	var needsValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	var syntax *pflag.InvalidSyntaxError
	switch {
	case errors.As(err, &notExist) && notExist.GetSpecifiedShortnames() != "":
		return i18n.NewError(errors.Join(errSaysWhatToDo, err), "cli.flag.unknown_short", "Flag", "-"+notExist.GetSpecifiedName()[:1],
			"In", "-"+notExist.GetSpecifiedShortnames(), "Command", path)
	case errors.As(err, &notExist):
		return i18n.NewError(errors.Join(errSaysWhatToDo, err), "cli.flag.unknown", "Flag", "--"+notExist.GetSpecifiedName(), "Command", path)
	case errors.As(err, &needsValue):
		return i18n.NewError(err, "cli.flag.needs_value", "Flag", "--"+needsValue.GetFlag().Name)
	case errors.As(err, &invalid):
		return i18n.NewError(err, "cli.flag.invalid", "Flag", "--"+invalid.GetFlag().Name, "Value", invalid.GetValue(), "Reason", wantedValue(invalid))
	case errors.As(err, &syntax):
		return i18n.NewError(err, "cli.flag.syntax", "Flag", syntax.GetSpecifiedFlag())
	}
	return err
}
