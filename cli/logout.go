package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/connection"
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
			m.OnLockWait = lockWaitNotice(cmd.ErrOrStderr())
			rep, err := m.Logout(cmd.Context(), opts.Profile, keepRemote)
			if rep == nil {
				if errors.Is(err, context.Canceled) {
					return &ExitError{Code: ExitCanceled, Err: fmt.Errorf("logout of %q stopped while it waited for another zoomconnect process; nothing was changed", opts.Profile)}
				}
				return err
			}
			others, _ := m.Store.ListProfiles()
			writeLogout(cmd.OutOrStdout(), cmd.ErrOrStderr(), rep, len(others))
			if err != nil {
				return &ExitError{Code: ExitStorage} // the report said what failed
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&keepRemote, "keep-remote", false, "only delete the local connection; revoke nothing")
	return cmd
}

// writeLogout reports what Logout did, one line per step: ✓ done (stdout),
// ✗ failed and ! warnings (stderr), - nothing to do (stdout). remaining is
// how many connections are left.
func writeLogout(out, errw io.Writer, rep *connection.LogoutReport, remaining int) {
	if rep.AlreadyGone {
		fmt.Fprintf(out, "No saved connection named %q; nothing to delete here.\n", rep.Profile)
		return
	}
	if rep.ReplacedBy != "" {
		writeStep(out, errw, rep.ProfileErr, fmt.Sprintf("Removed the note that %q was replaced by %q (that connection stays: zoomconnect logout --profile %s removes it).",
			rep.Profile, rep.ReplacedBy, rep.ReplacedBy), "Could not remove the note that %q was replaced", rep.Profile)
	}
	if rep.Resumed {
		fmt.Fprintf(out, "- Finishing the earlier logout of %q, which did not complete.\n", rep.Profile)
	}
	writeRevoke(out, errw, rep)
	if rep.SecretsLocation != "" {
		writeStep(out, errw, rep.SecretsErr, fmt.Sprintf("Deleted its secrets from %s.", rep.SecretsLocation),
			"Could not delete its secrets from %s", rep.SecretsLocation)
	}
	if rep.Incomplete {
		writeIncomplete(errw, rep)
	}
	if rep.SecretsDeleted {
		writeStep(out, errw, rep.ProfileErr, fmt.Sprintf("Deleted the connection %q from this computer.", rep.Profile),
			"Could not delete the connection %q from this computer", rep.Profile)
	}
	if rep.PendingDeleted || rep.PendingErr != nil {
		writeStep(out, errw, rep.PendingErr, "Deleted the sign-in attempt that was waiting for an admin's pre-approval.",
			"Could not delete the sign-in attempt waiting for an admin's pre-approval")
	}
	if len(rep.NotesRemoved) > 0 || rep.NotesErr != nil {
		writeStep(out, errw, rep.NotesErr, fmt.Sprintf("Removed the notes of the connections it had replaced (%s).", strings.Join(rep.NotesRemoved, ", ")),
			"Could not remove every note of the connections it had replaced")
	}
	if rep.ProfileDeleted && rep.WasDefault && remaining > 0 {
		fmt.Fprintln(out, "  It was the default connection; choose another with --profile (zoomconnect list shows them).")
	}
	if rep.RemoveAppHint != "" && (rep.ProfileDeleted || rep.RevokeErr != nil) {
		fmt.Fprintln(out, rep.RemoveAppHint)
	}
}

// writeRevoke reports the revocation step.
func writeRevoke(out, errw io.Writer, rep *connection.LogoutReport) {
	where := "Zoom"
	if rep.Sandbox {
		where = "the built-in sandbox"
	}
	switch {
	case rep.Revoked:
		fmt.Fprintf(out, "✓ Revoked the authorization at %s.\n", where)
	case rep.RevokedBefore:
		fmt.Fprintf(out, "- The authorization at %s was already revoked by the earlier logout.\n", where)
	case rep.RevokeErr != nil:
		mark, then := "!", "The local connection is deleted anyway."
		if !rep.SecretsDeleted {
			mark, then = markFail, "Its tokens still work at "+where+"."
		}
		fmt.Fprintf(errw, "%s Could not revoke the authorization at %s: %v\n", mark, where, rep.RevokeErr)
		if rep.RemoveAppHint != "" {
			then += " Remove the app in Zoom (below) to end the authorization there."
		}
		fmt.Fprintln(errw, "  "+then)
	case rep.RevokeSkipped && rep.ReplacedBy == "":
		fmt.Fprintf(out, "- Left the authorization at %s as it is (nothing to revoke, or --keep-remote).\n", where)
	}
}

// writeIncomplete says what remains where after the secrets could not be
// deleted, and how to finish.
func writeIncomplete(errw io.Writer, rep *connection.LogoutReport) {
	if rep.MarkErr != nil {
		fmt.Fprintf(errw, "✗ Could not mark the connection %q \"logout incomplete\" either: %v\n", rep.Profile, rep.MarkErr)
	} else {
		fmt.Fprintf(errw, "! Kept the connection %q, marked \"logout incomplete\": its secrets remain in %s (zoomconnect list and status show it).\n",
			rep.Profile, rep.SecretsLocation)
	}
	fmt.Fprintf(errw, "  Finish when the keyring answers again: %s\n", connection.LogoutCommand(rep.Profile))
}

// writeStep prints one step: "✓ done" on out, or "✗ failed: err" on errw.
func writeStep(out, errw io.Writer, err error, done string, failed string, args ...any) {
	if err == nil {
		fmt.Fprintln(out, markOK+" "+done)
		return
	}
	fmt.Fprintf(errw, "%s %s: %v\n", markFail, fmt.Sprintf(failed, args...), err)
}

// lockWaitNotice is a Manager's OnLockWait for commands: one line on
// stderr that says which process it waits for, and how to stop.
func lockWaitNotice(w io.Writer) func(profile, holder string) {
	return func(profile, holder string) {
		who := "another zoomconnect process"
		if holder != "" {
			who += " (" + holder + ")"
		}
		fmt.Fprintf(w, "Waiting for %s to finish with the connection %q; press ctrl+c to stop.\n", who, profile)
	}
}
