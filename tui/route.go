package tui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
)

// route handles the step messages of steps/messages.go. It reports false
// for any other message, which then goes to the active screen.
func (m *Model) route(msg tea.Msg) (tea.Cmd, bool) {
	if m.quitting {
		_, ok := msg.(steps.QuitMsg)
		return nil, ok
	}
	if at := expectedAt(msg); at != nil && !slices.Contains(at, m.cur.stage) {
		return nil, true // stale: a double enter, or a command of a screen already left
	}
	switch msg := msg.(type) {
	case steps.BackMsg:
		return m.back(), true
	case steps.StartOverMsg:
		return m.startOver(), true
	case steps.ResumeMsg:
		return m.resume(msg), true
	case steps.RetryMsg:
		return m.retry(), true
	case steps.SavedMsg:
		return m.saved(msg), true
	case steps.QuitMsg:
		m.quitErr = msg.Err
		return m.quit(), true
	}
	return m.advance(msg)
}

// advance handles the messages that move the wizard one screen forward,
// keeping what each screen gathered.
func (m *Model) advance(msg tea.Msg) (tea.Cmd, bool) {
	s := m.screens
	switch msg := msg.(type) {
	case steps.WelcomeDoneMsg:
		return m.push(stageAuthType, s.AuthType), true
	case steps.AuthTypeChosenMsg:
		m.data.authType = msg.Type
		return m.push(stageCredentials, func(e *steps.Env) steps.Step { return s.Credentials(e, msg.Type) }), true
	case steps.CredentialsDoneMsg:
		m.data.creds = &msg
		return m.push(stageAuthorize, m.authorize), true
	case steps.PreapprovalMsg:
		return m.withCreds(stagePreapproval, func(e *steps.Env, c steps.CredentialsDoneMsg) steps.Step {
			return s.Preapproval(e, c, msg.Err)
		}), true
	case steps.AuthorizedMsg:
		m.data.result, m.lastFailure = msg.Result, nil
		return m.withCreds(stageScopes, func(e *steps.Env, c steps.CredentialsDoneMsg) steps.Step {
			return s.Scopes(e, c, msg.Result)
		}), true
	case steps.ScopesAcceptedMsg:
		r := m.data.result
		return m.withCreds(stageIdentity, func(e *steps.Env, c steps.CredentialsDoneMsg) steps.Step {
			return s.Identity(e, c, r)
		}), true
	}
	return nil, false
}

// expectedAt lists the stages whose screens may send msg, nil for "any
// stage" (back, start over, quit) and for messages that are not step
// messages. AuthorizedMsg is also taken on the pre-approval screen: the
// earlier attempt keeps waiting there and may still complete.
func expectedAt(msg tea.Msg) []stage {
	switch msg.(type) {
	case steps.WelcomeDoneMsg, steps.ResumeMsg:
		return []stage{stageWelcome}
	case steps.AuthTypeChosenMsg:
		return []stage{stageAuthType}
	case steps.CredentialsDoneMsg:
		return []stage{stageCredentials}
	case steps.PreapprovalMsg:
		return []stage{stageAuthorize, stageScopes, stageIdentity}
	case steps.RetryMsg:
		return []stage{stageAuthorize, stagePreapproval}
	case steps.AuthorizedMsg:
		return []stage{stageAuthorize, stagePreapproval}
	case steps.ScopesAcceptedMsg:
		return []stage{stageScopes}
	case steps.SavedMsg:
		return []stage{stageIdentity}
	}
	return nil
}

// withCreds pushes the screen ctor builds from the credentials; a step
// message that arrives without them (after a start over) is dropped.
func (m *Model) withCreds(st stage, ctor func(*steps.Env, steps.CredentialsDoneMsg) steps.Step) tea.Cmd {
	if m.data.creds == nil {
		return nil
	}
	c := *m.data.creds
	return m.push(st, func(e *steps.Env) steps.Step { return ctor(e, c) })
}

func (m *Model) authorize(e *steps.Env) steps.Step {
	return m.screens.Authorize(e, *m.data.creds)
}

