package sandbox_test

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// start runs a sandbox for the test.
func start(t testing.TB, opts sandbox.Options) *sandbox.Server {
	t.Helper()
	s, err := sandbox.New(opts)
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// noFollow is a client that returns redirects instead of following them.
func noFollow() *http.Client {
	return &http.Client{
		Timeout:       20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// clock is a settable fake clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// pkce is one verifier and its S256 challenge.
type pkce struct{ verifier, challenge string }

func newPKCE() pkce {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	v := base64.RawURLEncoding.EncodeToString(b)
	sum := sha256.Sum256([]byte(v))
	return pkce{verifier: v, challenge: base64.RawURLEncoding.EncodeToString(sum[:])}
}

// attempt is one authorization as a client would start it.
type attempt struct {
	clientID string
	redirect string
	state    string
	pkce     pkce
}

func newAttempt(clientID string) attempt {
	return attempt{
		clientID: clientID, redirect: "http://127.0.0.1:43123/callback",
		state: newPKCE().verifier, pkce: newPKCE(),
	}
}

// authURL is the authorize URL the attempt opens, like x/oauth2 builds it.
func (a attempt) authURL(s *sandbox.Server) string {
	q := url.Values{
		"response_type": {"code"}, "client_id": {a.clientID}, "redirect_uri": {a.redirect},
		"state": {a.state}, "code_challenge": {a.pkce.challenge}, "code_challenge_method": {"S256"},
	}
	return s.URL + "/oauth/authorize?" + q.Encode()
}

// get fetches u without following redirects.
func get(t testing.TB, u string) (*http.Response, string) {
	t.Helper()
	resp, err := noFollow().Get(u)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.Header.Get("x-zm-trackingid") == "" {
		t.Errorf("GET %s: no x-zm-trackingid header", resp.Request.URL.Path)
	}
	return resp, string(b)
}

// approve runs the no-browser approval and returns the code from the
// callback, checking the redirect target and state.
func approve(t testing.TB, s *sandbox.Server, a attempt) string {
	t.Helper()
	resp, _ := get(t, s.ApproveURL(a.authURL(s)))
	loc := callback(t, resp, a)
	code := loc.Query().Get("code")
	if code == "" {
		t.Fatalf("callback has no code: error=%q", loc.Query().Get("error"))
	}
	return code
}

// callback checks resp is a 302 to the attempt's redirect URI with its
// state and returns the Location.
func callback(t testing.TB, resp *http.Response, a attempt) *url.URL {
	t.Helper()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("status %d, want 302", resp.StatusCode)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatalf("Location: %v", err)
	}
	if got := loc.Scheme + "://" + loc.Host + loc.Path; got != a.redirect {
		t.Fatalf("redirected to %s, want %s", got, a.redirect)
	}
	if loc.Query().Get("state") != a.state {
		t.Fatalf("callback state differs from the request's")
	}
	return loc
}

// result is a decoded JSON answer.
type result struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func (r result) str(k string) string { s, _ := r.body[k].(string); return s }

// post sends a form, with Basic auth when user is not empty.
func post(t testing.TB, u string, form url.Values, user, pass string) result {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if user != "" {
		req.SetBasicAuth(url.QueryEscape(user), url.QueryEscape(pass))
	}
	return do(t, req)
}

func do(t testing.TB, req *http.Request) result {
	t.Helper()
	resp, err := noFollow().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := result{status: resp.StatusCode, header: resp.Header, raw: string(b)}
	_ = json.Unmarshal(b, &r.body)
	if resp.Header.Get("x-zm-trackingid") == "" {
		t.Errorf("%s %s: no x-zm-trackingid header", req.Method, req.URL.Path)
	}
	return r
}

// exchange trades code for tokens as the confidential client.
func exchange(t testing.TB, s *sandbox.Server, a attempt, code string) result {
	t.Helper()
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"redirect_uri": {a.redirect}, "code_verifier": {a.pkce.verifier}}
	if a.clientID == sandbox.DemoPublicClientID {
		form.Set("client_id", a.clientID)
		return post(t, s.URL+"/oauth/token", form, "", "")
	}
	return post(t, s.URL+"/oauth/token", form, sandbox.DemoClientID, sandbox.DemoClientSecret)
}

// connect authorizes and exchanges, failing the test unless both work.
func connect(t testing.TB, s *sandbox.Server) result {
	t.Helper()
	a := newAttempt(sandbox.DemoClientID)
	r := exchange(t, s, a, approve(t, s, a))
	if r.status != http.StatusOK {
		t.Fatalf("exchange: %d %s", r.status, r.raw)
	}
	return r
}

// refresh uses a refresh token as the confidential client.
func refresh(t testing.TB, s *sandbox.Server, rt string) result {
	t.Helper()
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}
	return post(t, s.URL+"/oauth/token", form, sandbox.DemoClientID, sandbox.DemoClientSecret)
}

// me calls GET /v2/users/me with a Bearer token.
func me(t testing.TB, s *sandbox.Server, token string) result {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/v2/users/me", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req)
}

// wantJSON fails unless r has the status and exactly the JSON body want.
func wantJSON(t testing.TB, r result, status int, want string) {
	t.Helper()
	var w, g any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want: %v", err)
	}
	_ = json.Unmarshal([]byte(r.raw), &g)
	wb, _ := json.Marshal(w)
	gb, _ := json.Marshal(g)
	if r.status != status || string(wb) != string(gb) {
		t.Fatalf("got %d %s, want %d %s", r.status, strings.TrimSpace(r.raw), status, want)
	}
}
