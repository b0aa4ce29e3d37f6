package admin

import (
	"fmt"
	"strings"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/page"
)

// Who names a person: "Name <email>", or whichever is known, or the
// input as given.
func (s *Session) Who(name, email, input string) string {
	switch {
	case name != "" && email != "" && !strings.EqualFold(name, email):
		return s.T.T("admin.who", "Name", name, "Email", email)
	case name != "":
		return cleaned(name)
	case email != "":
		return cleaned(email)
	}
	return cleaned(input)
}

// cleaned is s as the catalog shows a value: no control characters, no
// markup.
func cleaned(s string) string { return fmt.Sprint(i18n.Arg(s)) }

// AppBlocks name the app before any change: its name and ID, with a
// warning for an app under admin management.
func (s *Session) AppBlocks(a *marketplace.AppInfo) []page.Block {
	out := []page.Block{page.Para(s.T.T("admin.app.line", "Name", a.Name, "ID", a.ID))}
	if a.AdminManaged() {
		out = append(out, page.Warn(s.T.T("admin.app.admin_managed")).Under())
	}
	return out
}

// AppsPage lists the apps people have pending requests for, and how to see
// one's requests.
func (s *Session) AppsPage(apps []marketplace.App) page.Page {
	t := s.T
	p := page.Page{Title: t.T("admin.apps.title")}
	if len(apps) == 0 {
		return *p.Add(page.OK(t.T("admin.apps.none")))
	}
	lines := make([]string, len(apps))
	for i, a := range apps {
		lines[i] = s.AppLine(a)
	}
	return *p.Add(page.List(lines...),
		page.Note(t.T("admin.apps.next", "Command", s.Command("zoomconnect admin requests --app APP_ID"))))
}

// AppLine names an app of a listing with how many requests it has:
// "**Name** `ID`: 2 pending requests, the latest on Mon 2 Jan 15:04".
func (s *Session) AppLine(a marketplace.App) string {
	return s.T.T("admin.apps.entry", "App", i18n.Raw(s.T.T("admin.apps.item", "Name", a.Name, "ID", a.ID)), "Pending", i18n.Raw(s.pendingLine(a)))
}

// pendingLine says how many requests an app has, and since when.
func (s *Session) pendingLine(a marketplace.App) string {
	if a.LatestRequest.IsZero() {
		return s.T.N("admin.apps.pending", a.RequestPending)
	}
	return s.T.N("admin.apps.pending_since", a.RequestPending, "When", s.T.DayTime(a.LatestRequest))
}

// requestTitles are the titles of the listings of each state.
var requestTitles = map[marketplace.RequestStatus]string{
	marketplace.StatusPending: "admin.requests.title_pending", marketplace.StatusApproved: "admin.requests.title_approved",
	marketplace.StatusRejected: "admin.requests.title_rejected",
}

// RequestsPage lists an app's requests in one state: who, their
// department, when and why they asked; for pending ones, the commands that
// approve or decline them.
func (s *Session) RequestsPage(a *marketplace.AppInfo, status marketplace.RequestStatus, reqs []marketplace.Request) page.Page {
	t := s.T
	p := page.Page{Title: t.T(requestTitles[status])}
	p.Add(s.AppBlocks(a)...)
	if len(reqs) == 0 {
		return *p.Add(page.OK(t.T("admin.requests.none_" + string(status))))
	}
	p.Add(page.Para(t.N("admin.requests.count", len(reqs))))
	for _, r := range reqs {
		p.Add(s.RequestBlocks(r)...)
	}
	if status == marketplace.StatusPending {
		p.Add(page.Note(t.T("admin.requests.next_approve", "Command", s.Command("zoomconnect admin approve --app "+a.ID+" EMAIL…"))),
			page.Note(t.T("admin.requests.next_all", "Command", s.Command("zoomconnect admin approve --app "+a.ID+" --all"))).Under(),
			page.Note(t.T("admin.requests.next_decline", "Command", s.Command("zoomconnect admin decline --app "+a.ID+" EMAIL…"))).Under())
	}
	return p
}

