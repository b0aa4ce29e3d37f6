package assets

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zoomconnect/zoomconnect/i18n"
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
	md := ChecklistMarkdown(en, items, map[string]bool{"b": true})
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
	md := ChecklistMarkdown(en, AdminChecklist(), nil)
	if strings.Contains(md, "[x]") {
		t.Fatal("nil done map ticked an item")
	}
	if got, want := strings.Count(md, "- [ ]"), len(AdminChecklist()); got != want {
		t.Fatalf("%d open items, want %d", got, want)
	}
}

func TestAdminRequestContainsEverything(t *testing.T) {
	md := AdminRequest(en, AdminRequestData{
		AppName:   "Acme Notes",
		ClientID:  "abcDEF123",
		UserEmail: "pat@example.com",
		UserName:  "Pat Doe",
		Scopes:    DefaultScopeReasons(en),
		Seen:      "no answer from the browser",
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
	md := AdminRequest(en, AdminRequestData{ClientID: "id1"})
	for _, w := range []string{"(unnamed app)", MarketplaceURL, "(the address I use to sign in to Zoom)", "only user-level scopes"} {
		if !strings.Contains(md, w) {
			t.Errorf("request lacks default %q", w)
		}
	}
	if strings.Contains(md, "What zoomconnect saw") {
		t.Error("empty Seen still rendered")
	}
}

func TestAdminRequestCleansInput(t *testing.T) {
	md := AdminRequest(en, AdminRequestData{
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
	md := AdminRequest(en, AdminRequestData{Steps: []ChecklistItem{{ID: "x", Title: "Only step", Detail: "d"}}})
	if !strings.Contains(md, "1. Only step") || strings.Contains(md, "2. ") {
		t.Fatalf("custom steps not used:\n%s", md)
	}
}

func TestCleanCollapsesWhitespace(t *testing.T) {
	if got := clean("  a\t\tb\n\nc \u2028d "); got != "a b c d" {
		t.Fatalf("clean = %q", got)
	}
}

// en is the language of the tests written for the English guides.
const en = i18n.English

// guideRenders renders every guide template of language l for cause, in
// every variant its data can take, keyed by a name for failure messages.
func guideRenders(l i18n.Lang, c Cause) map[string]string {
	out := map[string]string{}
	for _, own := range []bool{false, true} {
		for _, saved := range []string{"", "saving", "saved"} {
			d := GuideData{Cause: c, OwnApp: own, Saving: saved == "saving", Saved: saved == "saved"}
			out[fmt.Sprintf("preapproval own=%v attempt=%q", own, saved)] = PreapprovalGuide(l, d)
			d.AdminContact = "it@acme.example"
			out[fmt.Sprintf("preapproval own=%v attempt=%q contact", own, saved)] = PreapprovalGuide(l, d)
		}
	}
	out["preapproval admin view"] = PreapprovalGuide(l, GuideData{Cause: c, Admin: true})
	out["admin-request empty"] = AdminRequest(l, AdminRequestData{Cause: c})
	out["admin-request full"] = AdminRequest(l, AdminRequestData{Cause: c, AppName: "Acme Notes", ClientID: "abcDEF123",
		UserEmail: "pat@example.com", UserName: "Pat Doe", Scopes: DefaultScopeReasons(l), Seen: "no answer",
		AdminContact: "it@acme.example", AuthHost: "https://zoomgov.com"})
	out["preapproval not kept"] = PreapprovalGuide(l, GuideData{Cause: c, OwnApp: true, NotKept: true})
	out["admin-request app ID"] = AdminRequest(l, AdminRequestData{Cause: c, AppName: "Acme Notes", ClientID: "abcDEF123",
		AppID: "HwSqvKE3RX6fR_k_nOqi7g", UserEmail: "pat@example.com", Scopes: DefaultScopeReasons(l), ZoomSaid: "x",
		Sandbox: true})
	out["admin-request app ID, no email"] = AdminRequest(l, AdminRequestData{Cause: c, ClientID: "abcDEF123",
		AppID: "HwSqvKE3RX6fR_k_nOqi7g", Reported: true})
	out["checklist"] = ChecklistMarkdown(l, AdminChecklistIn(l), map[string]bool{"exemptions": true})
	out["timeout causes"] = strings.Join(TimeoutCauses(l, GuideKeys{}), "\n\n")
	return out
}

// renderedTemplates are the templates guideRenders covers.
var renderedTemplates = []string{"admin-request.md.tmpl", "checklist.md.tmpl", "preapproval.md.tmpl"}

// TestEveryGuideTemplateIsRenderedByTheTests: a new template under
// guides/ must be added to guideRenders, so the checks below cover it.
func TestEveryGuideTemplateIsRenderedByTheTests(t *testing.T) {
	for _, l := range i18n.Langs() {
		names, err := fs.Glob(FS(), "guides/"+string(l)+"/*.tmpl")
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if !slices.Contains(renderedTemplates, path.Base(n)) {
				t.Errorf("%s is not rendered by guideRenders", n)
			}
		}
		if len(names) != len(renderedTemplates) {
			t.Errorf("guides/%s has templates %v, the tests render %v", l, names, renderedTemplates)
		}
	}
}

// placeholder matches what a template left unfilled: an action, Go's
// missing-value text, or an error-table placeholder such as {profile}.
var placeholder = regexp.MustCompile(`\{\{|\}\}|<no value>|\{[a-z_]+\}`)

func TestGuidesRenderForEveryCause(t *testing.T) {
	for _, l := range i18n.Langs() {
		for _, c := range append(Causes(), "", "no-such-cause") {
			for name, md := range guideRenders(l, c) {
				if name == "timeout causes" {
					md += "\n"
				}
				if m := placeholder.FindString(md); m != "" {
					t.Errorf("%s %s, cause %q: %q left in:\n%s", l, name, c, m, md)
				}
				if strings.Contains(md, "\n\n\n") || !strings.HasSuffix(md, "\n") || strings.HasSuffix(md, "\n\n") {
					t.Errorf("%s %s, cause %q: a run of blank lines or a ragged end:\n%q", l, name, c, md)
				}
				checkReflows(t, fmt.Sprintf("%s %s, cause %q", l, name, c), md)
			}
		}
	}
}

// marker is what a wrapped line continues under: indentation, a list
// marker; item is a list item's start.
var (
	marker = regexp.MustCompile(`^\s*(?:(?:\d+\.|[-•✓✗!])\s+)?(?:\[[ x]\]\s+)?`)
	item   = regexp.MustCompile(`^\s*(?:\d+\.|[-•])\s`)
)

// checkReflows checks md against how the screens wrap it: each paragraph and
// list item is one line (a hard break is only Markdown's "  " line end,
// continued by an indented line), and no word is so long that reflow cuts
// it: none at 80 columns, and at 40 columns only an identifier or a URL.
func checkReflows(t *testing.T, name, md string) {
	t.Helper()
	prev := ""
	for _, line := range strings.Split(md, "\n") {
		hardBreak := strings.HasSuffix(prev, "  ") && strings.HasPrefix(line, " ")
		if prev != "" && line != "" && !item.MatchString(line) && !hardBreak {
			t.Errorf("%s: a paragraph is broken over two lines (the screen reflows it):\n%s\n%s", name, prev, line)
		}
		hang := utf8.RuneCountInString(marker.FindString(line))
		for _, w := range strings.Fields(line) {
			n := utf8.RuneCountInString(w)
			code := strings.ContainsAny(w, ":/_`")
			if n > 80-hang || (!code && n > 40-hang) {
				t.Errorf("%s: %q (%d cells, under a %d-cell marker) is cut when reflowed", name, w, n, hang)
			}
		}
		prev = line
	}
}

func TestAdminRequestFitsTheCause(t *testing.T) {
	pre := `Request: please pre-approve the Zoom app "Acme"`
	tests := []struct {
		cause     Cause
		want, not []string
	}{
		{CauseRequired, []string{pre + "\n", "with its pre-approval screen", "## Who to pre-approve", "Pre-approve toggle"},
			[]string{"admin-managed", "for me again", "most likely"}},
		{"", []string{pre + "\n", "with its pre-approval screen"}, []string{"admin-managed", "for me again"}},
		{"no-such-cause", []string{pre + "\n", "with its pre-approval screen"}, []string{"admin-managed", "for me again"}},
		{CauseLikely, []string{pre + "\n", "nothing comes back", "most likely reason", "Pre-approve toggle"},
			[]string{"stops me with its pre-approval screen", "admin-managed"}},
		{CauseAdminApp, []string{`Request: please install the Zoom app "Acme" for our account`,
			`"An account admin is required to install this type of app"`, "install (authorize) it for the account",
			"user-managed app with user-level scopes", "## Who needs it", "If your account also requires pre-approval",
			"When the app is installed"},
			[]string{"please pre-approve", "Who to pre-approve", "Only user-level scopes are needed"}},
		{CauseDisabled, []string{pre + " for me again", "4738", `"The token is disabled by admin."`, "pre-approve the app for me again",
			"## Who to pre-approve", "Pre-approve toggle"},
			[]string{"admin-managed", "I'm trying to connect"}},
	}
	for _, tt := range tests {
		md := AdminRequest(en, AdminRequestData{Cause: tt.cause, AppName: "Acme", ClientID: "id1", Scopes: DefaultScopeReasons(en)})
		for _, w := range tt.want {
			if !strings.Contains(md, w) {
				t.Errorf("cause %q: request lacks %q:\n%s", tt.cause, w, md)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(md, w) {
				t.Errorf("cause %q: request says %q:\n%s", tt.cause, w, md)
			}
		}
		if !strings.Contains(md, "`meeting:write`") || !strings.Contains(md, "`id1`") {
			t.Errorf("cause %q: the app or its scopes are missing:\n%s", tt.cause, md)
		}
	}
}

func TestPreapprovalGuideFitsTheCause(t *testing.T) {
	lookalike := "This private app belongs to another Zoom account"
	tests := []struct {
		cause     Cause
		want, not []string
	}{
		{CauseRequired, []string{"Your Zoom account needs an admin to approve this app first.", "Request pre-approval",
			"no connection was saved", "Manage → App Requests", "press a for the checklist", lookalike},
			[]string{"most likely", "admin-managed"}},
		{CauseLikely, append([]string{"The most likely cause: your Zoom account needs an admin", "Other causes look the same",
			"press r to try again", "press a for the checklist", lookalike}, OtherTimeoutCauses(en, GuideKeys{})...),
			[]string{"Your Zoom account needs an admin to approve this app first."}},
		{CauseAdminApp, []string{"Only a Zoom account admin can install this app", "admin-managed app",
			"install (authorize) the app", "user-managed app", `"Bring your own"`, "press r here to retry"},
			[]string{"press a for the checklist", lookalike, "Other causes"}},
		{CauseDisabled, []string{"turned off pre-approval for this app", "approval again", "Request pre-approval",
			"press a for the checklist"},
			[]string{lookalike, "no connection was saved", "most likely"}},
	}
	for _, tt := range tests {
		md := PreapprovalGuide(en, GuideData{Cause: tt.cause, OwnApp: true})
		for _, w := range tt.want {
			if !strings.Contains(md, w) {
				t.Errorf("cause %q: guide lacks %q:\n%s", tt.cause, w, md)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(md, w) {
				t.Errorf("cause %q: guide says %q:\n%s", tt.cause, w, md)
			}
		}
	}
}

// TestPreapprovalGuideKeepsTheScreensContract: the screen takes the
// title from the first line, puts what it knows under the first "## "
// heading and the request after the last line.
func TestPreapprovalGuideKeepsTheScreensContract(t *testing.T) {
	titles := map[string]Cause{}
	for _, c := range Causes() {
		for _, admin := range []bool{false, true} {
			d := GuideData{Cause: c, Admin: admin}
			lines := strings.Split(strings.TrimSuffix(PreapprovalGuide(en, d), "\n"), "\n")
			if lines[0] != "# "+PreapprovalTitle(en, d) || PreapprovalTitle(en, d) == "" {
				t.Errorf("cause %q admin %v: first line %q, title %q", c, admin, lines[0], PreapprovalTitle(en, d))
			}
			if lines[1] != "" || !strings.HasPrefix(lines[2], "## ") {
				t.Errorf("cause %q admin %v: no heading right under the title: %q", c, admin, lines[:3])
			}
			if last := lines[len(lines)-1]; !admin && last != "## Request for your admin (c copies, s saves)" {
				t.Errorf("cause %q: the guide ends with %q, not the request's heading", c, last)
			}
			if !admin {
				if prev, dup := titles[lines[0]]; dup {
					t.Errorf("causes %q and %q share the title %q", prev, c, lines[0])
				}
				titles[lines[0]] = c
			}
		}
	}
	if got := PreapprovalTitle(en, GuideData{Admin: true}); got != "Pre-approve the app (admin checklist)" {
		t.Errorf("admin view title = %q", got)
	}
}

func TestPreapprovalGuideSaysWhatWasSaved(t *testing.T) {
	saved := "✓ This attempt is saved: zoomconnect started later offers to resume it."
	saving := "_Saving this attempt, so zoomconnect started later offers to resume it…_"
	for _, tt := range []struct {
		d         GuideData
		want, not string
	}{
		{GuideData{Saved: true}, saved, saving},
		{GuideData{Saving: true}, saving, saved},
		{GuideData{}, "", "this attempt"},
	} {
		md := PreapprovalGuide(en, tt.d)
		if !strings.Contains(md, tt.want) || strings.Contains(md, tt.not) {
			t.Errorf("%+v: want %q and not %q:\n%s", tt.d, tt.want, tt.not, md)
		}
	}
	md := PreapprovalGuide(en, GuideData{AdminContact: "it@acme.example\x1b[2J\nx"})
	if !strings.Contains(md, "Your organization's Zoom admin: **it@acme.example [2J x**") {
		t.Errorf("admin contact not named (or not cleaned):\n%q", md)
	}
}

func TestOtherTimeoutCausesInOrder(t *testing.T) {
	got := OtherTimeoutCauses(en, GuideKeys{})
	want := []string{"left open, or closed without pressing Allow", "not on the app's allow list", "runs on another machine"}
	if len(got) != len(want) {
		t.Fatalf("OtherTimeoutCauses(en, GuideKeys{}) = %q", got)
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) || strings.HasPrefix(got[i], "-") {
			t.Errorf("cause %d = %q, want one mentioning %q", i+1, got[i], w)
		}
	}
}

// TestPreapprovalGuideNamesTheRemappedKeys: the guide names the keys the
// screen was given, never the default ones.
func TestPreapprovalGuideNamesTheRemappedKeys(t *testing.T) {
	keys := GuideKeys{Copy: "C", Save: "S", Retry: "R", Admin: "A", Paste: "U"}
	stale := regexp.MustCompile(`(?i:press) [csrau]\b|\([cs]\)|\b[cs] (copies|saves)|[cs] to (copy|save)|\ba to go back`)
	for _, c := range Causes() {
		for _, admin := range []bool{false, true} {
			md := PreapprovalGuide(en, GuideData{Cause: c, Admin: admin, Keys: keys})
			if m := stale.FindString(md); m != "" {
				t.Errorf("cause %q admin %v: names a default key (%q):\n%s", c, admin, m, md)
			}
			if want := map[bool]string{false: "(C copies, S saves)", true: "Press C to copy"}[admin]; !strings.Contains(md, want) {
				t.Errorf("cause %q admin %v: lacks %q:\n%s", c, admin, want, md)
			}
		}
	}
	if md := PreapprovalGuide(en, GuideData{Cause: CauseLikely, Keys: keys}); !strings.Contains(md, "press U and paste") ||
		!strings.Contains(md, "press R to try again") {
		t.Errorf("the timeout's causes do not name the remapped keys:\n%s", md)
	}
}
