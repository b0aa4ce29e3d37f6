package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/oauthflow"
)

func newErrorsCmd(opts *rootOptions) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "errors",
		Short: "Explain every Zoom error zoomconnect knows: cause, fix, admin step, command",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			table := oauthflow.ErrorTable()
			for i := range table {
				table[i] = table[i].WithProfile(opts.Profile)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), table)
			}
			return writeErrorTable(cmd.OutOrStdout(), table)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// writeErrorTable prints the table as readable blocks.
func writeErrorTable(w io.Writer, table []oauthflow.Explanation) error {
	for _, ex := range table {
		fmt.Fprintf(w, "%s  %s\n", ex.Key, ex.Title)
		for _, line := range explainLines(ex) {
			fmt.Fprintf(w, "    %s\n", line)
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
	}
	return nil
}