// RequestBlocks are one request as listings show it: the person, then
// rows with their department, when they asked and why.
func (s *Session) RequestBlocks(r marketplace.Request) []page.Block {
	out := []page.Block{page.Heading(s.Who(r.Name, r.Email, r.UserID))}
	if rows := s.RequestRows(r); len(rows) > 0 {
		out = append(out, page.Rows(rows...).Under())
	}
	return out
}

// RequestRows are a request's department, when the person asked and
// their reason, as label/value rows (the ones Zoom gave).
func (s *Session) RequestRows(r marketplace.Request) []page.Item {
	t := s.T
	var rows []page.Item
	if r.Department != "" {
		rows = append(rows, page.Item{Text: t.T("admin.console.col_dept"), Detail: cleaned(r.Department)})
	}
	if !r.Date.IsZero() {
		rows = append(rows, page.Item{Text: t.T("admin.console.col_asked"),
			Detail: t.T("admin.requests.when", "When", t.DayTime(r.Date), "Ago", t.Ago(s.now().Sub(r.Date)))})
	}
	if r.Reason != "" {
		rows = append(rows, page.Item{Text: t.T("admin.console.col_reason"), Detail: cleaned(r.Reason)})
	}
	return rows
}

// ConfirmRequests is what a front end shows before a request change: the
// app, what will happen to whom, the names with no pending request, the
// warning of decline_all; and the yes/no question to ask. A plan with no
// one to change has no question: say the blocks and stop.
func (s *Session) ConfirmRequests(p *RequestPlan) ([]page.Block, string) {
	t := s.T
	out := s.AppBlocks(p.App)
	n := len(p.Pending)
	if len(p.Unmatched) > 0 {
		out = append(out, page.Warn(t.N("admin.confirm.unmatched", len(p.Unmatched), "List", t.List(p.Unmatched))))
	}
	if n == 0 {
		return append(out, page.Para(t.T("admin.confirm.nothing_"+string(p.Action)))), ""
	}
	out = append(out, page.Para(t.N("admin.confirm."+string(p.Action), n, "App", p.App.Name)))
	who := make([]string, n)
	for i, r := range p.Pending {
		who[i] = s.Who(r.Name, r.Email, r.UserID)
	}
	out = append(out, page.List(who...).Under())
	if p.Dangerous() {
		out = append(out, page.Warn(t.T("admin.warn.decline_all")))
	}
	return out, t.T("admin.confirm.question")
}

// ConfirmPreapprove is what a front end shows before a pre-approval
// change: the app, whom it adds or takes off (and who cannot be sent), the
// warnings (narrowing an app pre-approved for everyone, tokens that may
// stop working); and the yes/no question, "" when nothing can be sent.
func (s *Session) ConfirmPreapprove(p *PreapprovePlan) ([]page.Block, string) {
	t := s.T
	out := s.AppBlocks(p.App)
	switch {
	case p.All:
		out = append(out, page.Para(t.T("admin.confirm.preapprove_all", "App", p.App.Name)))
	case p.Off:
		out = append(out, page.Para(t.T("admin.confirm.preapprove_off", "App", p.App.Name)))
	default:
		out = append(out, s.targetBlocks(p, KindUser, p.Users)...)
		out = append(out, s.targetBlocks(p, KindGroup, p.Groups)...)
	}
	if p.Narrows() && p.ModeErr != nil {
		out = append(out, page.Warn(t.T("admin.warn.mode_unknown", "Reason", s.Explain(p.ModeErr, p.App.ID).Title)))
	} else if p.Narrows() {
		out = append(out, page.Warn(t.T("admin.warn.narrows", "App", p.App.Name)))
	}
	if p.MayBreakTokens() {
		out = append(out, page.Warn(t.T("admin.warn.tokens")))
	}
	if !p.All && !p.Off && p.Sendable() == 0 {
		return append(out, page.Para(t.T("admin.confirm.nothing_preapprove"))), ""
	}
	return out, t.T("admin.confirm.question")
}

