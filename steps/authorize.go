package steps

import (
	"context"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// authPhase is where the authorize screen is.
type authPhase int

const (
	phaseChecking authPhase = iota // looking up saved connections on the same app
	phaseConfirm                   // warned about ending an earlier authorization
	phaseStarting                  // binding the loopback server
	phaseWaiting                   // browser step in progress
	phaseFailed                    // timed out or failed; r retries
	phaseDone                      // authorized; AuthorizedMsg sent
)

// Authorize is the "Authorize in the browser" screen: it runs one
// oauthflow.Session at a time, shows the URL, a busy mark with the time left,
// and guides the user to the pre-approval path when nothing comes back.
// What it says is the wizard's (wizard.WaitingBlocks, FailedBlocks, …);
// this screen keeps the widgets, the keys and the attempt's lifecycle.
type Authorize struct {
	env     *Env
	creds   wizard.Creds
	phase   authPhase
	attempt int             // increases on every start; messages of older attempts are ignored
	ctx     context.Context // the attempt's context, a child of Env.Ctx
	cancel  context.CancelFunc
	// session is the attempt's; after a timeout it stays (its loopback
	// answers a late browser with the expired page) until the next start,
	// esc or quitting closes it.
	session *oauthflow.Session
	started time.Time
	now     time.Time
	nudge   bool  // no callback after NudgeAfter: ask about pre-approval
	openErr error // the browser could not be opened
	err     error // why the attempt failed, as the wizard explains it
	sameApp []storage.Profile
	// redirect is the loopback redirect URL of the latest attempt, kept
	// after it ended: a redirect mismatch tells the user to register it.
	redirect string
	paste    pasteBox
	width    int
	height   int
	copied   bool // the URL was sent to the clipboard (OSC 52)
	// copiedCmd: the sandbox approve command was sent to the clipboard.
	copiedCmd bool
	// vp scrolls the waiting and failure bodies when they are taller than
	// the screen; scrolls says they are (set when drawn).
	vp   viewport.Model
	pane scrollPane // what vp scrolls, drawn
	// waitMemo is the waiting page last built, and what it said.
	waitMemo struct {
		key    waitKey
		blocks []page.Block
	}
	scrolls bool
}

// Private messages of the authorize screen; each carries its attempt.
type (
	sameAppMsg     struct{ profiles []storage.Profile }
	authStartedMsg struct {
		attempt int
		session *oauthflow.Session
		err     error
	}
	authOpenedMsg struct {
		attempt int
		err     error
	}
	authResultMsg struct {
		attempt int
		result  *oauthflow.Result
		err     error
	}
	authTickMsg  struct{ attempt int }
	authNudgeMsg struct{ attempt int }
)

// NewAuthorize builds the screen for the app in c.
func NewAuthorize(env *Env, c wizard.Creds) *Authorize {
	c.App.Endpoints = c.Endpoints(env.W)
	vp := viewport.New()
	vp.KeyMap = env.Keys.Scroll.Viewport()
	vp.SoftWrap = false // the layout wraps the content at the width
	return &Authorize{
		vp:     vp,
		env:    env,
		creds:  c,
		paste:  newPasteBox(env.W),
		width:  80,
		height: 20,
	}
}

// Init implements Step: it looks for saved connections on the same app
// first; the browser flow starts once that is known.
func (s *Authorize) Init() tea.Cmd {
	if s.env.W.Conn == nil {
		return s.start()
	}
	return sameAppCmd(s.env.W.Conn, s.creds.App.ClientID, s.creds.App.Endpoints.AuthBaseURL)
}

// Update implements Step.
func (s *Authorize) Update(msg tea.Msg) (Step, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.handleKey(msg)
	case tea.PasteMsg: // bracketed paste into the paste box
		if s.paste.active() {
			return s, s.paste.update(msg, s.env.Keys.Paste, s.ctx, s.session)
		}
	case sameAppMsg:
		return s, s.onSameApp(msg)
	case authStartedMsg:
		return s, s.onStarted(msg)
	case authOpenedMsg:
		if msg.attempt == s.attempt {
			s.openErr = msg.err
		}
	case authResultMsg:
		return s, s.onResult(msg)
	case authTickMsg:
		return s, s.onTick(msg)
	case authNudgeMsg:
		s.nudge = s.nudge || (msg.attempt == s.attempt && s.phase == phaseWaiting)
	case pasteDoneMsg:
		s.paste.done(msg)
	default:
		if s.paste.active() { // cursor blink of the paste box
			var cmd tea.Cmd
			s.paste.input, cmd = s.paste.input.Update(msg)
			return s, cmd
		}
	}
	return s, nil
}

