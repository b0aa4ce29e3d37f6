package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/oauthflow"
)

func newErrorsCmd(opts *rootOptions) *cobra.Command {
	return newReportCmd("errors", "Explain every Zoom error zoomconnect knows",
		func(*cobra.Command) ([]oauthflow.Explanation, error) {
			table := oauthflow.ErrorTable()
			for i := range table {
				table[i] = table[i].WithProfile(opts.Profile)
			}
			return table, nil
		}, writeErrorTable)
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
