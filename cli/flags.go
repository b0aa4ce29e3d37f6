package cli

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// globalFlags are the flags of every command: the language it speaks and
// whether it writes for screen readers.
type globalFlags struct {
	// Lang is --lang (en or fr); empty means the environment decides.
	Lang string
	// Accessible is --accessible (ACCESSIBLE=1, or TERM=dumb): words
	// instead of glyphs, one line per message, and the line-by-line
	// wizard of package accessible instead of the TUI.
	Accessible bool
}

// profileFlag selects the saved connection a command works on.
type profileFlag struct {
	// Profile is --profile, then $ZOOMCONNECT_PROFILE, then the store's
	// default (see completeProfile).
	Profile string
}

// hostFlags say which Zoom a command talks to when no saved profile
// says it: zoom.us, ZoomGov, other hosts, or the built-in sandbox.
type hostFlags struct {
	Sandbox     bool
	Gov         bool
	AuthBaseURL string
	APIBaseURL  string
}

// loginFlags are the wizard's own flags (zoomconnect and zoomconnect
// login). A new question of the wizard that a flag answers goes here, and
// its registration in addLoginFlags.
type loginFlags struct {
	// SandboxScenario is --sandbox-scenario; it implies --sandbox.
	SandboxScenario string
	Port            int
	Timeout         time.Duration
	InsecureStorage bool
	ClientID        string
	// ClientSecretStdin reads the org app's client secret from stdin.
	ClientSecretStdin bool
	NoBrowser         bool
	// Device is --device: sign in with a code approved on any device (the
	// OAuth device authorization grant) instead of the browser.
	Device bool
	// NudgeAfter is the hidden --nudge-after: how long the authorize screen
	// waits before asking about "Request pre-approval" (0 = the screen's
	// default). Tests and demos shorten it.
	NudgeAfter time.Duration
	// RequestLang is --request-lang (admin request, the wizard): the
	// language of the request to the Zoom admin; empty means Lang's.
	RequestLang i18n.Lang

	// answers are --auth-type, --email and --yes (see answerFlags).
	answers answerFlags

	// clientSecret is the org app's secret from stdin or the environment;
	// never from a flag, never printed.
	clientSecret string
}

// Flags are registered where they act (a command's help lists only the
// flags it reads): the global ones on the root for every command, the
// others by the constructors of the commands that read them, through the
// add functions below, one per flag or group, so that each flag is
// defined once. complete then applies the environment to, and validates,
// the flags the command has.

// addGlobalFlags registers the flags of every command, persistent on the
// root.
func (o *rootOptions) addGlobalFlags(root *cobra.Command) {
	f := root.PersistentFlags()
	f.BoolVar(&o.Accessible, "accessible", false, o.flagUsage("accessible"))
	f.StringVar(&o.Lang, "lang", "", o.flagUsage("lang"))
	_ = root.RegisterFlagCompletionFunc("lang", completeLangs)
}

// addProfileFlag registers --profile on a command that works on one saved
// connection.
func (o *rootOptions) addProfileFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Profile, "profile", storage.DefaultProfileName, o.flagUsage("profile"))
	_ = cmd.RegisterFlagCompletionFunc("profile", o.completeProfileFlag)
	o.registered(cmd, "profile")
}

// addSandboxFlag registers --sandbox on a command that talks to the
// built-in sandbox when asked (the admin side: its demo admin app).
func (o *rootOptions) addSandboxFlag(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&o.Sandbox, "sandbox", false, o.flagUsage("sandbox"))
	o.registered(cmd, "sandbox")
}

// addHostFlags registers --sandbox, --gov, --auth-base-url and
// --api-base-url on a command that reaches a Zoom no saved profile names:
// the wizard, doctor, admin login and admin request.
func (o *rootOptions) addHostFlags(cmd *cobra.Command) {
	o.addSandboxFlag(cmd)
	f := cmd.Flags()
	f.BoolVar(&o.Gov, "gov", false, o.flagUsage("gov"))
	f.StringVar(&o.AuthBaseURL, "auth-base-url", "", o.flagUsage("auth_base_url"))
	f.StringVar(&o.APIBaseURL, "api-base-url", "", o.flagUsage("api_base_url"))
	o.registered(cmd, "hosts")
}

