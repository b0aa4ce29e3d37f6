package steps

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// devPhase is where the device sign-in screen is.
type devPhase int

const (
	devChecking devPhase = iota // looking up saved connections on the same app
	devConfirm                  // warned about ending an earlier authorization
	devStarting                 // asking Zoom for a code
	devWaiting                  // the code waits for approval
	devFailed                   // the attempt failed; r tries again
	devDone                     // approved; Authorized sent
)

// DeviceSignIn is the authorize step of `login --device`: it asks Zoom for
// a code, shows the address to open on any device and the code, and waits
// for its approval (wizard.DeviceClient); it emits wizard.Authorized like
// the browser screen. Its words are the wizard's (DeviceBlocks, ...).
type DeviceSignIn struct {
	env     *Env
	creds   wizard.Creds
	client  *oauthflow.Client
	phase   devPhase
	attempt int
	ctx     context.Context // the attempt's, a child of Env.Ctx
	cancel  context.CancelFunc
	code    *oauthflow.DeviceCode
	now     time.Time
	openErr error
	err     error
	sameApp []storage.Profile
	width   int
	height  int
}

// Private messages of the device sign-in screen; each carries its attempt.
type (
	deviceCodeMsg struct {
		attempt int
		code    *oauthflow.DeviceCode
		err     error
	}
	deviceOpenedMsg struct {
		attempt int
		err     error
	}
	deviceResultMsg struct {
		attempt int
		result  *oauthflow.Result
		err     error
	}
	deviceTickMsg struct{ attempt int }
)

// NewDeviceSignIn builds the device sign-in screen for the app in c.
func NewDeviceSignIn(env *Env, c wizard.Creds) *DeviceSignIn {
	return &DeviceSignIn{env: env, creds: c, client: wizard.DeviceClient(env.W, c),
		width: 80, height: 20}
}

// Init implements Step: saved connections of the same app first (a new
// sign-in ends them), then the code.
func (s *DeviceSignIn) Init() tea.Cmd {
	if s.env.W.Conn == nil {
		return s.start()
	}
	return sameAppCmd(s.env.W.Conn, s.creds.App.ClientID, s.client.App.Endpoints.AuthBaseURL)
}

// start asks Zoom for a new code, ending the previous attempt's polling.
func (s *DeviceSignIn) start() tea.Cmd {
	s.stop()
	s.attempt++
	s.phase, s.err, s.openErr, s.code = devStarting, nil, nil, nil
	ctx, cancel := context.WithCancel(s.env.Ctx)
	s.ctx, s.cancel = ctx, cancel
	client, attempt := s.client, s.attempt
	return tea.Batch(func() tea.Msg {
		dc, err := client.DeviceAuth(ctx)
		return deviceCodeMsg{attempt: attempt, code: dc, err: err}
	})
}

// stop ends the running attempt's requests.
func (s *DeviceSignIn) stop() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

// Update implements Step.
func (s *DeviceSignIn) Update(msg tea.Msg) (Step, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.handleKey(msg)
	case sameAppMsg:
		if s.phase != devChecking {
			return s, nil
		}
		s.sameApp = msg.profiles
		if len(msg.profiles) > 0 && !s.env.W.Yes() {
			s.phase = devConfirm
			return s, nil
		}
		return s, s.start()
	case deviceCodeMsg:
		return s, s.onCode(msg)
	case deviceOpenedMsg:
		if msg.attempt == s.attempt {
			s.openErr = msg.err
		}
	case deviceResultMsg:
		return s, s.onResult(msg)
	case deviceTickMsg:
		if msg.attempt == s.attempt && s.phase == devWaiting {
			s.now = s.env.Now()
			return s, deviceTick(s.attempt)
		}
	}
	return s, nil
}

