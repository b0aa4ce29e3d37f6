package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/i18n"
)

func newTokenCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Print a valid access token, for scripts",
		Long: `Print a valid access token and a newline on stdout, and nothing else.
The token is refreshed first when it expires within a few minutes; the
rotated refresh token is saved before the access token is printed. Errors
go to stderr with a non-zero exit status (see zoomconnect --help).`,
		Example: `  curl -H "Authorization: Bearer $(zoomconnect token)" \
    https://api.zoom.us/v2/users/me`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m, err := opts.onDemandManager()
			if err != nil {
				return err
			}
			m.OnLockWait = opts.lockWaitNotice(cmd.ErrOrStderr())
			tok, err := m.Token(cmd.Context(), opts.Profile, false)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), tok)
			return err
		},
	}
	opts.addProfileFlag(cmd)
	return cmd
}

func newRefreshCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "refresh",
		Short: "Refresh the access token now",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m, err := opts.onDemandManager()
			if err != nil {
				return err
			}
			m.OnLockWait = opts.lockWaitNotice(cmd.ErrOrStderr())
			if _, err := m.Token(cmd.Context(), opts.Profile, true); err != nil {
				return err
			}
			p, err := m.Store.LoadProfile(opts.Profile)
			if err != nil {
				return err
			}
			t := opts.t
			_, err = fmt.Fprintln(cmd.OutOrStdout(), t.T("refresh.done", "Profile", p.Name,
				"At", p.AccessExpiry.Local().Format("15:04:05 MST"), "Left", untilText(t, p.AccessExpiry, opts.now())))
			return err
		},
	}
	opts.addProfileFlag(cmd)
	return cmd
}

// untilText says how far at is from now in p's language: "in 59 min",
// "expired 3 min ago".
func untilText(p *i18n.Printer, at, now time.Time) string {
	if at.IsZero() {
		return p.T("status.expiry_unknown")
	}
	d := at.Sub(now).Round(time.Minute)
	if d < 0 {
		return p.T("refresh.expired_ago", "Duration", p.Duration(-d))
	}
	return p.T("refresh.in", "Duration", p.Duration(d))
}
