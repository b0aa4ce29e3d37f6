package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/admin"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
)

// fakeZoom is an httptest Zoom for the admin commands: the S2S token
// endpoint and the Marketplace, Users and Groups calls, with answers a
// test can bend, and a record of the calls that change something.
type fakeZoom struct {
	*httptest.Server
	mu sync.Mutex
	// scopes are the token answer's; tokenErr, when set, is its error body.
	scopes   string
	tokenErr string
	// forAll is set when the app is pre-approved for everyone.
	forAll bool
	// fail maps "METHOD path" to a status and a JSON body.
	fail map[string]fakeAnswer
	// calls are the changes sent: "PATCH requests {...}", "POST preApprove {...}".
	calls []string
	// order is every API call's "METHOD path", in order.
	order []string
}

type fakeAnswer struct {
	status int
	body   string
	header map[string]string
}

const fakeAppID = "HwSqvKE3RX6fR_k_nOqi7g"

func newFakeZoom(t *testing.T) *fakeZoom {
	t.Helper()
	z := &fakeZoom{fail: map[string]fakeAnswer{}, scopes: "marketplace:read:app_request:admin marketplace:update:app_request:admin " +
		"marketplace:write:app_pre_approve:admin marketplace:read:app:admin marketplace:read:list_apps:admin user:read:user:admin group:read:list_groups:admin"}
	z.Server = httptest.NewServer(http.HandlerFunc(z.serve))
	t.Cleanup(z.Close)
	return z
}

