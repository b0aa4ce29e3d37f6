package cli

import (
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
			return printReport(o, cmd.OutOrStdout(), asJSON, v, text)
		},
	}
	o.describe(cmd, use)
	o.addJSONFlag(cmd, &asJSON)
	return cmd
}

// printReport writes v to w as JSON when asJSON (through --jq, if given),
// else with text.
func printReport[T any](o *rootOptions, w io.Writer, asJSON bool, v T, text func(io.Writer, T) error) error {
	if asJSON {
		return o.writeJSON(w, v)
	}
	return text(w, v)
}
