package cli

import (
	"errors"
	"fmt"
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
	f.BoolVar(&o.Accessible, "accessible", false, "plain line-by-line wizard (screen readers, pipes)")
	f.StringVar(&o.Lang, "lang", "", "en or fr (default: $"+envLang+", then LANG)")
}

// addProfileFlag registers --profile on a command that works on one saved
// connection.
func (o *rootOptions) addProfileFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Profile, "profile", storage.DefaultProfileName, "saved connection to use")
	o.registered(cmd, "profile")
}

// addSandboxFlag registers --sandbox on a command that talks to the
// built-in sandbox when asked (the admin side: its demo admin app).
func (o *rootOptions) addSandboxFlag(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&o.Sandbox, "sandbox", false, "use the built-in Zoom sandbox (no account needed)")
	o.registered(cmd, "sandbox")
}

// addHostFlags registers --sandbox, --gov, --auth-base-url and
// --api-base-url on a command that reaches a Zoom no saved profile names:
// the wizard, doctor, admin login and admin request.
func (o *rootOptions) addHostFlags(cmd *cobra.Command) {
	o.addSandboxFlag(cmd)
	f := cmd.Flags()
	f.BoolVar(&o.Gov, "gov", false, "use ZoomGov (zoomgov.com, api.zoomgov.com)")
	f.StringVar(&o.AuthBaseURL, "auth-base-url", "", "Zoom OAuth host (default https://zoom.us)")
	f.StringVar(&o.APIBaseURL, "api-base-url", "", "Zoom API host (default https://api.zoom.us)")
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
	f.StringVar(&o.SandboxScenario, "sandbox-scenario", "", "how the sandbox answers (implies --sandbox)")
	f.DurationVar(&o.Timeout, "timeout", oauthflow.DefaultFlowTimeout, "how long to wait for the browser")
	f.BoolVar(&o.ClientSecretStdin, "client-secret-stdin", false, "read that app's client secret from stdin")
	f.BoolVar(&o.NoBrowser, "no-browser", false, "do not open a browser; just show the URL to open")
	f.BoolVar(&o.Device, "device", false, "sign in with a code (device grant, private apps)")
	f.DurationVar(&o.NudgeAfter, "nudge-after", 0, "wait this long before asking about \"Request pre-approval\" (env "+envNudgeAfter+"; 0 = 45s)")
	_ = f.MarkHidden("nudge-after") // for tests and demos
	o.addAnswerFlags(f)
	o.registered(cmd, "login")
}

// addPortFlag registers --port: the wizard's loopback port, which doctor
// checks too.
func (o *rootOptions) addPortFlag(cmd *cobra.Command) {
	cmd.Flags().IntVar(&o.Port, "port", 0, "pin the loopback redirect port (0: any free)")
	o.registered(cmd, "port")
}

// addClientIDFlag registers --client-id, the organization's app without
// an app.json (the wizard, and admin request, which names it).
func (o *rootOptions) addClientIDFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.ClientID, "client-id", "", "the organization app's client ID (not app.json)")
	o.registered(cmd, "client")
}

// addInsecureStorageFlag registers --insecure-storage on a command that
// saves secrets (the wizard, admin login).
func (o *rootOptions) addInsecureStorageFlag(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&o.InsecureStorage, "insecure-storage", false, "allow a 0600 plaintext secrets file if no keyring")
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
		return usageErrorf("--port %d is out of range; use 1-65535, or 0 for any free port", o.Port)
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
		return usageErrorf("--timeout must be positive, e.g. --timeout 5m")
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

// completeNudge applies $ZOOMCONNECT_NUDGE_AFTER under --nudge-after and
// rejects a negative duration.
func (o *rootOptions) completeNudge(flagSet bool) error {
	if v := o.env(envNudgeAfter); v != "" && !flagSet {
		d, err := time.ParseDuration(v)
		if err != nil {
			return usageErrorf("%s=%q is not a duration; use e.g. %s=5s", envNudgeAfter, v, envNudgeAfter)
		}
		o.NudgeAfter = d
	}
	if o.NudgeAfter < 0 {
		return usageErrorf("--nudge-after must not be negative, e.g. --nudge-after 5s")
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
			return usageErrorf("%s=%q is not a boolean; use %s=1 (or 0), or the --accessible flag", envAccessible, v, envAccessible)
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
		return usageErrorf("--sandbox runs its own Zoom; drop --gov, --auth-base-url and --api-base-url")
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
			return usageErrorf("--client-secret-stdin: %v; pipe the secret in, e.g. zoomconnect --client-id ID --client-secret-stdin < secret.txt", err)
		}
		secret = s
	}
	o.clientSecret = strings.TrimSpace(secret)
	if o.clientSecret != "" && o.ClientID == "" {
		return usageErrorf("a client secret was given but no client ID; add --client-id or set %s", envClientID)
	}
	return nil
}

// readSecretLine reads the first line of r (at most 4 KiB), one byte at a
// time: the lines after it stay unread, for the accessible wizard's
// answers on the same stdin.
func readSecretLine(r io.Reader) (string, error) {
	if r == nil {
		return "", fmt.Errorf("no stdin")
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
			return "", fmt.Errorf("read stdin: %w", err)
		}
	}
	s := strings.TrimSpace(string(line))
	if read == 0 {
		return "", fmt.Errorf("stdin is empty")
	}
	if s == "" {
		return "", fmt.Errorf("the first line of stdin is empty")
	}
	return s, nil
}
