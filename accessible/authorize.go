package accessible

import (
	"context"
	"strings"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// stillWaitingEvery is how often the waiting line is repeated, at most.
const stillWaitingEvery = time.Minute

// The letters typed while waiting for the browser.
const (
	letterPreapproval = "p"
	letterAdminApp    = "m"
	letterPaste       = "u"
	letterQuit        = "q"
)

// waitEnd is how one browser attempt ended.
type waitEnd struct {
	res *oauthflow.Result
	err error // the attempt failed
	// pre is set when the user reported a pre-approval page; cause is
	// nil for "Request pre-approval", AdminAppError for the admin page.
	pre   bool
	cause error
	// redirect is the attempt's loopback redirect URL.
	redirect string
}

// authorize runs browser attempts until one succeeds or the user leaves
// (the pre-approval path may end the wizard too). It says the wizard's
// authorize pages (package wizard) as lines and asks its questions. An
// attempt that timed out keeps its loopback up for late browsers (they get
// the expired page) until the next attempt starts or authorize returns.
func (w *conversation) authorize() (*oauthflow.Result, error) {
	if w.env.Device {
		return w.deviceAuthorize()
	}
	var lingering *oauthflow.Session
	defer func() { closeSession(lingering) }()
	if err := w.beginAuthorize(); err != nil {
		return nil, err
	}
	for {
		end, err := w.attempt(&lingering)
		if err != nil {
			return nil, err
		}
		if end.res != nil {
			return end.res, nil
		}
		next := wizard.Event(wizard.PreapprovalNeeded{Cause: end.cause})
		if !end.pre {
			if next, err = w.afterFailure(end); err != nil {
				return nil, err
			}
		}
		if err := w.follow(next); err != nil {
			return nil, err
		}
		w.say(w.env.T.T("authorize.a11y.new_attempt"))
	}
}

// beginAuthorize starts the authorize section: its title, the warning
// about saved connections of the same app, and the question before the
// browser.
func (w *conversation) beginAuthorize() error {
	w.section(wizard.AuthorizeTitle(w.env))
	return w.confirmAuthorize()
}

// follow does what the event chosen after an attempt says; nil goes on
// with a new attempt.
func (w *conversation) follow(ev wizard.Event) error {
	switch ev := ev.(type) {
	case wizard.PreapprovalNeeded:
		return w.preapproval(ev.Cause)
	case wizard.Back:
		if err := w.backToCredentials(); err != nil {
			return err
		}
		return w.beginAuthorize()
	case wizard.Quit:
		return errQuit
	}
	return nil
}

// backToCredentials asks for the app again: the person's own app's client
// ID and secret (after "Wrong client ID or client secret", the way to fix
// them), or, for the organization's app, how to connect.
func (w *conversation) backToCredentials() error {
	if w.creds.AuthType == storage.AuthOrgApp {
		return w.chooseApp()
	}
	return w.credentials(storage.AuthOwnApp)
}

// confirmAuthorize asks before the browser opens, always, so that the
// questions come in the same order whatever is saved (a script's piped
// answers line up): after the warning that a new authorization ends the
// saved connections of the same app (naming what a save would replace),
// whether to authorize anyway, else whether to start. --yes answers it;
// the warning is said all the same.
func (w *conversation) confirmAuthorize() error {
	same := w.sameApp()
	if len(same) > 0 {
		w.show(wizard.SameAppBlocks(w.env, same, wizard.AuthKeys{}))
	}
	if w.env.Yes() {
		return nil
	}
	ok, err := w.confirm(wizard.AuthorizeQuestion(w.env, len(same) > 0), true)
	if err == nil && !ok {
		err = errQuit
	}
	return err
}

// sameApp lists the saved connections a new authorization with the
// attempt's app would end (none when they cannot be read).
func (w *conversation) sameApp() []storage.Profile {
	if w.env.Conn == nil {
		return nil
	}
	same, err := w.env.Conn.SameApp(w.creds.App.ClientID, w.creds.Endpoints(w.env).AuthBaseURL)
	if err != nil {
		return nil
	}
	return same
}

// attempt starts one browser authorization and waits for its end,
// closing the session that lingered after the previous one first. The
// loopback server is closed when it returns, except after a timeout: the
// session is then left in *lingering.
func (w *conversation) attempt(lingering **oauthflow.Session) (waitEnd, error) {
	closeSession(*lingering)
	*lingering = nil
	flow := wizard.AttemptFlow(w.env, w.creds)
	sess, err := flow.Start(w.ctx) // the run's context: the session may outlive this attempt
	if err != nil {
		return waitEnd{err: err}, nil
	}
	ctx, cancel := context.WithCancel(w.ctx)
	defer cancel()
	w.showURL(sess)
	results := make(chan waitEnd, 1)
	go func() {
		res, err := sess.Wait(ctx)
		results <- waitEnd{res: res, err: err}
	}()
	end, got, err := w.wait(ctx, sess, results)
	if !got {
		_ = sess.Close()
		<-results // Wait has returned: the port is closed
		return end, err
	}
	end.redirect = sess.RedirectURL
	if oauthflow.KindOf(end.err) == oauthflow.KindTimeout {
		*lingering = sess
	}
	return end, err
}

func closeSession(s *oauthflow.Session) {
	if s != nil {
		_ = s.Close()
	}
}

// showURL tells the sandbox the attempt's URL, opens the browser, says
// the waiting page (the address on a line of its own) and the letters.
func (w *conversation) showURL(sess *oauthflow.Session) {
	wizard.AnnounceAttempt(w.env, sess.AuthURL)
	var openErr error
	if !w.env.NoBrowser && w.env.OpenURL != nil {
		openErr = w.env.OpenURL(sess.AuthURL)
	}
	w.show(wizard.WaitingBlocks(w.env, wizard.Waiting{AuthURL: sess.AuthURL, Left: sess.Deadline.Sub(w.now()),
		OpenErr: openErr}, wizard.AuthKeys{}))
	t := w.env.T
	w.say(t.T("authorize.a11y.letters"),
		t.T("authorize.a11y.letter_preapproval", "Key", letterPreapproval),
		t.T("authorize.a11y.letter_admin_app", "Key", letterAdminApp),
		t.T("authorize.a11y.letter_paste", "Key", letterPaste),
		t.T("authorize.a11y.letter_quit", "Key", letterQuit))
}

// wait waits for the callback, the user's letter, or the deadline; got
// reports that the end came from results (Wait returned).
func (w *conversation) wait(ctx context.Context, sess *oauthflow.Session, results <-chan waitEnd) (_ waitEnd, got bool, _ error) {
	return w.waitLines(ctx, results, isWaitLetter,
		func(line string) (waitEnd, bool, error) { return w.waitingLetter(ctx, sess, line) },
		func() string { return wizard.StillWaiting(w.env, sess.Deadline.Sub(w.now())) })
}

// waitLines waits for results while it reads lines, each handed to
// onLine (done ends the wait), and says still at most every w.every; got
// reports that the end came from results.
//
// Piped answers are typed ahead: a script cannot know when the browser
// comes back, so the answers to the questions after the wait are often
// there before it ends. On piped input the first line that is not one of
// the wait's letters (isLetter) is therefore kept for the next question,
// and no more lines are read until the wait ends. On a terminal a person
// answers what is on screen, so such a line goes to onLine, which says it
// is no letter. The end of piped input cancels the wait, unless --yes
// answered every question (a script that gives no stdin at all): the wait
// then goes on until the browser answers, the deadline or ctrl+c.
func (w *conversation) waitLines(ctx context.Context, results <-chan waitEnd, isLetter func(string) bool,
	onLine func(string) (waitEnd, bool, error), still func() string) (_ waitEnd, got bool, _ error) {
	tick := time.NewTicker(w.every)
	defer tick.Stop()
	holding := false
	for {
		var lines <-chan lineResult // nil while a line is held: read nothing more
		if !holding {
			if err := w.in.ask(ctx, false); err != nil {
				return waitEnd{}, false, err
			}
			lines = w.in.lines
		}
		select {
		case end := <-results:
			return end, true, nil
		case res := <-lines:
			w.in.waiting, w.in.ended = false, res.err != nil
			if res.err != nil && w.env.Yes() && !w.in.tty {
				holding = true // a script answered everything: the browser may still come back
				continue
			}
			if res.err != nil {
				return waitEnd{}, false, res.err
			}
			if !w.in.tty && !isLetter(res.line) {
				w.in.hold(res.line)
				holding = true
				continue
			}
			if end, done, err := onLine(res.line); done || err != nil {
				return end, false, err
			}
		case <-tick.C:
			w.say(still())
		case <-ctx.Done():
			return waitEnd{}, false, errStop
		}
	}
}

// isWaitLetter reports whether line is one of the letters the wait for
// the browser reads.
func isWaitLetter(line string) bool {
	switch strings.ToLower(strings.TrimSpace(line)) {
	case letterPreapproval, letterAdminApp, letterQuit, letterPaste:
		return true
	}
	return false
}

// waitingLetter acts on a line typed while waiting; done ends the wait.
func (w *conversation) waitingLetter(ctx context.Context, sess *oauthflow.Session, line string) (waitEnd, bool, error) {
	switch strings.ToLower(strings.TrimSpace(line)) {
	case letterPreapproval:
		return waitEnd{pre: true}, true, nil
	case letterAdminApp:
		return waitEnd{pre: true, cause: wizard.AdminAppError()}, true, nil
	case letterQuit:
		return waitEnd{}, true, errQuit
	case letterPaste:
		w.paste(ctx, sess)
	case "":
	default:
		w.say(w.env.T.T("authorize.a11y.letter_unknown"))
	}
	return waitEnd{}, false, nil
}

// paste completes the login from the address the user pastes.
func (w *conversation) paste(ctx context.Context, sess *oauthflow.Session) {
	t := w.env.T
	v, err := w.ask(t.T("authorize.a11y.paste_question", "Redirect", sess.RedirectURL))
	if err != nil || v == "" {
		return
	}
	if _, err := sess.CompleteFromURL(ctx, v); err != nil {
		why := i18n.Raw(wizard.PasteRefusal(w.env, err, sess.RedirectURL))
		w.say(page.PlainText(t.T("authorize.a11y.paste_refused", "Reason", why, "Key", letterPaste)))
		return
	}
	w.say(t.T("authorize.a11y.paste_accepted"))
}

// afterFailure says how the attempt failed, as the wizard explains it
// (the timeout's likely causes, a redirect URL to register, the app file
// to fix), and what comes next: the pre-approval section when Zoom said
// the wall is up (it explains that itself), else the person's choice (try again, the pre-approval wall they see,
// the credentials again, quit).
func (w *conversation) afterFailure(end waitEnd) (wizard.Event, error) {
	next, err := wizard.AttemptEnded(w.env, w.creds, end.err)
	w.failed = err
	if next != nil {
		return next, nil // the pre-approval section explains it: one explanation, as on screen
	}
	w.show(wizard.FailedBlocks(w.env, wizard.Failure{Err: err, Redirect: end.redirect}, wizard.AuthKeys{}))
	menu, actions := wizard.FailedChoices(w.env, w.creds, err)
	i, e := w.pick(&menu)
	if e != nil {
		return nil, e
	}
	return actions[i].Event(), nil
}
