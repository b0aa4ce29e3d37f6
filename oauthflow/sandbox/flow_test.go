package sandbox_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

const (
	bodyInvalidToken  = `{"reason":"Invalid Token!","error":"invalid_grant"}`
	bodyInvalidClient = `{"reason":"Invalid client_id or client_secret","error":"invalid_client"}`
	bodyInvalidCode   = `{"reason":"Invalid authorization code.","error":"invalid_request"}`
	bodyAccessInvalid = `{"code":124,"message":"Invalid access token."}`
)

func TestParseScenario(t *testing.T) {
	seen := map[sandbox.Scenario]bool{}
	for _, info := range sandbox.Scenarios(nil) {
		if info.Summary == "" || seen[info.Name] {
			t.Errorf("scenario %q: empty summary or listed twice", info.Name)
		}
		seen[info.Name] = true
		got, err := sandbox.ParseScenario(" " + strings.ToUpper(string(info.Name)) + " ")
		if err != nil || got != info.Name {
			t.Errorf("ParseScenario(%q) = %q, %v", info.Name, got, err)
		}
	}
	if len(seen) != 18 { // the device scenario came in issue 10
		t.Errorf("%d scenarios, want 18", len(seen))
	}
	if got, err := sandbox.ParseScenario(""); err != nil || got != sandbox.ScenarioApprove {
		t.Errorf(`ParseScenario("") = %q, %v; want approve`, got, err)
	}
	_, err := sandbox.ParseScenario("preaproval")
	if err == nil || !strings.Contains(err.Error(), "preapproval") || !strings.Contains(err.Error(), "slow-token") {
		t.Errorf("unknown scenario error should list valid names, got %v", err)
	}
	if _, err := sandbox.New(sandbox.Options{Scenario: "nope"}); err == nil {
		t.Error("New accepted an unknown scenario")
	}
}

func TestNewServesOnlyLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "localhost:0", "192.0.2.1:0"} {
		if s, err := sandbox.New(sandbox.Options{Addr: addr}); err == nil {
			s.Close()
			t.Errorf("New(Addr %q) succeeded; want a loopback-only error", addr)
		}
	}
	s := start(t, sandbox.Options{})
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Errorf("URL %q is not on 127.0.0.1", s.URL)
	}
}

func TestApproveFlow(t *testing.T) {
	s := start(t, sandbox.Options{})
	r := connect(t, s)
	if r.str("token_type") != "bearer" || r.body["expires_in"] != float64(3599) || r.str("api_url") != s.URL {
		t.Errorf("token response fields: %s", r.raw)
	}
	if got := r.str("scope"); got != "meeting:write:meeting cloud_recording:read:list_user_recordings user:read:user" {
		t.Errorf("scope = %q", got)
	}
	if r.str("access_token") == "" || r.str("refresh_token") == "" || r.str("access_token") == r.str("refresh_token") {
		t.Errorf("tokens missing or equal")
	}
	if r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("token response Cache-Control = %q", r.header.Get("Cache-Control"))
	}
	u := me(t, s, r.str("access_token"))
	if u.status != 200 || u.str("email") != "sam.sandbox@example.com" || u.str("display_name") != "Sam Sandbox" ||
		u.body["type"] != float64(2) || u.str("account_id") == "" || u.str("status") != "active" {
		t.Errorf("users/me: %d %s", u.status, u.raw)
	}
	want := sandbox.Stats{Authorize: 1, Consents: 1, Exchanges: 1, Me: 1}
	if got := s.Stats(); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
	if s.LatestRefreshToken() != r.str("refresh_token") {
		t.Error("LatestRefreshToken differs from the issued refresh token")
	}
}

