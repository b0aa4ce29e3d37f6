package cli

import (
	"errors"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// answerFlags are the wizard's questions answered on the command line
// (login and the root command), so that a provisioning or first-login
// script sees only the browser step: --auth-type, --email, --yes, with
// --client-id and --client-secret-stdin (persistent flags) for the app.
type answerFlags struct {
	authType string
	email    string
	yes      bool
}

// addAnswerFlags adds the answer flags to a command that runs the wizard.
func (o *rootOptions) addAnswerFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.answers.authType, "auth-type", "", "how to connect: org, or own (with --client-id)")
	fs.StringVar(&o.answers.email, "email", "", "the Zoom account you expect to sign in as")
	fs.BoolVarP(&o.answers.yes, "yes", "y", false, "yes to all but a 0600 file (--insecure-storage)")
}

// wizardAnswers checks the answer flags and turns them into the wizard's
// Answers: a wrong value is a usage error that says what to use.
func (o *rootOptions) wizardAnswers() (wizard.Answers, error) {
	a := wizard.Answers{Email: strings.TrimSpace(o.answers.email), Yes: o.answers.yes}
	switch v := strings.ToLower(strings.TrimSpace(o.answers.authType)); v {
	case "":
	case "org":
		a.AuthType = storage.AuthOrgApp
	case "own":
		a.AuthType = storage.AuthOwnApp
		a.ClientID, a.ClientSecret = o.ClientID, o.clientSecret
	default:
		return a, usageError(i18n.NewError(nil, "cli.auth_type_bad", "Value", o.answers.authType))
	}
	if msg := wizard.CheckEmail(o.t, a.Email); msg != "" {
		return a, usageError(i18n.NewError(nil, "cli.email_bad", "Problem", i18n.Raw(msg)))
	}
	if a.ClientID != "" {
		if msg := wizard.CheckClientID(o.t, a.ClientID); msg != "" {
			return a, usageError(i18n.NewError(nil, "cli.client_id_bad", "Problem", i18n.Raw(msg)))
		}
	}
	return a, nil
}

// checkOrgAnswer refuses --auth-type org when no organization app is
// known: the wizard could not honour it.
func (o *rootOptions) checkOrgAnswer(env *wizard.Config) error {
	if env.Answers.AuthType != storage.AuthOrgApp || env.OrgApp != nil {
		return nil
	}
	return usageError(i18n.NewError(env.OrgAppErr, "cli.auth_type_no_org", "Why", noOrgWhy(o.t, env.OrgAppErr)))
}

// noOrgWhy says in a few words why no organization app is known: the
// files looked for, or why the one found cannot be used.
func noOrgWhy(t *i18n.Printer, err error) i18n.Raw {
	var nf *storage.OrgAppNotFoundError
	if errors.As(err, &nf) && len(nf.Searched) > 0 {
		paths := make([]string, len(nf.Searched))
		for i, p := range nf.Searched {
			paths[i] = "`" + p + "`"
		}
		return i18n.Raw(t.T("cli.auth_type_no_org_looked", "Paths", i18n.Raw(t.List(paths))))
	}
	return i18n.Raw(strings.TrimSuffix(wizard.ReasonIn(t, err), "."))
}

// usageError is err with the usage exit status (2).
func usageError(err error) error { return &ExitError{Code: ExitUsage, Err: err} }

// wizardInput is where the wizard reads keys or answers, and what to
// close after it: stdin, except for the full-screen wizard when
// --client-secret-stdin took stdin for the secret: the terminal
// (/dev/tty) then. The line mode reads its answers on stdin after the
// secret line. Without a terminal for the full-screen wizard, a usage
// error says what to do.
func (o *rootOptions) wizardInput() (io.Reader, func(), error) {
	none := func() {}
	switch {
	case o.Accessible:
		return o.Stdin, none, nil
	case o.ClientSecretStdin && !o.terminal(o.Stdin) && o.terminal(o.Stderr):
		tty, err := o.openTTY()
		if err != nil {
			return nil, none, usageError(i18n.NewError(err, "cli.secret_stdin_tty", "Reason", err.Error()))
		}
		return tty, func() { _ = tty.Close() }, nil
	case !o.interactive():
		return nil, none, &ExitError{Code: ExitUsage, Err: errNotTerminal}
	}
	return o.Stdin, none, nil
}

// openTTY opens the controlling terminal (tests replace it).
func (o *rootOptions) openTTY() (io.ReadCloser, error) {
	if o.hooks.ttyOpener != nil {
		return o.hooks.ttyOpener()
	}
	return os.OpenFile("/dev/tty", os.O_RDWR, 0)
}

// terminal reports whether s is a terminal (tests replace the check).
func (o *rootOptions) terminal(s any) bool {
	if o.hooks.isTerm != nil {
		return o.hooks.isTerm(s)
	}
	return isTerminal(s)
}
