package sandbox_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// adminToken gets a Server-to-Server token for the demo admin app.
func adminToken(t testing.TB, s *sandbox.Server) string {
	t.Helper()
	r := post(t, s.URL+"/oauth/token", url.Values{"grant_type": {"account_credentials"}, "account_id": {sandbox.DemoAccountID}},
		sandbox.DemoAdminClientID, sandbox.DemoAdminClientSecret)
	if r.status != 200 || r.str("access_token") == "" {
		t.Fatalf("account token: %d %s", r.status, r.raw)
	}
	return r.str("access_token")
}

// call sends an API request with a Bearer token and a JSON body (nil: none).
func call(t testing.TB, s *sandbox.Server, token, method, path string, body any) result {
	t.Helper()
	var rd *strings.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = strings.NewReader(string(b))
	} else {
		rd = strings.NewReader("")
	}
	req, _ := http.NewRequest(method, s.URL+path, rd)
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return do(t, req)
}

// list is a decoded listing's items.
func list(t testing.TB, r result, field string) []map[string]any {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("listing: %d %s", r.status, r.raw)
	}
	raw, _ := r.body[field].([]any)
	out := make([]map[string]any, len(raw))
	for i, v := range raw {
		out[i], _ = v.(map[string]any)
	}
	return out
}

