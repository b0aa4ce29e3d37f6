package oauthflow

import (
	"context"
	"errors"
	"net"
	"time"

	"golang.org/x/oauth2"
)

// errTODO marks a body not written yet. It must not survive into a commit
// that claims the feature is done.
var errTODO = errors.New("oauthflow: not implemented yet")

// User is the part of GET /v2/users/me that a connection records.
type User struct {
	ID            string `json:"id"`
	Email         string `json:"email"`
	FirstName     string `json:"first_name"`
	LastName      string `json:"last_name"`
	DisplayName   string `json:"display_name"`
	Type          int    `json:"type"`
	RoleName      string `json:"role_name"`
	AccountID     string `json:"account_id"`
	AccountNumber int64  `json:"account_number"`
	Timezone      string `json:"timezone"`
	Status        string `json:"status"`
}

// Name is the best human name Zoom gave: display name, else first and last
// name, else the email address.
func (u User) Name() string { return "" }

// TypeName spells out Zoom's numeric user type: "Basic", "Licensed", ...
func (u User) TypeName() string { return "" }

// Result is what a completed authorization yields.
type Result struct {
	Token *oauth2.Token
	// Scopes are the granted scopes from the token response's scope field.
	Scopes []string
	// APIURL is the token response's api_url, when Zoom sent one.
	APIURL string
}

// OAuth2Config returns the x/oauth2 config for this client and redirect URL.
// Scopes stay empty: Zoom rejects a scope parameter on the authorize URL.
func (c *Client) OAuth2Config(redirectURL string) *oauth2.Config { return nil }

// Exchange trades an authorization code for tokens. It is never retried: a
// code is single use.
func (c *Client) Exchange(ctx context.Context, code, verifier, redirectURL string) (*oauth2.Token, error) {
	return nil, errTODO
}

// Refresh uses refreshToken once and returns the new token pair. Zoom rotates
// refresh tokens: the caller must persist the returned RefreshToken before
// using the access token. 429, 5xx and network failures are retried with
// backoff; invalid_grant and every other 4xx are not.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (*oauth2.Token, error) {
	return nil, errTODO
}

// Revoke revokes token at Zoom (POST /oauth/revoke, token in the form body).
func (c *Client) Revoke(ctx context.Context, token string) error { return errTODO }

// Me calls GET /v2/users/me with accessToken in the Authorization header.
func (c *Client) Me(ctx context.Context, accessToken string) (*User, error) { return nil, errTODO }

// Flow runs one browser authorization with a loopback redirect.
type Flow struct {
	Client *Client
	// Port pins the loopback port; 0 lets the OS choose (Zoom ignores the
	// loopback port when PKCE is used).
	Port int
	// Timeout is the overall deadline for the browser step; 0 means
	// DefaultFlowTimeout.
	Timeout time.Duration
	// Listen binds the loopback listener; nil means net.Listen. Tests inject
	// failures here.
	Listen func(network, addr string) (net.Listener, error)
}

// DefaultFlowTimeout bounds the wait for the browser to come back.
const DefaultFlowTimeout = 10 * time.Minute

// Session is one started authorization attempt: a listening loopback server
// and the URL to open. It is single use.
type Session struct {
	AuthURL     string
	RedirectURL string
	Deadline    time.Time
}

// Start binds 127.0.0.1, starts the callback server and builds the authorize
// URL with a fresh state and PKCE S256 challenge.
func (f *Flow) Start(ctx context.Context) (*Session, error) { return nil, errTODO }

// Wait blocks until a valid callback arrives and its code is exchanged, the
// deadline passes, or ctx ends. The server is shut down before it returns.
func (s *Session) Wait(ctx context.Context) (*Result, error) { return nil, errTODO }

// Close shuts the loopback server down. It is idempotent and safe to call
// from any goroutine.
func (s *Session) Close() error { return nil }

// GrantedScopes returns the space-separated scope field of a token response.
func GrantedScopes(t *oauth2.Token) []string { return nil }
