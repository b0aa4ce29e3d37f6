package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/internal/buildinfo"
	"github.com/zoomconnect/zoomconnect/schema"
)

// buildInfo is the running build's identity: what Main was given, else
// (tests) what the test binary recorded.
func (o *rootOptions) buildInfo() buildinfo.Info {
	if o.build != (buildinfo.Info{}) {
		return o.build
	}
	return buildinfo.Read(buildinfo.Stamp{})
}

// addBuildCommands gives root --version, `version` and `man`.
func addBuildCommands(root *cobra.Command, opts *rootOptions) {
	root.Version = opts.buildInfo().String()
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().BoolP("version", "v", false, "print the version, commit and date")
	root.AddCommand(newVersionCmd(opts), newManCmd(opts))
}

// noSetup replaces the root's PersistentPreRunE for commands that read no
// flag, profile or app file: they work even where those are broken.
func noSetup(*cobra.Command, []string) error { return nil }

// versionDoc is `zoomconnect version --json`: the build's identity in
// the JSON contract.
type versionDoc struct {
	Schema int `json:"schema"`
	buildinfo.Info
}

func newVersionCmd(opts *rootOptions) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and date of this build",
		Long: `Print the version, the git commit and its date, the Go version and the
platform of this build, as --version does. A release stamps them; a build
from a clone (go build, go install) takes them from git; go run and
go build -buildvcs=false record none, and the line says so.`,
		Example: `  zoomconnect version
  zoomconnect version --json`,
		Args:              noArgs,
		PersistentPreRunE: noSetup,
		RunE: func(cmd *cobra.Command, _ []string) error {
			info := opts.buildInfo()
			if err := opts.completeJSON(cmd); err != nil {
				return err
			}
			if asJSON {
				return opts.writeJSON(cmd.OutOrStdout(), versionDoc{Schema: schema.Version, Info: info})
			}
			_, err := fmt.Fprintln(cmd.OutOrStdout(), info.String())
			return err
		},
	}
	addJSONFlag(cmd, &asJSON)
	return cmd
}
