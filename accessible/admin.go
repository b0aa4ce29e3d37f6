package accessible

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/zoomconnect/zoomconnect/admin"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// RunAdmin is the admin console in the line-by-line mode: the same menus
// as the full-screen console (package adminui), as numbered questions. It
// returns nil when the admin quits from the first menu,
// wizard.ErrCanceled when input ends or ctx does.
func RunAdmin(ctx context.Context, s *admin.Session, org *storage.OrgApp, in io.Reader, out io.Writer) error {
	l := NewLines(ctx, s.T, in, out)
	defer l.Close()
	c := &adminLines{ctx: ctx, s: s, l: l, org: org}
	l.Say(s.T.T("a11y.intro"))
	return c.home()
}

// adminLines is one line-mode console run.
type adminLines struct {
	ctx context.Context
	s   *admin.Session
	l   *Lines
	org *storage.OrgApp
}

// home asks which app to work on until the admin quits.
func (c *adminLines) home() error {
	for {
		apps, err := c.s.AppsWithRequests(c.ctx)
		p, choices := c.s.HomePage(apps, c.org, err, 0)
		c.l.Section(p.Title)
		c.l.Show(p.Blocks)
		i, err := c.l.Pick(*choicesOf(p.Blocks))
		if err != nil {
			return err
		}
		switch ch := choices[i]; ch.Kind {
		case admin.HomeQuit:
			return nil
		case admin.HomeChecklist:
			c.l.Show(c.s.ChecklistBlocks())
		case admin.HomeEnterID:
			if err := c.enterApp(); err != nil {
				return err
			}
		default:
			if err := c.app(ch.AppID); err != nil {
				return err
			}
		}
	}
}

// enterApp asks for an app ID or a Marketplace address and opens it.
func (c *adminLines) enterApp() error {
	v, err := c.l.AskValid(c.s.T.T("admin.console.ask_app"), false, func(v string) string {
		if _, err := admin.AppID(v, nil); err != nil || v == "" {
			return c.s.T.T("admin.console.bad_app")
		}
		return ""
	})
	if err != nil {
		return err
	}
	id, _ := admin.AppID(v, nil)
	return c.app(id)
}

// app confirms the app with Zoom and offers what to do with it, until
// the admin goes back.
func (c *adminLines) app(id string) error {
	info, err := c.s.App(c.ctx, id)
	if err != nil {
		c.l.Show(c.s.ErrorBlocks(err, id))
		return nil
	}
	for {
		pending, err := c.s.Client.Requests(c.ctx, id, marketplace.StatusPending)
		if err != nil {
			c.l.Show(c.s.ErrorBlocks(err, id))
		}
		p, actions := c.s.AppPage(info, len(pending), 0)
		c.l.Section(p.Title)
		c.l.Show(p.Blocks)
		i, err := c.l.Pick(*choicesOf(p.Blocks))
		if err != nil {
			return err
		}
		switch act := actions[i]; act {
		case admin.ActBack:
			return nil
		case admin.ActRequests:
			err = c.requests(info, pending)
		case admin.ActPreapprove:
			err = c.form(info)
		default:
			err = c.preapprove(act.Change(info))
		}
		if err != nil {
			return err
		}
	}
}

// requests lists the pending requests, asks which ones, and approves or
// declines them after a confirmation that names who.
func (c *adminLines) requests(info *marketplace.AppInfo, pending []marketplace.Request) error {
	t := c.s.T
	p := c.s.RequestsPage(info, marketplace.StatusPending, nil)
	c.l.Section(p.Title)
	if len(pending) == 0 {
		c.l.Show(p.Blocks)
		return nil
	}
	for i, r := range pending {
		c.l.Say(strconv.Itoa(i+1) + ". " + page.PlainText(c.s.Who(r.Name, r.Email, r.UserID)))
		for _, row := range c.s.RequestRows(r) {
			c.l.Say("   " + c.s.T.T("a11y.row", "Label", i18n.Raw(page.PlainText(row.Text)), "Value", i18n.Raw(page.PlainText(row.Detail))))
		}
	}
	picked, err := c.pickPeople(len(pending))
	if err != nil || len(picked) == 0 {
		return err
	}
	i, err := c.l.Choose(t.T("admin.console.approve_or_decline"), []string{t.T("admin.console.do_approve"),
		t.T("admin.console.do_decline"), t.T("admin.console.do_nothing")}, 0)
	if err != nil || i == 2 {
		return err
	}
	action := marketplace.Approve
	if i == 1 {
		action = marketplace.Decline
	}
	who := make([]string, len(picked))
	for k, n := range picked {
		who[k] = pending[n].UserID
	}
	plan, err := c.s.PlanRequests(c.ctx, admin.RequestChange{App: info, Action: action, Who: who})
	if err != nil {
		c.l.Show(c.s.ErrorBlocks(err, info.ID))
		return nil
	}
	blocks, q := c.s.ConfirmRequests(plan)
	return c.confirmAndApply(blocks, q, func() *admin.Report { return c.s.ApplyRequests(c.ctx, plan) })
}