// addLoginFlags registers the wizard's own flags, f, on cmd (the root and
// login): with --profile and the host flags, every question of the wizard
// a flag answers. A new one goes here (and its field in loginFlags).
func (o *rootOptions) addLoginFlags(cmd *cobra.Command) {
	o.addProfileFlag(cmd)
	o.addHostFlags(cmd)
	o.addPortFlag(cmd)
	o.addClientIDFlag(cmd)
	o.addInsecureStorageFlag(cmd)
	o.addRequestLangFlag(cmd)
	f := cmd.Flags()
	f.StringVar(&o.SandboxScenario, "sandbox-scenario", "", o.flagUsage("sandbox_scenario"))
	_ = cmd.RegisterFlagCompletionFunc("sandbox-scenario", o.completeScenarios)
	f.DurationVar(&o.Timeout, "timeout", oauthflow.DefaultFlowTimeout, o.flagUsage("timeout"))
	f.BoolVar(&o.ClientSecretStdin, "client-secret-stdin", false, o.flagUsage("client_secret_stdin"))
	f.BoolVar(&o.NoBrowser, "no-browser", false, o.flagUsage("no_browser"))
	f.BoolVar(&o.Device, "device", false, o.flagUsage("device"))
	f.DurationVar(&o.NudgeAfter, "nudge-after", 0, o.flagUsage("nudge_after", "Env", envNudgeAfter))
	_ = f.MarkHidden("nudge-after") // for tests and demos
	o.addAnswerFlags(f)
	o.registered(cmd, "login")
}

// addPortFlag registers --port: the wizard's loopback port, which doctor
// checks too.
func (o *rootOptions) addPortFlag(cmd *cobra.Command) {
	cmd.Flags().IntVar(&o.Port, "port", 0, o.flagUsage("port"))
	o.registered(cmd, "port")
}

// addClientIDFlag registers --client-id, the organization's app without
// an app.json (the wizard, and admin request, which names it).
func (o *rootOptions) addClientIDFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.ClientID, "client-id", "", o.flagUsage("client_id"))
	o.registered(cmd, "client")
}

// addInsecureStorageFlag registers --insecure-storage on a command that
// saves secrets (the wizard, admin login).
func (o *rootOptions) addInsecureStorageFlag(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&o.InsecureStorage, "insecure-storage", false, o.flagUsage("insecure_storage"))
}

// registered notes that cmd has the group of shared flags named group, so
// that complete applies the environment to them and validates them.
func (o *rootOptions) registered(cmd *cobra.Command, group string) {
	if o.groups == nil {
		o.groups = map[*cobra.Command]map[string]bool{}
	}
	if o.groups[cmd] == nil {
		o.groups[cmd] = map[string]bool{}
	}
	o.groups[cmd][group] = true
}

// runsWizard reports whether cmd runs the wizard: the root, and login.
func runsWizard(cmd *cobra.Command) bool {
	return !cmd.HasParent() || cmd.Parent() == cmd.Root() && cmd.Name() == "login"
}

// complete applies the environment under the flags cmd has and validates
// them. It runs before every command (but version and man).
func (o *rootOptions) complete(cmd *cobra.Command) error {
	o.isWizard = runsWizard(cmd)
	flags := cmd.Flags()
	has := o.groups[cmd]
	if err := o.completeLang(); err != nil {
		return err
	}
	if err := o.completeJSON(cmd); err != nil {
		return err
	}
	if err := o.completeAccessible(flags.Changed("accessible")); err != nil {
		return err
	}
	if has["profile"] {
		if err := o.completeProfile(flags.Changed("profile")); err != nil {
			return err
		}
	}
	if has["login"] {
		if err := o.completeLogin(flags.Changed("nudge-after")); err != nil {
			return err
		}
	}
	if err := o.completeHosts(has["sandbox"], has["hosts"]); err != nil {
		return err
	}
	if has["port"] && (o.Port < 0 || o.Port > 65535) {
		return usageError(nil, "cli.usage.port_range", "Port", o.Port)
	}
	if has["client"] {
		return o.completeClient(cmd.InOrStdin())
	}
	return nil
}

// completeLogin validates the wizard's own flags: --sandbox-scenario
// implies --sandbox, --timeout is positive, --nudge-after (or its
// environment variable) a duration that is not negative.
func (o *rootOptions) completeLogin(nudgeSet bool) error {
	if o.SandboxScenario != "" {
		o.Sandbox = true
	}
	if o.Timeout <= 0 {
		return usageError(nil, "cli.usage.timeout")
	}
	return o.completeNudge(nudgeSet)
}

// completeHosts validates --sandbox and the host flags: the sandbox's
// scenario, no host flag with it, and the hosts from flags and the
// environment.
func (o *rootOptions) completeHosts(sandboxFlag, hostFlags bool) error {
	if sandboxFlag {
		if err := o.validateSandbox(); err != nil {
			return err
		}
	}
	if hostFlags && !o.Sandbox {
		if _, err := o.configuredEndpoints(); err != nil {
			return err
		}
	}
	return nil
}

// completeProfile picks the profile: --profile, else $ZOOMCONNECT_PROFILE,
// else the store's default (set by `zoomconnect login`), else "default".
func (o *rootOptions) completeProfile(flagSet bool) error {
	if !flagSet {
		if v := o.env(envProfile); v != "" {
			o.Profile = v
		} else if st, err := o.store(); err == nil {
			o.Profile = st.DefaultProfile()
		}
	}
	if err := storage.ValidateName(o.Profile); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return nil
}

