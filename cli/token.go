package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

func newTokenCmd(opts *rootOptions) *cobra.Command {
	return &cobra.Command{
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
			m.OnLockWait = lockWaitNotice(cmd.ErrOrStderr())
			tok, err := m.Token(cmd.Context(), opts.Profile, false)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), tok)
			return err
		},
	}
}

func newRefreshCmd(opts *rootOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "refresh",
		Short: "Refresh the access token now",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m, err := opts.onDemandManager()
			if err != nil {
				return err
			}
			m.OnLockWait = lockWaitNotice(cmd.ErrOrStderr())
			if _, err := m.Token(cmd.Context(), opts.Profile, true); err != nil {
				return err
			}
			p, err := m.Store.LoadProfile(opts.Profile)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Refreshed %q: the access token is valid until %s (%s).\n",
				p.Name, p.AccessExpiry.Local().Format("15:04:05 MST"), untilText(p.AccessExpiry, opts.now()))
			return nil
		},
	}
}

// untilText says how far t is from now: "in 59m", "expired 3m ago".
func untilText(t, now time.Time) string {
	if t.IsZero() {
		return "expiry unknown"
	}
	d := t.Sub(now).Round(time.Minute)
	if d < 0 {
		return "expired " + (-d).String() + " ago"
	}
	return "in " + d.String()
}
