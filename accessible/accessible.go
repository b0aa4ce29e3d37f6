// Package accessible is zoomconnect's line-by-line wizard, for screen
// readers and dumb terminals: the same path as the full-screen wizard of
// package tui (welcome, app, credentials, browser, pre-approval, scopes,
// account, save, done), written as plain sequential lines with no alt
// screen, redraws, spinner, colour or cursor movement, and answered line by
// line. It reuses the screens' validators, texts and records from package
// steps, and ends with the same outcomes as tui.Run, so exit codes match.
package accessible

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/zoomconnect/zoomconnect/wizard"
)

// Run runs the accessible wizard under ctx, writing to out and reading
// answers from in (a client secret is read without echo when in is a
// terminal). It returns the saved connection, or the outcome tui.Run would
// give: wizard.ErrCanceled when the user left (q, end of input, ctx ended)
// before any attempt failed, a *wizard.FailedError wrapping the last failed
// attempt (for the pre-approval wall, wizard.PreapprovalError) otherwise.
// Nothing is saved before the user confirms, and the loopback port is
// closed when Run returns.
func Run(ctx context.Context, env *wizard.Config, in io.Reader, out io.Writer) (wizard.Saved, error) {
	return runEvery(ctx, env, in, out, stillWaitingEvery)
}

// runEvery is Run with the interval of the "still waiting" line (tests
// shorten it).
func runEvery(ctx context.Context, env *wizard.Config, in io.Reader, out io.Writer, every time.Duration) (wizard.Saved, error) {
	r := newLineReader(in)
	defer r.close()
	w := &conversation{ctx: ctx, env: env.WithDefaults(), out: out, in: r, every: every}
	saved, err := w.run()
	return saved, w.outcome(err)
}

// run walks the wizard from the welcome text to the saved connection,
// past what the command line answered (the flow's first stage, and the
// scope review with --yes).
func (w *conversation) run() (wizard.Saved, error) {
	if err := w.begin(); err != nil {
		return wizard.Saved{}, err
	}
	res, err := w.authorize()
	if err != nil {
		return wizard.Saved{}, err
	}
	w.failed = nil // an attempt succeeded
	if !w.env.Skips(wizard.StageScopes) {
		if err := w.reviewScopes(res); err != nil {
			return wizard.Saved{}, err
		}
	}
	saved, err := w.identify(res)
	if err != nil {
		return wizard.Saved{}, err
	}
	w.done(saved)
	return saved, nil
}

// errQuit is the user typing q (or declining to go on).
var errQuit = errors.New("quit")

// outcome maps how run ended to the wizard's outcome.
func (w *conversation) outcome(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errStop), errors.Is(err, errQuit), w.ctx.Err() != nil:
		w.blank()
		if w.failed != nil {
			return &wizard.FailedError{Err: w.failed}
		}
		return wizard.ErrCanceled
	}
	return err
}