func (z *fakeZoom) serve(w http.ResponseWriter, r *http.Request) {
	z.mu.Lock()
	defer z.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	key := r.Method + " " + r.URL.Path
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("x-zm-trackingid", "v=2.0;clid=fake;rid=1")
	if r.URL.Path != "/oauth/token" {
		z.order = append(z.order, key)
		if r.Header.Get("Authorization") != "Bearer tok-1" {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"code":124,"message":"Invalid access token."}`)
			return
		}
	}
	if a, ok := z.fail[key]; ok {
		for k, v := range a.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
		return
	}
	app := "/v2/marketplace/apps/" + fakeAppID
	switch key {
	case "POST /oauth/token":
		if z.tokenErr != "" {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, z.tokenErr)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"access_token": "tok-1", "token_type": "bearer", "expires_in": 3599, "scope": z.scopes})
	case "GET /v2/marketplace/apps":
		if r.URL.Query().Get("type") == "approved_apps" {
			var apps []map[string]any
			if z.forAll {
				apps = append(apps, map[string]any{"app_id": fakeAppID, "app_name": "Example CLI", "approval_info": map[string]any{"approved_type": "forAllUser"}})
			}
			json.NewEncoder(w).Encode(map[string]any{"next_page_token": "", "apps": apps})
			return
		}
		io.WriteString(w, `{"next_page_token":"","apps":[{"app_id":"`+fakeAppID+`","app_name":"Example CLI","app_usage":2,"request_pending_number":2,"latest_request_date_time":"2025-07-21T17:32:28Z"}]}`)
	case "GET " + app:
		io.WriteString(w, `{"app_id":"`+fakeAppID+`","app_name":"Example CLI","app_type":"OAuthApp","app_usage":2,"app_status":"PUBLISHED"}`)
	case "GET " + app + "/requests":
		if r.URL.Query().Get("status") != "pending" {
			io.WriteString(w, `{"next_page_token":"","requests":[]}`)
			return
		}
		io.WriteString(w, `{"next_page_token":"","requests":[
			{"request_user_id":"uJill","request_user_name":"Jill Chill","request_user_email":"jchill@example.com","request_user_department":"Sales","request_date_time":"2025-07-21T17:32:28Z","reason":"recordings","status":"pending"},
			{"request_user_id":"uSam","request_user_name":"Sam Sun","request_user_email":"sam@example.com","request_date_time":"2025-07-22T08:00:00Z","status":"pending"}]}`)
	case "PATCH " + app + "/requests":
		z.calls = append(z.calls, "PATCH requests "+string(body))
		w.WriteHeader(http.StatusNoContent)
	case "POST " + app + "/preApprove":
		z.calls = append(z.calls, "POST preApprove "+string(body))
		var b struct {
			UserIDs  []string `json:"user_ids"`
			GroupIDs []string `json:"group_ids"`
		}
		json.Unmarshal(body, &b)
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(map[string]any{"executed_at": "2025-08-01T09:30:00+02:00", "user_ids": b.UserIDs, "group_ids": b.GroupIDs})
	case "GET /v2/users/jchill@example.com":
		io.WriteString(w, `{"id":"uJill","email":"jchill@example.com","display_name":"Jill Chill","status":"active"}`)
	case "GET /v2/groups":
		io.WriteString(w, `{"next_page_token":"","groups":[{"id":"gSales","name":"Sales"},{"id":"gM1","name":"Marketing"},{"id":"gM2","name":"Marketing"}]}`)
	default:
		if strings.HasPrefix(key, "GET /v2/users/") {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"code":1001,"message":"User does not exist: `+strings.TrimPrefix(r.URL.Path, "/v2/users/")+`."}`)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"code":1401,"message":"App ID does not exist: x"}`)
	}
}

// sent returns the changes sent so far.
func (z *fakeZoom) sent() []string {
	z.mu.Lock()
	defer z.mu.Unlock()
	return append([]string(nil), z.calls...)
}

// adminStore is a test store with an admin profile on z, secret in the
// (in-memory) keyring.
func adminStore(t *testing.T, z *fakeZoom) *storage.Store {
	t.Helper()
	st := testStore(t)
	p := &storage.AdminProfile{Name: "default", AccountID: "acct", ClientID: "s2s", AuthBaseURL: z.URL, APIBaseURL: z.URL}
	if err := st.SaveAdmin(context.Background(), p, storage.BackendKeyring, "s2s-secret"); err != nil {
		t.Fatal(err)
	}
	return st
}

// runAdmin runs zoomconnect in-process; terminal makes it interactive
// (stdin answers the questions).
func runAdmin(t *testing.T, st *storage.Store, env map[string]string, stdin string, terminal bool, args ...string) cliResult {
	t.Helper()
	return runCLIWith(t, st, env, stdin, func(o *rootOptions) {
		o.hooks.assumeTerminal = terminal
		o.Now = func() time.Time { return time.Date(2025, 8, 2, 10, 0, 0, 0, time.UTC) }
	}, args...)
}

func mustContain(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// approve names the app before the change, sends only the people with a
// pending request, and reports per person; one not changed is exit 10.
func TestAdminApprovePerPersonReport(t *testing.T) {
	z := newFakeZoom(t)
	r := runAdmin(t, adminStore(t, z), nil, "", false, "admin", "approve", "--app", fakeAppID, "JChill@example.com", "nobody@example.com")
	if r.code != ExitPartial {
		t.Fatalf("exit %d, want %d\n%s%s", r.code, ExitPartial, r.stdout, r.stderr)
	}
	mustContain(t, "stdout", r.stdout, "✓ Jill Chill <jchill@example.com>: approved", "✗ nobody@example.com: no pending request from this person",
		"Changed: 1. Not changed: 1")
	mustContain(t, "stderr", r.stderr, "App: Example CLI ("+fakeAppID+")", "Approve the request of 1 person for Example CLI")
	if got := z.sent(); len(got) != 1 || got[0] != `PATCH requests {"action":"approve","request_user_ids":["uJill"]}` {
		t.Errorf("sent %q", got)
	}
	if z.order[0] != "GET /v2/marketplace/apps/"+fakeAppID {
		t.Errorf("the app was not confirmed first: %v", z.order)
	}
}

// A pasted Marketplace address works as --app; --json has the schema, the
// app, English enum values and per-person outcomes.
func TestAdminApproveJSON(t *testing.T) {
	z := newFakeZoom(t)
	r := runAdmin(t, adminStore(t, z), map[string]string{"LANG": "fr_FR.UTF-8"}, "", false, "admin", "approve", "--json",
		"--app", "https://marketplace.zoom.us/develop/applications/"+fakeAppID+"/information", "sam@example.com")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var rep struct {
		Schema int `json:"schema"`
		App    struct{ ID, Name string }
		Action string `json:"action"`
		OK     bool   `json:"ok"`
		Result []struct {
			Kind, Input, ID, Outcome string
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if rep.Schema != 1 || rep.App.ID != fakeAppID || rep.Action != "approve" || !rep.OK || len(rep.Result) != 1 ||
		rep.Result[0].Outcome != "done" || rep.Result[0].Kind != "request" || rep.Result[0].ID != "uSam" {
		t.Errorf("report %+v", rep)
	}
	mustContain(t, "stderr (French)", r.stderr, "Application\u00a0: Example CLI")
}

// decline --all asks first in a terminal; no sends nothing (130).
func TestAdminDeclineAllAsks(t *testing.T) {
	z := newFakeZoom(t)
	r := runAdmin(t, adminStore(t, z), nil, "n\n", true, "admin", "decline", "--all", "--app", fakeAppID)
	if r.code != ExitCanceled || len(z.sent()) != 0 {
		t.Fatalf("exit %d, sent %v\n%s", r.code, z.sent(), r.stderr)
	}
	mustContain(t, "stderr", r.stderr, "Decline every request for Example CLI", "Jill Chill <jchill@example.com>",
		"disables the copies", "Go ahead? [y/N]", "Nothing was changed.")
	r = runAdmin(t, adminStore(t, z), nil, "y\n", true, "admin", "decline", "--all", "--app", fakeAppID)
	if r.code != 0 || len(z.sent()) != 1 || z.sent()[0] != `PATCH requests {"action":"decline_all"}` {
		t.Fatalf("exit %d, sent %v\n%s", r.code, z.sent(), r.stderr)
	}
}

// In a script a dangerous change needs --yes: without it, exit 2 and
// nothing sent; a safe change goes ahead without asking.
func TestAdminDangerNeedsYesInScripts(t *testing.T) {
	z := newFakeZoom(t)
	st := adminStore(t, z)
	r := runAdmin(t, st, nil, "", false, "admin", "decline", "--all", "--app", fakeAppID)
	if r.code != ExitUsage || len(z.sent()) != 0 {
		t.Fatalf("exit %d, sent %v", r.code, z.sent())
	}
	mustContain(t, "stderr", r.stderr, "--yes")
	r = runAdmin(t, st, nil, "", false, "admin", "preapprove", "--off", "--app", fakeAppID)
	if r.code != ExitUsage || len(z.sent()) != 0 {
		t.Fatalf("--off: exit %d, sent %v", r.code, z.sent())
	}
	mustContain(t, "stderr", r.stderr, "4738")
	r = runAdmin(t, st, nil, "", false, "admin", "preapprove", "--off", "--yes", "--app", fakeAppID)
	if r.code != 0 || len(z.sent()) != 1 || z.sent()[0] != `POST preApprove {"action":"disapprove_all"}` {
		t.Fatalf("--off --yes: exit %d, sent %v\n%s", r.code, z.sent(), r.stderr)
	}
}

// Pre-approving people on an app pre-approved for everyone warns that it
// narrows it; emails are resolved first and reported per person, with
// Zoom's executed_at in UTC.
func TestAdminPreapproveNarrowing(t *testing.T) {
	z := newFakeZoom(t)
	z.forAll = true
	st := adminStore(t, z)
	args := []string{"admin", "preapprove", "--app", fakeAppID, "--user", "jchill@example.com,nobody@example.com"}
	r := runAdmin(t, st, nil, "", false, args...)
	if r.code != ExitUsage || len(z.sent()) != 0 {
		t.Fatalf("exit %d, sent %v", r.code, z.sent())
	}
	mustContain(t, "stderr", r.stderr, "pre-approved for everyone in the account", "✗ nobody@example.com: no such user")
	r = runAdmin(t, st, nil, "", false, append(args, "--yes", "--json")...)
	if r.code != ExitPartial {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if got := z.sent(); len(got) != 1 || got[0] != `POST preApprove {"action":"approve_user","user_ids":["uJill"]}` {
		t.Errorf("sent %q", got)
	}
	mustContain(t, "JSON", r.stdout, `"outcome": "done"`, `"at": "2025-08-01T07:30:00Z"`, `"outcome": "not_found"`, `"key": "marketplace:1001"`)
}

// A group name that matches two groups stops everything: exit 2.
func TestAdminPreapproveAmbiguousGroup(t *testing.T) {
	z := newFakeZoom(t)
	r := runAdmin(t, adminStore(t, z), nil, "", false, "admin", "preapprove", "--app", fakeAppID, "--group", "Marketing", "--group", "Sales")
	if r.code != ExitUsage || len(z.sent()) != 0 {
		t.Fatalf("exit %d, sent %v", r.code, z.sent())
	}
	mustContain(t, "stdout", r.stdout, "✗ Marketing: several groups have this name")
	mustContain(t, "stderr", r.stderr, "Nothing was sent")
}

// Exit codes of Zoom's refusals, each explained from the error table.
func TestAdminExitCodes(t *testing.T) {
	app := "/v2/marketplace/apps/" + fakeAppID
	cases := []struct {
		name   string
		bend   func(z *fakeZoom)
		args   []string
		code   int
		stderr string
	}{
		{"unknown app", func(z *fakeZoom) {
			z.fail["GET "+app] = fakeAnswer{404, `{"code":1401,"message":"APP ID does not exist: ` + fakeAppID + `"}`, nil}
		}, []string{"requests", "--app", fakeAppID}, ExitFailure, "Zoom knows no app with this ID (1401)"},
		{"missing scope", func(z *fakeZoom) {
			z.fail["GET /v2/marketplace/apps"] = fakeAnswer{400, `{"code":4711,"message":"Invalid access token, does not contain scopes:[marketplace:read:list_apps:admin, marketplace_app:read:admin]."}`, nil}
		}, []string{"requests"}, ExitReconnect, "Run: zoomconnect admin login"},
		{"rate limited", func(z *fakeZoom) {
			z.fail["GET /v2/marketplace/apps"] = fakeAnswer{429, `{"code":429,"message":"You have reached the maximum per-second rate limit for this API."}`, map[string]string{"Retry-After": "3600"}}
		}, []string{"requests"}, ExitRateLimited, "rate limit"},
		{"refused pre-approval", func(z *fakeZoom) {
			z.fail["POST "+app+"/preApprove"] = fakeAnswer{400, `{"code":1500,"message":"User can not pre approve this app"}`, nil}
		}, []string{"preapprove", "--all", "--app", fakeAppID}, ExitFailure, "(1500)"},
		{"credentials refused", func(z *fakeZoom) {
			z.tokenErr = `{"reason":"Invalid client_id or client_secret","error":"invalid_client"}`
		},
			[]string{"requests"}, ExitReconnect, "Wrong client ID or secret for the admin app"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			z := newFakeZoom(t)
			c.bend(z)
			r := runAdmin(t, adminStore(t, z), nil, "", false, append([]string{"admin"}, c.args...)...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d\n%s", r.code, c.code, r.stderr)
			}
			mustContain(t, "stderr", r.stderr, c.stderr)
		})
	}
}

// No admin profile: exit 8 with the login command.
func TestAdminNeedsLogin(t *testing.T) {
	r := runAdmin(t, testStore(t), nil, "", false, "admin", "requests")
	if r.code != ExitReconnect {
		t.Fatalf("exit %d", r.code)
	}
	mustContain(t, "stderr", r.stderr, "zoomconnect admin login")
}

// admin login from a script: the three values from flags and stdin, the
// token checked, the profile saved with its secret in the keyring; a
// missing scope is named and exits 10; refused credentials save nothing.
func TestAdminLoginScript(t *testing.T) {
	z := newFakeZoom(t)
	st := testStore(t)
	args := []string{"--auth-base-url", z.URL, "--api-base-url", z.URL, "admin", "login", "--account-id", "acct", "--client-id", "s2s", "--client-secret-stdin"}
	r := runAdmin(t, st, nil, "s2s-secret\n", false, args...)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	mustContain(t, "stdout", r.stdout, "Saved admin profile default", "the system keyring", "every scope")
	if strings.Contains(r.stdout+r.stderr, "s2s-secret") || strings.Contains(r.stdout+r.stderr, "tok-1") {
		t.Error("a secret or a token was printed")
	}
	p, err := st.LoadAdmin("default")
	if err != nil || p.APIBaseURL != z.URL || len(p.Scopes) != 7 {
		t.Fatalf("saved %+v, %v", p, err)
	}
	if sec, _ := st.LoadAdminSecret(context.Background(), p); sec != "s2s-secret" {
		t.Errorf("secret %q", sec)
	}

	z.scopes = "marketplace:read:list_apps:admin marketplace_app:read:admin marketplace:update:app_request:admin"
	r = runAdmin(t, st, nil, "s2s-secret\n", false, args...)
	if r.code != ExitPartial {
		t.Fatalf("missing scopes: exit %d\n%s", r.code, r.stdout)
	}
	mustContain(t, "stdout", r.stdout, "lacks 3 scopes", "marketplace:write:app_pre_approve:admin", "user:read:user:admin",
		"group:read:list_groups:admin", "Add Scopes")

	z.tokenErr = `{"reason":"Invalid client_id or client_secret","error":"invalid_client"}`
	st2 := testStore(t)
	r = runAdmin(t, st2, nil, "bad\n", false, args...)
	if r.code != ExitReconnect {
		t.Fatalf("refused: exit %d", r.code)
	}
	mustContain(t, "stderr", r.stderr, "Nothing was saved")
	if _, err := st2.LoadAdmin("default"); err == nil {
		t.Error("refused credentials were saved")
	}
}

// Without a terminal, admin login needs all three values.
func TestAdminLoginNeedsFlagsInScripts(t *testing.T) {
	r := runAdmin(t, testStore(t), nil, "", false, "admin", "login", "--account-id", "acct")
	if r.code != ExitUsage {
		t.Fatalf("exit %d", r.code)
	}
	mustContain(t, "stderr", r.stderr, "--client-secret-stdin")
}

// In a terminal, admin login asks for what the flags lack; the secret is
// never written back.
func TestAdminLoginAsks(t *testing.T) {
	z := newFakeZoom(t)
	st := testStore(t)
	r := runAdmin(t, st, nil, "acct\ns2s\ns2s-secret\n", true, "--auth-base-url", z.URL, "--api-base-url", z.URL, "admin", "login")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	mustContain(t, "stderr", r.stderr, "Account ID:", "Client ID:", "Client Secret (not shown as you type):")
	if strings.Contains(r.stderr, "s2s-secret") {
		t.Error("the secret was written back")
	}
	if _, err := st.LoadAdmin("default"); err != nil {
		t.Fatal(err)
	}
	// Status checks it again; logout removes it, secret first.
	r = runAdmin(t, st, nil, "", false, "admin", "status", "--json")
	if r.code != 0 {
		t.Fatalf("status exit %d\n%s", r.code, r.stderr)
	}
	mustContain(t, "status JSON", r.stdout, `"schema": 1`, `"ok": true`, `"secret_backend": "keyring"`, `"token": true`)
	r = runAdmin(t, st, nil, "", false, "admin", "logout")
	if r.code != 0 {
		t.Fatalf("logout exit %d", r.code)
	}
	mustContain(t, "logout", r.stdout, "Deleted the admin secret", "Deleted admin profile default")
	if _, err := st.LoadAdmin("default"); err == nil {
		t.Error("the profile stayed")
	}
}

// The listing without --app: the apps people asked for, as JSON too.
func TestAdminRequestsListing(t *testing.T) {
	z := newFakeZoom(t)
	st := adminStore(t, z)
	r := runAdmin(t, st, nil, "", false, "admin", "requests", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	mustContain(t, "JSON", r.stdout, `"schema": 1`, `"type": "active_requests"`, `"id": "`+fakeAppID+`"`, `"latest_request_at": "2025-07-21T17:32:28Z"`)
	r = runAdmin(t, st, nil, "", false, "admin", "requests", "--app", fakeAppID)
	mustContain(t, "requests", r.stdout, "Jill Chill <jchill@example.com>", "Department  Sales", "Reason      recordings",
		"zoomconnect admin approve --app "+fakeAppID+" EMAIL…")
	if r := runAdmin(t, st, nil, "", false, "admin", "requests", "--status", "maybe"); r.code != ExitUsage {
		t.Errorf("--status maybe: exit %d", r.code)
	}
}

// The console needs a terminal, or --accessible for the line mode.
func TestAdminConsoleNeedsTerminal(t *testing.T) {
	r := runAdmin(t, testStore(t), nil, "", false, "admin")
	if r.code != ExitUsage {
		t.Fatalf("exit %d", r.code)
	}
	mustContain(t, "stderr", r.stderr, "--accessible")
}

// The line-mode console approves a request through numbered questions.
func TestAdminConsoleLines(t *testing.T) {
	z := newFakeZoom(t)
	r := runAdmin(t, adminStore(t, z), nil, "1\n1\n2\n1\ny\n5\n4\n", false, "admin", "--accessible")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	mustContain(t, "console", r.stderr, "== Zoom admin console ==", "Approve the request of 1 person for Example CLI",
		"- Sam Sun <sam@example.com>", "OK: Sam Sun <sam@example.com>: approved")
	if got := z.sent(); len(got) != 1 || got[0] != `PATCH requests {"action":"approve","request_user_ids":["uSam"]}` {
		t.Errorf("sent %q", got)
	}
}

// sandbox serve prints the demo admin app and the demo app's ID, and the
// admin login it prints works against it.
func TestSandboxServePrintsAdminDemo(t *testing.T) {
	var b strings.Builder
	printAdminDemo(&b, "http://127.0.0.1:9")
	mustContain(t, "serve", b.String(), sandbox.DemoAdminClientID, sandbox.DemoAdminClientSecret, sandbox.DemoAccountID, sandbox.DemoAppID,
		"admin login --account-id "+sandbox.DemoAccountID)
	srv, err := sandbox.New(sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	st := testStore(t)
	r := runAdmin(t, st, nil, sandbox.DemoAdminClientSecret+"\n", false, "--auth-base-url", srv.URL, "--api-base-url", srv.URL,
		"admin", "login", "--account-id", sandbox.DemoAccountID, "--client-id", sandbox.DemoAdminClientID, "--client-secret-stdin")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runAdmin(t, st, nil, "", false, "admin", "requests", "--app", sandbox.DemoAppID)
	mustContain(t, "requests", r.stdout, "Dee Developer")
}

// The README documents the admin side: every admin command, exit 10, and
// the S2S app's scopes, the same list admin login checks.
func TestREADMEDocumentsTheAdminSide(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, c := range []string{"admin login", "admin status", "admin logout", "admin requests", "admin approve", "admin decline", "admin preapprove"} {
		if !strings.Contains(readme, "`"+c) {
			t.Errorf("README does not document %s", c)
		}
	}
	if !strings.Contains(readme, fmt.Sprintf("| %d |", ExitPartial)) || !strings.Contains(rootLong, fmt.Sprintf("  %d ", ExitPartial)) {
		t.Errorf("exit %d is not documented in README and --help", ExitPartial)
	}
	for _, n := range admin.Needs() {
		if !strings.Contains(readme, "| `"+n.Scope+"` |") {
			t.Errorf("README's scope table lacks %s", n.Scope)
		}
	}
}
