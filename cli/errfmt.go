package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"charm.land/fang/v2"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// errorHandler is fang's error handler: a header, then what happened and
// what to do next, in the run's language, wrapped at word boundaries to
// the terminal's width (a word longer than a row, such as a URL, is never
// cut, so it stays copyable). An *ExitError with no Err was already
// reported by its command and prints nothing.
func (o *rootOptions) errorHandler(w io.Writer, styles fang.Styles, err error) {
	blocks := o.errorBlocks(err)
	if len(blocks) == 0 {
		return
	}
	x := o.textFor(o.Stderr)
	if o.Accessible || !isTerminal(o.Stderr) || ExitCode(err) == ExitCanceled || wizard.IsFileDeclined(err) {
		const prefix = "zoomconnect: "
		if x.Width > 0 {
			x.Width -= len(prefix) // every row fits; the first one after the prefix
		}
		fmt.Fprintln(w, prefix+x.plain("", blocks))
		return
	}
	fmt.Fprintln(w, styles.ErrorHeader.String())
	_ = x.write(w, "  ", blocks)
	fmt.Fprintln(w)
}

// describeError is what errorHandler says for err, as plain text on
// unwrapped lines.
func (o *rootOptions) describeError(err error) string {
	return textOut{T: o.t}.plain("", o.errorBlocks(err))
}

// errorBlocks say what happened and what to do, in the run's language. A
// wizard the user quit after a failed attempt gets one line (the screen
// already explained the failure) and the command to try again; a Zoom
// error gets its explanation; any other error its cause in one sentence
// first, what to do, then the Go error chain (English) as details when it
// says more.
func (o *rootOptions) errorBlocks(err error) []page.Block {
	var ee *ExitError
	if err == nil || errors.As(err, &ee) && ee.Err == nil {
		return nil
	}
	var ab *wizard.AbandonedError
	if errors.As(err, &ab) {
		// What ended the run, then what became of the unsaved tokens.
		return append(o.errorBlocks(ab.Err), page.Para(ab.Line).Under())
	}
	if wizard.IsFileDeclined(err) {
		return []page.Block{page.Para(firstWords(o.t, err))} // one line: the screen said the rest
	}
	var fe *wizard.FailedError
	if errors.As(err, &fe) {
		return o.quitBlocks(fe)
	}
	t := o.t
	if errors.Is(err, connection.ErrInterrupted) {
		return []page.Block{page.Para(firstWords(t, err))} // not Zoom's doing, and nothing to sign in again for
	}
	var ze *oauthflow.Error
	if errors.As(err, &ze) {
		return wizard.ExplanationBlocksIn(t, explainFor(t, err, o.selectedProfile()))
	}
	if errors.Is(err, context.Canceled) && !storage.IsLocal(err) {
		return []page.Block{page.Para(t.T("cli.canceled"))}
	}
	out := []page.Block{page.Para(firstWords(t, err))}
	for _, h := range o.hints(err) {
		out = append(out, page.Para(h).Under())
	}
	if d := details(t, err); d != "" {
		out = append(out, page.Note(t.T("cli.details", "Text", d)).Under())
	}
	return out
}

// firstWords is what a person reads first about an error that is not
// Zoom's: the outermost error that says itself in t's language (storage's,
// connection's), else the error's own text, which says what it is
// (a usage error, say).
func firstWords(t *i18n.Printer, err error) string {
	if s, ok := i18n.Say(t, err); ok {
		return s
	}
	return stripControls(strings.ReplaceAll(err.Error(), "`", "'"))
}

// details is err's whole chain when it says more than its first words
// (in English, which is what they say in the chain): the steps it was
// taken in and the causes it wraps. "" when the chain is those words.
func details(t *i18n.Printer, err error) string {
	chain := stripControls(err.Error())
	s, ok := i18n.Say(nil, err)
	if !ok || strings.HasSuffix(chain, page.PlainText(s)) {
		return ""
	}
	return chain
}

