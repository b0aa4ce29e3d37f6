package cli

import (
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/schema"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func newErrorsCmd(opts *rootOptions) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "errors [CODE]",
		Short: "Explain every Zoom error zoomconnect knows, or one",
		Long: `Explain every Zoom error zoomconnect knows: what happened, why, what you
and your Zoom admin can do, and the command that fixes it. CODE shows only
the errors it names: a table key (oauth:4702), a Zoom code (4702, 124,
1500) or a kind (invalid_client).`,
		Example: `  zoomconnect errors 4741
  zoomconnect errors invalid_grant --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			table := oauthflow.ErrorTable()
			if len(args) == 1 {
				if table = matchErrors(table, args[0]); len(table) == 0 {
					return &ExitError{Code: ExitUsage, Err: i18n.NewError(nil, "cli.errors_unknown", "Code", args[0])}
				}
			}
			for i := range table {
				table[i] = table[i].In(opts.t).WithProfile(opts.Profile)
			}
			if asJSON {
				for i := range table {
					table[i] = table[i].Plain()
				}
				return opts.writeJSON(cmd.OutOrStdout(), errorsDoc{Schema: schema.Version, Errors: table})
			}
			return opts.textFor(cmd.OutOrStdout()).writeErrorTable(cmd.OutOrStdout(), table)
		},
	}
	opts.addProfileFlag(cmd)
	addJSONFlag(cmd, &asJSON)
	return cmd
}

// errorsDoc is `zoomconnect errors --json`: the rows of the error table,
// their words (*_text) in the run's language.
type errorsDoc struct {
	Schema int                     `json:"schema"`
	Errors []oauthflow.Explanation `json:"errors"`
}

// matchErrors keeps the rows code names: the row of that key, or every
// row with code as a part of its key ("4711" is oauth:4711, api:4711 and
// marketplace:4711; "invalid_client" is kind:invalid_client and the token
// errors of that name). Case does not matter.
func matchErrors(table []oauthflow.Explanation, code string) []oauthflow.Explanation {
	code = strings.ToLower(strings.TrimSpace(code))
	var exact, parts []oauthflow.Explanation
	for _, ex := range table {
		key := strings.ToLower(ex.Key)
		switch {
		case key == code:
			exact = append(exact, ex)
		case code != "" && strings.Contains(":"+key+":", ":"+code+":"):
			parts = append(parts, ex)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return parts
}

// writeErrorTable prints rows as readable blocks: the key and title, then
// the explanation under them (the title once).
func (x textOut) writeErrorTable(w io.Writer, table []oauthflow.Explanation) error {
	var b strings.Builder
	for i, ex := range table {
		if i > 0 {
			b.WriteString("\n\n")
		}
		head := page.Para("`" + clean(ex.Key) + "`  **" + ex.Title + "**")
		b.WriteString(x.render("", []page.Block{head}) + "\n")
		b.WriteString(x.render("    ", wizard.ExplanationBlocksIn(x.T, ex)[1:]))
	}
	_, err := lipgloss.Fprint(w, b.String()+"\n")
	return err
}
