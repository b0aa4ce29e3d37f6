// Package sandbox is a Zoom-compatible OAuth 2.0 and REST API server that
// runs on 127.0.0.1, so the zoomconnect wizard, its commands and its tests can
// go through every path of a real Zoom connection with no Zoom account.
//
// Like net/http/httptest, one call starts it:
//
//	srv, err := sandbox.New(sandbox.Options{Scenario: sandbox.ScenarioApprove})
//	if err != nil { ... }
//	defer srv.Close()
//	// srv.URL is both the OAuth host (zoom.us) and the API host (api.zoom.us).
//
// It serves, with Zoom's wire formats and error bodies
// (docs: /work/shared/reference/zoom-oauth.md):
//
//	GET  /oauth/authorize           consent page (HTML), or a redirect with ApproveParam
//	POST /oauth/authorize/decision  the consent page's Allow / Deny / Request pre-approval form
//	POST /oauth/token               grant_type=authorization_code (PKCE), refresh_token (rotation),
//	                                account_credentials (the admin's Server-to-Server app)
//	                                and the device code (DeviceGrantType)
//	POST /oauth/devicecode          the device sign-in (RFC 8628), in ScenarioDevice only
//	GET  /oauth/device              the page that approves a device code (device.go)
//	POST /oauth/revoke              form token=..., {"status":"success"}
//	GET  /v2/users/me               Bearer token only, the demo user
//	GET  /v2/users/me/recordings    the demo user's DemoRecordings recordings, paged
//	POST /v2/users/me/meetings      creates a meeting (201; not kept)
//	GET  /v2/users/me/meetings      4711: the demo app lacks meeting:read:list_meetings
//
// and the admin's side (docs: /work/shared/reference/zoom-marketplace-admin.md),
// with the admin app's token and its granular :admin scopes ([AdminScopes]):
//
//	GET   /v2/marketplace/apps?type=               apps with requests, approved apps, ...
//	GET   /v2/marketplace/apps/{appId}             app info (DemoAppID, DemoAdminOnlyAppID)
//	GET   /v2/marketplace/apps/{appId}/requests    requests by status, paged
//	PATCH /v2/marketplace/apps/{appId}/requests    approve, decline, approve_all, decline_all, cancel: 204
//	POST  /v2/marketplace/apps/{appId}/preApprove  approve_user, approve_group, approve_all, disapprove_*: 201
//	GET   /v2/users/{userId}                       a user of the demo directory, by ID or email
//	GET   /v2/groups                               its groups, paged
//
// Every response carries an x-zm-trackingid header.
//
// # The admin's side
//
// The demo account has a directory (DemoUser in DemoGroup, a few more
// users, an invited one, a pending one, and DemoAmbiguousGroup twice), two
// apps (DemoAppID, the demo user app of both client IDs, and
// DemoAdminOnlyAppID, admin-managed) and two seeded pending requests. In
// the preapproval scenario the consent page shows the pre-approval wall
// until the admin lets DemoUser through: its "Request pre-approval" button
// (or ApproveParam=request_preapproval) records a pending request with the
// typed reason; approving it (PATCH approve or approve_all), or
// pre-approving the user, one of their groups or everyone (preApprove),
// turns the wall into the consent page. Declining keeps the wall. Whenever
// an admin action takes a user's approval away (disapprove_user,
// disapprove_group, disapprove_all, decline, decline_all), that user's live
// grants end: refreshes answer "The token is disabled by admin." and API
// calls 4738, in every scenario. Listings honour page_size (at most 300)
// and next_page_token, which expires after PageTokenTTL. The documented
// errors: 1401 for an unknown app, 1500 for DemoAdminOnlyAppID, 1001 for an
// unknown user (an email in preApprove's user_ids too), 1120 for
// DemoInvitedEmail, 4130 for an unknown group ID, 4711 naming the scope a
// token lacks, code 300 for bodies Zoom would refuse (unknown fields, more
// than 20 IDs); the account-wide ones have scenarios (preapproval-off 1404,
// free-account 200, admin-missing-scope, expired-page-token, rate-limit).
// Texts Zoom does not document (1120's, the expired page token's, a wrong
// account_id's) are the sandbox's guesses.
//
// # Approving with no browser
//
// Add sandbox_decision=allow to the authorize URL ([Server.ApproveURL] does
// it) and the server answers with the redirect the Allow button would give,
// so curl can finish a flow whose loopback listener is waiting:
//
//	curl -sS -L -o /dev/null "$AUTHORIZE_URL&sandbox_decision=allow"
//
// sandbox_decision=deny gives the denial redirect. At the pre-approval wall
// and in the admin-app scenario the flag shows the page a browser would
// show and, like Zoom, never redirects; sandbox_decision=request_preapproval
// presses the wall's "Request pre-approval" button.
//
// # Rules it enforces
//
//   - Clients: the confidential client (Options.ClientID/ClientSecret) must
//     authenticate with an HTTP Basic header and send no secret in the body;
//     the public client (Options.PublicClientID) sends client_id in the form
//     body, no Authorization header and no secret, and must use PKCE.
//   - redirect_uri must be http://127.0.0.1:PORT/callback (any port, like
//     Zoom's loopback matching); at the token endpoint it must equal the
//     authorize one byte for byte, else 4709 "Redirect URI mismatch.".
//   - A scope parameter on the authorize URL is refused ("Invalid scope").
//   - Parameters of /oauth/token and /oauth/revoke are read from the form
//     body only: tokens in a URL query are ignored, as Zoom asks.
//   - A code works once, for 5 minutes; a reused code also revokes the tokens
//     it produced (RFC 6749 §4.1.2).
//   - Refresh tokens rotate: the previous one then gets
//     400 {"reason":"Invalid Token!","error":"invalid_grant"}. Access tokens
//     issued earlier stay valid until they expire.
//   - Latest authorization wins (zoom-oauth.md §6.2): a new code exchange for
//     the same user and client ends every earlier grant of that pair. Its
//     access tokens then get 401 {"code":4741,"message":"The token has been
//     revoked."} and its refresh tokens {"reason":"Invalid Token!",
//     "error":"invalid_grant"}, the two answers §6.2 reports.
//   - A token revoked at /oauth/revoke gets 401 {"code":124,"message":
//     "Invalid access token."} and "Invalid Token!" on refresh. Revoking an
//     unknown token still answers success (RFC 7009 §2.2).
//
// Token endpoint errors use Zoom's {"reason","error"} body; the numeric
// codes of Zoom's table appear only through their reason text (for example
// "Redirect URI mismatch." is 4709, "The token is disabled by admin." is
// 4738). API errors use {"code","message"}. Rate limits answer 429 with
// {"code":429,"message":...} and Retry-After on both hosts.
package sandbox

