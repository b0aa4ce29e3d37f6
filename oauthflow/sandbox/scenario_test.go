package sandbox_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

func TestDenyScenario(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioDeny})
	a := newAttempt(sandbox.DemoClientID)
	_, id := consentPage(t, s, a)
	resp, _ := decide(t, s, id, "allow", s.URL) // even Allow is refused
	if q := callback(t, resp, a).Query(); q.Get("error") != "access_denied" || q.Has("code") {
		t.Errorf("Allow under deny: %v", q)
	}
	resp, _ = get(t, s.ApproveURL(a.authURL(s)))
	if q := callback(t, resp, a).Query(); q.Get("error") != "access_denied" {
		t.Errorf("ApproveURL under deny: %v", q)
	}
	if st := s.Stats(); st.Consents != 2 || st.Exchanges != 0 {
		t.Errorf("Stats = %+v", st)
	}
}

// noRedirectPage asserts a 200 HTML page with want and no Location.
func noRedirectPage(t *testing.T, resp *http.Response, body, want string) {
	t.Helper()
	if resp.StatusCode != 200 || resp.Header.Get("Location") != "" || !strings.Contains(body, want) {
		t.Errorf("got %d Location=%q; want 200, no redirect and %q in:\n%s",
			resp.StatusCode, resp.Header.Get("Location"), want, body)
	}
}

func TestPreapprovalNeverRedirects(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	a := newAttempt(sandbox.DemoClientID)
	body, id := consentPage(t, s, a)
	if !strings.Contains(body, sandbox.PreapprovalButton) || strings.Contains(body, ">Allow<") {
		t.Errorf("pre-approval page should offer %q and no Allow:\n%s", sandbox.PreapprovalButton, body)
	}
	resp, body := decide(t, s, id, "request_preapproval", s.URL)
	noRedirectPage(t, resp, body, sandbox.PreapprovalSent)
	_, id = consentPage(t, s, a)
	resp, body = decide(t, s, id, "allow", s.URL) // a forged Allow shows the wall again
	noRedirectPage(t, resp, body, sandbox.PreapprovalButton)
	resp, body = get(t, s.ApproveURL(a.authURL(s)))
	noRedirectPage(t, resp, body, sandbox.PreapprovalButton)
	if st := s.Stats(); st.Exchanges != 0 || st.Consents != 3 || st.PreapprovalRequests != 1 {
		t.Errorf("Stats = %+v", st)
	}
}

func TestAdminAppNeverRedirects(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioAdminApp})
	a := newAttempt(sandbox.DemoClientID)
	resp, body := get(t, a.authURL(s))
	noRedirectPage(t, resp, body, sandbox.AdminRequired)
	if strings.Contains(body, "<form") {
		t.Error("admin-app page offers a form")
	}
	resp, body = get(t, s.ApproveURL(a.authURL(s)))
	noRedirectPage(t, resp, body, sandbox.AdminRequired)
}

func TestScopeScenarios(t *testing.T) {
	cases := map[sandbox.Scenario]string{
		sandbox.ScenarioApprove:       "meeting:write:meeting cloud_recording:read:list_user_recordings user:read:user",
		sandbox.ScenarioMissingScopes: "user:read:user",
		sandbox.ScenarioClassicScopes: "meeting:write recording:read user:read",
		sandbox.ScenarioAdminScopes:   "meeting:write:meeting:admin cloud_recording:read:list_user_recordings:admin user:read:user:admin",
	}
	for sc, want := range cases {
		t.Run(string(sc), func(t *testing.T) {
			s := start(t, sandbox.Options{Scenario: sc})
			body, _ := consentPage(t, s, newAttempt(sandbox.DemoClientID))
			for _, scope := range strings.Fields(want) {
				if !strings.Contains(body, "<code>"+scope+"</code>") {
					t.Errorf("consent page does not list %s", scope)
				}
			}
			r := connect(t, s)
			if r.str("scope") != want {
				t.Errorf("scope = %q, want %q", r.str("scope"), want)
			}
			if m := me(t, s, r.str("access_token")); m.status != 200 {
				t.Errorf("users/me with %s: %d %s", want, m.status, m.raw)
			}
			if strings.HasSuffix(want, ":admin") && !strings.Contains(body, "every user on the account") {
				t.Error("consent page does not say :admin scopes reach every user")
			}
		})
	}
}

func TestInvalidClientScenario(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioInvalidClient})
	a := newAttempt(sandbox.DemoClientID)
	wantJSON(t, exchange(t, s, a, approve(t, s, a)), 400, bodyInvalidClient)
}

func TestRedirectMismatch(t *testing.T) {
	const body4709 = `{"reason":"Redirect URI mismatch.","error":"invalid_request"}`
	t.Run("scenario", func(t *testing.T) {
		s := start(t, sandbox.Options{Scenario: sandbox.ScenarioRedirectMismatch})
		a := newAttempt(sandbox.DemoClientID)
		wantJSON(t, exchange(t, s, a, approve(t, s, a)), 400, body4709)
	})
	t.Run("other port at exchange", func(t *testing.T) {
		s := start(t, sandbox.Options{})
		a := newAttempt(sandbox.DemoClientID)
		code := approve(t, s, a)
		a.redirect = "http://127.0.0.1:43124/callback"
		wantJSON(t, exchange(t, s, a, code), 400, body4709)
	})
}

