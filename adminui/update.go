package adminui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/admin"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Messages of the console's calls to Zoom.
type (
	appsMsg struct {
		apps []marketplace.App
		err  error
	}
	appMsg struct {
		app     *marketplace.AppInfo
		pending []marketplace.Request
		err     error
	}
	// planMsg is a change planned: what to confirm, and how to apply it.
	planMsg struct {
		blocks []page.Block
		ask    string
		apply  func() *admin.Report
		// report is set instead when the plan itself is the answer (a
		// group name that matched no group or several).
		report *admin.Report
		err    error
	}
	reportMsg struct{ report *admin.Report }
)

// wait shows what the console waits for, with the spinner, while cmd runs.
func (m *Model) wait(what string, cmd tea.Cmd) tea.Cmd {
	m.busy = what
	return tea.Batch(cmd, m.spin.Tick)
}

func (m *Model) loadApps() tea.Cmd {
	return func() tea.Msg {
		apps, err := m.s.AppsWithRequests(m.ctx)
		return appsMsg{apps, err}
	}
}

// loadApp confirms the app with Zoom and reads its pending requests.
func (m *Model) loadApp(id string) tea.Cmd {
	return func() tea.Msg {
		app, err := m.s.App(m.ctx, id)
		if err != nil {
			return appMsg{err: err}
		}
		pending, err := m.s.Client.Requests(m.ctx, id, marketplace.StatusPending)
		return appMsg{app: app, pending: pending, err: err}
	}
}

func (m *Model) planRequests(action marketplace.RequestAction, who []string) tea.Cmd {
	app := m.app
	return func() tea.Msg {
		plan, err := m.s.PlanRequests(m.ctx, admin.RequestChange{App: app, Action: action, Who: who})
		if err != nil {
			return planMsg{err: err}
		}
		blocks, q := m.s.ConfirmRequests(plan)
		return planMsg{blocks: blocks, ask: q, apply: func() *admin.Report { return m.s.ApplyRequests(m.ctx, plan) }}
	}
}

func (m *Model) planPreapprove(ch admin.PreapproveChange) tea.Cmd {
	return func() tea.Msg {
		plan, err := m.s.PlanPreapprove(m.ctx, ch)
		if admin.IsGroupNames(err) {
			rep := admin.NewReport(ch.App, admin.TargetPreapproval, ch.Action(admin.KindGroup))
			rep.Add(admin.KindGroup, plan.Groups)
			return planMsg{report: rep.Finish(err)}
		}
		if err != nil {
			return planMsg{err: err}
		}
		blocks, q := m.s.ConfirmPreapprove(plan)
		return planMsg{blocks: blocks, ask: q, apply: func() *admin.Report { return m.s.ApplyPreapprove(m.ctx, plan) }}
	}
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(max(0, msg.Width-2))
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg, tea.ColorProfileMsg:
		if m.theme.Update(msg) {
			*m.env.Styles = *m.theme.Styles()
			m.help.Styles = m.env.Styles.HelpStyles()
			m.layout()
		}
		return m, nil
	case spinner.TickMsg:
		if m.busy == "" {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case appsMsg:
		m.busy, m.apps, m.appsErr, m.scr, m.cursor = "", msg.apps, msg.err, scrHome, 0
		return m, nil
	case appMsg:
		return m, m.onApp(msg)
	case planMsg:
		return m, m.onPlan(msg)
	case reportMsg:
		m.busy, m.report, m.scr = "", msg.report, scrResult
		return m, nil
	case wizard.Quit, wizard.Back:
		m.scr, m.checklist = scrHome, nil // the checklist was closed
		return m, nil
	case tea.KeyPressMsg:
		return m, m.onKey(msg)
	}
	return m, m.forward(msg)
}

// forward hands other messages to the screen's widget.
func (m *Model) forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.scr {
	case scrChecklist:
		if m.checklist != nil {
			m.checklist, cmd = m.checklist.Update(msg)
		}
	case scrEnterID, scrForm:
		m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	}
	return cmd
}

