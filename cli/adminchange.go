package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/admin"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// describe sets an admin-side command's help from the catalog
// (help.cmd.ID), with the exit statuses of the admin commands that call
// Zoom as {{.ExitHelp}}.
func (a *adminOptions) describe(cmd *cobra.Command, id string, args ...any) {
	a.root.describe(cmd, id, append(args, "ExitHelp", i18n.Raw(a.root.t.T("help.admin_exit")))...)
}

func (a *adminOptions) requestsCmd() *cobra.Command {
	var appArg, status string
	cmd := &cobra.Command{
		Use:  "requests [--app APP_ID] [--status pending|approved|rejected]",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			defer a.close()
			return a.requests(cmd.Context(), appArg, marketplace.RequestStatus(status))
		},
	}
	a.describe(cmd, "admin_requests")
	cmd.Flags().StringVar(&appArg, "app", "", a.root.flagUsage("admin_requests_app"))
	cmd.Flags().StringVar(&status, "status", string(marketplace.StatusPending), a.root.flagUsage("admin_requests_status"))
	_ = cmd.RegisterFlagCompletionFunc("app", a.completeAppIDs)
	_ = cmd.RegisterFlagCompletionFunc("status", completeRequestStatus)
	a.root.addJSONFlag(cmd, &a.asJSON)
	a.addFlags(cmd, true)
	return cmd
}

// requests lists the apps with requests, or one app's requests.
func (a *adminOptions) requests(ctx context.Context, appArg string, status marketplace.RequestStatus) error {
	switch status {
	case marketplace.StatusPending, marketplace.StatusApproved, marketplace.StatusRejected:
	default:
		return usageError(nil, "cli.usage.request_status", "Status", string(status))
	}
	s, err := a.session(ctx)
	if err != nil {
		return err
	}
	if appArg == "" {
		apps, err := s.AppsWithRequests(ctx)
		if err != nil {
			return a.fail(s, err, "")
		}
		if a.asJSON {
			return a.root.writeJSON(a.root.Stdout, admin.NewAppsReport(apps))
		}
		a.sayPage(s.AppsPage(apps))
		return nil
	}
	id, err := a.appID(appArg)
	if err != nil {
		return err
	}
	app, err := s.App(ctx, id)
	if err != nil {
		return a.fail(s, err, id)
	}
	reqs, err := s.Client.Requests(ctx, app.ID, status)
	if err != nil {
		return a.fail(s, err, app.ID)
	}
	if a.asJSON {
		return a.root.writeJSON(a.root.Stdout, admin.NewRequestsReport(app, status, reqs))
	}
	a.sayPage(s.RequestsPage(app, status, reqs))
	return nil
}

// sayPage prints a page for people: its title as a heading, its blocks.
func (a *adminOptions) sayPage(p page.Page) {
	a.say(append([]page.Block{page.Heading(p.Title)}, p.Blocks...))
}

// appID reads --app: an app ID or a pasted Marketplace address.
func (a *adminOptions) appID(arg string) (string, error) {
	id, err := admin.AppID(arg, nil)
	if err != nil {
		return "", usageErrorf("--app %s", page.PlainText(a.root.t.T("admin.err.app_id", "Given", arg)))
	}
	return id, nil
}

// orgApp is what the admin commands know of the organization's app: the
// sandbox's demo app under --sandbox, else app.json (nil when none).
func (a *adminOptions) orgApp() *storage.OrgApp {
	if a.root.Sandbox {
		return &storage.OrgApp{Name: sandbox.DemoAppName, ClientID: sandbox.DemoClientID, AppID: sandbox.DemoAppID}
	}
	app, err := storage.FindOrgApp()
	if err != nil {
		return nil
	}
	return app
}