func TestCustomUserAndTTL(t *testing.T) {
	u := sandbox.DemoUser()
	u.Email, u.DisplayName = "pat@example.org", "Pat"
	s := start(t, sandbox.Options{User: u, AccessTTL: 90 * time.Second})
	r := connect(t, s)
	if r.body["expires_in"] != float64(90) {
		t.Errorf("expires_in = %v, want 90", r.body["expires_in"])
	}
	if got := me(t, s, r.str("access_token")); got.str("email") != "pat@example.org" {
		t.Errorf("users/me email = %q", got.str("email"))
	}
}

func TestClientAuthentication(t *testing.T) {
	s := start(t, sandbox.Options{})
	tokenURL := s.URL + "/oauth/token"
	base := func(a attempt, code string) url.Values {
		return url.Values{"grant_type": {"authorization_code"}, "code": {code},
			"redirect_uri": {a.redirect}, "code_verifier": {a.pkce.verifier}}
	}
	t.Run("public client in body", func(t *testing.T) {
		a := newAttempt(sandbox.DemoPublicClientID)
		if r := exchange(t, s, a, approve(t, s, a)); r.status != 200 {
			t.Fatalf("public exchange: %d %s", r.status, r.raw)
		}
	})
	cases := []struct {
		name       string
		client     string
		edit       func(url.Values)
		user, pass string
	}{
		{"public client sending a secret", sandbox.DemoPublicClientID, func(f url.Values) {
			f.Set("client_id", sandbox.DemoPublicClientID)
			f.Set("client_secret", "x")
		}, "", ""},
		{"public client with Basic header", sandbox.DemoPublicClientID, func(url.Values) {}, sandbox.DemoPublicClientID, ""},
		{"confidential client without secret", sandbox.DemoClientID, func(f url.Values) { f.Set("client_id", sandbox.DemoClientID) }, "", ""},
		{"confidential client with secret in body", sandbox.DemoClientID, func(f url.Values) {
			f.Set("client_id", sandbox.DemoClientID)
			f.Set("client_secret", sandbox.DemoClientSecret)
		}, "", ""},
		{"wrong secret", sandbox.DemoClientID, func(url.Values) {}, sandbox.DemoClientID, "wrong"},
		{"unknown client", sandbox.DemoClientID, func(url.Values) {}, "someone", sandbox.DemoClientSecret},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := newAttempt(c.client)
			form := base(a, approve(t, s, a))
			c.edit(form)
			wantJSON(t, post(t, tokenURL, form, c.user, c.pass), 400, bodyInvalidClient)
		})
	}
}

func TestAuthorizeRejects(t *testing.T) {
	s := start(t, sandbox.Options{})
	a := newAttempt(sandbox.DemoClientID)
	with := func(k, v string) string {
		u, _ := url.Parse(a.authURL(s))
		q := u.Query()
		if v == "-" {
			q.Del(k)
		} else {
			q.Set(k, v)
		}
		u.RawQuery = q.Encode()
		return u.String()
	}
	pages := []struct{ name, url, want string }{
		{"unknown client", with("client_id", "nobody<b>"), "Invalid client_id: nobody&lt;b&gt; (4,702)"},
		{"scope parameter", with("scope", "user:read:user"), "Invalid scope"},
		{"response type", with("response_type", "token"), "Invalid response_type"},
		{"plain-only method", with("code_challenge_method", "S512"), "code_challenge_method must be S256 or plain"},
		{"short S256 challenge", with("code_challenge", "abc"), "code_challenge is malformed"},
		{"method without challenge", with("code_challenge", "-"), "without code_challenge"},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			resp, body := get(t, s.ApproveURL(p.url))
			if resp.StatusCode != 400 || !strings.Contains(body, p.want) || resp.Header.Get("Location") != "" {
				t.Errorf("got %d Location=%q, body lacks %q:\n%s", resp.StatusCode, resp.Header.Get("Location"), p.want, body)
			}
		})
	}
	for _, bad := range []string{"http://localhost:43123/callback", "https://127.0.0.1:43123/callback",
		"http://10.0.0.1:43123/callback", "http://127.0.0.1:43123/other", "http://u:p@127.0.0.1:1/callback",
		"http://127.0.0.1:43123/callback#f", "", "http://127.0.0.1.example.com/callback"} {
		resp, body := get(t, with("redirect_uri", bad))
		var r result
		r.status, r.raw = resp.StatusCode, body
		t.Run("redirect "+bad, func(t *testing.T) {
			wantJSON(t, r, 400, `{"status":false,"errorCode":4700,"errorMessage":"Invalid redirect url","result":null}`)
		})
	}
	pub := newAttempt(sandbox.DemoPublicClientID)
	u, _ := url.Parse(pub.authURL(s))
	q := u.Query()
	q.Del("code_challenge")
	q.Del("code_challenge_method")
	u.RawQuery = q.Encode()
	if resp, body := get(t, u.String()); resp.StatusCode != 400 || !strings.Contains(body, "public client must send code_challenge") {
		t.Errorf("public client without PKCE: %d", resp.StatusCode)
	}
	if st := s.Stats(); st.Authorize != 0 || st.Consents != 0 {
		t.Errorf("refused requests were counted: %+v", st)
	}
}

