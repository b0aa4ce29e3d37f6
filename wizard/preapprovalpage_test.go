package wizard

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

var (
	testTimeout  = &oauthflow.Error{Kind: oauthflow.KindTimeout, Op: oauthflow.OpAuthorize}
	testDisabled = &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Op: oauthflow.OpMe, Code: 4738,
		Reason: "The token is disabled by admin."}
	testZoomWall = &oauthflow.Error{Kind: oauthflow.KindCallbackError, Op: oauthflow.OpAuthorize, ErrorCode: "access_denied",
		Reason: "You cannot authorize this app: it needs pre-approval"}
)

func testCreds() Creds {
	return Creds{AuthType: storage.AuthOwnApp, AppName: "Acme", ExpectedEmail: "pat@example.com",
		App: oauthflow.App{ClientID: "AcmeClientID12345678", ClientSecret: "s3cret"}}
}

// TestConfirmedWalls: only what the person reported or Zoom said is a
// confirmed wall; a timeout and other errors are not (issue 7, item 8),
// and leaving on them reports them, not a pre-approval.
func TestConfirmedWalls(t *testing.T) {
	for _, c := range []struct {
		cause error
		want  bool
	}{
		{nil, true}, {AdminAppError(), true}, {testDisabled, true}, {testZoomWall, true},
		{testTimeout, false}, {errors.New("something else"), false},
		{&oauthflow.Error{Kind: oauthflow.KindInvalidClient, Op: oauthflow.OpExchange}, false},
	} {
		if got := Confirmed(c.cause); got != c.want {
			t.Errorf("Confirmed(%v) = %v, want %v", c.cause, got, c.want)
		}
		out := PreapprovalFailure(c.cause)
		if c.want != (oauthflow.IsPreapproval(out) && oauthflow.KindOf(out) != oauthflow.KindTimeout) {
			t.Errorf("PreapprovalFailure(%v) = %v", c.cause, out)
		}
		if !c.want && out != c.cause {
			t.Errorf("PreapprovalFailure(%v) = %v, want the cause itself", c.cause, out)
		}
	}
}

// TestPendingReasonWordsTheResume: the reason a pending attempt records
// lets the welcome screen say what it waits for; a 4738 (recorded as
// "oauth:4738") waits for an admin to turn the app back on, not for a
// first pre-approval.
func TestPendingReasonWordsTheResume(t *testing.T) {
	c := (&Config{}).WithDefaults()
	for _, tc := range []struct {
		cause error
		want  string
	}{
		{nil, "pending.why_preapproval"}, {testZoomWall, "pending.why_preapproval"},
		{AdminAppError(), "pending.why_admin_app"}, {testDisabled, "pending.why_disabled"},
		{&oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Op: oauthflow.OpRefresh}, "pending.why_disabled"},
	} {
		p, _ := PendingFor(c, testCreds(), tc.cause, time.Now())
		if got, want := PendingWhy(c, p.Reason), c.T.T(tc.want); got != want {
			t.Errorf("cause %v (reason %q): %q, want %q", tc.cause, p.Reason, got, want)
		}
	}
	if got := PendingWhy(c, "kind:timeout"); got != c.T.T("pending.why_timeout") {
		t.Errorf("an earlier version's timeout attempt is worded %q", got)
	}
}

// TestAdminRequestDataInTheRequestLanguage: the request follows
// RequestLang, else the screen's language; in French it quotes Zoom's
// words but not the English error table; the sandbox is named as such.
func TestAdminRequestDataInTheRequestLanguage(t *testing.T) {
	fr := &Config{T: i18n.New(i18n.French)}
	if fr.RequestLanguage() != i18n.French || (&Config{T: i18n.New(i18n.French), RequestLang: i18n.English}).RequestLanguage() != i18n.English ||
		(&Config{}).RequestLanguage() != i18n.English {
		t.Fatal("RequestLanguage does not follow RequestLang, then the screen's language")
	}
	d := AdminRequestData(fr, testCreds(), testDisabled)
	if d.Seen != "" || d.ZoomSaid != "The token is disabled by admin." || d.Cause != assets.CauseDisabled {
		t.Errorf("French request data = %+v", d)
	}
	if d.Scopes[0].Why == assets.DefaultScopeReasons(i18n.English)[0].Why {
		t.Error("the French request's scope reasons are English")
	}
	en := AdminRequestData(&Config{Sandbox: &Sandbox{}}, testCreds(), nil)
	if !en.Reported || !en.Sandbox || en.Seen != "" {
		t.Errorf("English request data for a reported page in the sandbox = %+v", en)
	}
	if md := AdminRequest(&Config{RequestLang: i18n.French}, testCreds(), nil); !strings.HasPrefix(md, "# Demande\u00a0: préapprouver") {
		t.Errorf("AdminRequest ignores RequestLang:\n%s", md)
	}
}

// pageText is every text of blocks, as a reader gets it.
func pageText(blocks []page.Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		b.WriteString(page.PlainText(bl.Text) + "\n")
		for _, it := range bl.Items {
			b.WriteString(page.PlainText(it.Text) + "\n" + page.PlainText(it.Detail) + "\n")
		}
	}
	return b.String()
}

