package wizard

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

func withRefresh(scopes ...string) *oauthflow.Result {
	return &oauthflow.Result{Scopes: scopes, Token: &oauth2.Token{AccessToken: "a", RefreshToken: "r", Expiry: time.Now().Add(time.Hour)}}
}

var ownCreds = Creds{AuthType: storage.AuthOwnApp, App: oauthflow.App{ClientID: "cid"}}

func TestReviewScopesStates(t *testing.T) {
	c := testConfig(i18n.English)
	v := ReviewScopes(c, ownCreds, withRefresh("meeting:write:admin", "user:read:user"), ScopeKeys{Continue: "enter", Back: "esc"})
	if len(v.Lines) != 3 {
		t.Fatalf("%d lines, want one per needed scope", len(v.Lines))
	}
	want := []ScopeState{ScopeBroad, ScopeMissing, ScopeGranted}
	words := []string{"BROADER THAN NEEDED", "MISSING", "OK"}
	for i, l := range v.Lines {
		if l.State != want[i] || l.Word(c) != words[i] {
			t.Errorf("line %d %q: state %d word %q, want %d %q", i, l.Text, l.State, l.Word(c), want[i], words[i])
		}
	}
	if got := v.Lines[1].Said(c); got != "MISSING: recording:read — See your cloud recordings and their files." {
		t.Errorf("Said = %q", got)
	}
	text := blocksText(v.Page().Blocks)
	mustHave(t, "review", text, "meeting:write — Create, change and delete your meetings.",
		"granted as meeting:write:admin (broader than needed, see below)",
		"recording:read (missing) — See your cloud recordings",
		"Add cloud_recording:read:list_user_recordings on the Zoom app's Scopes page",
		"Broader than needed: meeting:write:admin.", "Some scopes are missing",
		"Open your app in the Zoom App Marketplace", "Press enter to continue anyway, or esc to go back.")
	// The marks: ✓ for granted (broad too), ✗ for missing.
	p := v.Page()
	var marks []page.Kind
	for _, b := range p.Blocks {
		if b.Kind == page.KindList {
			marks = append(marks, b.Items[0].Mark)
		}
	}
	if len(marks) != 3 || marks[0] != page.KindOK || marks[1] != page.KindFail || marks[2] != page.KindOK {
		t.Errorf("marks %v, want OK, Fail, OK", marks)
	}
}

// TestReviewScopesKeysPassedIn: key names come from the front end; with
// none (the line-by-line wizard), no sentence names a key.
func TestReviewScopesKeysPassedIn(t *testing.T) {
	c := testConfig(i18n.English)
	for _, r := range []*oauthflow.Result{withRefresh("user:read:user"), withRefresh(oauthflow.ScopeNamesFor(true)...), withRefresh()} {
		with := blocksText(ReviewScopes(c, ownCreds, r, ScopeKeys{Continue: "F9", Back: "F10"}).Page().Blocks)
		if !strings.Contains(with, "F9") {
			t.Errorf("the review does not name the continue key:\n%s", with)
		}
		without := blocksText(ReviewScopes(c, ownCreds, r, ScopeKeys{}).Page().Blocks)
		mustNotHave(t, "review without keys", without, "Press", "enter", "esc")
	}
}

func TestReviewScopesOrgAppAsksTheAdmin(t *testing.T) {
	c := testConfig(i18n.English)
	org := ownCreds
	org.AuthType = storage.AuthOrgApp
	text := blocksText(ReviewScopes(c, org, withRefresh("user:read:user"), ScopeKeys{}).Page().Blocks)
	mustHave(t, "org review", text, "ask your Zoom admin to add the missing scopes")
	mustNotHave(t, "org review", text, "Open your app")
}

