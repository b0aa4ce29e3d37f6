package accessible

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// stillWaitingEvery is how often the waiting line is repeated, at most.
const stillWaitingEvery = time.Minute

// waitEnd is how one browser attempt ended.
type waitEnd struct {
	res *oauthflow.Result
	err error // the attempt failed
	// pre is set when the user reported a pre-approval page; cause is
	// nil for "Request pre-approval", AdminAppError for the admin page.
	pre   bool
	cause error
}

// authorize runs browser attempts until one succeeds or the user leaves
// (the pre-approval path may end the wizard too).
func (w *conversation) authorize() (*oauthflow.Result, error) {
	w.section("Authorize in the browser")
	if err := w.confirmSameApp(); err != nil {
		return nil, err
	}
	for {
		end, err := w.attempt()
		if err != nil {
			return nil, err
		}
		if end.res != nil {
			return end.res, nil
		}
		if !end.pre {
			end.pre, end.cause, err = w.afterFailure(end.err)
			if err != nil {
				return nil, err
			}
		}
		if end.pre {
			if err := w.preapproval(end.cause); err != nil {
				return nil, err
			}
		}
		w.say("Starting a new attempt.")
	}
}

// confirmSameApp warns that a new authorization ends the saved
// connections of the same app, and asks to go on.
func (w *conversation) confirmSameApp() error {
	if w.env.Conn == nil {
		return nil
	}
	e := w.creds.Endpoints(w.env)
	same, err := w.env.Conn.SameApp(w.creds.App.ClientID, e.AuthBaseURL)
	if err != nil || len(same) == 0 {
		return nil
	}
	names := make([]string, len(same))
	for i, p := range same {
		names[i] = p.Name
	}
	w.say("Warning: Zoom keeps only the latest authorization of an app per user. Authorizing again may end the saved connection(s) " +
		strings.Join(names, ", ") + " if you sign in as the same Zoom user.")
	ok, err := w.confirm("Continue?", true)
	if err == nil && !ok {
		err = errQuit
	}
	return err
}

// attempt starts one browser authorization and waits for its end. The
// loopback server is closed when it returns.
func (w *conversation) attempt() (waitEnd, error) {
	ctx, cancel := context.WithCancel(w.ctx)
	defer cancel()
	flow := oauthflow.Flow{
		Client:  &oauthflow.Client{App: w.creds.App, HTTPClient: w.env.HTTPClient, Now: w.env.Now},
		Port:    w.env.Port,
		Timeout: w.env.FlowTimeout,
	}
	sess, err := flow.Start(ctx)
	if err != nil {
		return waitEnd{err: err}, nil
	}
	defer sess.Close()
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
	}
	return end, err
}

// showURL opens the browser and writes the address on a line of its own.
func (w *conversation) showURL(sess *oauthflow.Session) {
	switch {
	case w.env.NoBrowser || w.env.OpenURL == nil:
		w.say("Open this address in your browser and sign in to Zoom:")
	default:
		if err := w.env.OpenURL(sess.AuthURL); err != nil {
			w.say("The browser could not be opened (" + wizard.Reason(err) + "). Open this address yourself:")
		} else {
			w.say("Your browser was opened at Zoom's authorization page. If it did not open, open this address:")
		}
	}
	w.say(sess.AuthURL)
	if sb := w.env.Sandbox; sb != nil && sb.ApproveCommand != "" {
		w.say("No browser? In another terminal run this command to approve:", sb.ApproveCommand)
	}
	w.say("Waiting for Zoom. While waiting, type a letter and press enter:",
		`  p  the browser shows "Request pre-approval"`,
		`  m  the browser shows "An account admin is required"`,
		"  u  paste the address the browser was sent to (when this computer's browser cannot reach it)",
		"  q  quit")
}

// wait waits for the callback, the user's letter, or the deadline; got
// reports that the end came from results (Wait returned).
func (w *conversation) wait(ctx context.Context, sess *oauthflow.Session, results <-chan waitEnd) (_ waitEnd, got bool, _ error) {
	tick := time.NewTicker(w.every)
	defer tick.Stop()
	for {
		if err := w.in.ask(ctx, false); err != nil {
			return waitEnd{}, false, err
		}
		select {
		case end := <-results:
			return end, true, nil
		case res := <-w.in.lines:
			w.in.waiting, w.in.ended = false, res.err != nil
			if res.err != nil {
				return waitEnd{}, false, res.err
			}
			if end, done, err := w.waitingLetter(ctx, sess, res.line); done || err != nil {
				return end, false, err
			}
		case <-tick.C:
			w.say(fmt.Sprintf("Still waiting for Zoom (%d min left).", minutesLeft(sess.Deadline, w.now())))
		case <-ctx.Done():
			return waitEnd{}, false, errStop
		}
	}
}

// waitingLetter acts on a line typed while waiting; done ends the wait.
func (w *conversation) waitingLetter(ctx context.Context, sess *oauthflow.Session, line string) (waitEnd, bool, error) {
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "p":
		return waitEnd{pre: true}, true, nil
	case "m":
		return waitEnd{pre: true, cause: wizard.AdminAppError()}, true, nil
	case "q":
		return waitEnd{}, true, errQuit
	case "u":
		w.paste(ctx, sess)
	case "":
	default:
		w.say("Type p, m, u or q and press enter; or keep waiting for the browser.")
	}
	return waitEnd{}, false, nil
}

// paste completes the login from the address the user pastes.
func (w *conversation) paste(ctx context.Context, sess *oauthflow.Session) {
	v, err := w.ask("Paste the full address from the browser's address bar (it starts with " + sess.RedirectURL + "):")
	if err != nil || v == "" {
		return
	}
	if _, err := sess.CompleteFromURL(ctx, v); err != nil {
		w.say("That address did not complete the login: " + wizard.Reason(err) + " Still waiting; type u to paste again.")
		return
	}
	w.say("Address accepted.")
}

func minutesLeft(deadline, now time.Time) int {
	if deadline.IsZero() {
		return 0
	}
	return max(int(deadline.Sub(now).Round(time.Minute)/time.Minute), 0)
}

// afterFailure explains a failed attempt and asks what to do next: try
// again (pre false), the pre-approval path (pre true), or quit (errQuit).
func (w *conversation) afterFailure(err error) (pre bool, cause error, _ error) {
	w.failed = err
	w.explain(err)
	if oauthflow.IsPreapproval(err) {
		// Also a timeout: the guide names it the likely cause and lists
		// the other causes, as the pre-approval screen does.
		return true, err, nil
	}
	i, e := w.choose("What next?", []string{"Try again", "Get help with admin pre-approval", "Quit"}, 0)
	switch {
	case e != nil:
		return false, nil, e
	case i == 2:
		return false, nil, errQuit
	}
	return i == 1, err, nil
}
