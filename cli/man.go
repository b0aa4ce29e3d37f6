package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/internal/manpage"
)

func newManCmd(opts *rootOptions) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "man",
		Short: "Print the man page, or write all pages to --dir",
		Long: `Print the zoomconnect(1) man page (roff) on stdout, or with --dir DIR
write one page per command into DIR: zoomconnect.1, zoomconnect-status.1,
zoomconnect-admin-request.1 and so on. Packages are built this way.`,
		Example: `  zoomconnect man | man -l -
  zoomconnect man --dir /usr/local/share/man/man1`,
		Args:              noArgs,
		PersistentPreRunE: noSetup,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o := manOptions(opts)
			if dir == "" {
				_, err := cmd.OutOrStdout().Write(manpage.Page(cmd.Root(), o))
				return err
			}
			paths, err := manpage.WriteTree(cmd.Root(), dir, o)
			if err != nil {
				return &ExitError{Code: ExitFailure, Err: err}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Wrote %d man pages to %s\n", len(paths), dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "write every command's page into this directory")
	return cmd
}

// manOptions are the pages' header, footer and the sections every page
// shares. EXIT STATUS is the "Exit codes:" block of zoomconnect --help.
func manOptions(opts *rootOptions) manpage.Options {
	info := opts.buildInfo()
	date := info.Date
	if len(date) >= len("2006-01-02") {
		date = date[:len("2006-01-02")]
	}
	return manpage.Options{
		Source: "zoomconnect " + info.Version,
		Manual: "User Commands",
		Date:   date,
		Sections: []manpage.Section{
			{Title: "EXIT STATUS", Label: "Exit codes:"},
			{Title: "ENVIRONMENT", Text: "Flags win over the environment.", Items: manEnvironment()},
			{Title: "FILES", Items: manFiles()},
		},
	}
}

// manEnvironment is the ENVIRONMENT section of every page.
func manEnvironment() []manpage.Item {
	return []manpage.Item{
		{Term: envProfile, Text: "the connection to use, as --profile."},
		{Term: envClientID, Text: "the organization app's client ID, as --client-id."},
		{Term: envClientSecret, Text: "that app's client secret (there is no flag for it; --client-secret-stdin reads it from stdin)."},
		{Term: envAuthBaseURL, Text: "the Zoom OAuth host, as --auth-base-url."},
		{Term: envAPIBaseURL, Text: "the Zoom API host, as --api-base-url."},
		{Term: envAccessible, Text: "1 (or true) runs the line-by-line wizard, as --accessible; 0 keeps the full-screen one even when TERM=dumb."},
		{Term: "TERM", Text: "dumb turns on the line-by-line wizard unless ACCESSIBLE or --accessible says otherwise."},
		{Term: "BROWSER", Text: "colon-separated commands tried in order to open the authorization page, each given the URL as its last argument or in place of %s; BROWSER=true opens nothing."},
		{Term: "XDG_CONFIG_HOME, XDG_CONFIG_DIRS, XDG_DATA_HOME, XDG_STATE_HOME", Text: "where the files below are."},
		{Term: "HTTPS_PROXY, NO_PROXY", Text: "honoured for every call to Zoom."},
	}
}

// manFiles is the FILES section of every page.
func manFiles() []manpage.Item {
	return []manpage.Item{
		{Term: "/etc/xdg/zoomconnect/app.json", Text: "the organization's Zoom app for every user of the machine, laid down by an admin (each directory of $XDG_CONFIG_DIRS is searched first)."},
		{Term: "/etc/xdg/zoomconnect/app.json.example", Text: "an example of that file, installed by the package."},
		{Term: "~/.config/zoomconnect/app.json", Text: "the organization's app for one user ($XDG_CONFIG_HOME)."},
		{Term: "~/.config/zoomconnect/profiles/NAME.json", Text: "a saved connection, without secrets; the tokens are in the system keyring."},
		{Term: "~/.local/share/zoomconnect/secrets/NAME.json", Text: "a connection's secrets in a 0600 file, only when no keyring answered and you agreed ($XDG_DATA_HOME)."},
		{Term: "~/.local/state/zoomconnect/", Text: "attempts waiting for an admin's pre-approval, locks and the sandbox's state ($XDG_STATE_HOME)."},
	}
}