// pickApp finds the app a change is for and confirms it with Zoom (its
// name is shown before anything changes): --app, else app.json's app_id
// (the sandbox's demo app under --sandbox), else, in a terminal, one of
// the apps people asked for.
func (a *adminOptions) pickApp(ctx context.Context, s *admin.Session, arg string) (*marketplace.AppInfo, error) {
	o := a.root
	id, err := admin.AppID(arg, a.orgApp())
	if err != nil {
		return nil, usageErrorf("--app %s", page.PlainText(o.t.T("admin.err.app_id", "Given", arg)))
	}
	if id == "" {
		if !o.interactive() {
			return nil, usageErrorf("%s", page.PlainText(o.t.T("admin.err.no_app", "Command", s.Command("zoomconnect admin requests"))))
		}
		apps, err := s.AppsWithRequests(ctx)
		if err != nil {
			return nil, a.fail(s, err, "")
		}
		if len(apps) == 0 {
			return nil, usageErrorf("%s", page.PlainText(o.t.T("admin.err.no_app_with_requests")))
		}
		options := make([]string, len(apps))
		for i, ap := range apps {
			options[i] = page.PlainText(s.AppLine(ap))
		}
		i, err := a.ask(ctx).Choose(o.t.T("admin.console.pick"), options, 0)
		if err != nil {
			return nil, a.fail(s, err, "")
		}
		id = apps[i].ID
	}
	app, err := s.App(ctx, id)
	if err != nil {
		return nil, a.fail(s, err, id)
	}
	return app, nil
}

// confirm shows what a change will do before it is sent, and asks: in a
// terminal every change (unless --yes); in a script, a dangerous change
// (decline_all, narrowing, taking people off, --off) needs --yes, exit 2
// without it, and a safe one goes ahead. The blocks go to stderr.
func (a *adminOptions) confirm(ctx context.Context, s *admin.Session, blocks []page.Block, question string, dangerous bool) error {
	o := a.root
	switch {
	case a.yes:
		a.show(o.Stderr, blocks)
		return nil
	case o.interactive():
		a.show(o.Stderr, blocks)
		ok, err := a.ask(ctx).Confirm(page.PlainText(question), false)
		if err == nil && !ok {
			err = wizard.ErrCanceled
		}
		if err != nil {
			return a.fail(s, err, "")
		}
		return nil
	case dangerous:
		a.show(o.Stderr, blocks)
		return usageErrorf("%s", page.PlainText(o.t.T("admin.err.needs_yes")))
	}
	a.show(o.Stderr, blocks)
	return nil
}

// report prints a change's report (JSON, or the results on stdout and a
// failure's explanation on stderr) and returns its exit status.
func (a *adminOptions) report(s *admin.Session, rep *admin.Report) error {
	o := a.root
	if a.asJSON {
		if err := o.writeJSON(o.Stdout, rep); err != nil {
			return err
		}
	} else {
		a.show(o.Stdout, s.ResultBlocks(rep))
	}
	if fail := s.FailureBlocks(rep); len(fail) > 0 {
		a.show(o.Stderr, fail)
	}
	return exitWith(reportCode(rep))
}

// changeFlags are the flags every change command shares.
func (a *adminOptions) changeFlags(cmd *cobra.Command, appArg *string) {
	cmd.Flags().StringVar(appArg, "app", "", a.root.flagUsage("admin_change_app"))
	_ = cmd.RegisterFlagCompletionFunc("app", a.completeAppIDs)
	cmd.Flags().BoolVarP(&a.yes, "yes", "y", false, a.root.flagUsage("admin_change_yes"))
	a.root.addJSONFlag(cmd, &a.asJSON)
	a.addFlags(cmd, true)
}

func (a *adminOptions) approveCmd() *cobra.Command {
	return a.requestChangeCmd("approve", marketplace.Approve, marketplace.ApproveAll)
}

func (a *adminOptions) declineCmd() *cobra.Command {
	return a.requestChangeCmd("decline", marketplace.Decline, marketplace.DeclineAll)
}

// requestChangeCmd is approve or decline.
func (a *adminOptions) requestChangeCmd(use string, action, allAction marketplace.RequestAction) *cobra.Command {
	var appArg string
	var all bool
	cmd := &cobra.Command{
		Use: use + " [--app APP_ID] (EMAIL... | --all)",
		RunE: func(cmd *cobra.Command, args []string) error {
			defer a.close()
			switch {
			case all && len(args) > 0:
				return usageErrorf("%s", page.PlainText(a.root.t.T("admin.err.all_or_people")))
			case !all && len(args) == 0:
				return usageErrorf("%s", page.PlainText(a.root.t.T("admin.err.who", "Command", "zoomconnect admin "+use)))
			case all:
				return a.changeRequests(cmd.Context(), appArg, allAction, nil)
			}
			return a.changeRequests(cmd.Context(), appArg, action, args)
		},
	}
	a.describe(cmd, "admin_"+use, "Email", sandbox.DemoUser().Email)
	cmd.Flags().BoolVar(&all, "all", false, a.root.flagUsage("admin_change_all"))
	a.changeFlags(cmd, &appArg)
	return cmd
}

