package cli

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"text/template"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/tui"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// The admin guide, `zoomconnect admin guide`, one template per language:
// creating the app and provisioning app.json, then (at {{.Checklist}})
// the pre-approval checklist from assets, the same text the TUI shows.
var (
	//go:embed guide/admin.md
	adminGuideEN string
	//go:embed guide/admin.fr.md
	adminGuideFR string
)

// adminGuide is the whole admin guide in Markdown, in language l.
func adminGuide(l i18n.Lang) string {
	text := adminGuideEN
	if l == i18n.French {
		text = adminGuideFR
	}
	// The guides are embedded and rendered in both languages by the tests,
	// so a template error is a programming error.
	tmpl := template.Must(template.New("admin.md").Option("missingkey=error").Parse(text))
	var b strings.Builder
	if err := tmpl.Execute(&b, struct{ Checklist string }{assets.ChecklistMarkdown(l, assets.AdminChecklistIn(l), nil)}); err != nil {
		panic("cli: guide/admin.md: " + err.Error())
	}
	return b.String()
}

func newAdminCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:  "admin",
		Args: noArgs,
	}
	cmd.AddCommand(newAdminPreapprovalCmd(opts), newAdminRequestCmd(opts), newAdminGuideCmd(opts))
	addAdminSide(cmd, opts) // cli/adminside.go: login, requests, approve, ... and the console
	opts.describe(cmd, "admin")
	return cmd
}

func newAdminGuideCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:  "guide",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(cmd.OutOrStdout(), adminGuide(opts.t.Lang()))
			return err
		},
	}
	opts.describe(cmd, "admin_guide")
	return cmd
}

func newAdminPreapprovalCmd(opts *rootOptions) *cobra.Command {
	var markdown string
	cmd := &cobra.Command{
		Use:  "preapproval",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if markdown != "" {
				return writeChecklist(cmd, markdown, opts.t)
			}
			return opts.runChecklist(cmd)
		},
	}
	opts.describe(cmd, "admin_preapproval")
	cmd.Flags().StringVar(&markdown, "markdown", "", opts.flagUsage("preapproval_markdown"))
	return cmd
}

// writeChecklist writes the checklist Markdown in t's language to path
// ("-" for stdout).
func writeChecklist(cmd *cobra.Command, path string, t *i18n.Printer) error {
	l := t.Lang()
	md := assets.ChecklistMarkdown(l, assets.AdminChecklistIn(l), nil)
	return writeMarkdown(cmd, t, path, md, i18n.Msg("cli.markdown.checklist"))
}

// runChecklist runs the interactive admin checklist on the terminal.
func (o *rootOptions) runChecklist(cmd *cobra.Command) error {
	if !isTerminal(o.Stdin) || !isTerminal(o.Stderr) {
		return usageError(nil, "cli.usage.checklist_terminal")
	}
	env := &steps.Env{Styles: steps.NewStyles(true), W: &wizard.Config{T: o.t, Now: o.now, Profile: o.Profile}}
	err := tui.RunChecklist(cmd.Context(), env, tea.WithInput(o.Stdin), tea.WithOutput(o.Stderr))
	if errors.Is(err, wizard.ErrCanceled) {
		return &ExitError{Code: ExitCanceled} // ctrl+c: nothing to report
	}
	return err
}
