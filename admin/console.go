package admin

import (
	"strings"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// The console's text model: its menus as pages with what each item does,
// for the full-screen console (package adminui) and the line mode
// (package accessible) alike.

// HomeKind is what an item of the console's first menu does.
type HomeKind int

// The first menu's items.
const (
	HomeApp       HomeKind = iota // work on the item's app
	HomeEnterID                   // type an app ID or paste a Marketplace address
	HomeChecklist                 // the pre-approval checklist
	HomeQuit
)

// HomeChoice is one item of the first menu.
type HomeChoice struct {
	Kind  HomeKind
	AppID string
}

// HomePage is the console's first menu: the apps people asked for (the
// organization's app first when app.json names it), typing an app ID, the
// checklist, quitting; with listErr's explanation when the apps could not
// be listed. The choices block's text is the question.
func (s *Session) HomePage(apps []marketplace.App, org *storage.OrgApp, listErr error, cursor int) (page.Page, []HomeChoice) {
	t := s.T
	p := page.Page{Title: t.T("admin.console.title")}
	var items []page.Item
	var choices []HomeChoice
	if org != nil && org.AppID != "" && !hasApp(apps, org.AppID) {
		name := org.Name
		if name == "" {
			name = org.AppID
		}
		items = append(items, page.Item{Text: t.T("admin.console.org_app", "Name", name, "ID", org.AppID)})
		choices = append(choices, HomeChoice{Kind: HomeApp, AppID: org.AppID})
	}
	for _, a := range apps {
		items = append(items, page.Item{Text: t.T("admin.apps.item", "Name", a.Name, "ID", a.ID), Detail: s.pendingLine(a)})
		choices = append(choices, HomeChoice{Kind: HomeApp, AppID: a.ID})
	}
	items = append(items, page.Item{Text: t.T("admin.console.enter_id")}, page.Item{Text: t.T("admin.console.checklist")},
		page.Item{Text: t.T("admin.console.quit")})
	choices = append(choices, HomeChoice{Kind: HomeEnterID}, HomeChoice{Kind: HomeChecklist}, HomeChoice{Kind: HomeQuit})
	if listErr != nil {
		p.Add(s.ErrorBlocks(listErr, "")...)
	} else if len(apps) == 0 {
		p.Add(page.OK(t.T("admin.apps.none")))
	}
	ch := page.Choices(min(max(cursor, 0), len(items)-1), items...)
	ch.Text = t.T("admin.console.pick")
	p.Add(ch, page.Note(t.T("admin.console.guide", "Command", "zoomconnect admin guide")))
	return p, choices
}

func hasApp(apps []marketplace.App, id string) bool {
	for _, a := range apps {
		if a.ID == id {
			return true
		}
	}
	return false
}

// AppAction is what an item of an app's menu does.
type AppAction int

// An app's menu items.
const (
	ActRequests   AppAction = iota // the pending requests
	ActPreapprove                  // pre-approve people or groups
	ActAll                         // pre-approve for everyone
	ActOff                         // turn pre-approval off
	ActBack                        // another app
)

// AppPage is an app's menu: the app, then what to do with it.
func (s *Session) AppPage(app *marketplace.AppInfo, pending int, cursor int) (page.Page, []AppAction) {
	t := s.T
	p := page.Page{Title: t.T("admin.console.app_title", "Name", app.Name)}
	p.Add(s.AppBlocks(app)...)
	ch := page.Choices(min(max(cursor, 0), 4),
		page.Item{Text: t.N("admin.console.act_requests", pending)},
		page.Item{Text: t.T("admin.console.act_preapprove")},
		page.Item{Text: t.T("admin.console.act_all")},
		page.Item{Text: t.T("admin.console.act_off")},
		page.Item{Text: t.T("admin.console.act_back")},
	)
	ch.Text = t.T("admin.console.app_question")
	p.Add(ch)
	return p, []AppAction{ActRequests, ActPreapprove, ActAll, ActOff, ActBack}
}

// Change is the change an app menu's action asks for with no more input
// (ActAll, ActOff).
func (a AppAction) Change(app *marketplace.AppInfo) PreapproveChange {
	return PreapproveChange{App: app, All: a == ActAll, Off: a == ActOff}
}

// FormPage is the pre-approval form's text: what to type in each field.
func (s *Session) FormPage(app *marketplace.AppInfo) page.Page {
	t := s.T
	p := page.Page{Title: t.T("admin.console.form_title", "Name", app.Name)}
	p.Add(s.AppBlocks(app)...)
	p.Add(page.Field("users", t.T("admin.console.ask_users"), "jill@example.com, sam@example.com", "", false),
		page.Field("groups", t.T("admin.console.ask_groups"), "Sales, Support", "", false).Under())
	return p
}

// FormChange is the change the form's fields ask for: emails split at
// spaces, commas and semicolons; group names (which may hold spaces) at
// commas and semicolons.
func FormChange(app *marketplace.AppInfo, users, groups string) PreapproveChange {
	return PreapproveChange{App: app, Users: split(users, " ,;\t"), Groups: split(groups, ",;")}
}

func split(s, seps string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// RequestsTable is a request's row in the console's table: the person,
// their email, department, when they asked, their reason.
func (s *Session) RequestsTable(r marketplace.Request) []string {
	when := ""
	if !r.Date.IsZero() {
		when = s.T.Ago(s.now().Sub(r.Date))
	}
	return []string{cleaned(r.Name), cleaned(r.Email), cleaned(r.Department), when, cleaned(r.Reason)}
}

// TableHeaders are the console table's column titles, matching
// RequestsTable.
func (s *Session) TableHeaders() []string {
	t := s.T
	return []string{t.T("admin.console.col_name"), t.T("admin.console.col_email"), t.T("admin.console.col_dept"),
		t.T("admin.console.col_asked"), t.T("admin.console.col_reason")}
}

// ChecklistBlocks are the admin's pre-approval checklist as steps, for the
// line mode (the full-screen console opens the checklist screen).
func (s *Session) ChecklistBlocks() []page.Block {
	var items []string
	for _, it := range assets.AdminChecklist() {
		items = append(items, "**"+it.Title+"** "+it.Detail)
	}
	return []page.Block{page.Steps(1, items...), page.Note(s.T.T("admin.console.guide", "Command", "zoomconnect admin guide"))}
}
