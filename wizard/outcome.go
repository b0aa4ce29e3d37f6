package wizard

import "errors"

// ErrCanceled is the outcome when the person leaves the wizard (q,
// ctrl+c, end of input, SIGINT) before a connection is saved and with no
// failed attempt to report. Screens save only on confirmation, so nothing
// partial is left.
var ErrCanceled = errors.New("canceled: no connection was saved")

// FailedError is the outcome when the person leaves after an attempt
// failed and before a later one succeeded: declined, timed out, a Zoom,
// network or server error, the pre-approval wall. It matches both
// ErrCanceled and the attempt's error (errors.Is, errors.As), so the exit
// status can say why the attempt failed while the caller still knows the
// person left.
type FailedError struct {
	// Err is the failed attempt's error (for the pre-approval wall,
	// PreapprovalError; a timeout the person did not confirm as the wall
	// stays the timeout).
	Err error
}

// Error implements error.
func (e *FailedError) Error() string { return "no connection was saved: " + e.Err.Error() }

// Unwrap returns the attempt's error and ErrCanceled, in that order.
func (e *FailedError) Unwrap() []error { return []error{e.Err, ErrCanceled} }

// Outcome is how the run ends once the front end stopped: the error a
// screen quit with, else the saved connection (even if the person then
// quit on the done screen), else a *FailedError for the failure on screen
// when the person left (onScreen) or the run's most recent failed attempt,
// else ErrCanceled.
func (f *Flow) Outcome(onScreen error) (Saved, error) {
	switch {
	case f.quitErr != nil:
		return Saved{}, f.quitErr
	case f.data.Saved != nil:
		return *f.data.Saved, nil
	case onScreen != nil:
		return Saved{}, &FailedError{Err: onScreen}
	case f.lastFailure != nil:
		return Saved{}, &FailedError{Err: f.lastFailure}
	}
	return Saved{}, ErrCanceled
}
