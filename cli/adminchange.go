package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/admin"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// adminExitHelp documents the exit statuses of the admin commands that
// call Zoom, for their --help.
const adminExitHelp = `
Exit status: 0 done; 10 some of the people or groups named were not
changed (the report says who and why); 1 Zoom refused the change (unknown
app 1401, 1500, 1404, ...); 2 usage, or a group name that matches no group
or several (nothing sent); 5 network or Zoom server error; 6 rate limited;
7 storage; 8 admin login needed (none saved, credentials refused, a missing
scope); 130 you answered no (nothing changed).`

func (a *adminOptions) requestsCmd() *cobra.Command {
	var appArg, status string
	cmd := &cobra.Command{
		Use:   "requests [--app APP_ID] [--status pending|approved|rejected]",
		Short: "List the apps people asked for, or an app's requests",
		Long: `Without --app, list the apps people have pending requests for (Zoom's
"active requests"). With --app (an app ID, or its Marketplace address),
confirm the app by its name and list its requests in one state (pending by
default): name, email, department, when and why they asked, every page.` + adminExitHelp,
		Example: `  zoomconnect admin requests
  zoomconnect admin requests --app HwSqvKE3RX6fR_k_nOqi7g --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			defer a.close()
			return a.requests(cmd.Context(), appArg, marketplace.RequestStatus(status))
		},
	}
	cmd.Flags().StringVar(&appArg, "app", "", "app ID or Marketplace address")
	cmd.Flags().StringVar(&status, "status", string(marketplace.StatusPending), "pending, approved or rejected")
	addJSONFlag(cmd, &a.asJSON)
	a.addFlags(cmd, true)
	return cmd
}

// requests lists the apps with requests, or one app's requests.
func (a *adminOptions) requests(ctx context.Context, appArg string, status marketplace.RequestStatus) error {
	switch status {
	case marketplace.StatusPending, marketplace.StatusApproved, marketplace.StatusRejected:
	default:
		return usageErrorf("--status %q: use pending, approved or rejected", status)
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
	cmd.Flags().StringVar(appArg, "app", "", "app ID or Marketplace address (default: app.json)")
	cmd.Flags().BoolVarP(&a.yes, "yes", "y", false, "answer yes to the confirmation (scripts)")
	addJSONFlag(cmd, &a.asJSON)
	a.addFlags(cmd, true)
}

func (a *adminOptions) approveCmd() *cobra.Command {
	return a.requestChangeCmd("approve", "Approve people's requests for an app",
		`Approve the pending requests of the people named (by email, or request
user ID), or with --all every pending request. The app (--app, else
app.json's app_id, else one you pick in a terminal) is confirmed by its
name first; in a terminal you are asked before anything is sent.`,
		marketplace.Approve, marketplace.ApproveAll)
}

func (a *adminOptions) declineCmd() *cobra.Command {
	return a.requestChangeCmd("decline", "Decline people's requests for an app",
		`Decline the pending requests of the people named (by email, or request
user ID). --all declines every request, approved ones too, and Zoom then
disables the copies of the app people installed: it is asked for
explicitly (in a script, --yes).`,
		marketplace.Decline, marketplace.DeclineAll)
}

// requestChangeCmd is approve or decline.
func (a *adminOptions) requestChangeCmd(use, short, long string, action, allAction marketplace.RequestAction) *cobra.Command {
	var appArg string
	var all bool
	cmd := &cobra.Command{
		Use:   use + " [--app APP_ID] (EMAIL... | --all)",
		Short: short,
		Long:  long + adminExitHelp,
		Example: "  zoomconnect admin " + use + " --app HwSqvKE3RX6fR_k_nOqi7g jill@example.com\n" +
			"  zoomconnect admin " + use + " --sandbox " + sandbox.DemoUser().Email,
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
	cmd.Flags().BoolVar(&all, "all", false, "every pending request (decline: every request)")
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
		Use:   "preapprove [--app APP_ID] (--user EMAIL... --group NAME... [--remove] | --all | --off)",
		Short: "Pre-approve an app for people, groups or everyone",
		Long: `Pre-approve the app for the people (--user EMAIL, repeated or
comma-separated) and groups (--group NAME, repeated; exact name first, then
ignoring case; a name that matches no group or several stops everything),
or take them off with --remove; --all pre-approves it for the whole
account, --off turns its pre-approval off. Emails and group names are
looked up first, at most 20 IDs go to Zoom a call, and the report says per
person and group what happened.

Warnings, asked for explicitly (in a script: --yes): pre-approving named
people or groups on an app pre-approved for everyone narrows it to them;
--remove and --off may make existing users' tokens stop working (4738).` + adminExitHelp,
		Example: `  zoomconnect admin preapprove --app HwSqvKE3RX6fR_k_nOqi7g \
    --user jill@example.com --group Sales
  zoomconnect admin preapprove --app HwSqvKE3RX6fR_k_nOqi7g --all`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			defer a.close()
			if err := a.checkPreapprove(ch); err != nil {
				return err
			}
			return a.preapprove(cmd.Context(), appArg, ch)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&ch.Users, "user", nil, "a person's email (repeat, or separate with commas)")
	f.StringArrayVar(&ch.Groups, "group", nil, "a group's name (repeat for more)")
	f.BoolVar(&ch.Remove, "remove", false, "take them off the pre-approval instead")
	f.BoolVar(&ch.All, "all", false, "pre-approve the app for everyone in the account")
	f.BoolVar(&ch.Off, "off", false, "turn the app's pre-approval off")
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
