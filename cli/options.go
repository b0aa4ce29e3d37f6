package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/buildinfo"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
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

// rootOptions holds the persistent flags and the process wiring every
// command shares (cli/doctor.go included). Commands read flag values from it
// and build stores, managers and clients through its helpers, so tests can
// inject directories, streams and environment.
type rootOptions struct {
	Profile         string
	Sandbox         bool
	SandboxScenario string
	Gov             bool
	AuthBaseURL     string
	APIBaseURL      string
	Port            int
	Timeout         time.Duration
	InsecureStorage bool
	ClientID        string
	// ClientSecretStdin reads the org app's client secret from stdin.
	ClientSecretStdin bool
	NoBrowser         bool
	// NudgeAfter is the hidden --nudge-after: how long the authorize screen
	// waits before asking about "Request pre-approval" (0 = the screen's
	// default). Tests and demos shorten it.
	NudgeAfter time.Duration
	// Lang is --lang (en or fr); empty means the environment decides.
	Lang string
	// RequestLang is --request-lang (admin request, the wizard): the
	// language of the request to the Zoom admin; empty means Lang's.
	RequestLang i18n.Lang
	// Accessible runs the line-by-line wizard of package accessible
	// (--accessible, ACCESSIBLE=1, or TERM=dumb) instead of the TUI.
	Accessible bool

	// Stdin, Stdout and Stderr are the process streams (buffers in tests).
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment; tests inject a map.
	Getenv func(string) string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Store, when set, is used instead of storage.Default (tests).
	Store *storage.Store
	// wizard, when set, replaces tui.Run (tests).
	wizard func(ctx context.Context, env *wizard.Config) (wizard.Saved, error)
	// assumeTerminal skips the terminal check of login (tests).
	assumeTerminal bool
	// answers are the wizard's questions answered by flags (answers.go).
	answers answerFlags
	// ttyOpener and isTerm, when set, replace opening /dev/tty and the
	// terminal check of the wizard's input (tests).
	ttyOpener func() (io.ReadCloser, error)
	isTerm    func(any) bool
	// build is this build's version, commit and date (set by Main; zero
	// in tests, see buildInfo).
	build buildinfo.Info
	// sandboxLockWait, when set, replaces sandboxLockWait (tests).
	sandboxLockWait time.Duration
	// wrapTransport, when set, wraps the HTTP transport of every call to
	// Zoom (tests observe the traffic).
	wrapTransport func(http.RoundTripper) http.RoundTripper
	// isWizard is set (by complete) when the command runs the wizard: it
	// does not wait for a busy sandbox but says at once what to do.
	isWizard bool

	// t speaks the chosen language (set by complete; English before).
	t *i18n.Printer

	// clientSecret is the org app's secret from stdin or the environment;
	// never from a flag, never printed.
	clientSecret string

	mu sync.Mutex
	st *storage.Store
	// sandboxURL is the base URL of the in-process sandbox, once started.
	sandboxURL string
	sandboxSrv *sandbox.Server
	// sandboxErr is why a lazily started sandbox failed, reported by run
	// unless a request's error reported it (zoomClient).
	sandboxErr error
	// sandboxStartErr is why starting the sandbox failed: it is tried once
	// per command.
	sandboxStartErr error
	// cleanups run when the command finishes (sandbox shutdown).
	cleanups []func()
}

// newRootOptions returns options wired to the real process.
func newRootOptions() *rootOptions {
	return &rootOptions{
		Profile: "default",
		Stdin:   os.Stdin,
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Getenv:  os.Getenv,
	}
}

// env reads an environment variable through the injectable Getenv.
func (o *rootOptions) env(key string) string {
	if o.Getenv == nil {
		return os.Getenv(key)
	}
	return o.Getenv(key)
}

// now returns the current time from the injectable clock.
func (o *rootOptions) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

// store returns the Store (storage.Default unless injected), created once.
// Creating it removes the temp files killed writes left (SweepTemps).
func (o *rootOptions) store() (*storage.Store, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.st != nil {
		return o.st, nil
	}
	if o.Store != nil {
		o.st = o.Store
		o.st.SweepTemps()
		return o.st, nil
	}
	st, err := storage.Default()
	if err != nil {
		return nil, &ExitError{Code: ExitStorage, Err: fmt.Errorf("open zoomconnect's storage: %w; check the data directories with: zoomconnect doctor", err)}
	}
	o.st = st
	st.SweepTemps()
	return st, nil
}

