package cli

import (
	"io"

	"github.com/spf13/cobra"
)

// newReportCmd returns a command that takes no arguments, builds a report
// and prints it: as indented JSON with --json (for scripts), else with text
// (for people). list and errors are such commands.
func newReportCmd[T any](opts *rootOptions, use, short string, build func(cmd *cobra.Command) (T, error), text func(io.Writer, T) error) *cobra.Command {
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
			return printReport(opts, cmd.OutOrStdout(), asJSON, v, text)
		},
	}
	addJSONFlag(cmd, &asJSON)
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
