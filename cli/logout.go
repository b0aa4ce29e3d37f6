package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/connection"
)

func newLogoutCmd(opts *rootOptions) *cobra.Command {
	var keepRemote bool
	cmd := &cobra.Command{
		Use:   "logout",
		Short: "Revoke at Zoom, then delete the connection here",
		Long: `Revoke the connection's authorization at Zoom (POST /oauth/revoke),
then delete its secrets and profile from this computer. The local data is
deleted even when the revocation fails; the output says so. With
--keep-remote nothing is sent to Zoom.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m, err := opts.manager()
			if err != nil {
				return err
			}
			rep, err := m.Logout(cmd.Context(), opts.Profile, keepRemote)
			if rep != nil {
				others, _ := m.Store.ListProfiles()
				writeLogout(cmd, rep, len(others))
			}
			return err
		},
	}
	cmd.Flags().BoolVar(&keepRemote, "keep-remote", false, "only delete the local connection; revoke nothing")
	return cmd
}

// writeLogout reports what Logout did: results on stdout, a failed
// revocation on stderr. remaining is how many connections are left.
func writeLogout(cmd *cobra.Command, rep *connection.LogoutReport, remaining int) {
	out, errw := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if rep.AlreadyGone {
		fmt.Fprintf(out, "No saved connection named %q; nothing to delete here.\n", rep.Profile)
		return
	}
	where := "Zoom"
	if rep.Sandbox {
		where = "the built-in sandbox"
	}
	switch {
	case rep.Revoked:
		fmt.Fprintf(out, "✓ Revoked the authorization at %s.\n", where)
	case rep.RevokeErr != nil:
		fmt.Fprintf(errw, "! Could not revoke the authorization at %s: %v\n", where, rep.RevokeErr)
		if rep.RemoveAppHint != "" {
			fmt.Fprintln(errw, "  The local connection is deleted anyway. Remove the app in Zoom (below) to end the authorization there.")
		} else {
			fmt.Fprintln(errw, "  The local connection is deleted anyway.")
		}
	case rep.RevokeSkipped:
		fmt.Fprintf(out, "- Left the authorization at %s as it is (nothing to revoke, or --keep-remote).\n", where)
	}
	fmt.Fprintf(out, "✓ Deleted the connection %q and its secrets (%s) from this computer.\n", rep.Profile, rep.SecretsLocation)
	if rep.WasDefault && remaining > 0 {
		fmt.Fprintln(out, "  It was the default connection; choose another with --profile (zoomconnect list shows them).")
	}
	if rep.RemoveAppHint != "" {
		fmt.Fprintln(out, rep.RemoveAppHint)
	}
}
