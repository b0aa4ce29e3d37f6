package steps

import (
	"context"
	"fmt"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// handleKey routes a key press by phase. After a failure only the keys of
// wizard.FailedActions act (p only where the wall can be the cause).
func (s *Authorize) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if s.paste.active() {
		return s.paste.update(msg, s.env.Keys.Paste, s.ctx, s.session)
	}
	k := s.env.Keys.Authorize
	switch {
	case key.Matches(msg, k.Back):
		return tea.Batch(s.stop(), Emit(wizard.Back{}))
	case s.phase == phaseConfirm && key.Matches(msg, k.Continue):
		return s.start()
	case s.phase == phaseConfirm:
		return nil
	case s.phase == phaseFailed && key.Matches(msg, k.Retry):
		return s.start()
	case s.phase == phaseFailed && key.Matches(msg, k.Preapproval) && s.offers(wizard.ActPreapproval):
		return s.toPreapproval(nil) // the person confirms the wall the timeout hinted at
	case s.phase < phaseFailed && key.Matches(msg, k.Preapproval):
		return s.toPreapproval(nil)
	case key.Matches(msg, k.AdminApp) && s.phase == phaseWaiting && s.nudge:
		return s.toPreapproval(wizard.AdminAppError())
	case s.env.Keys.Scroll.Matches(msg) && s.scrolls:
		var cmd tea.Cmd
		s.vp, cmd = s.vp.Update(msg)
		return cmd
	}
	if s.phase == phaseWaiting {
		return s.waitingKey(msg)
	}
	return nil
}

// offers reports whether action a is offered after the failure on screen.
func (s *Authorize) offers(a wizard.AuthAction) bool {
	return slices.Contains(wizard.FailedActions(s.err), a)
}

// toPreapproval ends the attempt (freeing the port) and asks for the
// pre-approval screen with cause (nil: the user reports "Request
// pre-approval"); coming back here offers a new attempt.
func (s *Authorize) toPreapproval(cause error) tea.Cmd {
	s.phase, s.err = phaseFailed, nil
	return tea.Batch(s.stop(), Emit(wizard.PreapprovalNeeded{Cause: cause}))
}

// waitingKey handles the keys of a running attempt. Copying goes through
// the terminal (OSC 52), which many terminals ignore: the screen says so
// and where the text is shown instead.
func (s *Authorize) waitingKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys.Authorize
	switch {
	case key.Matches(msg, k.Copy):
		s.copied = true
		return tea.SetClipboard(s.session.AuthURL)
	case key.Matches(msg, k.Open) && !s.env.W.NoBrowser:
		s.openErr = nil
		return openURLCmd(s.env.W.OpenURL, s.session.AuthURL, s.attempt)
	case key.Matches(msg, k.CopyCommand) && s.approveCommand() != "":
		s.copiedCmd = true
		return tea.SetClipboard(s.approveCommand())
	case key.Matches(msg, k.Paste):
		return s.paste.open()
	}
	return nil
}

// approveCommand is the sandbox's no-browser approve command, "" outside
// the sandbox.
func (s *Authorize) approveCommand() string {
	if sb := s.env.W.Sandbox; sb != nil {
		return sb.ApproveCommand
	}
	return ""
}

// sameAppCmd lists saved connections that a new authorization would end.
// A failed lookup only loses the warning, so it yields no profiles.
func sameAppCmd(m *connection.Manager, clientID, authBase string) tea.Cmd {
	return func() tea.Msg {
		profiles, err := m.SameApp(clientID, authBase)
		if err != nil {
			return sameAppMsg{}
		}
		return sameAppMsg{profiles: profiles}
	}
}

// startFlowCmd starts flow's session, once closePrev (the previous
// attempt's close, nil for none) has freed its port.
func startFlowCmd(ctx context.Context, flow oauthflow.Flow, attempt int, closePrev tea.Cmd) tea.Cmd {
	return func() tea.Msg {
		if closePrev != nil {
			closePrev()
		}
		sess, err := flow.Start(ctx)
		return authStartedMsg{attempt: attempt, session: sess, err: err}
	}
}

func openURLCmd(open func(string) error, url string, attempt int) tea.Cmd {
	if open == nil {
		return nil
	}
	return func() tea.Msg {
		if err := open(url); err != nil {
			return authOpenedMsg{attempt: attempt, err: fmt.Errorf("open the browser: %w", err)}
		}
		return authOpenedMsg{attempt: attempt}
	}
}

func waitCmd(ctx context.Context, sess *oauthflow.Session, attempt int) tea.Cmd {
	return func() tea.Msg {
		res, err := sess.Wait(ctx)
		return authResultMsg{attempt: attempt, result: res, err: err}
	}
}

func tickCmd(attempt int) tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return authTickMsg{attempt: attempt} })
}

func nudgeCmd(after time.Duration, attempt int) tea.Cmd {
	return tea.Tick(after, func(time.Time) tea.Msg { return authNudgeMsg{attempt: attempt} })
}
