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

// addFlags registers the persistent flags every command shares.
func (o *rootOptions) addFlags(root *cobra.Command) {
	f := root.PersistentFlags()
	f.StringVar(&o.Profile, "profile", storage.DefaultProfileName, "saved connection to use")
	f.BoolVar(&o.Sandbox, "sandbox", false, "use the built-in Zoom sandbox (no account needed)")
	f.StringVar(&o.SandboxScenario, "sandbox-scenario", "", "how the sandbox answers (implies --sandbox)")
	f.BoolVar(&o.Gov, "gov", false, "use ZoomGov (zoomgov.com, api.zoomgov.com)")
	f.StringVar(&o.AuthBaseURL, "auth-base-url", "", "Zoom OAuth host (default https://zoom.us)")
	f.StringVar(&o.APIBaseURL, "api-base-url", "", "Zoom API host (default https://api.zoom.us)")
	f.IntVar(&o.Port, "port", 0, "pin the loopback redirect port (0: any free)")
	f.DurationVar(&o.Timeout, "timeout", oauthflow.DefaultFlowTimeout, "how long to wait for the browser")
	f.BoolVar(&o.InsecureStorage, "insecure-storage", false, "allow a 0600 plaintext secrets file if no keyring")
	f.StringVar(&o.ClientID, "client-id", "", "the organization app's client ID (not app.json)")
	f.BoolVar(&o.ClientSecretStdin, "client-secret-stdin", false, "read that app's client secret from stdin")
	f.BoolVar(&o.NoBrowser, "no-browser", false, "do not open a browser; just show the URL to open")
	f.BoolVar(&o.Accessible, "accessible", false, "plain line-by-line wizard (screen readers, pipes)")
	f.StringVar(&o.Lang, "lang", "", "en or fr (default: $"+envLang+", then LANG)")
	f.DurationVar(&o.NudgeAfter, "nudge-after", 0, "wait this long before asking about \"Request pre-approval\" (env "+envNudgeAfter+"; 0 = 45s)")
	_ = f.MarkHidden("nudge-after") // for tests and demos
}

// complete applies the environment under the flags and validates them. It
// runs before every command.
func (o *rootOptions) complete(cmd *cobra.Command) error {
	o.isWizard = !cmd.HasParent() || cmd.Name() == "login"
	flags := cmd.Flags()
	if err := o.completeLang(); err != nil {
		return err
	}
	if err := o.completeJSON(cmd); err != nil {
		return err
	}
	if err := o.completeProfile(flags.Changed("profile")); err != nil {
		return err
	}
	if o.SandboxScenario != "" {
		o.Sandbox = true
	}
	if err := o.validateSandbox(); err != nil {
		return err
	}
	if o.Port < 0 || o.Port > 65535 {
		return usageErrorf("--port %d is out of range; use 1-65535, or 0 for any free port", o.Port)
	}
	if o.Timeout <= 0 {
		return usageErrorf("--timeout must be positive, e.g. --timeout 5m")
	}
	if err := o.completeNudge(flags.Changed("nudge-after")); err != nil {
		return err
	}
	if err := o.completeAccessible(flags.Changed("accessible")); err != nil {
		return err
	}
	if !o.Sandbox {
		if _, err := o.configuredEndpoints(); err != nil {
			return err
		}
	}
	return o.completeClient(cmd.InOrStdin())
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
