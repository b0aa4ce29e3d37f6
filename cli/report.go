package cli

import (
	"encoding/json"
	"io"

	"github.com/spf13/cobra"
)

// newReportCmd returns a command that takes no arguments, builds a report
// and prints it: as indented JSON with --json (for scripts), else with text
// (for people), its help from the catalog's help.cmd.USE. list is such a
// command.
func newReportCmd[T any](o *rootOptions, use string, build func(cmd *cobra.Command) (T, error), text func(io.Writer, T) error) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:  use,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, err := build(cmd)
			if err != nil {
				return err
			}
			return printReport(cmd.OutOrStdout(), asJSON, v, text)
		},
	}
	o.describe(cmd, use)
	o.addJSONFlag(cmd, &asJSON)
	return cmd
}

// addJSONFlag registers the --json flag of a reporting command.
func (o *rootOptions) addJSONFlag(cmd *cobra.Command, asJSON *bool) {
	cmd.Flags().BoolVar(asJSON, "json", false, o.flagUsage("json"))
}

// printReport writes v to w as indented JSON when asJSON, else with text.
func printReport[T any](w io.Writer, asJSON bool, v T, text func(io.Writer, T) error) error {
	if asJSON {
		return writeJSON(w, v)
	}
	return text(w, v)
}

// writeJSON prints v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
