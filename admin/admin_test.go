package admin_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/admin"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// session is an admin session on a fresh sandbox, with the demo admin app.
func session(t *testing.T, sc sandbox.Scenario, lang i18n.Lang) *admin.Session {
	t.Helper()
	srv := testkit.Sandbox(t, sandbox.Options{Scenario: sc})
	creds := marketplace.AccountCredentials{AccountID: sandbox.DemoAccountID, ClientID: sandbox.DemoAdminClientID,
		ClientSecret: sandbox.DemoAdminClientSecret, AuthBaseURL: srv.URL}
	ts := creds.TokenSource(context.Background())
	noSleep := func(<-chan struct{}, time.Duration) bool { return true }
	return &admin.Session{Client: &marketplace.Client{BaseURL: srv.URL, TokenSource: ts, Sleep: noSleep},
		Tokens: ts, T: i18n.New(lang), Sandbox: true}
}

// text flattens blocks to plain lines (an outcome line with its glyph, a
// list item with "- ", a menu's or a list item's detail under it), and
// fails on a message missing from the catalog ("[admin.x]").
func text(t *testing.T, blocks []page.Block) string {
	t.Helper()
	glyph := map[page.Kind]string{page.KindOK: "✓ ", page.KindWarn: "! ", page.KindFail: "✗ "}
	var b strings.Builder
	for _, bl := range blocks {
		b.WriteString(glyph[bl.Kind] + page.PlainText(bl.Text) + "\n")
		for _, it := range bl.Items {
			b.WriteString("- " + page.PlainText(it.Text) + "\n")
			if it.Detail != "" {
				b.WriteString("  " + strings.ReplaceAll(page.PlainText(it.Detail), "\n", "\n  ") + "\n")
			}
		}
	}
	out := b.String()
	if strings.Contains(out, "[admin.") || strings.Contains(out, "<no value>") {
		t.Errorf("a message is missing or unfilled:\n%s", out)
	}
	return out
}

func TestCheckFindsEveryScope(t *testing.T) {
	s := session(t, sandbox.ScenarioPreapproval, i18n.English)
	c := s.Check(context.Background())
	if !c.OK() || !c.ScopesListed || c.Apps != 1 {
		t.Fatalf("check %+v", c)
	}
	out := text(t, s.CheckBlocks(c))
	for _, want := range []string{"✓ Zoom gave the Server-to-Server app a token", "1 with pending requests", "every scope"} {
		if !strings.Contains(out, want) {
			t.Errorf("check page lacks %q:\n%s", want, out)
		}
	}
}

// A missing scope is named by its exact granular name, with what needs it
// and where to add it; the command to run again carries --sandbox.
func TestCheckNamesMissingScope(t *testing.T) {
	for _, lang := range i18n.Langs() {
		s := session(t, sandbox.ScenarioAdminMissingScope, lang)
		c := s.Check(context.Background())
		if c.OK() || len(c.Missing) != 1 || c.Missing[0].Scope != "marketplace:write:app_pre_approve:admin" {
			t.Fatalf("%s: check %+v", lang, c)
		}
		out := text(t, s.CheckBlocks(c))
		for _, want := range []string{"✗ ", "marketplace:write:app_pre_approve:admin", "admin preapprove", "Scopes", "zoomconnect admin login --sandbox"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the check page lacks %q:\n%s", lang, want, out)
			}
		}
	}
}

func TestMissing(t *testing.T) {
	got := admin.Missing([]string{"marketplace_app:read:admin", "marketplace:update:app_request:admin", "user:read:admin"})
	var names []string
	for _, n := range got {
		names = append(names, n.Scope)
	}
	want := "marketplace:write:app_pre_approve:admin group:read:list_groups:admin"
	if strings.Join(names, " ") != want {
		t.Errorf("Missing = %v, want %s (classic scopes stand in for granular ones)", names, want)
	}
}