// requestPreapproval presses "Request pre-approval" on the wall with reason.
func requestPreapproval(t *testing.T, s *sandbox.Server, a attempt, reason string) {
	t.Helper()
	body, id := consentPage(t, s, a)
	if !strings.Contains(body, sandbox.PreapprovalButton) || strings.Contains(body, ">Allow<") {
		t.Fatalf("not the pre-approval wall:\n%s", body)
	}
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/oauth/authorize/decision",
		strings.NewReader(url.Values{"request_id": {id}, "decision": {"request_preapproval"}, "reason": {reason}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", s.URL)
	resp, err := noFollow().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Location") != "" {
		t.Fatalf("after the request: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// wantAllowed checks the user now gets the consent page with Allow and can
// connect; it returns the token response.
func wantAllowed(t *testing.T, s *sandbox.Server) result {
	t.Helper()
	body, _ := consentPage(t, s, newAttempt(sandbox.DemoClientID))
	if !strings.Contains(body, ">Allow<") {
		t.Fatalf("still at the wall:\n%s", body)
	}
	return connect(t, s)
}

func wantWall(t *testing.T, s *sandbox.Server) {
	t.Helper()
	a := newAttempt(sandbox.DemoClientID)
	body, _ := consentPage(t, s, a)
	if !strings.Contains(body, sandbox.PreapprovalButton) {
		t.Fatalf("no wall:\n%s", body)
	}
	resp, _ := get(t, s.ApproveURL(a.authURL(s)))
	if resp.StatusCode != 200 || resp.Header.Get("Location") != "" {
		t.Fatalf("ApproveURL at the wall: %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

const requestsPath = "/v2/marketplace/apps/" + sandbox.DemoAppID + "/requests"
const preApprovePath = "/v2/marketplace/apps/" + sandbox.DemoAppID + "/preApprove"

func TestClosedLoopThroughRequests(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	requestPreapproval(t, s, newAttempt(sandbox.DemoClientID), "Recordings\x1b[31m for the team")
	admin := adminToken(t, s)

	apps := list(t, call(t, s, admin, "GET", "/v2/marketplace/apps?type=active_requests", nil), "apps")
	if len(apps) != 1 || apps[0]["app_id"] != sandbox.DemoAppID || apps[0]["request_pending_number"] != 3.0 {
		t.Fatalf("apps with requests: %v", apps)
	}
	reqs := list(t, call(t, s, admin, "GET", requestsPath+"?status=pending&page_size=300", nil), "requests")
	var sam map[string]any
	for _, r := range reqs {
		if r["request_user_email"] == sandbox.DemoUser().Email {
			sam = r
		}
	}
	if len(reqs) != 3 || sam == nil || sam["reason"] != "Recordings [31m for the team" || sam["request_user_department"] != "Engineering" ||
		sam["request_user_name"] != "Sam Sandbox" || sam["status"] != "pending" {
		t.Fatalf("pending requests: %v", reqs)
	}
	if r := call(t, s, admin, "PATCH", requestsPath, map[string]any{"action": "approve", "request_user_ids": []string{sam["request_user_id"].(string)}}); r.status != 204 || r.raw != "" {
		t.Fatalf("approve: %d %q", r.status, r.raw)
	}
	approved := list(t, call(t, s, admin, "GET", requestsPath+"?status=approved", nil), "requests")
	if len(approved) != 1 || approved[0]["request_user_id"] != sandbox.DemoUser().ID {
		t.Fatalf("approved: %v", approved)
	}
	wantAllowed(t, s)
	if st := s.Stats(); st.PreapprovalRequests != 1 || st.AccountTokens != 1 || st.AdminCalls != 4 {
		t.Errorf("Stats = %+v", st)
	}
}

func TestDeclineKeepsTheWall(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	requestPreapproval(t, s, newAttempt(sandbox.DemoClientID), "")
	admin := adminToken(t, s)
	if r := call(t, s, admin, "PATCH", requestsPath, map[string]any{"action": "decline", "request_user_ids": []string{sandbox.DemoUser().ID}}); r.status != 204 {
		t.Fatalf("decline: %d %s", r.status, r.raw)
	}
	wantWall(t, s)
	rejected := list(t, call(t, s, admin, "GET", requestsPath+"?status=rejected", nil), "requests")
	if len(rejected) != 1 {
		t.Fatalf("rejected: %v", rejected)
	}
	// Asking again makes the request pending again; approve_all lets it through.
	requestPreapproval(t, s, newAttempt(sandbox.DemoClientID), "please")
	if r := call(t, s, admin, "PATCH", requestsPath, map[string]any{"action": "approve_all"}); r.status != 204 {
		t.Fatalf("approve_all: %d %s", r.status, r.raw)
	}
	wantAllowed(t, s)
	if n := len(list(t, call(t, s, admin, "GET", requestsPath, nil), "requests")); n != 0 {
		t.Errorf("%d requests still pending after approve_all", n)
	}
}

func TestClosedLoopThroughGroupThenDisapprove(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	wantWall(t, s)
	admin := adminToken(t, s)
	groups := list(t, call(t, s, admin, "GET", "/v2/groups?page_size=300", nil), "groups")
	var eng string
	marketing := 0
	for _, g := range groups {
		switch g["name"] {
		case sandbox.DemoGroup:
			eng = g["id"].(string)
		case sandbox.DemoAmbiguousGroup:
			marketing++
		}
	}
	if eng == "" || marketing != 2 {
		t.Fatalf("groups: %v", groups)
	}
	r := call(t, s, admin, "POST", preApprovePath, map[string]any{"action": "approve_group", "group_ids": []string{eng}})
	if r.status != 201 || r.str("executed_at") == "" || len(r.body["group_ids"].([]any)) != 1 || len(r.body["user_ids"].([]any)) != 0 {
		t.Fatalf("approve_group: %d %s", r.status, r.raw)
	}
	tok := wantAllowed(t, s)
	if m := me(t, s, tok.str("access_token")); m.status != 200 {
		t.Fatalf("users/me: %d %s", m.status, m.raw)
	}
	r = call(t, s, admin, "POST", preApprovePath, map[string]any{"action": "disapprove_group", "group_ids": []string{eng}})
	if r.status != 201 {
		t.Fatalf("disapprove_group: %d %s", r.status, r.raw)
	}
	wantJSON(t, refresh(t, s, tok.str("refresh_token")), 400, `{"reason":"The token is disabled by admin.","error":"invalid_grant"}`)
	wantJSON(t, me(t, s, tok.str("access_token")), 401, `{"code":4738,"message":"The token is disabled by admin."}`)
	wantWall(t, s)
}

func TestPreApproveUserAndEveryone(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	admin := adminToken(t, s)
	r := call(t, s, admin, "POST", preApprovePath, map[string]any{"action": "approve_user", "user_ids": []string{sandbox.DemoUser().ID}})
	if r.status != 201 || r.body["user_ids"].([]any)[0] != sandbox.DemoUser().ID {
		t.Fatalf("approve_user: %d %s", r.status, r.raw)
	}
	tok := wantAllowed(t, s)
	apps := list(t, call(t, s, admin, "GET", "/v2/marketplace/apps?type=approved_apps", nil), "apps")
	if len(apps) != 1 || apps[0]["approval_info"].(map[string]any)["approved_type"] != "forSpecificUser" {
		t.Fatalf("approved apps: %v", apps)
	}
	// approve_all keeps Sam in; disapprove_all ends his tokens with 4738.
	if r := call(t, s, admin, "POST", preApprovePath, map[string]any{"action": "approve_all"}); r.status != 201 {
		t.Fatalf("approve_all: %d %s", r.status, r.raw)
	}
	if m := me(t, s, tok.str("access_token")); m.status != 200 {
		t.Fatalf("users/me after approve_all: %d", m.status)
	}
	apps = list(t, call(t, s, admin, "GET", "/v2/marketplace/apps?type=approved_apps", nil), "apps")
	if apps[0]["approval_info"].(map[string]any)["approved_type"] != "forAllUser" {
		t.Fatalf("approved apps: %v", apps)
	}
	if r := call(t, s, admin, "POST", preApprovePath, map[string]any{"action": "disapprove_all"}); r.status != 201 {
		t.Fatalf("disapprove_all: %d %s", r.status, r.raw)
	}
	wantJSON(t, me(t, s, tok.str("access_token")), 401, `{"code":4738,"message":"The token is disabled by admin."}`)
	wantWall(t, s)
	if apps := list(t, call(t, s, admin, "GET", "/v2/marketplace/apps?type=approved_apps", nil), "apps"); len(apps) != 0 {
		t.Errorf("still approved: %v", apps)
	}
}

func TestAccountTokenGrant(t *testing.T) {
	s := start(t, sandbox.Options{})
	form := url.Values{"grant_type": {"account_credentials"}, "account_id": {sandbox.DemoAccountID}}
	r := post(t, s.URL+"/oauth/token", form, sandbox.DemoAdminClientID, sandbox.DemoAdminClientSecret)
	if r.status != 200 || r.str("token_type") != "bearer" || r.body["expires_in"] != 3599.0 || r.body["refresh_token"] != nil ||
		r.str("scope") != strings.Join(sandbox.AdminScopes(), " ") {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	wantJSON(t, post(t, s.URL+"/oauth/token", form, sandbox.DemoAdminClientID, "wrong"), 400, bodyInvalidClient)
	wantJSON(t, post(t, s.URL+"/oauth/token", form, sandbox.DemoClientID, sandbox.DemoClientSecret), 400,
		`{"reason":"unsupported grant type","error":"unsupported_grant_type"}`)
	other := url.Values{"grant_type": {"account_credentials"}, "account_id": {"someone-else"}}
	wantJSON(t, post(t, s.URL+"/oauth/token", other, sandbox.DemoAdminClientID, sandbox.DemoAdminClientSecret), 400,
		`{"reason":"Invalid account_id","error":"invalid_request"}`)
	// The admin token works on the admin API only; a user token lacks its scopes.
	if m := me(t, s, r.str("access_token")); m.status != 401 {
		t.Errorf("admin token on users/me: %d", m.status)
	}
	user := connect(t, s).str("access_token")
	got := call(t, s, user, "GET", "/v2/groups", nil)
	wantJSON(t, got, 400, `{"code":4711,"message":"Invalid access token, does not contain scopes:[group:read:list_groups:admin, group:read:admin]."}`)
	s.ExpireAccessTokens()
	wantJSON(t, call(t, s, r.str("access_token"), "GET", "/v2/groups", nil), 401, `{"code":124,"message":"Access token is expired."}`)
	wantJSON(t, call(t, s, "nope", "GET", "/v2/groups", nil), 401, `{"code":124,"message":"Invalid access token."}`)
}

func TestAdminErrors(t *testing.T) {
	s := start(t, sandbox.Options{})
	admin := adminToken(t, s)
	cases := []struct {
		method, path string
		body         any
		status       int
		want         string
	}{
		{"GET", "/v2/marketplace/apps/nope0000000000000000", nil, 404, `{"code":1401,"message":"APP ID does not exist: nope0000000000000000"}`},
		{"GET", "/v2/marketplace/apps/nope0000000000000000/requests", nil, 404, `{"code":1401,"message":"App ID does not exist: nope0000000000000000"}`},
		{"POST", "/v2/marketplace/apps/" + sandbox.DemoAdminOnlyAppID + "/preApprove", map[string]any{"action": "approve_all"}, 400,
			`{"code":1500,"message":"User can not pre approve this app"}`},
		{"GET", "/v2/users/nobody@example.com", nil, 404, `{"code":1001,"message":"User does not exist: nobody@example.com."}`},
		{"GET", "/v2/users/" + url.PathEscape(sandbox.DemoInvitedEmail), nil, 400, `{"code":1120,"message":"No valid invitation found for this user."}`},
		{"POST", preApprovePath, map[string]any{"action": "approve_user", "user_ids": []string{sandbox.DemoUser().Email}}, 404,
			`{"code":1001,"message":"User does not exist: sam.sandbox@example.com."}`},
		{"POST", preApprovePath, map[string]any{"action": "approve_group", "group_ids": []string{"g-nope"}}, 404,
			`{"code":4130,"message":"A group with this g-nope does not exist."}`},
		{"POST", preApprovePath, map[string]any{"action": "approve_user", "user_ids": make([]string, 21)}, 400, ""},
		{"POST", preApprovePath, map[string]any{"action": "approve_user", "user_ids": []string{}, "emails": []string{"x"}}, 400,
			`{"code":300,"message":"Invalid field."}`},
		{"PATCH", requestsPath, map[string]any{"action": "maybe"}, 400, ""},
		{"GET", "/v2/marketplace/apps?type=nope", nil, 400, `{"code":300,"message":"Invalid field."}`},
	}
	for _, tc := range cases {
		r := call(t, s, admin, tc.method, tc.path, tc.body)
		if tc.want == "" {
			if r.status != tc.status || r.body["code"] != 300.0 || r.body["errors"] == nil {
				t.Errorf("%s %s: %d %s, want a validation error", tc.method, tc.path, r.status, r.raw)
			}
			continue
		}
		wantJSON(t, r, tc.status, tc.want)
	}
	pat := call(t, s, admin, "GET", "/v2/users/"+url.PathEscape(sandbox.DemoPendingEmail), nil)
	if pat.status != 200 || pat.body["id"] != nil || pat.str("status") != "pending" {
		t.Errorf("pending user: %d %s", pat.status, pat.raw)
	}
	sam := call(t, s, admin, "GET", "/v2/users/SAM.SANDBOX%40example.com", nil)
	if sam.str("id") != sandbox.DemoUser().ID || sam.str("dept") != "Engineering" {
		t.Errorf("by email: %d %s", sam.status, sam.raw)
	}
}

func TestAccountWideErrorScenarios(t *testing.T) {
	t.Run("preapproval-off", func(t *testing.T) {
		s := start(t, sandbox.Options{Scenario: sandbox.ScenarioPreapprovalOff})
		wantJSON(t, call(t, s, adminToken(t, s), "POST", preApprovePath, map[string]any{"action": "approve_all"}), 400,
			`{"code":1404,"message":"application_pre_approved_status_off"}`)
		wantAllowed(t, s)
	})
	t.Run("free-account", func(t *testing.T) {
		s := start(t, sandbox.Options{Scenario: sandbox.ScenarioFreeAccount})
		wantJSON(t, call(t, s, adminToken(t, s), "GET", "/v2/groups", nil), 400, `{"code":200,"message":"Only available for Paid account."}`)
		wantWall(t, s)
	})
	t.Run("admin-missing-scope", func(t *testing.T) {
		s := start(t, sandbox.Options{Scenario: sandbox.ScenarioAdminMissingScope})
		admin := adminToken(t, s)
		wantJSON(t, call(t, s, admin, "POST", preApprovePath, map[string]any{"action": "approve_all"}), 400,
			`{"code":4711,"message":"Invalid access token, does not contain scopes:[marketplace:write:app_pre_approve:admin, marketplace_app:write:admin]."}`)
		if r := call(t, s, admin, "GET", requestsPath, nil); r.status != 200 {
			t.Errorf("a call with its scope: %d %s", r.status, r.raw)
		}
	})
	t.Run("rate-limit", func(t *testing.T) {
		s := start(t, sandbox.Options{Scenario: sandbox.ScenarioRateLimit, RetryAfter: 3 * time.Second})
		admin := adminToken(t, s)
		r := call(t, s, admin, "GET", "/v2/groups", nil)
		if r.status != 429 || r.header.Get("Retry-After") != "3" || r.body["code"] != 429.0 {
			t.Fatalf("first admin call: %d %s (Retry-After %q)", r.status, r.raw, r.header.Get("Retry-After"))
		}
		if r := call(t, s, admin, "GET", "/v2/groups", nil); r.status != 200 {
			t.Fatalf("second admin call: %d", r.status)
		}
	})
}

func TestExpiredPageToken(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioExpiredPageToken})
	admin := adminToken(t, s)
	first := call(t, s, admin, "GET", "/v2/groups?page_size=300", nil)
	next := first.str("next_page_token")
	if len(list(t, first, "groups")) != 2 || next == "" {
		t.Fatalf("first page: %s", first.raw)
	}
	wantJSON(t, call(t, s, admin, "GET", "/v2/groups?page_size=300&next_page_token="+next, nil), 400,
		`{"code":300,"message":"The next page token is invalid or expired."}`)
	// Once only: a restarted listing pages to its end.
	var names []string
	tok := ""
	for range 5 {
		r := call(t, s, admin, "GET", "/v2/groups?page_size=300&next_page_token="+tok, nil)
		for _, g := range list(t, r, "groups") {
			names = append(names, g["name"].(string))
		}
		if tok = r.str("next_page_token"); tok == "" {
			break
		}
	}
	if len(names) != 4 {
		t.Fatalf("groups after the restart: %v", names)
	}
}

func TestPageTokensExpireAfterFifteenMinutes(t *testing.T) {
	c := newClock()
	s := start(t, sandbox.Options{Now: c.Now})
	admin := adminToken(t, s)
	first := call(t, s, admin, "GET", "/v2/groups?page_size=1", nil)
	c.Add(sandbox.PageTokenTTL)
	wantJSON(t, call(t, s, admin, "GET", "/v2/groups?page_size=1&next_page_token="+first.str("next_page_token"), nil), 400,
		`{"code":300,"message":"The next page token is invalid or expired."}`)
	second := call(t, s, admin, "GET", "/v2/groups?page_size=1", nil)
	c.Add(sandbox.PageTokenTTL - time.Second)
	if r := call(t, s, admin, "GET", "/v2/groups?page_size=1&next_page_token="+second.str("next_page_token"), nil); r.status != 200 {
		t.Fatalf("a token within 15 minutes: %d %s", r.status, r.raw)
	}
	if r := call(t, s, admin, "GET", "/v2/groups?page_size=1&next_page_token=made-up", nil); r.status != 400 {
		t.Errorf("an unknown page token: %d", r.status)
	}
}

func TestAdminStateIsShared(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	user := start(t, sandbox.Options{Scenario: sandbox.ScenarioPreapproval, StateFile: path})
	requestPreapproval(t, user, newAttempt(sandbox.DemoPublicClientID), "from the other process")
	admin := start(t, sandbox.Options{StateFile: path})
	tok := adminToken(t, admin)
	reqs := list(t, call(t, admin, tok, "GET", requestsPath, nil), "requests")
	found := false
	for _, r := range reqs {
		found = found || r["reason"] == "from the other process"
	}
	if !found {
		t.Fatalf("the request made on one server is not listed on the other: %v", reqs)
	}
	if r := call(t, admin, tok, "PATCH", requestsPath, map[string]any{"action": "approve", "request_user_ids": []string{sandbox.DemoUser().ID}}); r.status != 204 {
		t.Fatalf("approve: %d", r.status)
	}
	if admin.Scenario() != sandbox.ScenarioPreapproval {
		t.Fatalf("scenario %s", admin.Scenario())
	}
	wantAllowed(t, user)
	// A later sandbox on the file still knows the admin token.
	later := start(t, sandbox.Options{StateFile: path})
	if r := call(t, later, tok, "GET", requestsPath+"?status=approved", nil); r.status != 200 || len(list(t, r, "requests")) != 1 {
		t.Errorf("later server: %d %s", r.status, r.raw)
	}
}

func TestApproveParamRequestsPreapproval(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	a := newAttempt(sandbox.DemoClientID)
	resp, body := get(t, a.authURL(s)+"&"+sandbox.ApproveParam+"=request_preapproval")
	noRedirectPage(t, resp, body, sandbox.PreapprovalSent)
	reqs := list(t, call(t, s, adminToken(t, s), "GET", requestsPath, nil), "requests")
	if len(reqs) != 3 || s.Stats().PreapprovalRequests != 1 {
		t.Fatalf("requests %v", reqs)
	}
	// Under approve (no wall) the same parameter just shows the consent page.
	s.SetScenario(sandbox.ScenarioApprove)
	resp, body = get(t, a.authURL(s)+"&"+sandbox.ApproveParam+"=request_preapproval")
	noRedirectPage(t, resp, body, ">Allow<")
}

// The user side through the stand-in browser: at the wall the browser
// never reaches the callback; after the admin approved, it does.
func TestBrowserReachesCallbackOnceApproved(t *testing.T) {
	srv := start(t, sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	var hits atomic.Int32
	cb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("code") != "" {
			hits.Add(1)
		}
	}))
	t.Cleanup(cb.Close)
	a := newAttempt(sandbox.DemoClientID)
	a.redirect = cb.URL + "/callback"
	b := srv.NewBrowser(true)
	_ = b.Open(a.authURL(srv))
	b.Wait()
	if hits.Load() != 0 {
		t.Fatal("the browser got through the wall")
	}
	requestPreapproval(t, srv, a, "")
	admin := adminToken(t, srv)
	if r := call(t, srv, admin, "PATCH", requestsPath, map[string]any{"action": "approve", "request_user_ids": []string{sandbox.DemoUser().ID}}); r.status != 204 {
		t.Fatalf("approve: %d %s", r.status, r.raw)
	}
	_ = b.Open(a.authURL(srv))
	b.Wait()
	if hits.Load() != 1 {
		t.Fatalf("callback hit %d times after the approval, want 1", hits.Load())
	}
}
