package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/storage"
)

// listEntry is one connection in `zoomconnect list --json`.
type listEntry struct {
	Name            string `json:"name"`
	Default         bool   `json:"default"`
	Email           string `json:"email,omitempty"`
	AccountID       string `json:"account_id,omitempty"`
	AuthType        string `json:"auth_type"`
	AppName         string `json:"app_name,omitempty"`
	Host            string `json:"host"`
	SecretBackend   string `json:"secret_backend"`
	SecretsLocation string `json:"secrets_location"`
	NeedsReconnect  bool   `json:"needs_reconnect"`
	// ReconnectCommand reconnects it (storage.LoginCommandFor), when needed.
	ReconnectCommand string `json:"reconnect_command,omitempty"`
}

func newListCmd(opts *rootOptions) *cobra.Command {
	return newReportCmd("list", "List saved connections and the default one",
		func(*cobra.Command) ([]listEntry, error) {
			st, err := opts.store()
			if err != nil {
				return nil, err
			}
			profiles, err := st.ListProfiles()
			if err != nil {
				return nil, &ExitError{Code: ExitStorage, Err: err}
			}
			return listEntries(st, profiles), nil
		}, writeList)
}

// listEntries describes profiles for output.
func listEntries(st *storage.Store, profiles []storage.Profile) []listEntry {
	def := st.DefaultProfile()
	out := make([]listEntry, 0, len(profiles))
	for i := range profiles {
		p := &profiles[i]
		out = append(out, listEntry{
			Name:            p.Name,
			Default:         p.Name == def,
			Email:           p.Email,
			AccountID:       p.AccountID,
			AuthType:        string(p.AuthType),
			AppName:         p.AppName,
			Host:            hostOf(p.AuthBaseURL),
			SecretBackend:   string(p.SecretBackend),
			SecretsLocation: st.SecretsLocation(p),
			NeedsReconnect:  p.ReconnectReason != "",
		})
		if p.ReconnectReason != "" {
			out[len(out)-1].ReconnectCommand = storage.LoginCommandFor(p)
		}
	}
	return out
}

// writeList prints a table, or how to create a first connection.
func writeList(w io.Writer, entries []listEntry) error {
	if len(entries) == 0 {
		_, err := fmt.Fprintln(w, "No saved connections. Create one with: zoomconnect login   (or try: zoomconnect --sandbox)")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DEFAULT\tNAME\tACCOUNT EMAIL\tHOST\tSECRETS IN\tSTATE")
	for _, e := range entries {
		mark, state := "", "ok"
		if e.Default {
			mark = "*"
		}
		if e.NeedsReconnect {
			state = "reconnect needed: " + e.ReconnectCommand
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", mark, e.Name, orDash(e.Email), e.Host, e.SecretBackend, state)
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