// onCode shows the code, opens the address (unless --no-browser) and
// starts waiting for the approval.
func (s *DeviceSignIn) onCode(msg deviceCodeMsg) tea.Cmd {
	if msg.attempt != s.attempt {
		return nil
	}
	if msg.err != nil {
		s.phase, s.err = devFailed, msg.err
		return nil
	}
	s.phase, s.code, s.now = devWaiting, msg.code, s.env.Now()
	wizard.AnnounceAttempt(s.env.W, msg.code.URL())
	ctx, client, dc, attempt := s.ctx, s.client, msg.code, s.attempt
	cmds := []tea.Cmd{tea.Println(wizard.PrintedURL(s.env.W, dc.URL())), deviceTick(attempt), func() tea.Msg {
		res, err := client.DeviceToken(ctx, dc)
		return deviceResultMsg{attempt: attempt, result: res, err: err}
	}}
	if !s.env.W.NoBrowser && s.env.W.OpenURL != nil {
		open := s.env.W.OpenURL
		cmds = append(cmds, func() tea.Msg { return deviceOpenedMsg{attempt: attempt, err: open(dc.URL())} })
	}
	return tea.Batch(cmds...)
}

func (s *DeviceSignIn) onResult(msg deviceResultMsg) tea.Cmd {
	if msg.attempt != s.attempt || s.phase != devWaiting {
		return nil
	}
	if msg.err != nil {
		s.phase, s.err = devFailed, msg.err
		return nil
	}
	s.phase = devDone
	s.stop()
	return Emit(wizard.Authorized{Result: msg.result})
}

func (s *DeviceSignIn) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys.Authorize
	switch {
	case key.Matches(msg, k.Back):
		s.stop()
		return Emit(wizard.Back{})
	case s.phase == devConfirm && key.Matches(msg, k.Continue):
		return s.start()
	case s.phase == devFailed && key.Matches(msg, k.Retry):
		return s.start()
	case s.phase == devWaiting && key.Matches(msg, k.Copy):
		return tea.SetClipboard(s.code.URL())
	}
	return nil
}

// Failure implements Failed: the failed attempt on screen.
func (s *DeviceSignIn) Failure() error {
	if s.phase == devFailed {
		return s.err
	}
	return nil
}

// Title implements Step.
func (s *DeviceSignIn) Title() string { return wizard.DeviceTitle(s.env.W) }

// SetSize implements Step.
func (s *DeviceSignIn) SetSize(width, height int) { s.width, s.height = width, height }

// View implements Step.
func (s *DeviceSignIn) View() string {
	c := s.env.W
	k := s.env.Keys.Authorize
	n := func(b key.Binding) string { return b.Help().Key }
	blocks := wizard.AuthorizedBlocks(c)
	switch s.phase {
	case devChecking:
		blocks = wizard.CheckingBlocks(c)
	case devConfirm:
		blocks = wizard.SameAppBlocks(c, s.sameApp, wizard.AuthKeys{Continue: n(k.Continue), Back: n(k.Back)})
	case devStarting:
		blocks = wizard.DeviceStartingBlocks(c)
	case devWaiting:
		blocks = wizard.DeviceBlocks(c, wizard.DeviceWaiting{Code: s.code, Left: s.code.Expiry.Sub(s.now), OpenErr: s.openErr})
	case devFailed:
		blocks = wizard.DeviceFailedBlocks(c, s.err, wizard.AuthKeys{Retry: n(k.Retry), Back: n(k.Back)})
	}
	widgets := map[string]string{wizard.BlockSpinner: s.env.Styles.Spinner.Render(busyMark(s.now))}
	return fitHeight(s.env.Styles.Render(blocks, max(s.width, 10), widgets), s.width, s.height)
}

// ShortHelp implements help.KeyMap: the keys that act in the phase.
func (s *DeviceSignIn) ShortHelp() []key.Binding {
	k := s.env.Keys.Authorize
	switch s.phase {
	case devConfirm:
		return []key.Binding{k.Continue, k.Back}
	case devWaiting:
		return []key.Binding{k.Copy, k.Back}
	case devFailed:
		return []key.Binding{k.Retry, k.Back}
	}
	return []key.Binding{k.Back}
}

// FullHelp implements help.KeyMap.
func (s *DeviceSignIn) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func deviceTick(attempt int) tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return deviceTickMsg{attempt: attempt} })
}
