package doctor

import (
	"context"
	"crypto/tls"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Env is everything the checks touch. Zero fields get real defaults in Run
// (net.DefaultResolver, os.Getenv, time.Now, ...); nil storage hooks make
// their checks skip.
type Env struct {
	// AuthBaseURL and APIBaseURL are the Zoom hosts to check; empty means
	// zoom.us and api.zoom.us.
	AuthBaseURL string
	APIBaseURL  string
	// Port is the pinned loopback port (--port), 0 if none.
	Port int
	// Offline skips the network checks.
	Offline bool
	// GOOS is the operating system; empty means runtime.GOOS.
	GOOS string

	Getenv   func(string) string
	ReadFile func(string) ([]byte, error)
	Stat     func(string) (fs.FileInfo, error)
	LookPath func(string) (string, error)
	Now      func() time.Time
	// LookupHost resolves a host name.
	LookupHost func(ctx context.Context, host string) ([]string, error)
	// DialContext opens TCP connections (to Zoom or a proxy).
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)
	// Proxy picks the proxy for a request; nil reads HTTPS_PROXY,
	// HTTP_PROXY and NO_PROXY through Getenv.
	Proxy func(*http.Request) (*url.URL, error)
	// TLSConfig is the base TLS config (tests set RootCAs).
	TLSConfig *tls.Config
	// Listen binds a listener (loopback port check).
	Listen func(network, addr string) (net.Listener, error)
	// KnownIssuers are certificate issuer organizations expected on Zoom's
	// hosts; nil means DefaultKnownIssuers().
	KnownIssuers []string

	// ProcDir is Linux's /proc, used to name the process holding a port;
	// empty means "/proc".
	ProcDir string

	// Dirs are zoomconnect's config, data and state directories.
	ConfigDir, DataDir, StateDir string
	// ListProfiles lists the saved profiles; nil skips profile checks.
	ListProfiles func() ([]storage.Profile, error)
	// ProbeKeyring checks that the OS keyring answers; nil skips.
	ProbeKeyring func(ctx context.Context) error
	// Me calls users/me for a profile; nil skips the connection check.
	Me func(ctx context.Context, profile string) (*oauthflow.User, error)
	// RequiredScopes are the scopes a connection needs, compared exactly
	// with the granted ones; nil means oauthflow.ReviewScopes decides.
	RequiredScopes []string

	// T is the language of the report (titles, summaries, details and
	// fixes); nil means English.
	T *i18n.Printer
}

// DefaultKnownIssuers returns the public CAs that issue certificates for
// Zoom's hosts or are common enough not to mean interception.
func DefaultKnownIssuers() []string {
	return []string{
		"DigiCert Inc", "DigiCert, Inc.", "Let's Encrypt", "Internet Security Research Group",
		"GlobalSign", "GlobalSign nv-sa", "Sectigo Limited", "Amazon", "Google Trust Services",
		"Google Trust Services LLC", "Entrust, Inc.", "GoDaddy.com, Inc.", "Starfield Technologies, Inc.",
		"IdenTrust", "Microsoft Corporation", "COMODO CA Limited", "SSL Corporation",
	}
}

// fill replaces zero fields with real implementations.
func (e *Env) fill() {
	if e.AuthBaseURL == "" {
		e.AuthBaseURL = oauthflow.DefaultAuthBaseURL
	}
	if e.APIBaseURL == "" {
		e.APIBaseURL = oauthflow.DefaultAPIBaseURL
	}
	if e.GOOS == "" {
		e.GOOS = runtime.GOOS
	}
	if e.ProcDir == "" {
		e.ProcDir = "/proc"
	}
	if e.Getenv == nil {
		e.Getenv = os.Getenv
	}
	if e.ReadFile == nil {
		e.ReadFile = os.ReadFile
	}
	if e.Stat == nil {
		e.Stat = os.Stat
	}
	if e.LookPath == nil {
		e.LookPath = exec.LookPath
	}
	if e.Now == nil {
		e.Now = time.Now
	}
	e.fillNet()
}

// fillNet fills the network hooks.
func (e *Env) fillNet() {
	if e.LookupHost == nil {
		e.LookupHost = net.DefaultResolver.LookupHost
	}
	if e.DialContext == nil {
		d := &net.Dialer{Timeout: 10 * time.Second}
		e.DialContext = d.DialContext
	}
	if e.Listen == nil {
		e.Listen = net.Listen
	}
	if e.KnownIssuers == nil {
		e.KnownIssuers = DefaultKnownIssuers()
	}
	if e.Proxy == nil {
		e.Proxy = func(r *http.Request) (*url.URL, error) { return proxyFor(e.Getenv, r.URL) }
	}
}