import (
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gofrs/flock"
	"github.com/zoomconnect/zoomconnect/i18n"
)

// Demo app credentials the sandbox accepts by default. They are public,
// fixed values: the sandbox never talks to Zoom.
const (
	DemoClientID       = "zcSandboxDemoClient01"
	DemoClientSecret   = "zcSandboxDemoSecret-not-a-real-secret"
	DemoPublicClientID = "zcSandboxPublicClient01"
	DemoAppName        = "zoomconnect Sandbox App"
)

// Defaults of Options.
const (
	DefaultAddr       = "127.0.0.1:0"
	DefaultAccessTTL  = 3599 * time.Second
	DefaultTokenDelay = 10 * time.Second
	DefaultRetryAfter = time.Second
)

// ApproveParam is the authorize-URL query parameter that decides consent with
// no page: "allow" or "deny". See [Server.ApproveURL].
const ApproveParam = "sandbox_decision"

// CodeTTL is how long an authorization code can be exchanged, as at Zoom.
const CodeTTL = 5 * time.Minute

// User is the demo Zoom user that authorizes in the sandbox, as returned by
// GET /v2/users/me.
type User struct {
	ID            string `json:"id"`
	Email         string `json:"email"`
	FirstName     string `json:"first_name"`
	LastName      string `json:"last_name"`
	DisplayName   string `json:"display_name"`
	Type          int    `json:"type"` // 1 Basic, 2 Licensed
	RoleName      string `json:"role_name"`
	AccountID     string `json:"account_id"`
	AccountNumber int64  `json:"account_number"`
	Timezone      string `json:"timezone"`
	Status        string `json:"status"`
}

// DemoUser returns the default demo user, "Sam Sandbox"
// <sam.sandbox@example.com>, a Licensed (type 2) member.
func DemoUser() User {
	return User{
		ID: "sbxUsr0SamSandbox00001", Email: "sam.sandbox@example.com",
		FirstName: "Sam", LastName: "Sandbox", DisplayName: "Sam Sandbox",
		Type: 2, RoleName: "Member", AccountID: DemoAccountID,
		AccountNumber: 90000001, Timezone: "America/Los_Angeles", Status: "active",
	}
}

