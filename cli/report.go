package cli

import (
	"encoding/json"
	"io"

	"github.com/spf13/cobra"
)

// newReportCmd returns a command that takes no arguments, builds a report
// and prints it: as indented JSON with --json (for scripts), else with text
// (for people). list and errors are such commands.
func newReportCmd[T any](use, short string, build func(cmd *cobra.Command) (T, error), text func(io.Writer, T) error) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, err := build(cmd)
			if err != nil {
				return err
			}
			return printReport(cmd.OutOrStdout(), asJSON, v, text)
		},
	}
	addJSONFlag(cmd, &asJSON)
	return cmd
}

// addJSONFlag registers the --json flag of a reporting command.
func addJSONFlag(cmd *cobra.Command, asJSON *bool) {
	cmd.Flags().BoolVar(asJSON, "json", false, "print JSON")
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
