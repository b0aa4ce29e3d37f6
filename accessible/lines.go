package accessible

import (
	"context"
	"errors"
	"io"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Lines asks questions the accessible mode's way for commands other than
// the wizard (the admin commands' forms and confirmations, the admin
// console's line mode): plain lines on out, one answer a line from in, a
// secret read without echo on a terminal, the same hints and words as the
// wizard. End of input or ctx ending makes every question fail with
// wizard.ErrCanceled. Close it when done.
type Lines struct {
	c *conversation
}

// NewLines starts asking on in and out in t's language.
func NewLines(ctx context.Context, t *i18n.Printer, in io.Reader, out io.Writer) *Lines {
	env := (&wizard.Config{T: t}).WithDefaults()
	return &Lines{c: &conversation{ctx: ctx, env: env, out: out, in: newLineReader(in)}}
}

// Close stops reading.
func (l *Lines) Close() { l.c.in.close() }

// Terminal reports whether answers come from a terminal.
func (l *Lines) Terminal() bool { return l.c.in.tty }

// Show says blocks as plain lines (OK:, Note:, Error: before outcome
// lines), as the accessible wizard does.
func (l *Lines) Show(blocks []page.Block) { l.c.show(blocks) }

// Section starts a part with its title on a line of its own.
func (l *Lines) Section(title string) { l.c.section(title) }

// Say writes lines as they are.
func (l *Lines) Say(lines ...string) { l.c.say(lines...) }

// Ask asks prompt and returns the answer, trimmed.
func (l *Lines) Ask(prompt string) (string, error) { return stopped(l.c.ask(prompt)) }

// AskSecret asks prompt and reads the answer without echo on a terminal;
// it is never written back.
func (l *Lines) AskSecret(prompt string) (string, error) { return stopped(l.c.askSecret(prompt)) }

// AskValid asks until check accepts the answer (check returns "" for a
// good one, else what to fix, said before asking again).
func (l *Lines) AskValid(prompt string, secret bool, check func(string) string) (string, error) {
	return stopped(l.c.askValid(prompt, secret, check))
}

// Confirm asks a yes/no question; def answers an empty line.
func (l *Lines) Confirm(question string, def bool) (bool, error) {
	return stopped(l.c.confirm(question, def))
}

// Choose lists options numbered from 1 and returns the index picked; def
// is the index an empty answer picks.
func (l *Lines) Choose(question string, options []string, def int) (int, error) {
	return stopped(l.c.choose(question, options, def))
}

// Pick asks a menu block's question and returns the option chosen.
func (l *Lines) Pick(b page.Block) (int, error) { return stopped(l.c.pick(&b)) }

// stopped maps the end of input to wizard.ErrCanceled.
func stopped[T any](v T, err error) (T, error) {
	if errors.Is(err, errStop) {
		return v, wizard.ErrCanceled
	}
	return v, err
}