func (s *Authorize) onSameApp(msg sameAppMsg) tea.Cmd {
	if s.phase != phaseChecking {
		return nil
	}
	s.sameApp = msg.profiles
	if len(msg.profiles) > 0 && !s.env.W.Yes() { // --yes answers the warning
		s.phase = phaseConfirm
		return nil
	}
	return s.start()
}

// start begins a new attempt: a fresh context, a fresh session. The
// previous session (one lingering after a timeout) is closed before the
// new one binds, so a pinned --port is free again.
func (s *Authorize) start() tea.Cmd {
	closePrev := s.stop()
	s.attempt++
	s.phase, s.nudge, s.err, s.openErr, s.copied, s.copiedCmd = phaseStarting, false, nil, nil, false, false
	s.vp.GotoTop()
	s.paste.reset()
	ctx, cancel := context.WithCancel(s.env.Ctx)
	s.ctx, s.cancel = ctx, cancel
	return tea.Batch(startFlowCmd(ctx, wizard.AttemptFlow(s.env.W, s.creds), s.attempt, closePrev))
}

// stop ends the current attempt; the loopback server closes in the
// command it returns (nil when there is no session).
func (s *Authorize) stop() tea.Cmd {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	sess := s.session
	s.session = nil
	if sess == nil {
		return nil
	}
	return func() tea.Msg { _ = sess.Close(); return nil }
}

func (s *Authorize) onStarted(msg authStartedMsg) tea.Cmd {
	if msg.attempt != s.attempt {
		if msg.session != nil {
			return func() tea.Msg { _ = msg.session.Close(); return nil }
		}
		return nil
	}
	if msg.err != nil {
		s.phase, s.err = phaseFailed, msg.err
		return nil
	}
	s.phase, s.session, s.redirect = phaseWaiting, msg.session, msg.session.RedirectURL
	s.started, s.now = s.env.Now(), s.env.Now()
	wizard.AnnounceAttempt(s.env.W, msg.session.AuthURL)
	return tea.Batch(
		// Above the screen, whole: the terminal soft-wraps it, so a mouse
		// selection copies it unbroken (the frame's copy is cut into rows).
		tea.Println(wizard.PrintedURL(s.env.W, msg.session.AuthURL)),
		openURLCmd(s.env.W.OpenURL, msg.session.AuthURL, s.attempt),
		waitCmd(s.ctx, msg.session, s.attempt),
		tickCmd(s.attempt),
		nudgeCmd(s.nudgeAfter(), s.attempt),
	)
}

func (s *Authorize) onResult(msg authResultMsg) tea.Cmd {
	if msg.attempt != s.attempt || s.phase != phaseWaiting {
		return nil
	}
	if msg.err == nil {
		s.phase = phaseDone
		s.session = nil
		return Emit(wizard.Authorized{Result: msg.result})
	}
	next, err := wizard.AttemptEnded(s.env.W, s.creds, msg.err)
	s.phase, s.err = phaseFailed, err
	switch {
	case next != nil:
		return tea.Batch(s.stop(), Emit(next))
	case oauthflow.KindOf(err) == oauthflow.KindTimeout:
		return nil // the session lingers: a late browser is told the sign-in expired
	}
	return s.stop()
}

func (s *Authorize) onTick(msg authTickMsg) tea.Cmd {
	if msg.attempt != s.attempt || s.phase != phaseWaiting {
		return nil
	}
	s.now = s.env.Now()
	if s.now.Sub(s.started) >= s.nudgeAfter() {
		s.nudge = true
	}
	return tickCmd(s.attempt)
}

func (s *Authorize) nudgeAfter() time.Duration {
	if s.env.W.NudgeAfter > 0 {
		return s.env.W.NudgeAfter
	}
	return wizard.DefaultNudgeAfter
}

// Failure implements Failed: the error of an attempt that failed (declined,
// timed out, invalid client, redirect mismatch, network or server), nil
// while an attempt runs or after the user stopped one.
func (s *Authorize) Failure() error {
	if s.phase == phaseFailed {
		return s.err
	}
	return nil
}