// targetBlocks are the people or groups of a pre-approval plan: a line
// saying what will happen to the ones found and a list of them, then a
// failed line for each one that cannot be sent, with why.
func (s *Session) targetBlocks(p *PreapprovePlan, kind string, res []marketplace.Result) []page.Block {
	if len(res) == 0 {
		return nil
	}
	var found []string
	var unsent []page.Block
	for _, r := range res {
		if r.Outcome == marketplace.OutcomeResolved {
			found = append(found, s.targetName(kind, r))
			continue
		}
		why := s.T.T("admin.confirm.not_sent", "Why", i18n.Raw(s.outcomeText(kind, p.Action(kind), r.Outcome)))
		unsent = append(unsent, page.Fail(s.T.T("admin.result.item", "Who", i18n.Raw(s.targetName(kind, r)), "Outcome", i18n.Raw(why))).Under())
	}
	out := []page.Block{page.Para(s.T.N("admin.confirm."+p.Action(kind), len(found), "App", p.App.Name))}
	if len(found) > 0 {
		out = append(out, page.List(found...).Under())
	}
	return append(out, unsent...)
}

// targetName names a person or a group of a result.
func (s *Session) targetName(kind string, r marketplace.Result) string {
	if kind == KindGroup {
		if r.Name != "" {
			return cleaned(r.Name)
		}
		return cleaned(strings.TrimSpace(r.Input))
	}
	return s.Who(r.Name, r.Email, strings.TrimSpace(r.Input))
}

// ReportBlocks say what a change did (ResultBlocks) and then, when a call
// failed, its explanation: the whole report, for the console.
func (s *Session) ReportBlocks(r *Report) []page.Block {
	return append(s.ResultBlocks(r), s.FailureBlocks(r)...)
}

// FailureBlocks explain why a change failed, none when it did not: a
// group name that matched no group or several, or Zoom's refusal from the
// error table.
func (s *Session) FailureBlocks(r *Report) []page.Block {
	if IsGroupNames(r.Err) {
		return []page.Block{page.Fail(s.T.T("admin.result.group_names"))}
	}
	return s.ErrorBlocks(r.Err, r.App.ID)
}

// ResultBlocks say what a change did: one line per person or group with
// its outcome (✓ changed or already so, ✗ not), a summary, and what comes
// next for the people approved.
func (s *Session) ResultBlocks(r *Report) []page.Block {
	t := s.T
	var out []page.Block
	if r.Action == "approve_all" && r.Target == TargetPreapproval || r.Action == "disapprove_all" {
		if r.Err == nil {
			out = append(out, page.OK(t.T("admin.result."+r.Action, "App", r.App.Name, "When", t.DayTime(r.At))))
		}
	} else if len(r.Results) > 0 {
		for i, x := range r.Results {
			b := page.Block{Kind: mark(x.Outcome), Text: t.T("admin.result.item", "Who", i18n.Raw(s.resultName(x)),
				"Outcome", i18n.Raw(s.outcomeText(x.Kind, s.actionOf(r, x), x.Outcome)))}
			if i > 0 {
				b = b.Under()
			}
			out = append(out, b)
		}
		if !IsGroupNames(r.Err) { // nothing was sent: no count
			out = append(out, page.Para(s.summary(r)))
		}
	} else if r.Err == nil {
		out = append(out, page.OK(t.T("admin.result.nothing")))
	}
	if r.Done() > 0 && !strings.HasPrefix(r.Action, "disapprove") && r.Action != "decline" && r.Action != "decline_all" {
		out = append(out, page.Note(t.T("admin.result.tell", "Command", s.Command("zoomconnect login"))))
	}
	return out
}

// actionOf is the action behind one result (people and groups of one
// pre-approval report have their own).
func (s *Session) actionOf(r *Report, x Result) string {
	if r.Target != TargetPreapproval {
		return r.Action
	}
	remove := strings.HasPrefix(r.Action, "disapprove")
	ch := PreapproveChange{Remove: remove}
	return ch.Action(x.Kind)
}

