package cli

import (
	"context"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/buildinfo"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Environment variables read by the root command. Flags always win.
const (
	envProfile      = "ZOOMCONNECT_PROFILE"
	envAuthBaseURL  = "ZOOMCONNECT_AUTH_BASE_URL"
	envAPIBaseURL   = "ZOOMCONNECT_API_BASE_URL"
	envClientID     = "ZOOMCONNECT_CLIENT_ID"
	envClientSecret = "ZOOMCONNECT_CLIENT_SECRET"
	envNudgeAfter   = "ZOOMCONNECT_NUDGE_AFTER"
	envLang         = "ZOOMCONNECT_LANG"
	// envAccessible turns on the accessible wizard (strconv.ParseBool),
	// as for other Charm-based tools; TERM=dumb turns it on too.
	envAccessible = "ACCESSIBLE"
)

// rootOptions is one run of the command line, in parts: what it takes
// from the process (process), the flags by concern (cli/flags.go), the
// services it starts on demand (services: the store, the HTTP client, the
// in-process sandbox) and the test hooks, which production never sets.
// Commands read flag values from it and build stores, managers and clients
// through its helpers.
type rootOptions struct {
	process
	globalFlags
	profileFlag
	hostFlags
	loginFlags

	svc   services
	hooks testHooks

	// groups are the groups of shared flags each command has (see
	// registered): complete completes and validates those.
	groups map[*cobra.Command]map[string]bool
	// isWizard is set (by complete) when the command runs the wizard: it
	// does not wait for a busy sandbox but says at once what to do.
	isWizard bool
	// jsonOut is the command's --jq (cli/jsonout.go).
	jsonOut jsonState
}

// process is what a run takes from the process it runs in: its streams,
// environment and clock, the build it is, and the printer of the language
// it speaks.
type process struct {
	// Stdin, Stdout and Stderr are the process streams (buffers in tests).
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment; tests inject a map.
	Getenv func(string) string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// build is this build's version, commit and date (set by Main; zero
	// in tests, see buildInfo).
	build buildinfo.Info
	// t speaks the chosen language (set by complete; English before).
	t *i18n.Printer
}

// testHooks replace, in tests, what a run would otherwise reach outside
// the process. Production never sets them: each zero value means "the
// real thing".
type testHooks struct {
	// store is used instead of storage.Default.
	store *storage.Store
	// wizard replaces tui.Run and accessible.Run.
	wizard func(ctx context.Context, env *wizard.Config) (wizard.Saved, error)
	// assumeTerminal skips the terminal checks (login, the admin console).
	assumeTerminal bool
	// sandboxLockWait replaces sandboxLockWait.
	sandboxLockWait time.Duration
	// wrapTransport wraps the HTTP transport of every call to Zoom (tests
	// observe the traffic).
	wrapTransport func(http.RoundTripper) http.RoundTripper
	// ttyOpener replaces opening /dev/tty, and isTerm the terminal check
	// of the wizard's input.
	ttyOpener func() (io.ReadCloser, error)
	isTerm    func(any) bool
}

// newRootOptions returns options wired to the real process.
func newRootOptions() *rootOptions {
	return &rootOptions{
		process: process{
			Stdin:  os.Stdin,
			Stdout: os.Stdout,
			Stderr: os.Stderr,
			Getenv: os.Getenv,
		},
		profileFlag: profileFlag{Profile: storage.DefaultProfileName},
	}
}

// env reads an environment variable through the injectable Getenv.
func (p *process) env(key string) string {
	if p.Getenv == nil {
		return os.Getenv(key)
	}
	return p.Getenv(key)
}

// now returns the current time from the injectable clock.
func (p *process) now() time.Time {
	if p.Now == nil {
		return time.Now()
	}
	return p.Now()
}

// firstNonEmpty is the first of vals that is not empty.
func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