// Options configure a sandbox. The zero value is a working sandbox in the
// approve scenario with the demo app and user.
type Options struct {
	// Scenario to run. Empty means the one saved in StateFile, else
	// ScenarioApprove.
	Scenario Scenario
	// Addr to listen on; it must be a loopback address. Default DefaultAddr.
	Addr string
	// ClientID and ClientSecret of the confidential client. Defaults
	// DemoClientID and DemoClientSecret.
	ClientID     string
	ClientSecret string
	// PublicClientID is the public (secretless, PKCE) client. Default
	// DemoPublicClientID.
	PublicClientID string
	// AppName is shown on the consent page. Default DemoAppName.
	AppName string
	// Lang is the language of the pages people see (the consent page,
	// the pre-approval wall); Zoom's own words that zoomconnect points
	// people to stay as Zoom shows them. Default English.
	Lang i18n.Lang
	// AccessTTL is the access-token lifetime. Default DefaultAccessTTL.
	AccessTTL time.Duration
	// Now is the clock for code and token lifetimes and Retry-After dates.
	// Default time.Now.
	Now func() time.Time
	// TokenDelay is how long the token endpoint waits in ScenarioSlowToken.
	// Default DefaultTokenDelay. The wait ends early when the client goes
	// away or the server closes.
	TokenDelay time.Duration
	// RetryAfter is the wait ScenarioRateLimit asks for. Default
	// DefaultRetryAfter.
	RetryAfter time.Duration
	// StateFile, when set, is where the server keeps its grants, codes,
	// tokens (as SHA-256 hashes, never in the clear) and scenario, so a
	// sandbox started later on the same file accepts the tokens this one
	// issued and refuses rotated ones. It is written atomically (temp file,
	// fsync, rename) with mode 0600 after every change. Servers in several
	// processes may share it at once: each request works on the freshest
	// state under a file lock (StateFile+".lock"), so a refresh token
	// rotated by one server is refused by all, and a scenario set by one
	// applies to all. Stats and LatestRefreshToken stay per Server.
	StateFile string
	// User is the demo user. A User with no Email means DemoUser().
	User User
}

// Stats counts what the sandbox has answered since it started. A Server's
// counters are safe to read at any time.
type Stats struct {
	Authorize       int // valid GET /oauth/authorize requests
	Consents        int // consent decisions: Allow, Deny, Request pre-approval, ApproveParam
	Exchanges       int // successful authorization-code exchanges
	Refreshes       int // successful refreshes (each rotates the refresh token)
	FailedRefreshes int // refresh requests answered with an error, 429 included
	Revokes         int // successful POST /oauth/revoke
	Me              int // successful GET /v2/users/me
	// PreapprovalRequests counts "Request pre-approval" presses recorded.
	PreapprovalRequests int
	// AccountTokens counts Server-to-Server tokens issued.
	AccountTokens int
	// AdminCalls counts successful Marketplace, Users and Groups calls.
	AdminCalls int
}

// Server is a running sandbox. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL, http://127.0.0.1:PORT with no trailing slash.
	// It serves both the OAuth endpoints and the REST API.
	URL string

	opts     Options
	instance string // see Instance
	pages    *template.Template
	// t speaks Options.Lang on the pages.
	t    *i18n.Printer
	srv  *http.Server
	done chan struct{} // closed when Serve returns

	mu      sync.Mutex // guards everything below; see lock
	flock   *flock.Flock
	flocked bool
	syncErr error
	st      *state
	pending map[string]authRequest
	stats   Stats
	// pageTokens are the listings' live next_page_tokens.
	pageTokens map[string]pageCursor
	latestRT   string

	life     sync.Mutex // guards closed; orders inflight.Add before Wait
	closed   bool
	closing  chan struct{}
	once     sync.Once
	inflight sync.WaitGroup
}

// New starts a sandbox listening on opts.Addr and returns once it accepts
// connections. Call Close when done.
func New(opts Options) (*Server, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts: o, instance: newInstanceID(), pages: parsePages(), t: i18n.New(o.Lang), pending: map[string]authRequest{}, pageTokens: map[string]pageCursor{},
		done: make(chan struct{}), closing: make(chan struct{}), st: newState(),
	}
	if o.StateFile != "" {
		s.flock = flock.New(o.StateFile+".lock", flock.SetPermissions(0o600))
	}
	ln, err := s.listen()
	if err != nil {
		if s.flock != nil {
			_ = s.flock.Close()
		}
		return nil, err
	}
	s.URL = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return s, nil
}