// The closed loop through the core: the confirmation names who is
// approved, then the report says it per person.
func TestApproveNamedRequests(t *testing.T) {
	ctx := context.Background()
	s := session(t, sandbox.ScenarioPreapproval, i18n.English)
	app, err := s.App(ctx, sandbox.DemoAppID)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.PlanRequests(ctx, admin.RequestChange{App: app, Action: marketplace.Approve,
		Who: []string{"DEE.DEV@example.com", "nobody@example.com"}})
	if err != nil || len(plan.Pending) != 1 || plan.Pending[0].Name != "Dee Developer" || len(plan.Unmatched) != 1 || plan.Dangerous() {
		t.Fatalf("plan %+v, %v", plan, err)
	}
	blocks, q := s.ConfirmRequests(plan)
	out := text(t, blocks)
	if q == "" || !strings.Contains(out, "Approve the request of 1 person for zoomconnect Sandbox App") ||
		!strings.Contains(out, "Dee Developer <dee.dev@example.com>") || !strings.Contains(out, "nobody@example.com") {
		t.Errorf("confirmation (%q):\n%s", q, out)
	}
	rep := s.ApplyRequests(ctx, plan)
	if rep.OK || rep.Done() != 1 || rep.Unchanged() != 1 || rep.Err != nil {
		t.Fatalf("report %+v", rep)
	}
	out = text(t, s.ReportBlocks(rep))
	for _, want := range []string{"✓ Dee Developer <dee.dev@example.com>: approved", "✗ nobody@example.com: no pending request", "Changed: 1. Not changed: 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	b, _ := json.Marshal(rep)
	if !strings.Contains(string(b), `"schema":1`) || !strings.Contains(string(b), `"outcome":"not_found"`) {
		t.Errorf("JSON %s", b)
	}
}

// decline_all needs an explicit confirmation and says why.
func TestDeclineAllIsDangerous(t *testing.T) {
	ctx := context.Background()
	s := session(t, sandbox.ScenarioPreapproval, i18n.French)
	app, _ := s.App(ctx, sandbox.DemoAppID)
	plan, err := s.PlanRequests(ctx, admin.RequestChange{App: app, Action: marketplace.DeclineAll})
	if err != nil || !plan.Dangerous() || len(plan.Pending) != 2 {
		t.Fatalf("plan %+v %v", plan, err)
	}
	blocks, _ := s.ConfirmRequests(plan)
	if out := text(t, blocks); !strings.Contains(out, "désactive les copies") || !strings.Contains(out, "2 personnes attendent") {
		t.Errorf("confirmation:\n%s", out)
	}
}

// Pre-approving named people on an app approved for everyone warns that
// it narrows it; people who cannot be sent are named before anything is.
func TestPreapproveNarrowingWarns(t *testing.T) {
	ctx := context.Background()
	s := session(t, sandbox.ScenarioPreapproval, i18n.English)
	app, _ := s.App(ctx, sandbox.DemoAppID)
	if _, err := s.Client.PreApproveAll(ctx, app.ID, true); err != nil {
		t.Fatal(err)
	}
	plan, err := s.PlanPreapprove(ctx, admin.PreapproveChange{App: app, Users: []string{"dee.dev@example.com", sandbox.DemoPendingEmail}})
	if err != nil || !plan.Narrows() || !plan.Dangerous() || plan.Sendable() != 1 {
		t.Fatalf("plan %+v %v", plan, err)
	}
	blocks, q := s.ConfirmPreapprove(plan)
	out := text(t, blocks)
	if q == "" || !strings.Contains(out, "pre-approved for everyone") || !strings.Contains(out, "Pre-approve zoomconnect Sandbox App for 1 person") ||
		!strings.Contains(out, "has not joined") {
		t.Errorf("confirmation:\n%s", out)
	}
	rep := s.ApplyPreapprove(ctx, plan)
	if rep.Done() != 1 || rep.Action != "approve_user" || rep.Err != nil {
		t.Fatalf("report %+v", rep)
	}
	if out := text(t, s.ReportBlocks(rep)); !strings.Contains(out, "✓ Dee Developer <dee.dev@example.com>: pre-approved") {
		t.Errorf("report:\n%s", out)
	}
}

// A group name that matches two groups stops the plan: nothing is sent.
func TestAmbiguousGroupStopsThePlan(t *testing.T) {
	ctx := context.Background()
	s := session(t, sandbox.ScenarioPreapproval, i18n.English)
	app, _ := s.App(ctx, sandbox.DemoAppID)
	plan, err := s.PlanPreapprove(ctx, admin.PreapproveChange{App: app, Groups: []string{sandbox.DemoAmbiguousGroup}})
	if !admin.IsGroupNames(err) || len(plan.Groups) != 1 || plan.Groups[0].Outcome != marketplace.OutcomeAmbiguous {
		t.Fatalf("plan %+v, %v", plan, err)
	}
}

func TestPreapproveOffWarnsAboutTokens(t *testing.T) {
	ctx := context.Background()
	s := session(t, sandbox.ScenarioPreapproval, i18n.English)
	app, _ := s.App(ctx, sandbox.DemoAppID)
	plan, err := s.PlanPreapprove(ctx, admin.PreapproveChange{App: app, Off: true})
	if err != nil || !plan.MayBreakTokens() || !plan.Dangerous() {
		t.Fatalf("plan %+v %v", plan, err)
	}
	blocks, _ := s.ConfirmPreapprove(plan)
	if out := text(t, blocks); !strings.Contains(out, "4738") {
		t.Errorf("no 4738 warning:\n%s", out)
	}
	rep := s.ApplyPreapprove(ctx, plan)
	if rep.Err != nil || rep.At.IsZero() || !rep.OK {
		t.Fatalf("report %+v", rep)
	}
	if out := text(t, s.ReportBlocks(rep)); !strings.Contains(out, "Turned the pre-approval of zoomconnect Sandbox App off") {
		t.Errorf("report:\n%s", out)
	}
}

// A Zoom refusal is explained from the error table, with the app's ID in
// the command; the JSON names its key and Zoom's code.
func TestRefusalExplained(t *testing.T) {
	ctx := context.Background()
	s := session(t, sandbox.ScenarioPreapproval, i18n.English)
	app, _ := s.App(ctx, sandbox.DemoAdminOnlyAppID)
	plan, err := s.PlanPreapprove(ctx, admin.PreapproveChange{App: app, All: true})
	if err != nil {
		t.Fatal(err)
	}
	rep := s.ApplyPreapprove(ctx, plan)
	if rep.Err == nil || rep.Error.Key != "marketplace:1500" || rep.Error.Code != 1500 {
		t.Fatalf("report %+v", rep)
	}
	out := text(t, s.ReportBlocks(rep))
	if !strings.Contains(out, "✗ Zoom will not pre-approve this app (1500)") {
		t.Errorf("explanation:\n%s", out)
	}
	if got := text(t, s.AppBlocks(app)); !strings.Contains(got, "under admin management") {
		t.Errorf("app blocks:\n%s", got)
	}
}

func TestAppID(t *testing.T) {
	org := &storage.OrgApp{AppID: "zcSbxDemoUserApp000001"}
	cases := []struct {
		given string
		org   *storage.OrgApp
		want  string
		err   bool
	}{
		{"", nil, "", false},
		{"", org, "zcSbxDemoUserApp000001", false},
		{"https://marketplace.zoom.us/apps/HwSqvKE3RX6fR_k_nOqi7g", org, "HwSqvKE3RX6fR_k_nOqi7g", false},
		{"not an id", nil, "", true},
	}
	for _, c := range cases {
		got, err := admin.AppID(c.given, c.org)
		if got != c.want || (err != nil) != c.err {
			t.Errorf("AppID(%q) = %q, %v", c.given, got, err)
		}
	}
}

// Every listing renders in both languages with no missing message.
func TestListingsRender(t *testing.T) {
	ctx := context.Background()
	for _, lang := range i18n.Langs() {
		s := session(t, sandbox.ScenarioPreapproval, lang)
		apps, err := s.AppsWithRequests(ctx)
		if err != nil {
			t.Fatal(err)
		}
		p := s.AppsPage(apps)
		text(t, p.Blocks)
		app, _ := s.App(ctx, sandbox.DemoAppID)
		for _, st := range []marketplace.RequestStatus{marketplace.StatusPending, marketplace.StatusApproved, marketplace.StatusRejected} {
			reqs, err := s.Client.Requests(ctx, app.ID, st)
			if err != nil {
				t.Fatal(err)
			}
			p := s.RequestsPage(app, st, reqs)
			out := text(t, p.Blocks)
			if st == marketplace.StatusPending && (!strings.Contains(out, "Dee Developer") || !strings.Contains(out, "admin approve --sandbox --app zcSbxDemoUserApp000001")) {
				t.Errorf("%s: pending requests:\n%s", lang, out)
			}
		}
		j, _ := json.Marshal(admin.NewAppsReport(apps))
		if !strings.Contains(string(j), `"schema":1`) || !strings.Contains(string(j), `"latest_request_at":"20`) {
			t.Errorf("apps JSON %s", j)
		}
	}
}