var requestIDRE = regexp.MustCompile(`name="request_id" value="([^"]+)"`)

// consentPage fetches the consent page and returns its body and request id.
func consentPage(t *testing.T, s *sandbox.Server, a attempt) (string, string) {
	t.Helper()
	resp, body := get(t, a.authURL(s))
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("consent page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP = %q", csp)
	}
	m := requestIDRE.FindStringSubmatch(body)
	if m == nil {
		return body, ""
	}
	return body, m[1]
}

// decide posts the consent form as a browser on the sandbox's origin.
func decide(t *testing.T, s *sandbox.Server, id, decision, origin string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/oauth/authorize/decision",
		strings.NewReader(url.Values{"request_id": {id}, "decision": {decision}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", origin)
	resp, err := noFollow().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestConsentPageForm(t *testing.T) {
	s := start(t, sandbox.Options{})
	a := newAttempt(sandbox.DemoClientID)
	body, id := consentPage(t, s, a)
	for _, want := range []string{sandbox.DemoAppName, ">Allow<", ">Deny<", "Sam Sandbox", "meeting:write:meeting",
		"Create and manage your meetings", "View your cloud recordings", `action="/oauth/authorize/decision"`} {
		if !strings.Contains(body, want) {
			t.Errorf("consent page lacks %q", want)
		}
	}
	if strings.Contains(body, a.state) || strings.Contains(body, "<script") {
		t.Error("consent page leaks the state or carries script")
	}
	if resp, _ := decide(t, s, id, "allow", "http://evil.example"); resp.StatusCode != 403 {
		t.Errorf("foreign Origin: %d, want 403", resp.StatusCode)
	}
	resp, _ := decide(t, s, id, "allow", s.URL)
	loc := callback(t, resp, a)
	if r := exchange(t, s, a, loc.Query().Get("code")); r.status != 200 {
		t.Fatalf("exchange after Allow: %d %s", r.status, r.raw)
	}
	if resp, body := decide(t, s, id, "allow", s.URL); resp.StatusCode != 400 || !strings.Contains(body, "already used or has expired") {
		t.Errorf("replayed form: %d", resp.StatusCode)
	}
	_, id2 := consentPage(t, s, a)
	resp, _ = decide(t, s, id2, "deny", s.URL)
	if q := callback(t, resp, a).Query(); q.Get("error") != "access_denied" || q.Get("error_description") == "" || q.Has("code") {
		t.Errorf("Deny redirect query: %v", q)
	}
}

func TestConsentPageExpires(t *testing.T) {
	c := newClock()
	s := start(t, sandbox.Options{Now: c.Now})
	_, id := consentPage(t, s, newAttempt(sandbox.DemoClientID))
	c.Add(11 * time.Minute)
	if resp, _ := decide(t, s, id, "allow", s.URL); resp.StatusCode != 400 {
		t.Errorf("stale consent form: %d, want 400", resp.StatusCode)
	}
}
