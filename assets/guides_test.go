package assets

import (
	"strconv"
	"strings"
	"testing"
)

// The "admin path" list, phrase by phrase: the checklist must cover
// every one of them.
var requiredChecklistPhrases = []string{
	"owner or admin",
	"Manage → Permissions",
	"Admin App Management → Permissions",
	`"Require publicly listed apps on the Zoom App Marketplace to be pre-approved for your users"`,
	"confirm in a dialog",
	"keep it on",
	"apps created by Zoom",
	"apps created by users in your account",
	"Who can install",
	"Pre-approve",
	`"Allow all users on your account to install this app"`,
	`"Allow specific users or user groups to install this app"`,
	"Add users",
	"by email",
	"user group by its name",
	"mix users and groups",
	"5.9.6",
	"all users also get an email",
	"Manage → App Requests",
	"Pre-approval Requests",
}

func TestAdminChecklistCoversTheAdminPath(t *testing.T) {
	items := AdminChecklist()
	var all strings.Builder
	for _, it := range items {
		all.WriteString(it.Title + "\n" + it.Detail + "\n")
	}
	for _, p := range requiredChecklistPhrases {
		if !strings.Contains(all.String(), p) {
			t.Errorf("checklist does not mention %q", p)
		}
	}
}

func TestAdminChecklistItemsAreComplete(t *testing.T) {
	seen := map[string]bool{}
	for i, it := range AdminChecklist() {
		if it.ID == "" || it.Title == "" || it.Detail == "" {
			t.Errorf("item %d has an empty field: %+v", i, it)
		}
		if seen[it.ID] {
			t.Errorf("duplicate ID %q", it.ID)
		}
		seen[it.ID] = true
	}
	if len(seen) < 8 {
		t.Errorf("checklist has %d items, want the whole admin path", len(seen))
	}
}

func TestAdminChecklistReturnsFreshSlice(t *testing.T) {
	a := AdminChecklist()
	a[0].Title = "changed"
	if AdminChecklist()[0].Title == "changed" {
		t.Fatal("AdminChecklist shares its slice between callers")
	}
}

func TestChecklistMarkdownTicksDoneItems(t *testing.T) {
	items := []ChecklistItem{{ID: "a", Title: "First", Detail: "one"}, {ID: "b", Title: "Second", Detail: "two"}}
	md := ChecklistMarkdown(items, map[string]bool{"b": true})
	for _, want := range []string{"- [ ] **First**", "- [x] **Second**", "one", "two", MarketplaceURL} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Index(md, "First") > strings.Index(md, "Second") {
		t.Error("items out of order")
	}
}

func TestChecklistMarkdownNilDoneIsAllOpen(t *testing.T) {
	md := ChecklistMarkdown(AdminChecklist(), nil)
	if strings.Contains(md, "[x]") {
		t.Fatal("nil done map ticked an item")
	}
	if got, want := strings.Count(md, "- [ ]"), len(AdminChecklist()); got != want {
		t.Fatalf("%d open items, want %d", got, want)
	}
}

func TestAdminRequestContainsEverything(t *testing.T) {
	md := AdminRequest(AdminRequestData{
		AppName:   "Acme Notes",
		ClientID:  "abcDEF123",
		UserEmail: "pat@example.com",
		UserName:  "Pat Doe",
		Scopes:    DefaultScopeReasons(),
		Cause:     "no answer from the browser",
	})
	want := []string{
		`"Acme Notes"`, "`abcDEF123`", "pat@example.com", "Pat Doe", MarketplaceURL,
		"`meeting:write`", "`recording:read`", "`user_info:read`", "to create, update and delete",
		"no answer from the browser",
		"1. Sign in to the Zoom App Marketplace",
		"Require publicly listed apps on the Zoom App Marketplace to be pre-approved for your users",
		"Allow specific users or user groups", "Manage → App Requests",
	}
	for _, w := range want {
		if !strings.Contains(md, w) {
			t.Errorf("request lacks %q:\n%s", w, md)
		}
	}
	n := len(AdminChecklist())
	if !strings.Contains(md, "\n"+strconv.Itoa(n)+". ") {
		t.Errorf("request does not number all %d steps", n)
	}
}

func TestAdminRequestDefaults(t *testing.T) {
	md := AdminRequest(AdminRequestData{ClientID: "id1"})
	for _, w := range []string{"(unnamed app)", MarketplaceURL, "(the address I use to sign in to Zoom)", "only user-level scopes"} {
		if !strings.Contains(md, w) {
			t.Errorf("request lacks default %q", w)
		}
	}
	if strings.Contains(md, "What zoomconnect saw") {
		t.Error("empty Cause still rendered")
	}
}

func TestAdminRequestCleansInput(t *testing.T) {
	md := AdminRequest(AdminRequestData{
		AppName:   "Evil\x1b[31mApp\n# injected heading",
		ClientID:  "id`with`ticks",
		UserEmail: "a@b.c\r\nBcc: x",
		Scopes:    []ScopeReason{{Name: "s\x07", Why: "why\nnot"}},
	})
	if strings.ContainsAny(md, "\x1b\x07\r") {
		t.Fatal("control characters reached the request")
	}
	if strings.Contains(md, "\n# injected") {
		t.Fatal("a line break in the app name started a new Markdown line")
	}
	if !strings.Contains(md, "`idwithticks`") {
		t.Fatal("backticks in the client ID were not removed")
	}
}

func TestAdminRequestCustomSteps(t *testing.T) {
	md := AdminRequest(AdminRequestData{Steps: []ChecklistItem{{ID: "x", Title: "Only step", Detail: "d"}}})
	if !strings.Contains(md, "1. Only step") || strings.Contains(md, "2. ") {
		t.Fatalf("custom steps not used:\n%s", md)
	}
}

func TestPreapprovalGuideExplains(t *testing.T) {
	g := PreapprovalGuide()
	for _, w := range []string{"admin", "Request", "pre-approval", "nothing was saved", "resume"} {
		if !strings.Contains(g, w) {
			t.Errorf("guide lacks %q", w)
		}
	}
}

func TestCleanCollapsesWhitespace(t *testing.T) {
	if got := clean("  a\t\tb\n\nc \u2028d "); got != "a b c d" {
		t.Fatalf("clean = %q", got)
	}
}
