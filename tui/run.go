package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

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
	return run(ctx, cfg, nil, opts)
}

// RunTerminal is Run reading in and drawing on out. When both are
// terminals (*os.File: os.Stdin and os.Stderr for the CLI; not on
// Windows, whose console modes Bubble Tea sets its own way) the first
// frame is on the screen before the program has started (see predraw),
// and the program runs on one processor (GOMAXPROCS 1, restored when it
// returns): the wizard waits on a person, a browser and the network, and
// with more processors every renderer tick also woke an idle second
// thread, a fifth of the waiting wizard's CPU (bench/idle-cpu: 0.60 % →
// 0.48 %).
//
// The input terminal is put in raw mode before the frame is drawn and
// given back in its own mode when the program has ended: a key pressed as
// soon as the frame shows, before Bubble Tea's start-up has made the
// terminal raw, was echoed over the frame (moving it a line down) and read
// as ctrl+j instead of enter. Bubble Tea then finds the terminal raw,
// keeps it so, and puts back that raw mode when it ends; the mode saved
// here is restored after it.
func RunTerminal(ctx context.Context, cfg *wizard.Config, in io.Reader, out io.Writer) (wizard.Saved, error) {
	f, outOK := out.(*os.File)
	inf, inOK := in.(*os.File)
	if runtime.GOOS == "windows" || !outOK || !inOK || !term.IsTerminal(f.Fd()) || !term.IsTerminal(inf.Fd()) {
		return Run(ctx, cfg, tea.WithInput(in), tea.WithOutput(out))
	}
	state, err := term.MakeRaw(inf.Fd())
	if err != nil {
		return Run(ctx, cfg, tea.WithInput(in), tea.WithOutput(out))
	}
	defer func() { _ = term.Restore(inf.Fd(), state) }()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	return run(ctx, cfg, f, []tea.ProgramOption{tea.WithInput(in)})
}

// run is Run, with the first frame drawn on the terminal pre first when
// pre is not nil (the program then draws on pre too).
func run(ctx context.Context, cfg *wizard.Config, pre *os.File, opts []tea.ProgramOption) (wizard.Saved, error) {
	m := New(&steps.Env{Ctx: ctx, Styles: steps.NewStyles(true), W: cfg})
	defer m.cancel()
	draw := pre
	if draw == nil {
		draw = os.Stderr
	}
	profile := profileOf(draw)
	if pre != nil {
		out := &watchedFile{File: pre}
		opts = append(opts, tea.WithOutput(out), tea.WithFPS(frameRate))
		if predraw(pre, m, profile) {
			defer out.unpredraw()
		}
	}
	final, err := runProgram(ctx, m, profile, opts)
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

// predraw writes m's first frame, at the terminal's size and in profile,
// on out, then puts the cursor back where the frame starts, and reports
// whether it did. Bubble Tea draws a frame only on its renderer's tick
// (frameRate a second), so its first frame came one tick after
// Program.Run began, behind its own start-up; drawn here it is on the
// screen as soon as the command line is read. The program's first frame
// then starts by erasing from that same place ("\r", erase below) and
// draws over it, so nothing is left twice. Nothing is drawn when the size
// is unknown or the frame would not fit (a taller frame would scroll, a
// wider line wrap, and the cursor would not come back to its start).
func predraw(out *os.File, m *Model, profile colorprofile.Profile) bool {
	w, h, err := term.GetSize(out.Fd())
	if err != nil || w < 1 || h < 1 {
		return false
	}
	m.resize(w, h) // as the program's first WindowSizeMsg will
	lines := strings.Split(strings.TrimSuffix(m.View().Content, "\n"), "\n")
	if len(lines) > h {
		return false
	}
	var b strings.Builder
	b.WriteString(ansi.HideCursor + "\r")
	cw := &colorprofile.Writer{Forward: &b, Profile: profile}
	for i, line := range lines {
		if ansi.StringWidth(line) > w {
			return false
		}
		if i > 0 {
			b.WriteString("\r\n")
		}
		_, _ = cw.WriteString(line)
	}
	b.WriteString("\r")
	if len(lines) > 1 {
		b.WriteString(ansi.CursorUp(len(lines) - 1))
	}
	_, err = out.WriteString(b.String())
	return err == nil
}

// watchedFile is the program's output: the terminal, noting whether the
// program wrote to it at all.
type watchedFile struct {
	*os.File
	wrote atomic.Bool
}

// Write implements io.Writer.
func (f *watchedFile) Write(p []byte) (int, error) {
	f.wrote.Store(true)
	return f.File.Write(p)
}

// unpredraw erases the predrawn frame if the program ended without
// drawing (it failed to start): the cursor is still at the frame's start,
// where the caller's message is printed next. The cursor predraw hid is
// shown again (the program shows it when it ends; this one never ran).
func (f *watchedFile) unpredraw() {
	if !f.wrote.Load() {
		_, _ = f.File.WriteString("\r" + ansi.EraseScreenBelow + ansi.ShowCursor)
	}
}

// frameRate is the renderer's frames a second. Bubble Tea v2.1 has no
// draw-on-change mode: its renderer wakes frameRate times a second for
// the program's whole life, even with nothing to draw, and that alone cost
// the waiting wizard about 1.1 % of a core at its default 60 (a bare
// program: 0.35 % at 20, 0.15 % at 10; bench/idle-cpu; upstream:
// charmbracelet/bubbletea pulls 1776 and 1796, unmerged, would make it
// 0). A changed frame, a key's echo included, waits for the next tick: at
// most 67 ms at 15. The first frame does not wait for it when it is
// predrawn (RunTerminal), the only case that runs at frameRate; elsewhere
// (Run, RunChecklist, Windows) the program keeps Bubble Tea's 60, whose
// first tick draws the first frame. With a draw-on-change renderer this
// can go back to 60.
const frameRate = 15

// runProgram runs model and maps Bubble Tea's interrupt and kill (after ctx
// ended) to ErrCanceled. Its defaults: drawn on os.Stderr, in profile
// (see profileOf; a caller that passes another output passes its profile
// too).
func runProgram(ctx context.Context, model tea.Model, profile colorprofile.Profile, opts []tea.ProgramOption) (tea.Model, error) {
	all := append([]tea.ProgramOption{tea.WithOutput(os.Stderr), tea.WithContext(ctx),
		tea.WithColorProfile(profile)}, opts...)
	final, err := tea.NewProgram(model, all...).Run()
	switch {
	case err == nil:
		return final, nil
	case errors.Is(err, tea.ErrInterrupted), errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil:
		return final, wizard.ErrCanceled
	}
	return final, fmt.Errorf("tui: %w", err)
}

// profileOf is the colour profile of f, where the program draws (memoized
// by the caller: each call may detect): lipgloss detected stdout's at
// start-up (running `tmux info` inside tmux), which is f's too when both
// are the same terminal; otherwise f's is detected here. Without it
// Program.Run detects again, tmux info included.
func profileOf(f *os.File) colorprofile.Profile {
	return sharedProfile(os.Stdout, f, lipgloss.Writer.Profile, func() colorprofile.Profile {
		return colorprofile.Detect(f, os.Environ())
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