// TestPreapprovalPage: the user view explains the cause under its first
// heading and ends with the request in the request's language; the admin
// view has the checklist under its first heading and no request; the
// guide for the accessible mode stops before the request.
func TestPreapprovalPage(t *testing.T) {
	c := &Config{T: i18n.New(i18n.French), RequestLang: i18n.English}
	v := PreapprovalView{Creds: testCreds(), Cause: testDisabled}
	p := PreapprovalPage(c, v)
	if p.Title != "Préapprobation retirée par un administrateur" {
		t.Errorf("title %q", p.Title)
	}
	if p.Blocks[0].Kind != page.KindHeading || p.Blocks[1].Kind != page.KindFail ||
		p.Blocks[1].Text != ExplainFor(c, testDisabled).Title {
		t.Errorf("the cause is not explained under the first heading: %+v", p.Blocks[:2])
	}
	text := pageText(p.Blocks)
	if !strings.Contains(text, `Request: please pre-approve the Zoom app "Acme" for me again`) ||
		!strings.Contains(text, "Demande pour votre administrateur") || strings.Contains(text, "# ") {
		t.Errorf("the user view lacks the English request under the French heading:\n%s", text)
	}
	g := PreapprovalGuide(c, v)
	if last := g.Blocks[len(g.Blocks)-1]; strings.Contains(pageText(g.Blocks), "Demande pour votre administrateur") ||
		last.Kind == page.KindHeading {
		t.Errorf("the guide goes on to the request: %+v", last)
	}
	v.Admin = true
	a := pageText(PreapprovalPage(c, v).Blocks)
	for _, it := range Checklist(c) {
		if !strings.Contains(a, page.PlainText(it.Title)) || !strings.Contains(a, page.PlainText(it.Detail)) {
			t.Errorf("the admin view lacks step %s", it.ID)
		}
	}
	if strings.Contains(a, "Request: please") {
		t.Error("the admin view shows the request")
	}
}

// TestPreapprovalPageSaysWhatIsKept: saving, saved, and after a timeout
// (with a store) that nothing is kept and how to confirm the wall.
func TestPreapprovalPageSaysWhatIsKept(t *testing.T) {
	c := &Config{Store: &storage.Store{}}
	for _, tc := range []struct {
		v    PreapprovalView
		want string
	}{
		{PreapprovalView{Saving: true}, "Saving this attempt"},
		{PreapprovalView{Saving: true, Saved: true}, "This attempt is saved"},
		{PreapprovalView{Cause: testTimeout, Keys: assets.GuideKeys{Back: "esc", Preapproval: "p"}},
			"This attempt is not kept for later"},
	} {
		tc.v.Creds = testCreds()
		if got := pageText(PreapprovalPage(c, tc.v).Blocks); !strings.Contains(got, tc.want) {
			t.Errorf("%+v: the page lacks %q:\n%s", tc.v, tc.want, got)
		}
	}
	if got := pageText(PreapprovalPage(c, PreapprovalView{Creds: testCreds()}).Blocks); strings.Contains(got, "not kept") {
		t.Error("a confirmed wall is said not to be kept")
	}
}

// TestExportStatusLines: a copy through OSC 52 is not reported as a
// success (issue 8): it says what was tried, that many terminals ignore
// it, and how to save a file instead.
func TestExportStatusLines(t *testing.T) {
	for _, l := range i18n.Langs() {
		c := &Config{T: i18n.New(l)}
		for _, e := range []Export{ExportRequest, ExportChecklist} {
			b := CopiedBlocks(c, e, "S")
			if len(b) != 1 || b[0].Kind == page.KindOK || !strings.Contains(b[0].Text, "OSC 52") || !strings.Contains(b[0].Text, " S ") {
				t.Errorf("%s: copied = %+v", l, b)
			}
		}
		failed := ExportFailedBlocks(c, errors.New("read-only file system"), "C")
		if failed[0].Kind != page.KindFail || !strings.Contains(failed[0].Text, "Read-only file system.") || !strings.Contains(failed[0].Text, " C ") {
			t.Errorf("%s: save failed = %+v", l, failed)
		}
		if b := ExportFailedBlocks(c, errors.New("x"), ""); strings.Contains(b[0].Text, c.T.T("export.copy_instead", "Key", "")) {
			t.Errorf("%s: no copy key, but the line says to copy: %+v", l, b)
		}
		for _, e := range []Export{ExportRequest, ExportChecklist} {
			if b := SavedBlocks(c, e, "/tmp/r.md"); b[0].Kind != page.KindOK || b[1].Kind != page.KindCode || b[1].Text != "/tmp/r.md" {
				t.Errorf("%s: saved = %+v", l, b)
			}
		}
	}
}

// TestChecklistPage: every step with its box and number, the focused one
// with its detail, the count in words (French plural rules: 0 and 1 take
// the singular).
func TestChecklistPage(t *testing.T) {
	c := &Config{T: i18n.New(i18n.French)}
	items := Checklist(c)
	p := ChecklistPage(c, items, map[string]bool{items[1].ID: true}, 2)
	menu := p.Blocks[1]
	if p.Title == "" || menu.Kind != page.KindChoices || menu.Cursor != 2 || len(menu.Items) != len(items) {
		t.Fatalf("page = %+v", p)
	}
	if menu.Items[1].Text != "[x] 2. "+items[1].Title || menu.Items[0].Text != "[ ] 1. "+items[0].Title {
		t.Errorf("boxes: %q, %q", menu.Items[0].Text, menu.Items[1].Text)
	}
	for i, it := range menu.Items {
		if (it.Detail != "") != (i == 2) {
			t.Errorf("item %d detail %q", i, it.Detail)
		}
	}
	if got := p.Blocks[2].Text; got != "1 étape faite sur 10" {
		t.Errorf("count %q", got)
	}
	if got := ChecklistPage(c, items, nil, 0).Blocks[2].Text; got != "0 étape faite sur 10" {
		t.Errorf("count %q", got)
	}
	if got := ChecklistPage(c, items, map[string]bool{items[0].ID: true, items[1].ID: true}, 0).Blocks[2].Text; got != "2 étapes faites sur 10" {
		t.Errorf("count %q", got)
	}
}
