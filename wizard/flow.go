package wizard

import (
	"slices"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Stage is a screen of the wizard.
type Stage int

// The stages, in the order the wizard walks them. Preapproval is a detour
// from Authorize and shares its number.
const (
	StageWelcome Stage = iota + 1
	StageAuthType
	StageCredentials
	StageAuthorize
	StagePreapproval
	StageScopes
	StageIdentity
	StageDone
)

// StageCount is M in "step N of M".
const StageCount = 7

// Number is N in "step N of M".
func (s Stage) Number() int {
	if s >= StagePreapproval {
		return int(s) - 1
	}
	return int(s)
}

// Event is what a screen reports to the flow: the person finished it, or
// asked to go back, start over, retry or quit.
type Event interface{ event() }

// The events. A screen emits one; the flow decides what comes next.
type (
	// WelcomeDone: the person read the welcome screen (or chose to start
	// over instead of resuming).
	WelcomeDone struct{}
	// Resume: the person resumes a pending attempt; Secret is its client
	// secret ("" when none was kept).
	Resume struct {
		Pending *storage.Pending
		Secret  string
	}
	// AuthTypeChosen: the person chose how to connect.
	AuthTypeChosen struct{ Type storage.AuthType }
	// CredsDone: the app to authorize with is known.
	CredsDone struct{ Creds Creds }
	// Authorized: the browser flow completed and the code was exchanged.
	Authorized struct{ Result *oauthflow.Result }
	// PreapprovalNeeded: go to the pre-approval screen; Cause is what led
	// there (nil when the person reported the page).
	PreapprovalNeeded struct{ Cause error }
	// Retry: try the browser again.
	Retry struct{}
	// ScopesAccepted: the person reviewed the scopes and goes on.
	ScopesAccepted struct{}
	// SavedEvent: the connection was saved.
	SavedEvent struct{ Saved Saved }
	// Back: the previous screen.
	Back struct{}
	// StartOver: forget everything entered and choose how to connect again.
	StartOver struct{}
	// Quit: end the wizard; Err is the outcome when it is not the usual
	// one (a screen that ends the run with a specific error).
	Quit struct{ Err error }
)

func (WelcomeDone) event()       {}
func (Resume) event()            {}
func (AuthTypeChosen) event()    {}
func (CredsDone) event()         {}
func (Authorized) event()        {}
func (PreapprovalNeeded) event() {}
func (Retry) event()             {}
func (ScopesAccepted) event()    {}
func (SavedEvent) event()        {}
func (Back) event()              {}
func (StartOver) event()         {}
func (Quit) event()              {}

// Saved is a saved connection, for the done screen and the outcome.
type Saved struct {
	Profile storage.Profile
	// Where says where the secrets went (the keyring's name or the file).
	Where string
	// Replaced names the profiles this save replaced (same Zoom user and
	// app); the profiles are kept as pointers to the new one.
	Replaced []string
	// Overwrote is set when another user's or app's connection of the
	// same name was overwritten.
	Overwrote bool
	// ReplaceErr says which replacements failed: the login is saved, but
	// those profiles were kept as they were.
	ReplaceErr error
}

// Data is what the screens gathered so far.
type Data struct {
	AuthType storage.AuthType
	Creds    *Creds
	// Resuming is the resumed attempt's app while its client secret is
	// asked again (see NeedsSecret); nil otherwise.
	Resuming *Creds
	// Cause is what led to the pre-approval screen (nil: the person
	// reported the page).
	Cause  error
	Result *oauthflow.Result
	Saved  *Saved
}

// Move is what a front end does with its screens after an event: keep the
// first Keep screens of its stack (the history below the active one),
// discard the others, then show Stage: a new screen when Fresh, else the
// one it kept at that place (going back shows a screen as it was left).
type Move struct {
	Stage Stage
	Keep  int
	Fresh bool
	// Quit ends the wizard (Stage is then meaningless).
	Quit bool
}

// Flow is the wizard's state machine: the stage shown, the stages below
// it (to go back through), what was gathered and how the run ends. Both
// front ends drive one Flow with the events their screens emit.
type Flow struct {
	cfg     *Config
	stage   Stage
	history []Stage
	data    Data
	quitErr error
	// lastFailure is the most recent failed attempt of this run, until an
	// authorization succeeds.
	lastFailure error
}

// NewFlow returns a flow for cfg on its first screen: the welcome
// screen, or past the screens the command line answered (cfg.Answers): the
// credentials screen of the auth type given, or the authorize screen when
// the credentials are given too. Skipped screens are not in the history:
// Back from the first screen shown does nothing.
func NewFlow(cfg *Config) *Flow {
	f := &Flow{cfg: cfg, stage: StageWelcome}
	if cfg == nil {
		return f
	}
	if c, ok := cfg.PresetCreds(); ok {
		f.stage, f.data = StageAuthorize, Data{AuthType: c.AuthType, Creds: &c}
	} else if t := cfg.Answers.AuthType; t != "" {
		f.stage, f.data = StageCredentials, Data{AuthType: t}
	}
	return f
}

// Stage is the stage shown.
func (f *Flow) Stage() Stage { return f.stage }

// Depth is how many stages Back can return through.
func (f *Flow) Depth() int { return len(f.history) }

// Data is what the screens gathered.
func (f *Flow) Data() Data { return f.data }

// Creds are the credentials of the current attempt, nil before they are
// known (or after a start over).
func (f *Flow) Creds() *Creds { return f.data.Creds }

// Failed records a failed attempt the active screen shows (nil: none);
// leaving the wizard before a later attempt succeeds ends with it.
func (f *Flow) Failed(err error) {
	if err != nil {
		f.lastFailure = err
	}
}

// LastFailure is the most recent failed attempt of the run, nil when
// none failed or one succeeded since.
func (f *Flow) LastFailure() error { return f.lastFailure }

// expected lists the stages whose screens may send ev; nil means any.
// An event from another stage is stale (a double enter, a command of a
// screen already left) and ignored. Authorized is also taken on the
// pre-approval screen: the earlier attempt keeps waiting there.
func expected(ev Event) []Stage {
	switch ev.(type) {
	case WelcomeDone, Resume:
		return []Stage{StageWelcome}
	case AuthTypeChosen:
		return []Stage{StageAuthType}
	case CredsDone:
		return []Stage{StageCredentials}
	case PreapprovalNeeded:
		return []Stage{StageAuthorize, StageScopes, StageIdentity}
	case Retry, Authorized:
		return []Stage{StageAuthorize, StagePreapproval}
	case ScopesAccepted:
		return []Stage{StageScopes}
	case SavedEvent:
		return []Stage{StageIdentity}
	}
	return nil
}

// Apply moves the flow on ev. ok is false for an event the flow ignores
// (stale, or one that needs credentials the flow no longer has); the
// front end then changes nothing.
func (f *Flow) Apply(ev Event) (m Move, ok bool) {
	if at := expected(ev); at != nil && !slices.Contains(at, f.stage) {
		return Move{}, false
	}
	switch ev := ev.(type) {
	case Back:
		return f.back()
	case StartOver:
		return f.startOver(), true
	case Quit:
		f.quitErr = ev.Err
		return Move{Quit: true}, true
	case Resume:
		if ev.Pending == nil {
			return Move{}, false
		}
		return f.resume(ev), true
	case Retry:
		return f.retry()
	case SavedEvent:
		s := ev.Saved
		f.data.Saved = &s
		return f.reset(0, StageDone), true
	}
	return f.advance(ev)
}

// advance handles the events that move one screen forward.
func (f *Flow) advance(ev Event) (Move, bool) {
	switch ev := ev.(type) {
	case WelcomeDone:
		return f.push(StageAuthType), true
	case AuthTypeChosen:
		f.data.AuthType = ev.Type
		return f.push(StageCredentials), true
	case CredsDone:
		c := ev.Creds
		f.data.Creds = &c
		return f.push(StageAuthorize), true
	case PreapprovalNeeded:
		f.data.Cause = ev.Cause
		return f.pushWithCreds(StagePreapproval)
	case Authorized:
		if f.data.Creds == nil {
			return Move{}, false
		}
		f.data.Result, f.lastFailure = ev.Result, nil
		if f.cfg != nil && f.cfg.Skips(StageScopes) {
			return f.push(StageIdentity), true // --yes: the done screen says what is missing
		}
		return f.push(StageScopes), true
	case ScopesAccepted:
		return f.pushWithCreds(StageIdentity)
	}
	return Move{}, false
}

func (f *Flow) push(s Stage) Move {
	f.history = append(f.history, f.stage)
	f.stage = s
	return Move{Stage: s, Keep: len(f.history), Fresh: true}
}

func (f *Flow) pushWithCreds(s Stage) (Move, bool) {
	if f.data.Creds == nil {
		return Move{}, false
	}
	return f.push(s), true
}

// reset keeps the first keep stages of the history and shows a fresh s.
func (f *Flow) reset(keep int, s Stage) Move {
	f.history = f.history[:min(keep, len(f.history))]
	f.stage = s
	return Move{Stage: s, Keep: len(f.history), Fresh: true}
}

// back shows the previous screen as it was left; Authorize is the
// exception: an attempt is single use, so going back to it starts a
// fresh one.
func (f *Flow) back() (Move, bool) {
	n := len(f.history)
	if n == 0 {
		return Move{}, false
	}
	prev := f.history[n-1]
	f.history = f.history[:n-1]
	f.stage = prev
	return Move{Stage: prev, Keep: n - 1, Fresh: prev == StageAuthorize && f.data.Creds != nil}, true
}

// startOver forgets everything gathered and shows a fresh auth-type
// screen; only the welcome screen stays behind it.
func (f *Flow) startOver() Move {
	keep := 0
	if len(f.history) > 0 && f.history[0] == StageWelcome {
		keep = 1
	}
	f.data = Data{}
	return f.reset(keep, StageAuthType)
}

// retry replaces the pre-approval screen and every screen since the
// credentials with a fresh authorize screen, so retries do not pile up.
func (f *Flow) retry() (Move, bool) {
	if f.data.Creds == nil {
		return Move{}, false
	}
	n := len(f.history)
	for n > 0 && f.history[n-1] >= StageAuthorize {
		n--
	}
	return f.reset(n, StageAuthorize), true
}

// resume goes from the welcome screen straight to a fresh authorize
// screen with the pending attempt's app (see ResumeCreds); when its client
// secret was not kept, to the credentials screen first, which asks for it
// alone.
func (f *Flow) resume(ev Resume) Move {
	c := ResumeCreds(f.cfg, ev.Pending, ev.Secret)
	if NeedsSecret(ev.Pending, ev.Secret) {
		f.data = Data{AuthType: c.AuthType, Resuming: &c}
		return f.push(StageCredentials)
	}
	f.data = Data{AuthType: c.AuthType, Creds: &c}
	return f.push(StageAuthorize)
}
