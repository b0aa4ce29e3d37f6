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
		Use:   "admin",
		Short: "Checklist, request to your admin, admin guide",
		Long: `Pre-approval and provisioning, for Zoom admins and the users who ask them:
  preapproval  the checklist an admin follows in the Zoom App Marketplace
  request      the request a user sends their admin (app, client ID, steps)
  guide        the whole admin guide, as Markdown`,
		Args: noArgs,
	}
	cmd.AddCommand(newAdminPreapprovalCmd(opts), newAdminRequestCmd(opts), newAdminGuideCmd(opts))
	return cmd
}

func newAdminGuideCmd(opts *rootOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "guide",
		Short: "Print the admin guide (Markdown)",
		Long: `Print the admin guide as Markdown: creating the Zoom app, provisioning
app.json on workstations, and pre-approving the app for users.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(cmd.OutOrStdout(), adminGuide(opts.t.Lang()))
			return err
		},
	}
}

func newAdminPreapprovalCmd(opts *rootOptions) *cobra.Command {
	var markdown string
	cmd := &cobra.Command{
		Use:   "preapproval",
		Short: "Checklist to pre-approve an app in the Marketplace",
		Long: `Show the checklist an account owner or admin follows in the Zoom App
Marketplace so users can authorize an app that needs pre-approval. With
--markdown FILE, write it as a Markdown task list instead ("-" for stdout).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if markdown != "" {
				return writeChecklist(cmd, markdown, opts.t.Lang())
			}
			return opts.runChecklist(cmd)
		},
	}
	cmd.Flags().StringVar(&markdown, "markdown", "", "write it as Markdown to FILE (\"-\" for stdout)")
	return cmd
}

// writeChecklist writes the checklist Markdown in language l to path ("-"
// for stdout).
func writeChecklist(cmd *cobra.Command, path string, l i18n.Lang) error {
	md := assets.ChecklistMarkdown(l, assets.AdminChecklistIn(l), nil)
	return writeMarkdown(cmd, path, md, "the pre-approval checklist")
}

// runChecklist runs the interactive admin checklist on the terminal.
func (o *rootOptions) runChecklist(cmd *cobra.Command) error {
	if !isTerminal(o.Stdin) || !isTerminal(o.Stderr) {
		return usageErrorf("the checklist needs an interactive terminal; for a file use: zoomconnect admin preapproval --markdown checklist.md")
	}
	env := &steps.Env{Styles: steps.NewStyles(true), W: &wizard.Config{T: o.t, Now: o.now, Profile: o.Profile}}
	err := tui.RunChecklist(cmd.Context(), env, tea.WithInput(o.Stdin), tea.WithOutput(o.Stderr))
	if errors.Is(err, wizard.ErrCanceled) {
		return &ExitError{Code: ExitCanceled} // ctrl+c: nothing to report
	}
	return err
}