// build makes a screen under its own context, derived from the root's and
// canceled when the screen is discarded.
func (m *Model) build(st stage, ctor func(*steps.Env) steps.Step) entry {
	ctx, cancel := context.WithCancel(m.env.Ctx)
	e := *m.env
	e.Ctx = ctx
	return entry{stage: st, step: ctor(&e), cancel: cancel}
}

// push keeps the active screen for BackMsg and activates a new one,
// calling its Init (Bubble Tea never calls Init on a child).
func (m *Model) push(st stage, ctor func(*steps.Env) steps.Step) tea.Cmd {
	m.history = append(m.history, m.cur)
	return m.activate(m.build(st, ctor))
}

// activate makes e the active screen, gives it the body size and returns
// its Init command.
func (m *Model) activate(e entry) tea.Cmd {
	m.cur = e
	e.step.SetSize(m.bodySize())
	return e.step.Init()
}

// back discards the active screen and returns to the previous one as it
// was left (typed text kept), without a second Init; a steps.Refocuser
// gets Refocus instead, to restart its cursor blink. Authorize is the
// exception: an authorization attempt is single use, so going back to it
// starts a fresh one.
func (m *Model) back() tea.Cmd {
	if len(m.history) == 0 {
		return nil
	}
	m.cur.cancel()
	prev := m.history[len(m.history)-1]
	m.history = m.history[:len(m.history)-1]
	if prev.stage == stageAuthorize && m.data.creds != nil {
		prev.cancel()
		return m.activate(m.build(stageAuthorize, m.authorize))
	}
	m.cur = prev
	m.cur.step.SetSize(m.bodySize())
	if r, ok := m.cur.step.(steps.Refocuser); ok {
		return r.Refocus()
	}
	return nil
}

// discardTo cancels the active screen and every remembered screen above
// depth n.
func (m *Model) discardTo(n int) {
	m.cur.cancel()
	for _, e := range m.history[min(n, len(m.history)):] {
		e.cancel()
	}
	m.history = m.history[:min(n, len(m.history))]
}

// startOver forgets everything gathered and shows a fresh auth-type
// screen; only the welcome screen stays behind it.
func (m *Model) startOver() tea.Cmd {
	keep := 0
	if len(m.history) > 0 && m.history[0].stage == stageWelcome {
		keep = 1
	}
	m.discardTo(keep)
	m.data = wizardData{}
	return m.activate(m.build(stageAuthType, m.screens.AuthType))
}

// retry replaces the pre-approval screen and every screen since the
// credentials (the old authorize, scopes, identity) with a fresh authorize
// screen, so retries do not pile up in the history.
func (m *Model) retry() tea.Cmd {
	if m.data.creds == nil {
		return nil
	}
	n := len(m.history)
	for n > 0 && m.history[n-1].stage >= stageAuthorize {
		n--
	}
	m.discardTo(n)
	return m.activate(m.build(stageAuthorize, m.authorize))
}

// resume goes from the welcome screen straight to Authorize with the
// pending attempt's app (the message's, else Env.Pending).
func (m *Model) resume(msg steps.ResumeMsg) tea.Cmd {
	if msg.Pending == nil {
		msg.Pending, msg.Secret = m.env.Pending, m.env.PendingSecret
	}
	if msg.Pending == nil {
		return nil
	}
	m.data = wizardData{authType: msg.Pending.AuthType, creds: m.pendingCreds(msg.Pending, msg.Secret)}
	return m.push(stageAuthorize, m.authorize)
}

// pendingCreds rebuilds the credentials of pending attempt p. The secret
// is the one kept with it, or the organization's app's when it is the
// same app. The hosts are the pending attempt's, except in the sandbox,
// which listens on a new port each run.
func (m *Model) pendingCreds(p *storage.Pending, secret string) *steps.CredentialsDoneMsg {
	c := steps.ResumeCredentials(m.env, p, secret)
	return &c
}

// saved records the saved connection and shows the done screen; there is
// no way back from it.
func (m *Model) saved(msg steps.SavedMsg) tea.Cmd {
	m.data.saved = &msg
	m.discardTo(0)
	return m.activate(m.build(stageDone, func(e *steps.Env) steps.Step { return m.screens.Done(e, msg) }))
}
