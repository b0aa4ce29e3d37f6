// Package oauthflow runs Zoom's OAuth 2.0 authorization-code flow with PKCE
// and a loopback redirect, and talks to the few Zoom endpoints a connection
// needs (token, refresh, revoke, users/me).
//
// It imports no UI package. Every network call takes a context.Context and
// uses the injectable *http.Client of [Client], like golang.org/x/oauth2.
package oauthflow

import (
	"net/http"
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

// String redacts the secret so an App can be printed or logged safely.
func (a App) String() string {
	s := "none (public client)"
	if a.ClientSecret != "" {
		s = "[redacted]"
	}
	return "App{ClientID: " + a.ClientID + ", ClientSecret: " + s + ", Auth: " + a.Endpoints.AuthBaseURL + "}"
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
