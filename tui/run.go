package tui

import (
	"context"
	"errors"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/steps"
)

// ErrCanceled is the outcome when the user leaves the wizard with ctrl+c
// (or the process gets SIGINT, or ctx ends) before a connection is saved.
// Screens save only on confirmation, so no partial connection is written.
var ErrCanceled = errors.New("canceled: no connection was saved")

// FailedError is the outcome when the user quits (q, ctrl+c) after an
// attempt failed and before a later one succeeded (on the failure's screen,
// or anywhere after it: back, retry): declined, timed out, a Zoom, network
// or server error, the pre-approval wall (steps.Failed). It matches both
// ErrCanceled and the attempt's error with errors.Is and errors.As, so a
// caller can map the attempt's error to an exit status and still know the
// user left.
type FailedError struct {
	// Err is the failed attempt's error (for the pre-approval screen,
	// steps.PreapprovalError, or the timeout that led there).
	Err error
}

// Error implements error.
func (e *FailedError) Error() string {
	return "no connection was saved: " + e.Err.Error()
}

// Unwrap returns the attempt's error and ErrCanceled, in that order.
func (e *FailedError) Unwrap() []error { return []error{e.Err, ErrCanceled} }

// Outcome is the wizard's result once the program has ended: the saved
// connection, or the error a screen quit with (QuitMsg.Err), or, when it
// ended before anything was saved, a *FailedError for the most recent
// failed attempt (none succeeded since) and ErrCanceled otherwise. A connection
// that was saved counts even if the user then quit on the done screen.
func (m *Model) Outcome() (steps.SavedMsg, error) {
	switch {
	case m.quitErr != nil:
		return steps.SavedMsg{}, m.quitErr
	case m.data.saved != nil:
		return *m.data.saved, nil
	case m.failed() != nil:
		return steps.SavedMsg{}, &FailedError{Err: m.failed()}
	}
	return steps.SavedMsg{}, ErrCanceled
}

// Run runs the wizard as one tea.Program drawn on os.Stderr (stdout stays
// free for machine output) under ctx, and returns its outcome. opts come
// after the defaults, so they may replace the output, input, size or
// colour profile (tests do). The root context is canceled when Run returns.
func Run(ctx context.Context, env *steps.Env, opts ...tea.ProgramOption) (steps.SavedMsg, error) {
	e := *env
	e.Ctx = ctx
	m := New(&e)
	defer m.cancel()
	final, err := runProgram(ctx, m, opts)
	m.cancel()
	if fm, ok := final.(*Model); ok {
		m = fm
	}
	if err != nil && m.data.saved == nil && m.failure == nil {
		if f := m.failed(); f != nil && errors.Is(err, ErrCanceled) {
			// SIGINT or ctx ending after a failed attempt.
			return steps.SavedMsg{}, &FailedError{Err: f}
		}
		return steps.SavedMsg{}, err
	}
	return m.Outcome()
}

// runProgram runs model and maps Bubble Tea's interrupt and kill (after ctx
// ended) to ErrCanceled.
func runProgram(ctx context.Context, model tea.Model, opts []tea.ProgramOption) (tea.Model, error) {
	all := append([]tea.ProgramOption{tea.WithOutput(os.Stderr), tea.WithContext(ctx)}, opts...)
	final, err := tea.NewProgram(model, all...).Run()
	switch {
	case err == nil:
		return final, nil
	case errors.Is(err, tea.ErrInterrupted), errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil:
		return final, ErrCanceled
	}
	return final, fmt.Errorf("tui: %w", err)
}