// onApp opens an app's menu, or says why it cannot.
func (m *Model) onApp(msg appMsg) tea.Cmd {
	m.busy = ""
	if msg.app == nil {
		m.notice, m.scr = m.s.ErrorBlocks(msg.err, ""), scrHome
		return nil
	}
	m.app, m.pending, m.scr, m.cursor, m.notice = msg.app, msg.pending, scrApp, 0, m.s.ErrorBlocks(msg.err, msg.app.ID)
	m.selected = map[string]bool{}
	m.fillTable()
	return nil
}

// onPlan shows the confirmation of a planned change.
func (m *Model) onPlan(msg planMsg) tea.Cmd {
	m.busy = ""
	switch {
	case msg.err != nil:
		m.notice = m.s.ErrorBlocks(msg.err, m.app.ID)
		return nil
	case msg.report != nil:
		m.report, m.scr = msg.report, scrResult
		return nil
	}
	m.confirm, m.ask, m.apply, m.scr, m.notice = msg.blocks, msg.ask, msg.apply, scrConfirm, nil
	return nil
}

// typing reports whether a text field has the keys.
func (m *Model) typing() bool { return m.scr == scrEnterID || m.scr == scrForm }

// onKey handles a key: ctrl+c and q (when not typing) leave, ? shows
// every key, the rest is the screen's.
func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Cancel):
		m.quitting, m.canceled = true, true
		return tea.Quit
	case m.busy != "":
		return nil // waiting for Zoom: only ctrl+c
	case m.scr == scrChecklist:
		return m.forward(msg)
	case !m.typing() && msg.String() == "q":
		m.quitting = true
		return tea.Quit
	case !m.typing() && key.Matches(msg, k.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.layout()
		return nil
	}
	switch m.scr {
	case scrHome:
		return m.homeKey(msg)
	case scrEnterID:
		return m.enterIDKey(msg)
	case scrApp:
		return m.appKey(msg)
	case scrRequests:
		return m.requestsKey(msg)
	case scrForm:
		return m.formKey(msg)
	case scrConfirm:
		return m.confirmKey(msg)
	case scrResult:
		if key.Matches(msg, k.Continue) {
			m.report = nil
			return m.wait(m.s.T.T("admin.console.loading_app"), m.loadApp(m.app.ID))
		}
	}
	return nil
}

// menuKey moves a menu's cursor over n items; it reports whether it did.
func (m *Model) menuKey(msg tea.KeyPressMsg, n int) bool {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(n-1, m.cursor+1)
	default:
		return false
	}
	return true
}

func (m *Model) homeKey(msg tea.KeyPressMsg) tea.Cmd {
	_, choices := m.s.HomePage(m.apps, m.org, m.appsErr, m.cursor)
	if m.menuKey(msg, len(choices)) || !key.Matches(msg, m.keys.Enter) {
		return nil
	}
	m.notice = nil
	switch ch := choices[m.cursor]; ch.Kind {
	case admin.HomeQuit:
		m.quitting = true
		return tea.Quit
	case admin.HomeChecklist:
		m.checklist, m.scr = steps.NewAdminChecklist(m.env), scrChecklist
		m.layout()
		return m.checklist.Init()
	case admin.HomeEnterID:
		m.scr, m.focus = scrEnterID, 0
		m.inputs[0].Reset()
		return m.inputs[0].Focus()
	default:
		return m.wait(m.s.T.T("admin.console.loading_app"), m.loadApp(ch.AppID))
	}
}

func (m *Model) enterIDKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Esc):
		m.scr, m.notice = scrHome, nil
		return nil
	case key.Matches(msg, m.keys.Enter):
		id, err := admin.AppID(m.inputs[0].Value(), nil)
		if err != nil || id == "" {
			m.notice = []page.Block{page.Fail(m.s.T.T("admin.console.bad_app"))}
			return nil
		}
		m.notice = nil
		return m.wait(m.s.T.T("admin.console.loading_app"), m.loadApp(id))
	}
	return m.forward(msg)
}