// completeLang picks the language every command speaks: --lang, then
// $ZOOMCONNECT_LANG, then LC_ALL, LC_MESSAGES and LANG (i18n.Detect).
func (o *rootOptions) completeLang() error {
	l, err := i18n.Detect(o.Lang, o.env)
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	o.t = i18n.New(l)
	return nil
}

// langArg is the value of --lang in args ("" when there is none), read
// before the command tree is built: its help is written in that language.
// Like the flag parser, it stops at "--".
func langArg(args []string) string {
	for i, a := range args {
		switch {
		case a == "--":
			return ""
		case a == "--lang" && i+1 < len(args):
			return args[i+1]
		case strings.HasPrefix(a, "--lang="):
			return strings.TrimPrefix(a, "--lang=")
		}
	}
	return ""
}

// printerFor is the printer of the language args and the environment
// choose (i18n.Detect's order); English for a --lang value that is not
// one, which complete then reports.
func printerFor(args []string, getenv func(string) string) *i18n.Printer {
	l, err := i18n.Detect(langArg(args), getenv)
	if err != nil {
		l = i18n.English
	}
	return i18n.New(l)
}

// completeNudge applies $ZOOMCONNECT_NUDGE_AFTER under --nudge-after and
// rejects a negative duration.
func (o *rootOptions) completeNudge(flagSet bool) error {
	if v := o.env(envNudgeAfter); v != "" && !flagSet {
		d, err := time.ParseDuration(v)
		if err != nil {
			return usageError(err, "cli.usage.env_duration", "Name", envNudgeAfter, "Value", v)
		}
		o.NudgeAfter = d
	}
	if o.NudgeAfter < 0 {
		return usageError(nil, "cli.usage.nudge_negative")
	}
	return nil
}

// completeAccessible applies $ACCESSIBLE (strconv.ParseBool) under
// --accessible, and turns accessible mode on for TERM=dumb unless a flag
// or ACCESSIBLE says otherwise.
func (o *rootOptions) completeAccessible(flagSet bool) error {
	if flagSet {
		return nil
	}
	if v := o.env(envAccessible); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil && !o.isWizard {
			return nil // only the wizard reads it: other commands run as usual
		}
		if err != nil {
			return usageError(err, "cli.usage.env_bool", "Name", envAccessible, "Value", v)
		}
		o.Accessible = b
		return nil
	}
	o.Accessible = o.env("TERM") == "dumb"
	return nil
}

// validateSandbox rejects flag combinations the sandbox cannot honour.
func (o *rootOptions) validateSandbox() error {
	if !o.Sandbox {
		return nil
	}
	if o.Gov || o.AuthBaseURL != "" || o.APIBaseURL != "" {
		return usageError(nil, "cli.usage.sandbox_hosts")
	}
	if o.SandboxScenario != "" {
		if _, err := parseScenario(o.SandboxScenario); err != nil {
			return err
		}
	}
	return nil
}

// completeClient reads the organization app given on the command line:
// --client-id or $ZOOMCONNECT_CLIENT_ID, with the secret from stdin
// (--client-secret-stdin) or $ZOOMCONNECT_CLIENT_SECRET. A secret is never
// accepted as a flag value: it would show in `ps` and shell history.
func (o *rootOptions) completeClient(stdin io.Reader) error {
	o.ClientID = strings.TrimSpace(firstNonEmpty(o.ClientID, o.env(envClientID)))
	secret := o.env(envClientSecret)
	if o.ClientSecretStdin {
		s, err := readSecretLine(stdin)
		if err != nil {
			return usageError(err, "cli.usage.secret_stdin", "Reason", err)
		}
		secret = s
	}
	o.clientSecret = strings.TrimSpace(secret)
	if o.clientSecret != "" && o.ClientID == "" {
		return usageError(nil, "cli.usage.secret_without_id", "Env", envClientID)
	}
	return nil
}

// readSecretLine reads the first line of r (at most 4 KiB), one byte at a
// time: the lines after it stay unread, for the accessible wizard's
// answers on the same stdin.
func readSecretLine(r io.Reader) (string, error) {
	if r == nil {
		return "", i18n.NewError(nil, "cli.stdin.none")
	}
	var line []byte
	b := make([]byte, 1)
	read := 0
	for len(line) < 4096 {
		n, err := r.Read(b)
		read += n
		if n == 1 && b[0] == '\n' {
			break
		}
		line = append(line, b[:n]...)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", i18n.NewError(err, "cli.stdin.read", "Reason", err)
		}
	}
	s := strings.TrimSpace(string(line))
	if read == 0 {
		return "", i18n.NewError(nil, "cli.stdin.empty")
	}
	if s == "" {
		return "", i18n.NewError(nil, "cli.stdin.first_line_empty")
	}
	return s, nil
}