// hints are what to do about a kind of local failure (or a usage error).
func (o *rootOptions) hints(err error) []string {
	t := o.t
	var fileErr *storage.FileError
	switch {
	case ExitCode(err) == ExitUsage && !errors.Is(err, errNotTerminal) && !errors.Is(err, errSaysWhatToDo) && !errors.As(err, new(*storage.ReplacedError)):
		return []string{t.T("cli.usage_hint")}
	case errors.Is(err, storage.ErrKeyringTimeout):
		return []string{t.T("cli.keyring_timeout_hint"), t.T("cli.check_with")}
	case errors.Is(err, storage.ErrKeyringUnavailable) && o.isWizard:
		return []string{t.T("cli.keyring_hint_login"), t.T("cli.check_with")}
	case errors.Is(err, storage.ErrKeyringUnavailable):
		// "could not be used", not "no keyring answered": a keyring that
		// answered with a refusal (locked, dismissed prompt) ends here too.
		return []string{t.T("cli.keyring_hint"), t.T("cli.check_with")}
	case errors.As(err, &fileErr):
		return []string{fileErr.Fix(t), t.T("cli.check_with")}
	case errors.Is(err, storage.ErrLockTimeout):
		return []string{t.T("cli.lock_hint")}
	}
	return nil
}

// quitBlocks are what is left to say after the user quit the wizard while
// a failed attempt was on screen: what happened, that nothing was saved,
// and the command that tries again (for a wall only an admin can lift,
// what to ask the admin first).
func (o *rootOptions) quitBlocks(fe *wizard.FailedError) []page.Block {
	t, p := o.t, o.selectedProfile()
	ex := explainFor(t, fe.Err, p)
	what := t.T("cli.quit_failed")
	var ze *oauthflow.Error
	switch {
	case !errors.As(fe.Err, &ze) && ex.Key == "kind:"+string(oauthflow.KindUnknown):
		// Not Zoom's doing (a storage failure, say): its own words say more.
		cause := strings.TrimSuffix(lowerFirst(wizard.ReasonIn(t, fe.Err)), ".")
		what = t.T("cli.quit_failed_cause", "Cause", cause)
	case ex.Title != "":
		what = lowerFirst(page.PlainText(ex.Title))
	}
	login := storage.FitCommand("zoomconnect login", p)
	run := t.T("explain.run", "Command", login)
	switch {
	case ex.Key == "preapproval:admin_app":
		// Pre-approval does not apply: an admin installs such an app.
		run = t.T("cli.quit_admin_app", "Request", connection.AdminRequestCommand(p), "Command", login)
	case ex.Command != "" && !strings.HasPrefix(ex.Command, "zoomconnect login"):
		run = t.T("explain.run", "Command", ex.Command)
	}
	return []page.Block{page.Para(t.T("cli.quit", "What", i18n.Raw(what))), page.Para(run).Under()}
}

// lowerFirst lowercases a title's first letter so that it reads inside
// a sentence; names ("Zoom", "Zoom's") keep theirs, and so do acronyms.
func lowerFirst(title string) string {
	if title == "" || strings.HasPrefix(title, "Zoom") {
		return title
	}
	r := []rune(title)
	if len(r) > 1 && unicode.IsUpper(r[1]) {
		return title // an acronym
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// explainFor explains err for profile p in t's language: the error
// table's row with p's name, its command fitted to p (storage.FitCommand).
func explainFor(t *i18n.Printer, err error, p *storage.Profile) oauthflow.Explanation {
	ex := oauthflow.Explain(err).In(t).WithProfile(p.Name)
	ex.Command = storage.FitCommand(ex.Command, p)
	return ex
}

// selectedProfile is the saved profile the command works on, or, when it
// cannot be read, a profile with only its name (marked as a sandbox
// profile under --sandbox), so that suggested commands still fit.
func (o *rootOptions) selectedProfile() *storage.Profile {
	if st, err := o.store(); err == nil {
		if p, err := st.LoadProfile(o.Profile); err == nil {
			return p
		}
	}
	p := &storage.Profile{Name: o.Profile}
	if o.Sandbox {
		p.AuthBaseURL, p.APIBaseURL = storage.SandboxMarker, storage.SandboxMarker
	}
	return p
}