// listen loads the state and binds the address.
func (s *Server) listen() (net.Listener, error) {
	if err := s.initState(); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("sandbox: listen on %s: %w", s.opts.Addr, err)
	}
	return ln, nil
}

// initState loads StateFile and applies Options.Scenario: an explicit one
// wins, else the saved one, else ScenarioApprove.
func (s *Server) initState() error {
	s.lock()
	defer s.unlock()
	if s.syncErr != nil {
		return s.syncErr
	}
	if s.flock != nil {
		st, err := loadState(s.opts.StateFile) // lock ignored a damaged file; New must not
		if err != nil {
			return err
		}
		s.st = st
	}
	if s.opts.Scenario != "" || s.st.Scenario == "" {
		s.st.Scenario = s.opts.Scenario
		if s.st.Scenario == "" {
			s.st.Scenario = ScenarioApprove
		}
	}
	return s.saveLocked()
}

// withDefaults fills in the zero fields and checks the rest.
func (o Options) withDefaults() (Options, error) {
	if o.Scenario != "" && !o.Scenario.valid() {
		_, err := ParseScenario(string(o.Scenario))
		return o, fmt.Errorf("sandbox: %w", err)
	}
	def := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	def(&o.Addr, DefaultAddr)
	def(&o.ClientID, DemoClientID)
	def(&o.ClientSecret, DemoClientSecret)
	def(&o.PublicClientID, DemoPublicClientID)
	def(&o.AppName, DemoAppName)
	if o.ClientID == o.PublicClientID {
		return o, errors.New("sandbox: ClientID and PublicClientID must differ")
	}
	if o.AccessTTL <= 0 {
		o.AccessTTL = DefaultAccessTTL
	}
	if o.TokenDelay <= 0 {
		o.TokenDelay = DefaultTokenDelay
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = DefaultRetryAfter
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.User.Email == "" {
		o.User = DemoUser()
	}
	return o, checkLoopback(o.Addr)
}

// checkLoopback refuses to serve the sandbox beyond this machine.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("sandbox: address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("sandbox: address %q is not a loopback IP; use 127.0.0.1:PORT", addr)
	}
	return nil
}

// Close stops the server: it refuses new requests, ends waiting ones (a slow
// token request among them) and returns when every handler has returned.
// It is idempotent.
func (s *Server) Close() {
	s.once.Do(func() {
		s.life.Lock()
		s.closed = true
		s.life.Unlock()
		close(s.closing)
		_ = s.srv.Close()
		<-s.done
		s.inflight.Wait()
		if s.flock != nil {
			_ = s.flock.Close()
		}
	})
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// LatestRefreshToken returns the newest refresh token this Server issued,
// or "" before the first. Tests compare it with what a client stored.
func (s *Server) LatestRefreshToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.latestRT
}

// Scenario returns the scenario in force.
func (s *Server) Scenario() Scenario {
	s.lock()
	defer s.unlock()
	return s.st.Scenario
}

// SetScenario switches the scenario for every later request and saves it to
// the StateFile. The "first" API call and refresh of ScenarioRateLimit count
// from here. An unknown scenario behaves like ScenarioApprove; validate
// user input with ParseScenario first.
func (s *Server) SetScenario(sc Scenario) {
	s.lock()
	defer s.unlock()
	s.st.Scenario = sc
	s.st.RateLimitedAPI, s.st.RateLimitedRefresh, s.st.RateLimitedAdmin = false, false, false
	s.st.PageTokenRefused = false
	_ = s.saveLocked() // a failure resurfaces on the next request's save
}

// ExpireAccessTokens makes every access token issued so far (the admin
// app's too) expired as of now, so the next API call gets 401 "Access token
// is expired." and the client must refresh or fetch a new one.
func (s *Server) ExpireAccessTokens() {
	s.lock()
	defer s.unlock()
	now := s.opts.Now()
	for _, t := range s.st.Tokens {
		if t.Kind == kindAccess && t.Expires.After(now) {
			t.Expires = now
		}
	}
	for _, t := range s.st.AdminTokens {
		if t.Expires.After(now) {
			t.Expires = now
		}
	}
	_ = s.saveLocked()
}

// ApproveURL returns authURL with ApproveParam=allow added: opening it (with
// curl, say) approves with no consent page, answering 302 to the
// redirect_uri with code and state. A URL that does not parse is returned
// unchanged.
func (s *Server) ApproveURL(authURL string) string { return ApproveURL(authURL) }
