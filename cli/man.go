package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/manpage"
	"github.com/zoomconnect/zoomconnect/page"
)

func newManCmd(opts *rootOptions) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:               "man",
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
			_, err = fmt.Fprintln(cmd.OutOrStdout(), page.PlainText(opts.t.N("man.wrote", len(paths), "Dir", dir)))
			return err
		},
	}
	opts.describe(cmd, "man")
	cmd.Flags().StringVar(&dir, "dir", "", opts.flagUsage("man_dir"))
	return cmd
}

// manOptions are the pages' header, footer, labels and the sections every
// page shares, in the run's language. EXIT STATUS is the exit codes block
// of zoomconnect --help (help.exit.label).
func manOptions(opts *rootOptions) manpage.Options {
	t := opts.t
	info := opts.buildInfo()
	date := info.Date
	if len(date) >= len("2006-01-02") {
		date = date[:len("2006-01-02")]
	}
	return manpage.Options{
		Source: "zoomconnect " + info.Version,
		Manual: t.T("man.manual"),
		Date:   date,
		Sections: []manpage.Section{
			{Title: t.T("man.title.exit"), Label: t.T("help.exit.label")},
			{Title: t.T("man.title.env"), Text: t.T("man.env_intro"), Items: manItems(t, "env", manEnvironment)},
			{Title: t.T("man.title.files"), Items: manItems(t, "files", manFiles)},
		},
		Labels: manpage.Labels{
			Name: t.T("man.title.name"), Synopsis: t.T("man.title.synopsis"), Description: t.T("man.title.desc"),
			Commands: t.T("man.title.commands"), Options: t.T("man.title.options"), GlobalOptions: t.T("man.title.global_options"),
			Examples: t.T("man.title.examples"), SeeAlso: t.T("man.title.see_also"), Default: t.T("help.default"),
			CommandArg: t.T("help.arg.command"), FlagsArg: t.T("help.arg.flags"),
		},
	}
}

// manEnvironment are the ENVIRONMENT section's variables and the key of
// each one's text (man.env.KEY).
var manEnvironment = [][2]string{
	{envProfile, "profile"},
	{envClientID, "client_id"},
	{envClientSecret, "client_secret"},
	{envAuthBaseURL, "auth_base_url"},
	{envAPIBaseURL, "api_base_url"},
	{envLang, "lang"},
	{envAccessible, "accessible"},
	{"TERM", "term"},
	{"BROWSER", "browser"},
	{"XDG_CONFIG_HOME, XDG_CONFIG_DIRS, XDG_DATA_HOME, XDG_STATE_HOME", "xdg"},
	{"HTTPS_PROXY, NO_PROXY", "proxy"},
}

// manFiles are the FILES section's paths and the key of each one's text
// (man.files.KEY).
var manFiles = [][2]string{
	{"/etc/xdg/zoomconnect/app.json", "app"},
	{"/etc/xdg/zoomconnect/app.json.example", "app_example"},
	{"~/.config/zoomconnect/app.json", "app_user"},
	{"~/.config/zoomconnect/profiles/NAME.json", "profile"},
	{"~/.local/share/zoomconnect/secrets/NAME.json", "secrets"},
	{"~/.local/state/zoomconnect/", "state"},
}

// manItems are terms and their texts from the catalog (man.AREA.KEY).
func manItems(t *i18n.Printer, area string, terms [][2]string) []manpage.Item {
	out := make([]manpage.Item, len(terms))
	for i, tk := range terms {
		out[i] = manpage.Item{Term: tk[0], Text: t.T("man." + area + "." + tk[1])}
	}
	return out
}