// resultName names the input of a result.
func (s *Session) resultName(x Result) string {
	if x.Kind == KindGroup {
		return s.targetName(KindGroup, marketplace.Result{Input: x.Input, Name: x.Name})
	}
	return s.Who(x.Name, x.Email, strings.TrimSpace(x.Input))
}

// mark is the glyph kind of an outcome.
func mark(o marketplace.Outcome) page.Kind {
	switch o {
	case marketplace.OutcomeDone, marketplace.OutcomeAlready:
		return page.KindOK
	case marketplace.OutcomeDuplicate, marketplace.OutcomeUnconfirmed:
		return page.KindWarn
	}
	return page.KindFail
}

// outcomeText says in words what happened to one input of action.
func (s *Session) outcomeText(kind, action string, o marketplace.Outcome) string {
	t := s.T
	switch o {
	case marketplace.OutcomeDone:
		return t.T("admin.outcome.done_" + action)
	case marketplace.OutcomeAlready:
		if id := "admin.outcome.already_" + action; t.Has(id) {
			return t.T(id)
		}
		return t.T("admin.outcome.already")
	case marketplace.OutcomeNotFound:
		return t.T("admin.outcome.not_found_" + kind)
	case marketplace.OutcomePending, marketplace.OutcomeAmbiguous, marketplace.OutcomeUnconfirmed,
		marketplace.OutcomeDuplicate, marketplace.OutcomeSkipped:
		return t.T("admin.outcome." + string(o))
	}
	return t.T("admin.outcome.error")
}

// summary counts what changed and what did not.
func (s *Session) summary(r *Report) string {
	done := s.T.N("admin.result.done", r.Done())
	if n := r.Unchanged(); n > 0 {
		return done + " " + s.T.N("admin.result.unchanged", n)
	}
	return done
}

// CheckBlocks say what checking an admin app found: the token, the read
// call, the scopes (each missing one by its exact granular name, what
// needs it, and the steps that add it on the app's Scopes page), or the
// explanation of what stopped the check.
func (s *Session) CheckBlocks(c Check) []page.Block {
	t := s.T
	var out []page.Block
	if c.Token {
		out = append(out, page.OK(t.T("admin.check.token_ok")))
		if !c.ScopesListed {
			out = append(out, page.Note(t.T("admin.check.scopes_unlisted")).Under())
		}
	}
	if c.Read {
		out = append(out, page.OK(t.N("admin.check.read_ok", c.Apps)).Under())
	}
	if len(c.Missing) > 0 {
		items := make([]string, len(c.Missing))
		for i, n := range c.Missing {
			items[i] = s.needText(n)
		}
		out = append(out, page.Fail(t.N("admin.check.missing", len(c.Missing))), page.List(items...).Under(),
			page.Heading(t.T("admin.check.fix_title")),
			page.Steps(1, t.T("admin.check.fix_open", "URL", "https://marketplace.zoom.us/"), t.T("admin.check.fix_add"),
				t.T("admin.check.fix_activate"), t.T("admin.check.fix_again", "Command", s.Command("zoomconnect admin login"))).Under())
	} else if c.Token && c.Err == nil && (c.Read || c.ScopesListed) {
		out = append(out, page.OK(t.T("admin.check.all_scopes")).Under())
	}
	return append(out, s.ErrorBlocks(c.Err, "")...)
}

// needText is a missing scope in a list: its exact name, what needs it,
// and the other names that do instead.
func (s *Session) needText(n Need) string {
	text := s.T.T("admin.check.need", "Scope", n.Scope, "For", i18n.Raw(s.T.T(n.For)))
	if len(n.Also) > 0 {
		quoted := make([]string, len(n.Also))
		for i, a := range n.Also {
			quoted[i] = "`" + a + "`"
		}
		text += " " + s.T.T("admin.check.need_also", "Scopes", i18n.Raw(strings.Join(quoted, ", ")))
	}
	return text
}
