package accessible

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/zoomconnect/zoomconnect/wizard"
)

// conversation is one accessible run: where it writes, where it reads, and what
// it has learnt so far.
type conversation struct {
	ctx   context.Context
	env   *wizard.Config
	out   io.Writer
	in    *lineReader
	creds wizard.Creds
	// failed is the latest failed attempt, nil when none (or one succeeded
	// since); leaving then ends with it, as the TUI does.
	failed error
	// every is how often the "still waiting" line may be repeated.
	every time.Duration
}

// now is the wizard's clock.
func (w *conversation) now() time.Time {
	if w.env.Now != nil {
		return w.env.Now()
	}
	return time.Now()
}

// say writes one or more lines of plain text.
func (w *conversation) say(lines ...string) {
	for _, l := range lines {
		fmt.Fprintln(w.out, l)
	}
}

// blank writes an empty line between sections.
func (w *conversation) blank() { fmt.Fprintln(w.out) }

// section starts a new part of the wizard with its title on its own line.
func (w *conversation) section(title string) {
	w.blank()
	w.say(w.env.T.T("a11y.section", "Title", title))
}

// ask writes prompt and returns the line typed, trimmed.
func (w *conversation) ask(prompt string) (string, error) {
	fmt.Fprint(w.out, prompt+" ")
	line, err := w.in.next(w.ctx, false)
	return strings.TrimSpace(line), err
}

// askSecret is ask without echo when stdin is a terminal. The value is
// never written back.
func (w *conversation) askSecret(prompt string) (string, error) {
	fmt.Fprint(w.out, prompt+" ")
	line, err := w.in.next(w.ctx, true)
	if w.in.tty {
		w.blank() // the user's enter was not echoed
	}
	return strings.TrimSpace(line), err
}

// askValid asks until check (a wizard.Check* validator) accepts the answer,
// repeating the validator's message before each new prompt.
func (w *conversation) askValid(prompt string, secret bool, check func(string) string) (string, error) {
	for {
		read := w.ask
		if secret {
			read = w.askSecret
		}
		v, err := read(prompt)
		if err != nil {
			return "", err
		}
		msg := check(v)
		if msg == "" {
			return v, nil
		}
		w.say(w.env.T.T("a11y.problem", "Text", msg))
	}
}

// confirm asks a yes/no question; def is the answer to an empty line.
// Answers in either language are understood, whatever the language shown.
func (w *conversation) confirm(question string, def bool) (bool, error) {
	hint := w.env.T.T("a11y.hint_no")
	if def {
		hint = w.env.T.T("a11y.hint_yes")
	}
	for {
		v, err := w.ask(question + " " + hint)
		if err != nil {
			return false, err
		}
		if v == "" {
			return def, nil
		}
		if yes, ok := yesNo(v); ok {
			return yes, nil
		}
		w.say(w.env.T.T("a11y.yes_or_no"))
	}
}

// choose lists options numbered from 1 and returns the index picked.
// def is the index an empty line picks.
func (w *conversation) choose(question string, options []string, def int) (int, error) {
	w.say(question)
	for i, o := range options {
		w.say(fmt.Sprintf("  %d. %s", i+1, o))
	}
	for {
		v, err := w.ask(w.env.T.T("a11y.choose", "Last", len(options), "Default", def+1))
		if err != nil {
			return 0, err
		}
		if v == "" {
			return def, nil
		}
		if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= len(options) {
			return n - 1, nil
		}
		w.say(w.env.T.T("a11y.not_a_choice", "Value", w.env.T.Quote(v)))
	}
}

// explain says what went wrong with err and what to do: the wizard's
// explanation blocks, as lines.
func (w *conversation) explain(err error) { w.show(wizard.ErrorBlocks(w.env, err)) }

// yesNo reads a yes or no answer in either language; ok is false for
// anything else, an empty line included.
func yesNo(v string) (yes, ok bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "y", "yes", "o", "oui":
		return true, true
	case "n", "no", "non":
		return false, true
	}
	return false, false
}