// httpClient returns an HTTP client whose every call has a timeout (dial,
// TLS handshake, response headers and overall).
func (o *rootOptions) httpClient() *http.Client {
	c := oauthflow.NewHTTPClient(oauthflow.DefaultHTTPTimeout)
	if o.wrapTransport != nil {
		c.Transport = o.wrapTransport(c.Transport)
	}
	return c
}

// manager returns a connection.Manager on the store. Under --sandbox, or
// when the selected profile was made under --sandbox, it starts the
// in-process sandbox first (reporting a failure): for commands that reach
// Zoom while holding the profile's lock (logout), or run the wizard. Other
// sandbox profiles start it on first use through the Endpoints hook.
func (o *rootOptions) manager() (*connection.Manager, error) {
	m, err := o.onDemandManager()
	if err != nil {
		return nil, err
	}
	if profileIsSandbox(m.Store, o.Profile) {
		if _, err := o.startSandbox(context.Background()); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// onDemandManager is manager for the commands whose requests to Zoom come,
// if at all, outside the profile's lock (token, refresh, status; connection
// resolves a profile's hosts before locking it): a sandbox profile starts
// the built-in sandbox only when a request to it is about to be made, so
// status --offline and token on a fresh token never start it. Only
// --sandbox starts it at once.
func (o *rootOptions) onDemandManager() (*connection.Manager, error) {
	st, err := o.store()
	if err != nil {
		return nil, err
	}
	if o.Sandbox {
		if _, err := o.startSandbox(context.Background()); err != nil {
			return nil, err
		}
	}
	hc := o.httpClient()
	return &connection.Manager{
		Store:      st,
		HTTPClient: hc,
		Now:        o.Now,
		Endpoints:  o.profileEndpoints,
		Client:     o.zoomClient(hc),
		T:          o.t,
	}, nil
}

// endpoints resolves the Zoom hosts for a new authorization: the sandbox
// (started in-process) under --sandbox, else configuredEndpoints.
func (o *rootOptions) endpoints(ctx context.Context) (oauthflow.Endpoints, error) {
	if o.Sandbox {
		u, err := o.startSandbox(ctx)
		if err != nil {
			return oauthflow.Endpoints{}, err
		}
		return oauthflow.Endpoints{AuthBaseURL: u, APIBaseURL: u}, nil
	}
	return o.configuredEndpoints()
}

// configuredEndpoints resolves --auth-base-url/--api-base-url, then their
// environment variables, then --gov, then zoom.us. Plain http is refused
// except for loopback hosts.
func (o *rootOptions) configuredEndpoints() (oauthflow.Endpoints, error) {
	ep := oauthflow.DefaultEndpoints()
	if o.Gov {
		ep = oauthflow.GovEndpoints()
	}
	auth := firstNonEmpty(o.AuthBaseURL, o.env(envAuthBaseURL))
	api := firstNonEmpty(o.APIBaseURL, o.env(envAPIBaseURL))
	if auth != "" {
		ep.AuthBaseURL = auth
	}
	if api != "" {
		ep.APIBaseURL = api
	}
	var err error
	if ep.AuthBaseURL, err = checkBaseURL("--auth-base-url", ep.AuthBaseURL); err != nil {
		return oauthflow.Endpoints{}, err
	}
	if ep.APIBaseURL, err = checkBaseURL("--api-base-url", ep.APIBaseURL); err != nil {
		return oauthflow.Endpoints{}, err
	}
	return ep, nil
}

// close runs the cleanups registered by the helpers (sandbox shutdown).
func (o *rootOptions) close() {
	o.mu.Lock()
	fns := o.cleanups
	o.cleanups = nil
	o.mu.Unlock()
	for i := len(fns) - 1; i >= 0; i-- {
		fns[i]()
	}
}

// checkBaseURL validates a base URL: absolute, https (or http to a loopback
// host), no query or fragment; the trailing slash is removed.
func checkBaseURL(flag, raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", usageErrorf("%s %q is not an absolute http(s) URL; use e.g. https://zoom.us", flag, raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", usageErrorf("%s %q must be a plain base URL, without user, query or fragment: use e.g. %s://%s", flag, raw, u.Scheme, u.Host)
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		return "", usageErrorf("%s %q uses plain http: tokens would cross the network unencrypted; use https (plain http is allowed only for 127.0.0.1 or localhost)", flag, raw)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// isLoopbackHost reports whether host is localhost or a loopback IP.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
