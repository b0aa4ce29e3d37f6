package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
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
	// LogoutIncomplete is set when a logout did not finish: the secrets
	// remain in SecretsLocation; LogoutCommand finishes it.
	LogoutIncomplete bool   `json:"logout_incomplete,omitempty"`
	LogoutCommand    string `json:"logout_command,omitempty"`
	// ReplacedBy is set on the note of a profile that a later login of the
	// same Zoom user and app replaced: the connection is that profile.
	ReplacedBy string    `json:"replaced_by,omitempty"`
	ReplacedAt time.Time `json:"replaced_at,omitzero"`
}

func newListCmd(opts *rootOptions) *cobra.Command {
	return newReportCmd(opts, "list", "List saved connections and the default one",
		func(*cobra.Command) ([]listEntry, error) {
			st, err := opts.store()
			if err != nil {
				return nil, err
			}
			profiles, err := st.ListProfiles()
			if err != nil {
				return nil, &ExitError{Code: ExitStorage, Err: err}
			}
			notes, err := st.ListReplaced()
			if err != nil {
				return nil, &ExitError{Code: ExitStorage, Err: err}
			}
			return append(listEntries(st, profiles), replacedEntries(notes)...), nil
		}, func(w io.Writer, entries []listEntry) error { return writeList(w, opts.t, entries) })
}

// replacedEntries describes the notes of replaced profiles.
func replacedEntries(notes []storage.Replaced) []listEntry {
	out := make([]listEntry, 0, len(notes))
	for _, n := range notes {
		out = append(out, listEntry{Name: n.Name, Email: n.Email, ReplacedBy: n.By, ReplacedAt: n.At})
	}
	return out
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
		if p.LogoutIncomplete != nil {
			out[len(out)-1].LogoutIncomplete = true
			out[len(out)-1].LogoutCommand = connection.LogoutCommand(p.Name)
		}
	}
	return out
}

// writeList prints a table in t's language, or how to create a first
// connection.
func writeList(w io.Writer, t *i18n.Printer, entries []listEntry) error {
	if len(entries) == 0 {
		_, err := fmt.Fprintln(w, page.PlainText(t.T("list.none")))
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	var cols []string
	for _, c := range []string{"default", "name", "email", "host", "secrets", "state"} {
		cols = append(cols, t.T("list.col."+c))
	}
	fmt.Fprintln(tw, strings.Join(cols, "\t"))
	for _, e := range entries {
		mark, state := "", t.T("list.ok")
		if e.Default {
			mark = "*"
		}
		switch {
		case e.ReplacedBy != "":
			state = t.T("list.replaced", "By", e.ReplacedBy, "Date", e.ReplacedAt.Local().Format("2006-01-02"))
		case e.LogoutIncomplete:
			state = t.T("list.logout_incomplete", "Command", e.LogoutCommand)
		case e.NeedsReconnect:
			state = t.T("list.reconnect", "Command", e.ReconnectCommand)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", mark, clean(e.Name), orDash(clean(e.Email)), orDash(hostText(t, e.Host)),
			orDash(e.SecretBackend), page.PlainText(state))
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