func (m *Model) appKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Esc) {
		m.scr, m.cursor, m.notice = scrHome, 0, nil
		return m.wait(m.s.T.T("admin.console.loading"), m.loadApps())
	}
	_, acts := m.s.AppPage(m.app, len(m.pending), m.cursor)
	if m.menuKey(msg, len(acts)) || !key.Matches(msg, m.keys.Enter) {
		return nil
	}
	m.notice = nil
	switch act := acts[m.cursor]; act {
	case admin.ActBack:
		m.scr, m.cursor = scrHome, 0
		return m.wait(m.s.T.T("admin.console.loading"), m.loadApps())
	case admin.ActRequests:
		m.scr = scrRequests
		m.layout()
		return nil
	case admin.ActPreapprove:
		m.scr, m.focus = scrForm, 1
		m.inputs[1].Reset()
		m.inputs[2].Reset()
		m.inputs[2].Blur()
		return m.inputs[1].Focus()
	default:
		return m.wait(m.s.T.T("admin.console.checking"), m.planPreapprove(act.Change(m.app)))
	}
}

func (m *Model) requestsKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Esc):
		m.scr, m.notice = scrApp, nil
		return nil
	case len(m.pending) == 0:
		return nil
	case key.Matches(msg, k.Toggle):
		id := m.pending[m.table.Cursor()].UserID
		m.selected[id] = !m.selected[id]
		m.fillTable()
		return nil
	case key.Matches(msg, k.All):
		all := len(m.chosen()) < len(m.pending)
		for _, r := range m.pending {
			m.selected[r.UserID] = all
		}
		m.fillTable()
		return nil
	case key.Matches(msg, k.Approve), key.Matches(msg, k.Decline):
		who := m.chosen()
		if len(who) == 0 {
			who = []string{m.pending[m.table.Cursor()].UserID} // the focused one
		}
		action := marketplace.Approve
		if key.Matches(msg, k.Decline) {
			action = marketplace.Decline
		}
		return m.wait(m.s.T.T("admin.console.checking"), m.planRequests(action, who))
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(msg)
	m.tableChanged()
	return cmd
}

// chosen are the request_user_ids selected, in the table's order.
func (m *Model) chosen() []string {
	var out []string
	for _, r := range m.pending {
		if m.selected[r.UserID] {
			out = append(out, r.UserID)
		}
	}
	return out
}

func (m *Model) formKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Esc):
		m.scr, m.notice = scrApp, nil
		return nil
	case key.Matches(msg, m.keys.NextField):
		m.inputs[m.focus].Blur()
		m.focus = 3 - m.focus // 1 <-> 2
		return m.inputs[m.focus].Focus()
	case key.Matches(msg, m.keys.Enter):
		ch := admin.FormChange(m.app, m.inputs[1].Value(), m.inputs[2].Value())
		if len(ch.Users)+len(ch.Groups) == 0 {
			m.notice = []page.Block{page.Fail(m.s.T.T("admin.console.form_empty"))}
			return nil
		}
		m.notice = nil
		return m.wait(m.s.T.T("admin.console.checking"), m.planPreapprove(ch))
	}
	return m.forward(msg)
}

func (m *Model) confirmKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case m.ask == "" && key.Matches(msg, m.keys.Continue), m.ask != "" && key.Matches(msg, m.keys.No):
		m.scr = scrApp
		if m.ask != "" {
			m.notice = []page.Block{page.Note(m.s.T.T("admin.misc.nothing_changed"))}
		}
		return nil
	case m.ask != "" && key.Matches(msg, m.keys.Yes):
		apply := m.apply
		return m.wait(m.s.T.T("admin.console.sending"), func() tea.Msg { return reportMsg{apply()} })
	}
	return nil
}
