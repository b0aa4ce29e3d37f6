// Package oauthflow runs Zoom's OAuth 2.0 authorization-code flow with PKCE
// and a loopback redirect, and talks to the few Zoom endpoints a connection
// needs (token, refresh, revoke, users/me).
//
// It imports no UI package. Every network call takes a context.Context and
// uses the injectable *http.Client of [Client], like golang.org/x/oauth2.
package oauthflow

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// Default Zoom hosts.
const (
	DefaultAuthBaseURL = "https://zoom.us"
	DefaultAPIBaseURL  = "https://api.zoom.us"
	GovAuthBaseURL     = "https://zoomgov.com"
	GovAPIBaseURL      = "https://api.zoomgov.com"
)

// Endpoints names the two Zoom hosts a connection uses: the OAuth host
// (authorize, token, revoke) and the REST API host. Values are base URLs with
// no trailing slash, such as "https://zoom.us".
type Endpoints struct {
	AuthBaseURL string `json:"auth_base_url"`
	APIBaseURL  string `json:"api_base_url"`
}

// DefaultEndpoints returns zoom.us and api.zoom.us.
func DefaultEndpoints() Endpoints {
	return Endpoints{AuthBaseURL: DefaultAuthBaseURL, APIBaseURL: DefaultAPIBaseURL}
}

// GovEndpoints returns zoomgov.com and api.zoomgov.com.
func GovEndpoints() Endpoints {
	return Endpoints{AuthBaseURL: GovAuthBaseURL, APIBaseURL: GovAPIBaseURL}
}

// App is the Zoom OAuth app a connection authorizes with. An empty
// ClientSecret means a public client (Zoom's "Use Public Client OAuth"): the
// client ID goes in the request body and no Authorization header is sent.
type App struct {
	ClientID     string
	ClientSecret string
	Endpoints    Endpoints
}

// Public reports whether the app is a public client (no secret).
func (a App) Public() bool { return a.ClientSecret == "" }

// String redacts the secret so an App can be printed safely; LogValue and
// MarshalJSON redact it in slog and JSON output.
func (a App) String() string {
	return "App{ClientID: " + a.ClientID + ", ClientSecret: " + a.secretMark() + ", Auth: " + a.Endpoints.AuthBaseURL + "}"
}

// GoString redacts the secret in %#v output.
func (a App) GoString() string { return a.String() }

// Client calls Zoom for one App. The zero HTTPClient means a client with
// DefaultHTTPTimeout; Now defaults to time.Now.
type Client struct {
	App        App
	HTTPClient *http.Client
	Now        func() time.Time
	// MaxRetries bounds retries of 429/5xx/network failures on API calls
	// and refreshes (never on invalid_grant or a code exchange). Zero means 3.
	MaxRetries int
	// MaxRetryWait caps a single Retry-After or backoff wait. Zero means 30s.
	MaxRetryWait time.Duration
	// Sleep waits between retries; tests inject a fake. Nil means a
	// context-aware real sleep.
	Sleep func(ctxDone <-chan struct{}, d time.Duration) bool
}

// DefaultHTTPTimeout bounds every HTTP call when Client.HTTPClient is nil.
const DefaultHTTPTimeout = 30 * time.Second

// ErrInsecureEndpoint is wrapped by the error of any call to a Zoom host
// given as plain http on a non-loopback host: tokens and secrets are only
// sent over https (or to a local test server such as the sandbox).
var ErrInsecureEndpoint = errors.New("endpoint is not https")

// Check reports whether both base URLs are usable: absolute, and https
// unless the host is a loopback address (tests, the sandbox).
func (e Endpoints) Check() error {
	for _, raw := range []string{e.AuthBaseURL, e.APIBaseURL} {
		if raw == "" {
			continue // the default Zoom host
		}
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return fmt.Errorf("%q is not an absolute URL", raw)
		}
		if u.Scheme == "https" || (u.Scheme == "http" && isLoopbackHost(u.Hostname())) {
			continue
		}
		return fmt.Errorf("%w: %s (use https)", ErrInsecureEndpoint, u.Redacted())
	}
	return nil
}

func isLoopbackHost(h string) bool {
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
