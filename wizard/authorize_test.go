package wizard

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// authTUIKeys are the key names the full-screen wizard passes.
var authTUIKeys = AuthKeys{Continue: "y/enter", Back: "esc", Retry: "r", Copy: "c", Open: "o", CopyCommand: "a",
	Paste: "u", Preapproval: "p", AdminApp: "m", PasteSend: "enter", PasteClose: "esc"}

// plain is blocks as one string of plain text, a block a line.
func plain(blocks []page.Block) string {
	var out []string
	for _, b := range blocks {
		line := page.PlainText(b.Text)
		for _, it := range b.Items {
			line += " | " + page.PlainText(it.Text) + " " + page.PlainText(it.Detail)
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func kinds(blocks []page.Block, k page.Kind) int {
	n := 0
	for _, b := range blocks {
		if b.Kind == k {
			n++
		}
	}
	return n
}

var (
	timeoutErr  = &oauthflow.Error{Kind: oauthflow.KindTimeout, Op: oauthflow.OpAuthorize}
	declinedErr = &oauthflow.Error{Kind: oauthflow.KindDeclined, Op: oauthflow.OpAuthorize, ErrorCode: "access_denied"}
	clientErr   = &oauthflow.Error{Kind: oauthflow.KindInvalidClient, Op: oauthflow.OpExchange, ErrorCode: "invalid_client",
		HTTPStatus: 401, Reason: "Invalid client_id or client_secret"}
	disabledErr = &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Op: oauthflow.OpExchange, Code: 4738,
		Reason: "The token is disabled by admin."}
	mismatchErr = &oauthflow.Error{Kind: oauthflow.KindRedirectMismatch, Op: oauthflow.OpExchange, Code: 4709,
		Reason: "Redirect URI mismatch."}
)

// Issue 7 item 8: a timeout stays on the authorize screen (only the person
// can confirm the wall); Zoom saying the wall is up goes on by itself.
func TestAttemptEndedRoutesOnlyZoomsWall(t *testing.T) {
	c := testConfig(i18n.English)
	own := Creds{AuthType: storage.AuthOwnApp}
	if !oauthflow.IsPreapproval(timeoutErr) {
		t.Fatal("the error table no longer marks a timeout as possibly pre-approval; this test checks the routing around it")
	}
	next, err := AttemptEnded(c, own, timeoutErr)
	if next != nil || !errors.Is(err, timeoutErr) {
		t.Errorf("timeout: next %#v, err %v; want to stay with the timeout", next, err)
	}
	next, err = AttemptEnded(c, own, disabledErr)
	if pn, ok := next.(PreapprovalNeeded); !ok || !errors.Is(pn.Cause, disabledErr) || !errors.Is(err, disabledErr) {
		t.Errorf("4738: next %#v, err %v; want the pre-approval screen with the 4738 cause", next, err)
	}
	for _, e := range []error{declinedErr, clientErr, mismatchErr} {
		if next, _ := AttemptEnded(c, own, e); next != nil {
			t.Errorf("%v leads to %#v", e, next)
		}
	}
}

// Issue 8: Zoom refusing the organization's app is the app file's fault,
// explained by its own row (in every front end and on the command line),
// while the kind, and so the exit status, stay invalid_client.
func TestOrgAppRefusedIsTheAppFiles(t *testing.T) {
	c := testConfig(i18n.English)
	c.OrgApp = &storage.OrgApp{ClientID: "orgID", Path: "/etc/xdg/zoomconnect/app.json", AdminContact: "it@example.com"}
	org := Creds{AuthType: storage.AuthOrgApp, App: oauthflow.App{ClientID: "orgID"}}
	_, err := AttemptEnded(c, org, fmt.Errorf("exchange: %w", clientErr))
	var af *AppFileError
	if !errors.As(err, &af) || af.Path != c.OrgApp.Path || af.Admin != "it@example.com" {
		t.Fatalf("err %v (%T), want an AppFileError naming the file", err, err)
	}
	if oauthflow.KindOf(err) != oauthflow.KindInvalidClient || !errors.Is(err, clientErr) {
		t.Errorf("the wrapped error lost its kind: %v", oauthflow.KindOf(err))
	}
	ex := ExplainFor(c, err)
	if ex.Key != "org_app:invalid_client" || ex.Reason != clientErr.Reason {
		t.Errorf("explained as %q (Zoom said %q)", ex.Key, ex.Reason)
	}
	if !strings.Contains(Reason(err), "organization's app") {
		t.Errorf("Reason = %q", Reason(err))
	}
	v := plain(FailedBlocks(c, Failure{Err: err}, authTUIKeys))
	mustHave(t, "blocks", v, "organization's app", "You did not type them", "Ask the admin who provisioned", "/etc/xdg/zoomconnect/app.json",
		"it@example.com", "Press r to try again, esc to go back.")
	if strings.Contains(v, "Copy the client ID and secret again") {
		t.Errorf("tells the organization app's user to re-copy credentials they never typed:\n%s", v)
	}
	// The person's own app keeps the re-copy advice.
	_, own := AttemptEnded(c, Creds{AuthType: storage.AuthOwnApp}, clientErr)
	if errors.As(own, &af) || !strings.Contains(plain(FailedBlocks(c, Failure{Err: own}, authTUIKeys)), "Copy the client ID and secret again") {
		t.Errorf("own app: %v", own)
	}
	// Wrapping twice (a retried failure) keeps one wrapper.
	_, again := AttemptEnded(c, org, err)
	if again != err {
		t.Errorf("wrapped twice: %v", again)
	}
}

// Issue 8: p (the pre-approval wall) is offered only where it can be the
// cause; after a timeout it confirms the wall (no cause).
func TestFailedActions(t *testing.T) {
	has := func(err error) bool {
		for _, a := range FailedActions(err) {
			if a == ActPreapproval {
				return true
			}
		}
		return false
	}
	for _, e := range []error{clientErr, declinedErr, mismatchErr, errors.New("network down")} {
		if has(e) {
			t.Errorf("pre-approval offered after %v", e)
		}
	}
	if !has(timeoutErr) || !has(nil) {
		t.Error("pre-approval not offered after a timeout or a stopped attempt")
	}
	if ev, ok := ActPreapproval.Event().(PreapprovalNeeded); !ok || ev.Cause != nil {
		t.Errorf("ActPreapproval = %#v, want a confirmed wall (no cause)", ActPreapproval.Event())
	}
	if _, ok := ActBack.Event().(Back); !ok {
		t.Errorf("ActBack = %#v", ActBack.Event())
	}
	if _, ok := ActRetry.Event().(Retry); !ok {
		t.Errorf("ActRetry = %#v", ActRetry.Event())
	}
}

// Issue 7 item 11: the accessible menu after a wrong secret offers the
// credentials again, beside trying again and quitting.
func TestFailedChoicesOfferTheCredentials(t *testing.T) {
	c := testConfig(i18n.English)
	menu, actions := FailedChoices(c, Creds{AuthType: storage.AuthOwnApp}, clientErr)
	got := plain([]page.Block{menu})
	mustHave(t, "blocks", got, "What next?", "Try again", "Enter the credentials again", "Quit")
	if strings.Contains(got, "pre-approval") || len(actions) != len(menu.Items) || actions[1] != ActBack {
		t.Errorf("menu %q, actions %v", got, actions)
	}
	menu, _ = FailedChoices(c, Creds{AuthType: storage.AuthOrgApp}, timeoutErr)
	mustHave(t, "blocks", plain([]page.Block{menu}), "Request pre-approval", "Choose how to connect again")
}

// Issue 7 item 8: the timeout screen says it timed out, once (no second
// card), and lists the pre-approval wall as one cause, confirmable with p.
func TestTimeoutBlocks(t *testing.T) {
	c := testConfig(i18n.English)
	b := FailedBlocks(c, Failure{Err: timeoutErr}, authTUIKeys)
	v := plain(b)
	if kinds(b, page.KindFail) != 1 || b[0].Kind != page.KindFail || !strings.Contains(v, "Nothing came back from the browser before the deadline.") {
		t.Errorf("timeout blocks:\n%s", v)
	}
	mustHave(t, "blocks", v, "Press p for the pre-approval help, r to try again, esc to go back.",
		"Likely causes, most likely first:", "If that is what you see, press p.")
	if strings.Contains(v, "Admin pre-approval needed") || strings.Contains(v, ExplainFor(c, timeoutErr).Title) {
		t.Errorf("the timeout is shown as something else, or twice:\n%s", v)
	}
	// Without keys (the accessible mode asks instead) no key is named.
	v = plain(FailedBlocks(c, Failure{Err: timeoutErr}, AuthKeys{}))
	if strings.Contains(v, "Press ") || !strings.Contains(v, "choose the pre-approval help below") {
		t.Errorf("keyless timeout blocks:\n%s", v)
	}
}

// Issue 8: a decline and a wrong secret name only the keys that act
// there; an explained error shows one card.
func TestFailedKeysFitTheFailure(t *testing.T) {
	c := testConfig(i18n.English)
	for _, e := range []error{declinedErr, clientErr} {
		b := FailedBlocks(c, Failure{Err: e}, authTUIKeys)
		v := plain(b)
		if strings.Contains(v, "Press p") || !strings.Contains(v, "Press r to try again, esc to go back.") {
			t.Errorf("%v:\n%s", e, v)
		}
		if kinds(b, page.KindFail) > 1 {
			t.Errorf("%v: %d failure cards:\n%s", e, kinds(b, page.KindFail), v)
		}
	}
	mustHave(t, "blocks", plain(FailedBlocks(c, Failure{Err: declinedErr}, authTUIKeys)), "Nothing was changed")
	mustHave(t, "blocks", plain(FailedBlocks(c, Failure{}, authTUIKeys)), "sign-in was stopped", "Press p for the pre-approval help")
}

// Issue 8: after a redirect mismatch the URL the explanation refers to is
// shown, with how to keep it.
func TestRedirectMismatchShowsTheURL(t *testing.T) {
	c := testConfig(i18n.English)
	const redirect = "http://127.0.0.1:53682/callback"
	b := FailedBlocks(c, Failure{Err: mismatchErr, Redirect: redirect}, authTUIKeys)
	found := false
	for _, bl := range b {
		found = found || (bl.Kind == page.KindCode && bl.Text == redirect)
	}
	if !found {
		t.Errorf("no Code block with %s:\n%s", redirect, plain(b))
	}
	mustHave(t, "blocks", plain(b), "The redirect URL this attempt used", "run zoomconnect with --port 53682")
	c.Port = 53682
	mustHave(t, "blocks", plain(FailedBlocks(c, Failure{Err: mismatchErr, Redirect: redirect}, authTUIKeys)), "The port is pinned (--port)")
	if strings.Contains(plain(FailedBlocks(c, Failure{Err: clientErr, Redirect: redirect}, authTUIKeys)), redirect) {
		t.Error("the redirect URL is shown for an error that is not a mismatch")
	}
}

// Issue 7 item 13: the warning before authorizing names each profile a
// save would replace, with its email, in words that say "replaces".
func TestSameAppBlocksNameWhatASaveReplaces(t *testing.T) {
	c := testConfig(i18n.English)
	c.Profile = "second"
	same := []storage.Profile{{Name: "default", Email: "sam@example.com"}, {Name: "second", DisplayName: "Sam B"}}
	v := plain(SameAppBlocks(c, same, authTUIKeys))
	mustHave(t, "blocks", v, "default (sam@example.com): if you sign in as sam@example.com again, saving this sign-in as second replaces it.",
		"second (Sam B): this sign-in is saved as second too, so saving it replaces this connection",
		"Press y/enter to continue, or esc to go back.")
	if strings.Contains(plain(SameAppBlocks(c, same, AuthKeys{})), "Press") {
		t.Error("keys named to a front end without keys")
	}
}

// Issue 8: c sends the address through OSC 52, which many terminals
// ignore: the screen says what was tried and where the text is instead,
// never a bare "copied" (no ✓).
func TestCopyNoteSaysWhatWasTried(t *testing.T) {
	c := testConfig(i18n.English)
	c.Sandbox = &Sandbox{ApproveCommand: "curl -sL 'x'"}
	b := WaitingBlocks(c, Waiting{AuthURL: "https://zoom.us/oauth/authorize?x=1", Copied: true, CopiedCommand: true, Printed: true}, authTUIKeys)
	v := plain(b)
	mustHave(t, "blocks", v, "Address sent to your clipboard through the terminal (OSC 52). If nothing pastes, your terminal ignores OSC 52: copy the address printed above",
		"Command sent to your clipboard through the terminal (OSC 52)", "Printed whole above this screen too",
		"No browser? In another terminal run: (a copies the command)")
	if kinds(b, page.KindOK) != 0 {
		t.Errorf("a copy is reported as a success:\n%s", v)
	}
	if b[1].Kind != page.KindCode || b[1].Text != "https://zoom.us/oauth/authorize?x=1" {
		t.Errorf("the address is not a Code block of its own: %+v", b[1])
	}
}

// The waiting page follows the keys and the browser: no "open again" with
// --no-browser, the paste hint only with a paste key, the nudge's keys.
func TestWaitingBlocksFollowKeys(t *testing.T) {
	c := testConfig(i18n.English)
	w := Waiting{AuthURL: "https://zoom.us/x", Elapsed: 12 * time.Second, Left: 9*time.Minute + 48*time.Second, Nudge: true}
	v := plain(WaitingBlocks(c, w, authTUIKeys))
	mustHave(t, "blocks", v, "c copies it exactly, o opens it again", "0:12 elapsed · 9:48 left", "press u and paste",
		`p: "Request pre-approval"`, `m: "An account admin is required`, "(press u to paste the address it ended on)")
	c.NoBrowser = true
	v = plain(WaitingBlocks(c, Waiting{AuthURL: "https://zoom.us/x"}, AuthKeys{}))
	if strings.Contains(v, "again") || strings.Contains(v, "press") || !strings.Contains(v, "Open this address in your browser, sign in to Zoom and allow access:") {
		t.Errorf("keyless --no-browser page:\n%s", v)
	}
	p := WaitingBlocks(c, Waiting{AuthURL: "https://zoom.us/x", Paste: &Paste{Err: fmt.Errorf("x: %w", &oauthflow.Error{
		Kind: oauthflow.KindCallbackError, Err: oauthflow.ErrOtherAttempt})}}, authTUIKeys)
	if last := p[len(p)-1]; last.Kind != page.KindFail || !strings.Contains(last.Text, "another login attempt") {
		t.Errorf("paste refusal: %+v", last)
	}
	if p[len(p)-2].Kind != page.KindField || p[len(p)-2].ID != BlockPaste {
		t.Errorf("no paste field: %+v", p[len(p)-2])
	}
}

func TestPasteRefusal(t *testing.T) {
	c := testConfig(i18n.English)
	got := PasteRefusal(c, &oauthflow.Error{Kind: oauthflow.KindCallbackError, Err: oauthflow.ErrNotThisRedirect}, "http://127.0.0.1:9/callback")
	if got != "That address did not complete the login: it is not the address this login redirected to; paste the whole `http://127.0.0.1:9/callback?…` address from the browser's address bar." {
		t.Errorf("PasteRefusal = %q", got)
	}
}

// Every page of the screen renders in both languages with no message
// missing from the catalog and no placeholder left.
func TestAuthorizePagesInBothLanguages(t *testing.T) {
	for _, lang := range i18n.Langs() {
		c := testConfig(lang)
		c.Sandbox = &Sandbox{ApproveCommand: "curl x"}
		c.OrgApp = &storage.OrgApp{ClientID: "orgID", Path: "app.json", AdminContact: "it@example.com"}
		_, orgErr := AttemptEnded(c, Creds{AuthType: storage.AuthOrgApp, App: oauthflow.App{ClientID: "orgID"}}, clientErr)
		menu, _ := FailedChoices(c, Creds{}, timeoutErr)
		pages := [][]page.Block{CheckingBlocks(c), StartingBlocks(c), AuthorizedBlocks(c),
			SameAppBlocks(c, []storage.Profile{{Name: "default"}, {Name: "x", Email: "a@b.c"}}, authTUIKeys),
			WaitingBlocks(c, Waiting{AuthURL: "u", Copied: true, CopiedCommand: true, Printed: true, Nudge: true,
				OpenErr: errors.New("no display")}, authTUIKeys),
			WaitingBlocks(c, Waiting{AuthURL: "u", Paste: &Paste{Empty: true}}, authTUIKeys),
			WaitingBlocks(c, Waiting{AuthURL: "u", Paste: &Paste{Checking: true}}, authTUIKeys),
			FailedBlocks(c, Failure{Err: timeoutErr}, authTUIKeys), FailedBlocks(c, Failure{Err: timeoutErr}, AuthKeys{}),
			FailedBlocks(c, Failure{Err: declinedErr}, authTUIKeys), FailedBlocks(c, Failure{}, authTUIKeys),
			FailedBlocks(c, Failure{Err: orgErr}, authTUIKeys), FailedBlocks(c, Failure{Err: mismatchErr, Redirect: "http://127.0.0.1:1/callback"}, authTUIKeys),
			{menu}, {page.Para(StillWaiting(c, time.Minute)), page.Para(PrintedURL(c, "u")), page.Para(SameAppQuestion(c))}}
		for i, blocks := range pages {
			v := plain(blocks)
			if strings.Contains(v, "[authorize.") || strings.Contains(v, "{{") || strings.Contains(v, "<no value>") {
				t.Errorf("%s page %d:\n%s", lang, i, v)
			}
		}
	}
}