// TestReviewScopesUnknownIsNotMissing: a token response with no scope
// field says nothing about scopes; the review says so instead of marking
// every scope missing. A nil result (no authorization) misses them all.
func TestReviewScopesUnknownIsNotMissing(t *testing.T) {
	c := testConfig(i18n.English)
	v := ReviewScopes(c, ownCreds, withRefresh(), ScopeKeys{Continue: "enter"})
	text := blocksText(v.Page().Blocks)
	if len(v.Lines) != 0 || !strings.Contains(text, "Zoom did not say which scopes it granted") || strings.Contains(text, "missing") {
		t.Errorf("unknown scopes reviewed as:\n%s", text)
	}
	if v := ReviewScopes(c, ownCreds, nil, ScopeKeys{}); len(v.Lines) != 3 || v.Lines[0].State != ScopeMissing {
		t.Errorf("nil result: %+v", v.Lines)
	}
}

// TestReviewScopesWarnsWithoutRefreshToken (issue 7 item 16): a token
// response with no refresh_token is said on the scope review, with the
// time the connection stops and what to do.
func TestReviewScopesWarnsWithoutRefreshToken(t *testing.T) {
	c := testConfig(i18n.English)
	r := withRefresh(oauthflow.ScopeNamesFor(true)...)
	if text := blocksText(ReviewScopes(c, ownCreds, r, ScopeKeys{}).Closing); strings.Contains(text, "refresh token") {
		t.Fatalf("warned with a refresh token:\n%s", text)
	}
	r.Token.RefreshToken = ""
	r.Token.Expiry = time.Date(2026, 3, 4, 15, 4, 0, 0, time.Local)
	v := ReviewScopes(c, ownCreds, r, ScopeKeys{})
	var warn *page.Block
	for i, b := range v.Closing {
		if b.Kind == page.KindWarn && strings.Contains(b.Text, "refresh token") {
			warn = &v.Closing[i]
		}
	}
	if warn == nil {
		t.Fatalf("no warning without a refresh token:\n%s", blocksText(v.Closing))
	}
	mustHave(t, "warning", page.PlainText(warn.Text), "stops working", "at 15:04", "cannot be renewed", "zoomconnect login")
	org := ownCreds
	org.AuthType = storage.AuthOrgApp
	mustHave(t, "org warning", blocksText(ReviewScopes(c, org, r, ScopeKeys{}).Closing), "ask your Zoom admin")
}

// TestScopeDescriptionsInBothLanguages: every scope of assets' table is
// described in the catalog in English and French, and the English says
// what the table says (the wizard reads the catalog; the table stays for
// the machine-readable review of status --json).
func TestScopeDescriptionsInBothLanguages(t *testing.T) {
	en, fr := testConfig(i18n.English), testConfig(i18n.French)
	for _, s := range assets.Scopes() {
		e, f := ScopeDescription(en, s.Name), ScopeDescription(fr, s.Name)
		if page.PlainText(e) != s.Description {
			t.Errorf("%s: English catalog %q, table %q", s.Name, e, s.Description)
		}
		if f == "" || f == e {
			t.Errorf("%s: no French description (%q)", s.Name, f)
		}
	}
	if ScopeDescription(en, "no:such:scope") != "" {
		t.Error("a description for an unknown scope")
	}
}

// TestReviewScopesFrench: every part of the review reads French.
func TestReviewScopesFrench(t *testing.T) {
	c := testConfig(i18n.French)
	r := withRefresh("meeting:write:admin", "user:read:user", "zoom:other")
	r.Token.RefreshToken = ""
	for _, creds := range []Creds{ownCreds, {AuthType: storage.AuthOrgApp}} {
		for _, keys := range []ScopeKeys{{}, {Continue: "entrée", Back: "échap"}} {
			v := ReviewScopes(c, creds, r, keys)
			text := v.Title + "\n" + blocksText(v.Page().Blocks)
			for _, l := range v.Lines {
				text += l.Word(c) + "\n"
			}
			checkText(t, "scope review", text, i18n.French)
			mustHave(t, "French review", text, "Vérifier les autorisations", "MANQUANTE", "PLUS LARGE QUE NÉCESSAIRE", "jeton d’actualisation")
		}
	}
	checkText(t, "English review", blocksText(ReviewScopes(testConfig(i18n.English), ownCreds, r, ScopeKeys{}).Page().Blocks), i18n.English)
}
