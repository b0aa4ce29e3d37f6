package oauthflow

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"golang.org/x/oauth2"
)

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
func (u User) Name() string {
	if n := strings.TrimSpace(u.DisplayName); n != "" {
		return n
	}
	if n := strings.TrimSpace(u.FirstName + " " + u.LastName); n != "" {
		return n
	}
	return u.Email
}

// TypeName spells out Zoom's numeric user type: "Basic", "Licensed", ...
func (u User) TypeName() string {
	switch u.Type {
	case 1:
		return "Basic"
	case 2:
		return "Licensed"
	case 3:
		return "On-prem"
	case 99:
		return "None"
	case 0:
		return "Unknown"
	}
	return "Type " + strconv.Itoa(u.Type)
}

// Result is what a completed authorization yields.
type Result struct {
	Token *oauth2.Token
	// Scopes are the granted scopes from the token response's scope field.
	Scopes []string
	// APIURL is the token response's api_url, when Zoom sent one.
	APIURL string
}

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
	// Linger keeps the loopback server up for this long after a timeout, so
	// that a browser sent back late gets a page saying the sign-in expired
	// (its code is never exchanged) instead of a connection error. Close
	// or the end of Start's context still closes the port at once. 0: the
	// port closes at the deadline.
	Linger time.Duration
	// T is the language of the browser pages the loopback server answers
	// with (nil: English).
	T *i18n.Printer
}

// DefaultFlowTimeout bounds the wait for the browser to come back.
const DefaultFlowTimeout = 10 * time.Minute

// Session is one started authorization attempt: a listening loopback server
// and the URL to open. It is single use.
type Session struct {
	AuthURL     string
	RedirectURL string
	Deadline    time.Time

	host     string // "127.0.0.1:PORT", the only Host accepted
	state    string
	verifier string
	exchange func(ctx context.Context, code string) (*Result, error)

	ctx    context.Context // ends on Close or at the deadline
	cancel context.CancelFunc
	srv    *http.Server
	served chan struct{} // closed when Serve returned

	claimed    atomic.Bool   // the single result slot is taken
	done       chan struct{} // closed once res/err are set
	res        *Result
	err        error
	finishOnce sync.Once
	closeOnce  sync.Once
	closeErr   error
	t          *i18n.Printer // the browser pages' language
	watchMu    sync.Mutex
	stopWatch  func()        // unregisters the ctx and deadline watchers
	linger     time.Duration // Flow.Linger
	lingering  *time.Timer   // closes a session kept up after its timeout; under watchMu
}

// String redacts the tokens so a Result can be printed safely; LogValue
// and MarshalJSON redact them in slog and JSON output.
func (r Result) String() string {
	return "Result{Scopes: " + strings.Join(r.Scopes, " ") + ", APIURL: " + r.APIURL + ", Token: " + redactedText + "}"
}

// GoString redacts the tokens in %#v output.
func (r Result) GoString() string { return r.String() }

// String shows the redirect URL and deadline, never the state or verifier.
func (s *Session) String() string {
	return "Session{RedirectURL: " + s.RedirectURL + ", Deadline: " + s.Deadline.Format(time.RFC3339) + "}"
}

// GoString keeps the state and verifier out of %#v output.
func (s *Session) GoString() string { return s.String() }
