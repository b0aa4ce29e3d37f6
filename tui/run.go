package tui

import (
	"context"
	"errors"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Outcome is the wizard's result once the program has ended (see
// wizard.Flow.Outcome): the saved connection, or the error a screen quit
// with, a *wizard.FailedError for the failed attempt the person left, or
// wizard.ErrCanceled.
func (m *Model) Outcome() (wizard.Saved, error) { return m.flow.Outcome(m.failure) }

// Run runs the wizard as one tea.Program drawn on os.Stderr (stdout stays
// free for machine output) under ctx, and returns its outcome. opts come
// after the defaults, so they may replace the output, input, size or
// colour profile (tests do). The root context is canceled when Run returns.
func Run(ctx context.Context, cfg *wizard.Config, opts ...tea.ProgramOption) (wizard.Saved, error) {
	m := New(&steps.Env{Ctx: ctx, Styles: steps.NewStyles(true), W: cfg})
	defer m.cancel()
	final, err := runProgram(ctx, m, opts)
	m.cancel()
	if fm, ok := final.(*Model); ok {
		m = fm
	}
	if err != nil && !errors.Is(err, wizard.ErrCanceled) && m.flow.Data().Saved == nil {
		return wizard.Saved{}, wizard.AbandonOutcome(ctx, m.env.W, m.flow.Data(), err)
	}
	// SIGINT or ctx ending reports like a quit: a failed attempt, if any.
	// Fresh tokens the person leaves unsaved are revoked at Zoom.
	saved, err := m.Outcome()
	if err != nil {
		err = wizard.AbandonOutcome(ctx, m.env.W, m.flow.Data(), err)
	}
	return saved, err
}

// runProgram runs model and maps Bubble Tea's interrupt and kill (after ctx
// ended) to ErrCanceled. Its defaults: drawn on os.Stderr, in stderr's
// colour profile (see stderrProfile; a caller that passes another output
// passes its profile too).
//
// The renderer keeps Bubble Tea's 60 frames a second. It wakes that often
// even with nothing to draw (Bubble Tea v2 has no draw-on-change mode),
// and tea.WithFPS(20) cuts the waiting wizard's CPU by about a third, but
// a frame, the first one included, is only drawn on the renderer's tick:
// at 20 fps the first frame came 48 ms later (34 → 82 ms, bench/first-frame)
// and a key's echo may wait 50 ms.
func runProgram(ctx context.Context, model tea.Model, opts []tea.ProgramOption) (tea.Model, error) {
	all := append([]tea.ProgramOption{tea.WithOutput(os.Stderr), tea.WithContext(ctx),
		tea.WithColorProfile(stderrProfile())}, opts...)
	final, err := tea.NewProgram(model, all...).Run()
	switch {
	case err == nil:
		return final, nil
	case errors.Is(err, tea.ErrInterrupted), errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil:
		return final, wizard.ErrCanceled
	}
	return final, fmt.Errorf("tui: %w", err)
}

// stderrProfile is the colour profile of os.Stderr, where the program
// draws, found once per process: lipgloss detected stdout's at start-up
// (running `tmux info` inside tmux), which is stderr's too when both are
// the same terminal; otherwise stderr's is detected here. Without it
// Program.Run detects again, tmux info included.
func stderrProfile() colorprofile.Profile {
	return sharedProfile(os.Stdout, os.Stderr, lipgloss.Writer.Profile, func() colorprofile.Profile {
		return colorprofile.Detect(os.Stderr, os.Environ())
	})
}

// sharedProfile is outProfile, the profile detected for out, when draw is
// the same file as out; else detect's answer.
func sharedProfile(out, draw *os.File, outProfile colorprofile.Profile, detect func() colorprofile.Profile) colorprofile.Profile {
	a, errA := out.Stat()
	b, errB := draw.Stat()
	if errA == nil && errB == nil && os.SameFile(a, b) {
		return outProfile
	}
	return detect()
}
