// Package wizard is the zoomconnect wizard without a user interface: the
// flow from the welcome screen to the saved connection as stages and
// transitions, what each screen says and which actions it offers (as
// package page pages, in the language of package i18n), the validators,
// the records a login saves, and the outcome a run ends with. The
// full-screen wizard (packages steps and tui) and the line-by-line wizard
// (package accessible) are two renderings of it, so they say the same
// words, follow the same path and end with the same outcome.
//
// It imports no UI package: I/O (the browser flow, users/me, saving) is
// done by functions that take a context and return values, and each front
// end calls them its own way (a Bubble Tea command, or a plain call).
package wizard

import (
	"net/http"
	"time"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Config is everything the wizard works with, for one run. The command
// line builds it once; the wizard never changes it.
type Config struct {
	// T speaks the person's language.
	T *i18n.Printer
	// Now is the clock.
	Now func() time.Time

	// Endpoints are the Zoom hosts to use (flags, environment, --gov, the
	// sandbox), before an app's own hosts override them.
	Endpoints oauthflow.Endpoints
	// Port pins the loopback port; 0 lets the system choose.
	Port int
	// FlowTimeout is the browser step's deadline; 0 is oauthflow's default.
	FlowTimeout time.Duration
	// NudgeAfter is how long the authorize screen waits before asking what
	// the browser shows; 0 is DefaultNudgeAfter.
	NudgeAfter time.Duration
	// HTTPClient makes every call to Zoom.
	HTTPClient *http.Client
	// OpenURL opens a URL in the person's browser; with NoBrowser it opens
	// nothing and the screens ask the person to open the address.
	OpenURL   func(url string) error
	NoBrowser bool
	// Device signs in with a code approved on any device (--device, the
	// OAuth device authorization grant) instead of the browser and the
	// loopback redirect.
	Device bool

	// Store keeps connections and pending attempts; Conn saves logins.
	Store *storage.Store
	Conn  *connection.Manager
	// OrgApp is the organization's provisioned app, nil when none was
	// found; OrgAppErr says why (not found, or unreadable).
	OrgApp    *storage.OrgApp
	OrgAppErr error
	// Profile is the profile the wizard saves to.
	Profile string
	// RequestLang is the language of the request to the Zoom admin
	// (--request-lang), which may differ from the screen's: "" is T's
	// language (see RequestLanguage).
	RequestLang i18n.Lang
	// InsecureStorage is --insecure-storage: consent to the plaintext file.
	InsecureStorage bool
	// Answers are the questions the command line answered (--auth-type,
	// --client-id, --email, --yes); the zero value answers none.
	Answers Answers

	// Sandbox describes the built-in sandbox when the run uses it, nil
	// otherwise.
	Sandbox *Sandbox
}

// Sandbox is what the wizard shows of the built-in sandbox.
type Sandbox struct {
	// Scenario is the active scenario's name and Summary its description;
	// empty when none is worth naming.
	Scenario, Summary string
	// DefaultScenario is the scenario that approves (to name in "change
	// with --sandbox-scenario NAME").
	DefaultScenario string
	// ApproveCommand approves the current attempt with no browser (a curl
	// command), "" when there is none.
	ApproveCommand string
	// OnAuthURL is called with each attempt's authorize URL before it is
	// shown or opened, so that ApproveCommand can approve it; nil for none.
	OnAuthURL func(authURL string)
}

// DefaultNudgeAfter is how long the authorize screen waits for the
// browser before it asks what the browser shows.
const DefaultNudgeAfter = 45 * time.Second

// WithDefaults returns a copy of c with what a run needs filled in: the
// English printer when T is nil, the system clock when Now is nil. Front
// ends call it once, so the screens never check for nil.
func (c Config) WithDefaults() *Config {
	if c.T == nil {
		c.T = i18n.New(i18n.English)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return &c
}

// RequestLanguage is the language the request to the Zoom admin is
// written in: RequestLang, else the screen's.
func (c *Config) RequestLanguage() i18n.Lang {
	if c.RequestLang != "" {
		return c.RequestLang
	}
	return c.T.Lang()
}

// now is the configured clock.
func (c *Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Creds is the app an attempt authorizes with, and how it was chosen.
type Creds struct {
	// AuthType is how the app was chosen (the organization's or the
	// person's own); it is saved in the profile and the pending attempt.
	AuthType storage.AuthType
	App      oauthflow.App
	AppName  string
	// ExpectedEmail is the optional account the person expects; the
	// confirm screen compares it with Zoom's answer.
	ExpectedEmail string
}
