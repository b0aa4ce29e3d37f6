package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func newLogoutCmd(opts *rootOptions) *cobra.Command {
	var keepRemote bool
	cmd := &cobra.Command{
		Use:   "logout",
		Short: "Revoke at Zoom, then delete the connection here",
		Long: `Revoke the connection's authorization at Zoom (POST /oauth/revoke),
then delete its secrets, its profile and any attempt waiting for an
admin's pre-approval from this computer. Each step is reported with ✓
(done), ✗ (failed) or ! (a warning). The local data is deleted even when
the revocation fails. When the secrets cannot be deleted (no keyring
answers), the connection is kept, marked "logout incomplete", and exit
status is 7: run logout again to finish. It waits for another zoomconnect
process using the connection (ctrl+c stops it, with nothing changed).
With --keep-remote nothing is sent to Zoom.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m, err := opts.manager()
			if err != nil {
				return err
			}
			m.OnLockWait = opts.lockWaitNotice(cmd.ErrOrStderr())
			rep, err := m.Logout(cmd.Context(), opts.Profile, keepRemote)
			if rep == nil {
				if errors.Is(err, context.Canceled) {
					return &ExitError{Code: ExitCanceled, Err: i18n.NewError(err, "logout.stopped", "Profile", opts.Profile)}
				}
				return err
			}
			others, _ := m.Store.ListProfiles()
			logoutReport{t: opts.t, out: cmd.OutOrStdout(), errw: cmd.ErrOrStderr(), rep: rep}.write(len(others))
			if err != nil {
				return &ExitError{Code: ExitStorage} // the report said what failed
			}
			return nil
		},
	}
	opts.addProfileFlag(cmd)
	cmd.Flags().BoolVar(&keepRemote, "keep-remote", false, "only delete the local connection; revoke nothing")
	return cmd
}

// logoutReport prints what Logout did, one line per step, in t's
// language: ✓ done (out), ✗ failed and ! warnings (errw), - nothing to do
// (out).
type logoutReport struct {
	t         *i18n.Printer
	out, errw io.Writer
	rep       *connection.LogoutReport
}

// write prints the report; remaining is how many connections are left.
func (l logoutReport) write(remaining int) {
	t, rep := l.t, l.rep
	if rep.AlreadyGone {
		l.line(l.out, "", t.T("logout.already_gone", "Profile", rep.Profile))
		return
	}
	if rep.ReplacedBy != "" {
		l.step(rep.ProfileErr, t.T("logout.note_removed", "Profile", rep.Profile, "By", rep.ReplacedBy),
			t.T("logout.note_failed", "Profile", rep.Profile))
	}
	if rep.Resumed {
		l.line(l.out, "- ", t.T("logout.resuming", "Profile", rep.Profile))
	}
	l.revoke()
	where := l.where()
	if rep.SecretsLocation != "" {
		l.step(rep.SecretsErr, t.T("logout.secrets_deleted", "Where", where), t.T("logout.secrets_failed", "Where", where))
	}
	if rep.Incomplete {
		l.incomplete()
	}
	if rep.SecretsDeleted {
		l.step(rep.ProfileErr, t.T("logout.profile_deleted", "Profile", rep.Profile), t.T("logout.profile_failed", "Profile", rep.Profile))
	}
	if rep.PendingDeleted || rep.PendingErr != nil {
		l.step(rep.PendingErr, t.T("logout.pending_deleted"), t.T("logout.pending_failed"))
	}
	if len(rep.NotesRemoved) > 0 || rep.NotesErr != nil {
		l.step(rep.NotesErr, t.T("logout.notes_removed", "Names", strings.Join(rep.NotesRemoved, ", ")), t.T("logout.notes_failed"))
	}
	if rep.ProfileDeleted && rep.WasDefault && remaining > 0 {
		l.line(l.out, "  ", t.T("logout.was_default"))
	}
	if rep.RemoveAppHint != "" && (rep.ProfileDeleted || rep.RevokeErr != nil) {
		l.line(l.out, "", rep.RemoveAppHint)
	}
}

// where names the place of the secrets in t's language.
func (l logoutReport) where() string {
	if l.rep.SecretsLocation == storage.KeyringName() {
		return storage.KeyringNameIn(l.t)
	}
	return l.rep.SecretsLocation
}

// revoke reports the revocation step.
func (l logoutReport) revoke() {
	t, rep := l.t, l.rep
	where := t.T("logout.at_zoom")
	if rep.Sandbox {
		where = t.T("logout.at_sandbox")
	}
	switch {
	case rep.Revoked:
		l.line(l.out, markOK+" ", t.T("logout.revoked", "Where", where))
	case rep.RevokedBefore:
		l.line(l.out, "- ", t.T("logout.revoked_before", "Where", where))
	case rep.RevokeErr != nil:
		mark, then := markWarn, t.T("logout.deleted_anyway")
		if !rep.SecretsDeleted {
			mark, then = markFail, t.T("logout.tokens_still_work", "Where", where)
		}
		l.line(l.errw, mark+" ", t.T("logout.revoke_failed", "Where", where, "Reason", reason(t, rep.RevokeErr)))
		if rep.RemoveAppHint != "" {
			then += " " + t.T("logout.remove_below")
		}
		l.line(l.errw, "  ", then)
	case rep.RevokeSkipped && rep.ReplacedBy == "":
		l.line(l.out, "- ", t.T("logout.left_remote", "Where", where))
	}
}

// incomplete says what remains where after the secrets could not be
// deleted, and how to finish.
func (l logoutReport) incomplete() {
	t, rep := l.t, l.rep
	if rep.MarkErr != nil {
		l.line(l.errw, markFail+" ", t.T("logout.mark_failed", "Profile", rep.Profile, "Reason", reason(t, rep.MarkErr)))
	} else {
		l.line(l.errw, markWarn+" ", t.T("logout.kept", "Profile", rep.Profile, "Where", l.where()))
	}
	l.line(l.errw, "  ", t.T("logout.finish", "Command", connection.LogoutCommand(rep.Profile)))
}

// step prints one step: "✓ done" on out, or "✗ failed: why" on errw.
func (l logoutReport) step(err error, done, failed string) {
	if err == nil {
		l.line(l.out, markOK+" ", done)
		return
	}
	l.line(l.errw, markFail+" ", l.t.T("logout.step_failed", "Step", i18n.Raw(failed), "Reason", reason(l.t, err)))
}

// line prints one line of the report: a mark, then catalog text without
// its markup.
func (l logoutReport) line(w io.Writer, mark, text string) {
	fmt.Fprintln(w, mark+page.PlainText(text))
}

// reason is the one sentence that says why err happened, in t's language,
// as a message argument.
func reason(t *i18n.Printer, err error) i18n.Raw {
	return i18n.Raw(strings.TrimSuffix(wizard.ReasonIn(t, err), "."))
}

// lockWaitNotice is a Manager's OnLockWait for commands: one line on
// stderr that says which process it waits for, and how to stop.
func (o *rootOptions) lockWaitNotice(w io.Writer) func(profile, holder string) {
	t := o.t
	return func(profile, holder string) {
		who := t.T("cli.lock_wait_other")
		if holder != "" {
			who = t.T("cli.lock_wait_holder", "Holder", holder)
		}
		fmt.Fprintln(w, page.PlainText(t.T("cli.lock_wait", "Who", i18n.Raw(who), "Profile", profile)))
	}
}
