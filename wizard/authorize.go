package wizard

import (
	"errors"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// The browser attempt of the authorize screen, as both front ends run it:
// the flow it starts, what an attempt that ended means, and what the
// person can do after one failed. The words are in authorizepage.go.

// LingerAfterTimeout is how long the loopback server keeps answering
// after an attempt timed out: a browser sent back late gets a page saying
// the sign-in expired (its code is never used) instead of a connection
// error. Retrying, going back or quitting ends it sooner.
const LingerAfterTimeout = 5 * time.Minute

// AttemptFlow is the browser flow of one attempt with c.
func AttemptFlow(cfg *Config, c Creds) oauthflow.Flow {
	return oauthflow.Flow{
		Client:  &oauthflow.Client{App: c.App, HTTPClient: cfg.HTTPClient, Now: cfg.Now},
		Port:    cfg.Port,
		Timeout: cfg.FlowTimeout,
		Linger:  LingerAfterTimeout,
		T:       cfg.T,
	}
}

// AnnounceAttempt tells the sandbox, when the run uses one, the authorize
// URL of a started attempt, before it is shown or opened, so that its
// no-browser approve command approves this attempt.
func AnnounceAttempt(cfg *Config, authURL string) {
	if sb := cfg.Sandbox; sb != nil && sb.OnAuthURL != nil {
		sb.OnAuthURL(authURL)
	}
}

// AttemptEnded is how the wizard takes an attempt with c that ended with
// err: the event it leads to, nil to stay on the authorize screen, and the
// error as the wizard explains it (see AppFileError). Only Zoom saying the
// wall is up (4738, "An account admin is required" as the redirect's
// error) leads to the pre-approval screen by itself: a timeout stays a
// timeout, which the person may confirm as the wall (ActPreapproval).
func AttemptEnded(cfg *Config, c Creds, err error) (next Event, explained error) {
	err = attemptError(cfg, c, err)
	if oauthflow.IsPreapproval(err) && oauthflow.KindOf(err) != oauthflow.KindTimeout {
		return PreapprovalNeeded{Cause: err}, err
	}
	return nil, err
}

// attemptError wraps a refused client of the organization's app in an
// AppFileError.
func attemptError(cfg *Config, c Creds, err error) error {
	if c.AuthType != storage.AuthOrgApp || oauthflow.KindOf(err) != oauthflow.KindInvalidClient {
		return err
	}
	var done *AppFileError
	if errors.As(err, &done) {
		return err
	}
	e := &AppFileError{Err: err}
	if app := cfg.OrgApp; app != nil && app.ClientID == c.App.ClientID {
		e.Path, e.Admin = app.Path, app.AdminContact
	}
	return e
}

// AppFileError is an attempt with the organization's app whose client ID
// or secret Zoom refused: the credentials of the app file are wrong or
// outdated, and the person, who never typed them, cannot fix that here.
// It names its own row of the error table (it is an oauthflow.Keyed), so
// the screens, the accessible mode and the command line all explain it so;
// it wraps Zoom's error, whose kind (and exit status) stay invalid_client.
type AppFileError struct {
	// Path is where the app came from: its file, or --client-id ("" when
	// the attempt was resumed without it).
	Path string
	// Admin is the contact the app file names, "" when none.
	Admin string
	Err   error
}

// Error implements error.
func (e *AppFileError) Error() string {
	if e.Path == "" {
		return "the organization's app: " + e.Err.Error()
	}
	return "the organization's app (" + e.Path + "): " + e.Err.Error()
}

// Unwrap returns Zoom's error.
func (e *AppFileError) Unwrap() error { return e.Err }

// Key implements oauthflow.Keyed: the organization app's row of the error
// table.
func (e *AppFileError) Key() string { return "org_app:invalid_client" }

// AuthAction is something the person can do on the authorize screen after
// an attempt failed.
type AuthAction int

// The actions after a failed attempt.
const (
	// ActRetry starts a new attempt with the same app.
	ActRetry AuthAction = iota + 1
	// ActPreapproval says the browser shows "Request pre-approval": the
	// pre-approval screen, with the wall confirmed.
	ActPreapproval
	// ActBack goes back to the credentials (or, for the organization's
	// app in the accessible mode, to the choice of how to connect).
	ActBack
	// ActQuit ends the wizard.
	ActQuit
)

// Event is what the flow is told when the person takes a.
func (a AuthAction) Event() Event {
	switch a {
	case ActRetry:
		return Retry{}
	case ActPreapproval:
		return PreapprovalNeeded{}
	case ActBack:
		return Back{}
	}
	return Quit{}
}

// FailedActions are what the person can do after an attempt that ended
// with err (nil: the person stopped it to report a pre-approval page), in
// the order offered. Confirming the pre-approval wall is offered only
// where it can be the cause: after a timeout, or a stopped attempt; never
// after a decline or an error Zoom explained (a wrong secret, say).
func FailedActions(err error) []AuthAction {
	if err == nil || oauthflow.KindOf(err) == oauthflow.KindTimeout {
		return []AuthAction{ActRetry, ActPreapproval, ActBack, ActQuit}
	}
	return []AuthAction{ActRetry, ActBack, ActQuit}
}
