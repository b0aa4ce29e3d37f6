package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/schema"
	"github.com/zoomconnect/zoomconnect/storage"
)

// listDoc is `zoomconnect list --json`: the saved connections (the notes
// of replaced ones too, in state "replaced") and the attempts waiting for
// an admin's pre-approval.
type listDoc struct {
	Schema int `json:"schema"`
	// Default is the default profile's name (`zoomconnect switch` sets it).
	Default  string           `json:"default"`
	Profiles []schema.Profile `json:"profiles"`
	Pending  []schema.Pending `json:"pending"`
}

func newListCmd(opts *rootOptions) *cobra.Command {
	return newReportCmd(opts, "list",
		func(*cobra.Command) (listDoc, error) {
			st, err := opts.store()
			if err != nil {
				return listDoc{}, err
			}
			profiles, err := st.ListProfiles()
			if err != nil {
				return listDoc{}, &ExitError{Code: ExitStorage, Err: err}
			}
			notes, err := st.ListReplaced()
			if err != nil {
				return listDoc{}, &ExitError{Code: ExitStorage, Err: err}
			}
			pending, err := opts.pendingViews(st)
			if err != nil {
				return listDoc{}, err
			}
			doc := listDoc{Schema: schema.Version, Default: st.DefaultProfile(), Profiles: profileViews(st, profiles), Pending: pending}
			for _, n := range notes {
				doc.Profiles = append(doc.Profiles, schema.ReplacedOf(n))
			}
			return doc, nil
		}, func(w io.Writer, doc listDoc) error { return opts.writeList(w, doc) })
}

// profileViews describes profiles for output.
func profileViews(st *storage.Store, profiles []storage.Profile) []schema.Profile {
	def := st.DefaultProfile()
	out := make([]schema.Profile, 0, len(profiles))
	for i := range profiles {
		p := &profiles[i]
		out = append(out, schema.ProfileOf(p, def, st.SecretsLocation(p), hostOf(p.AuthBaseURL)))
	}
	return out
}

// pendingViews describes the saved attempts.
func (o *rootOptions) pendingViews(st *storage.Store) ([]schema.Pending, error) {
	all, err := st.ListPending()
	if err != nil {
		return nil, &ExitError{Code: ExitStorage, Err: err}
	}
	out := make([]schema.Pending, 0, len(all))
	for _, p := range all {
		out = append(out, schema.PendingOf(p, o.now()))
	}
	return out, nil
}

// writeList prints a table in the run's language (the default marked *),
// the attempts waiting for pre-approval, or how to create a first
// connection.
func (o *rootOptions) writeList(w io.Writer, doc listDoc) error {
	t := o.t
	if len(doc.Profiles) == 0 && len(doc.Pending) == 0 {
		_, err := fmt.Fprintln(w, page.PlainText(t.T("list.none")))
		return err
	}
	if len(doc.Profiles) > 0 {
		if err := writeProfileTable(w, t, doc.Profiles); err != nil {
			return err
		}
	}
	if len(doc.Pending) == 0 {
		return nil
	}
	if len(doc.Profiles) > 0 {
		fmt.Fprintln(w)
	}
	return o.textFor(w).write(w, "", pendingBlocks(t, doc.Pending))
}

// writeProfileTable is the table of connections.
func writeProfileTable(w io.Writer, t *i18n.Printer, profiles []schema.Profile) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	var cols []string
	for _, c := range []string{"default", "name", "email", "host", "secrets", "state"} {
		cols = append(cols, t.T("list.col."+c))
	}
	fmt.Fprintln(tw, strings.Join(cols, "\t"))
	for _, e := range profiles {
		mark, state, backend := "", t.T("list.ok"), ""
		if e.Default {
			mark = "*"
		}
		if e.Secrets != nil && e.Secrets.Backend != "" {
			backend = t.T("list.backend." + e.Secrets.Backend)
		}
		switch e.State {
		case schema.StateReplaced:
			state = t.T("list.replaced", "By", e.ReplacedBy, "Date", e.ReplacedAt.Local().Format("2006-01-02"))
		case schema.StateLogoutIncomplete:
			state = t.T("list.logout_incomplete", "Command", e.FixCommand)
		case schema.StateReconnectNeeded:
			state = t.T("list.reconnect", "Command", e.FixCommand)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", mark, clean(e.Name), orDash(clean(e.Email)), orDash(hostText(t, e.Host)),
			orDash(backend), page.PlainText(state))
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