// pickPeople asks for the numbers of the requests to act on (or "all").
func (c *adminLines) pickPeople(n int) ([]int, error) {
	t := c.s.T
	var picked []int
	_, err := c.l.AskValid(t.T("admin.console.ask_numbers", "Last", n), false, func(v string) string {
		picked = picked[:0]
		if strings.EqualFold(v, "all") || strings.EqualFold(v, "tous") || strings.EqualFold(v, "toutes") {
			for i := range n {
				picked = append(picked, i)
			}
			return ""
		}
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' }) {
			k, err := strconv.Atoi(f)
			if err != nil || k < 1 || k > n {
				return t.T("admin.console.bad_numbers", "Last", n)
			}
			picked = append(picked, k-1)
		}
		return ""
	})
	return picked, err
}

// form asks for the emails and group names to pre-approve.
func (c *adminLines) form(info *marketplace.AppInfo) error {
	p := c.s.FormPage(info)
	c.l.Section(p.Title)
	c.l.Show(p.Blocks)
	users, err := c.l.Ask(fieldLabel(p.Blocks, "users"))
	if err != nil {
		return err
	}
	groups, err := c.l.Ask(fieldLabel(p.Blocks, "groups"))
	if err != nil {
		return err
	}
	ch := admin.FormChange(info, users, groups)
	if len(ch.Users)+len(ch.Groups) == 0 {
		c.l.Show([]page.Block{page.Note(c.s.T.T("admin.console.form_empty"))})
		return nil
	}
	return c.preapprove(ch)
}

// fieldLabel is the label of the field block named id.
func fieldLabel(blocks []page.Block, id string) string {
	for _, b := range blocks {
		if b.Kind == page.KindField && b.ID == id {
			return page.PlainText(b.Items[0].Text)
		}
	}
	return id
}

// preapprove plans a pre-approval change, confirms it and applies it.
func (c *adminLines) preapprove(ch admin.PreapproveChange) error {
	plan, err := c.s.PlanPreapprove(c.ctx, ch)
	if admin.IsGroupNames(err) {
		rep := admin.NewReport(ch.App, admin.TargetPreapproval, ch.Action(admin.KindGroup))
		rep.Add(admin.KindGroup, plan.Groups)
		c.l.Show(c.s.ReportBlocks(rep.Finish(err)))
		return nil
	}
	if err != nil {
		c.l.Show(c.s.ErrorBlocks(err, ch.App.ID))
		return nil
	}
	blocks, q := c.s.ConfirmPreapprove(plan)
	return c.confirmAndApply(blocks, q, func() *admin.Report { return c.s.ApplyPreapprove(c.ctx, plan) })
}

// confirmAndApply shows the confirmation, asks it (no is the default) and
// applies the change, then says its report.
func (c *adminLines) confirmAndApply(blocks []page.Block, q string, apply func() *admin.Report) error {
	c.l.Show(blocks)
	if q == "" {
		return nil
	}
	ok, err := c.l.Confirm(page.PlainText(q), false)
	if err != nil {
		return err
	}
	if !ok {
		c.l.Say(c.s.T.T("admin.misc.nothing_changed"))
		return nil
	}
	c.l.Show(c.s.ReportBlocks(apply()))
	return nil
}