// connectAndMe connects and makes the one successful API call the
// disabled-by-admin and revoked scenarios allow.
func connectAndMe(t *testing.T, s *sandbox.Server) result {
	t.Helper()
	r := connect(t, s)
	if m := me(t, s, r.str("access_token")); m.status != 200 {
		t.Fatalf("first users/me: %d %s", m.status, m.raw)
	}
	return r
}

func TestDisabledAndRevokedAfterFirstCall(t *testing.T) {
	cases := []struct {
		sc   sandbox.Scenario
		code int
		msg  string
	}{
		{sandbox.ScenarioDisabledByAdmin, 4738, "The token is disabled by admin."},
		{sandbox.ScenarioRevoked, 4741, "The token has been revoked."},
	}
	for _, c := range cases {
		t.Run(string(c.sc), func(t *testing.T) {
			s := start(t, sandbox.Options{Scenario: c.sc})
			r := connect(t, s)
			rt := refresh(t, s, r.str("refresh_token")) // before any API call: still fine
			if rt.status != 200 {
				t.Fatalf("refresh before the first call: %d %s", rt.status, rt.raw)
			}
			if m := me(t, s, rt.str("access_token")); m.status != 200 {
				t.Fatalf("first users/me: %d %s", m.status, m.raw)
			}
			wantJSON(t, me(t, s, rt.str("access_token")), 401, `{"code":`+strconv.Itoa(c.code)+`,"message":"`+c.msg+`"}`)
			wantJSON(t, refresh(t, s, rt.str("refresh_token")), 400, `{"reason":"`+c.msg+`","error":"invalid_grant"}`)
			if st := s.Stats(); st.Refreshes != 1 || st.FailedRefreshes != 1 || st.Me != 1 {
				t.Errorf("Stats = %+v", st)
			}
		})
	}
}

func TestRateLimitOnceEach(t *testing.T) {
	c := newClock()
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioRateLimit, Now: c.Now, RetryAfter: 2 * time.Second})
	r := connect(t, s)
	m := me(t, s, r.str("access_token"))
	wantJSON(t, m, 429, `{"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}`)
	if got := m.header.Get("Retry-After"); got != "2" {
		t.Errorf("API Retry-After = %q, want seconds \"2\"", got)
	}
	if m := me(t, s, r.str("access_token")); m.status != 200 {
		t.Errorf("second users/me: %d", m.status)
	}
	f := refresh(t, s, r.str("refresh_token"))
	at, err := http.ParseTime(f.header.Get("Retry-After"))
	if f.status != 429 || err != nil {
		t.Fatalf("first refresh: %d, Retry-After %q (%v); want 429 with an HTTP date", f.status, f.header.Get("Retry-After"), err)
	}
	if wait := at.Sub(c.Now()); wait < 2*time.Second || wait > 4*time.Second {
		t.Errorf("Retry-After date is %v ahead, want about 2s", wait)
	}
	f = refresh(t, s, r.str("refresh_token")) // the 429 did not spend it
	if f.status != 200 {
		t.Fatalf("second refresh: %d %s", f.status, f.raw)
	}
	s.SetScenario(sandbox.ScenarioRateLimit) // "first" counts from here again
	if m := me(t, s, f.str("access_token")); m.status != 429 {
		t.Errorf("first call after SetScenario: %d, want 429", m.status)
	}
	if st := s.Stats(); st.Refreshes != 1 || st.FailedRefreshes != 1 || st.Me != 1 {
		t.Errorf("Stats = %+v", st)
	}
}

func TestSlowToken(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioSlowToken, TokenDelay: 300 * time.Millisecond})
	a := newAttempt(sandbox.DemoClientID)
	code := approve(t, s, a)
	t0 := time.Now()
	if r := exchange(t, s, a, code); r.status != 200 {
		t.Fatalf("slow exchange: %d %s", r.status, r.raw)
	}
	if d := time.Since(t0); d < 300*time.Millisecond {
		t.Errorf("token endpoint answered after %v, before the 300ms TokenDelay", d)
	}
}

func TestSlowTokenEndsOnCancelAndClose(t *testing.T) {
	s, err := sandbox.New(sandbox.Options{Scenario: sandbox.ScenarioSlowToken, TokenDelay: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/oauth/token",
		strings.NewReader(url.Values{"grant_type": {"refresh_token"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	errc := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancel() // like ctrl+c in the wizard
	if err := <-errc; err == nil {
		t.Error("canceled request got an answer")
	}
	go func() { // a second one is ended by Close
		resp, err := http.Post(s.URL+"/oauth/token", "application/x-www-form-urlencoded", strings.NewReader("grant_type=x"))
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	time.Sleep(50 * time.Millisecond)
	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(30 * time.Second):
		t.Fatal("Close did not return while a slow token request was waiting")
	}
	<-errc
}