// changeRequests plans, confirms and applies a request change.
func (a *adminOptions) changeRequests(ctx context.Context, appArg string, action marketplace.RequestAction, who []string) error {
	s, err := a.session(ctx)
	if err != nil {
		return err
	}
	app, err := a.pickApp(ctx, s, appArg)
	if err != nil {
		return err
	}
	plan, err := s.PlanRequests(ctx, admin.RequestChange{App: app, Action: action, Who: who})
	if err != nil {
		return a.fail(s, err, app.ID)
	}
	blocks, q := s.ConfirmRequests(plan)
	if q == "" {
		a.show(a.root.Stderr, s.AppBlocks(app)) // nothing to send: the report says why per person
	} else if err := a.confirm(ctx, s, blocks, q, plan.Dangerous()); err != nil {
		return err
	}
	return a.report(s, s.ApplyRequests(ctx, plan))
}

func (a *adminOptions) preapproveCmd() *cobra.Command {
	var appArg string
	var ch admin.PreapproveChange
	cmd := &cobra.Command{
		Use:  "preapprove [--app APP_ID] (--user EMAIL... --group NAME... [--remove] | --all | --off)",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			defer a.close()
			if err := a.checkPreapprove(ch); err != nil {
				return err
			}
			return a.preapprove(cmd.Context(), appArg, ch)
		},
	}
	a.describe(cmd, "admin_preapprove")
	f, u := cmd.Flags(), a.root.flagUsage
	f.StringSliceVar(&ch.Users, "user", nil, u("admin_preapprove_user"))
	f.StringArrayVar(&ch.Groups, "group", nil, u("admin_preapprove_group"))
	f.BoolVar(&ch.Remove, "remove", false, u("admin_preapprove_remove"))
	f.BoolVar(&ch.All, "all", false, u("admin_preapprove_all"))
	f.BoolVar(&ch.Off, "off", false, u("admin_preapprove_off"))
	a.changeFlags(cmd, &appArg)
	return cmd
}

// checkPreapprove rejects flag combinations that say two things.
func (a *adminOptions) checkPreapprove(ch admin.PreapproveChange) error {
	named := len(ch.Users)+len(ch.Groups) > 0
	n := 0
	for _, b := range []bool{named, ch.All, ch.Off} {
		if b {
			n++
		}
	}
	switch {
	case n != 1:
		return usageErrorf("%s", page.PlainText(a.root.t.T("admin.err.preapprove_what")))
	case ch.Remove && !named:
		return usageErrorf("%s", page.PlainText(a.root.t.T("admin.err.remove_what")))
	}
	return nil
}

// preapprove plans, confirms and applies a pre-approval change.
func (a *adminOptions) preapprove(ctx context.Context, appArg string, ch admin.PreapproveChange) error {
	s, err := a.session(ctx)
	if err != nil {
		return err
	}
	if ch.App, err = a.pickApp(ctx, s, appArg); err != nil {
		return err
	}
	plan, err := s.PlanPreapprove(ctx, ch)
	if admin.IsGroupNames(err) {
		a.show(a.root.Stderr, s.AppBlocks(ch.App))
		rep := admin.NewReport(ch.App, admin.TargetPreapproval, ch.Action(admin.KindGroup))
		rep.Add(admin.KindGroup, plan.Groups)
		return a.report(s, rep.Finish(err))
	}
	if err != nil {
		return a.fail(s, err, ch.App.ID)
	}
	blocks, q := s.ConfirmPreapprove(plan)
	if q == "" {
		a.show(a.root.Stderr, blocks)
	} else if err := a.confirm(ctx, s, blocks, q, plan.Dangerous()); err != nil {
		return err
	}
	return a.report(s, s.ApplyPreapprove(ctx, plan))
}

// consoleNeedsTerminal is the usage error of the console without one.
func (a *adminOptions) consoleNeedsTerminal() error {
	return usageErrorf("%s", page.PlainText(a.root.t.T("admin.err.console_terminal")))
}
