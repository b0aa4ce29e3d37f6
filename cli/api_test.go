package cli

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
)

// countRequests makes the run count every HTTP request it sends.
func countRequests(n *atomic.Int32) func(*rootOptions) {
	return func(o *rootOptions) {
		o.hooks.wrapTransport = func(rt http.RoundTripper) http.RoundTripper {
			return roundTripFunc(func(r *http.Request) (*http.Response, error) {
				n.Add(1)
				return rt.RoundTrip(r)
			})
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// failureDoc is the document a failed api request prints.
type failureDoc struct {
	Schema int  `json:"schema"`
	OK     bool `json:"ok"`
	Error  struct {
		Key        string `json:"key"`
		Kind       string `json:"kind"`
		Code       int    `json:"code"`
		HTTPStatus int    `json:"http_status"`
		Message    string `json:"message"`
		Command    string `json:"command"`
	} `json:"error"`
	Response map[string]any `json:"response"`
}

func readFailure(t *testing.T, stdout string) failureDoc {
	t.Helper()
	var d failureDoc
	if err := json.Unmarshal([]byte(stdout), &d); err != nil || d.Schema != 1 || d.OK {
		t.Fatalf("stdout is not a failure document (%v):\n%s", err, stdout)
	}
	return d
}

func TestAPIAgainstTheSandbox(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)

	r := runCLI(t, st, nil, "", "api", "users/me")
	var me map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &me) != nil || me["email"] != sandbox.DemoUser().Email {
		t.Fatalf("api users/me: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if strings.Index(r.stdout, `"id"`) > strings.Index(r.stdout, `"email"`) {
		t.Errorf("Zoom's key order was not kept:\n%s", r.stdout)
	}
	if r := runCLI(t, st, nil, "", "api", "/v2/users/me", "--jq", ".email"); r.code != 0 || r.stdout != sandbox.DemoUser().Email+"\n" {
		t.Errorf("--jq .email: exit %d %q %s", r.code, r.stdout, r.stderr)
	}

	r = runCLI(t, st, nil, "", "api", "users/me/recordings", "-X", "GET", "-f", "page_size=3", "--paginate",
		"--jq", "[(.meetings | length), .next_page_token, .total_records]")
	if r.code != 0 || strings.Join(strings.Fields(r.stdout), "") != `[7,"",7]` {
		t.Errorf("3 pages merged: exit %d %s %s", r.code, r.stdout, r.stderr)
	}

	r = runCLI(t, st, nil, "", "api", "users/me/meetings", "-f", "topic=Standup", "-F", "type=2", "-F", "duration=15", "-i")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "HTTP/1.1 201 Created\n") || !strings.Contains(r.stdout, "X-Zm-Trackingid: ") ||
		!strings.Contains(r.stdout, `"topic": "Standup"`) || !strings.Contains(r.stdout, `"duration": 15`) {
		t.Errorf("POST a meeting with -i: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}

	r = runCLI(t, st, nil, "", "api", "users/me/meetings")
	d := readFailure(t, r.stdout)
	if r.code != ExitFailure || d.Error.Key != "api:4711" || d.Error.Code != 4711 || d.Error.Kind != "missing_scopes" ||
		d.Response["code"] != float64(4711) || !strings.Contains(r.stderr, "meeting:read:list_meetings") {
		t.Errorf("missing scope: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if d.Error.Command != "zoomconnect login --sandbox" || !strings.Contains(r.stderr, "zoomconnect login --sandbox") {
		t.Errorf("the JSON and the text must name the same command, fitted to the sandbox profile: %q\n%s", d.Error.Command, r.stderr)
	}
	r = runCLI(t, st, nil, "", "--lang", "fr", "api", "users/me/meetings")
	if dfr := readFailure(t, r.stdout); dfr.Error != d.Error || !strings.Contains(r.stderr, "scope") {
		t.Errorf("the French run's document differs: %+v vs %+v", dfr.Error, d.Error)
	}
}

func TestAPIRefusesAbsoluteURLsAndBadInput(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	for _, args := range [][]string{
		{"api", "https://evil.example/v2/users/me"},
		{"api", "//evil.example/users/me"},
		{"api", "users/me", "--jq", ".[ "},
		{"api", "users/me", "-f", "novalue"},
		{"api", "users/me", "-X", "POST", "--paginate"},
		{"api", "users/me", "--input", "/does/not/exist"},
	} {
		var n atomic.Int32
		r := runCLIWith(t, st, nil, "", countRequests(&n), args...)
		if r.code != ExitUsage || n.Load() != 0 || r.stdout != "" {
			t.Errorf("%v: exit %d after %d requests, stdout %q; want 2 and nothing sent\n%s", args, r.code, n.Load(), r.stdout, r.stderr)
		}
	}
	r := runCLI(t, st, nil, "", "api", "https://evil.example/v2/users/me")
	if !strings.Contains(r.stderr, "absolute URL") {
		t.Errorf("the refusal does not say why:\n%s", r.stderr)
	}
	r = runCLI(t, st, nil, "", "--lang", "fr", "api", "users/me", "--jq", ".[ ")
	if !strings.Contains(r.stderr, "n’est pas une expression jq") {
		t.Errorf("the jq error is not in French:\n%s", r.stderr)
	}
}

func TestAPINoConnection(t *testing.T) {
	st := testStore(t)
	r := runCLI(t, st, nil, "", "api", "users/me")
	if r.code == 0 || !strings.Contains(r.stderr, "zoomconnect login") {
		t.Errorf("no connection: exit %d\n%s", r.code, r.stderr)
	}
}

func TestAPIRefreshCuresA401(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	p, _ := st.LoadProfile("default")
	sec, _ := st.LoadSecrets(context.Background(), p)
	sec.AccessToken = "not-a-token-zoom-knows" // still "valid" by its expiry: only Zoom's 401 says otherwise
	if err := st.SaveRotated(context.Background(), p, sec); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, st, nil, "", "api", "users/me", "--jq", ".email")
	if r.code != 0 || r.stdout != sandbox.DemoUser().Email+"\n" {
		t.Fatalf("exit %d %q\n%s", r.code, r.stdout, r.stderr)
	}
	if sec2, _ := st.LoadSecrets(context.Background(), p); sec2.AccessToken == sec.AccessToken || sec2.RefreshToken == sec.RefreshToken {
		t.Errorf("the refresh's rotated tokens were not saved")
	}
}

func TestAPIExpiredAndRefreshFails(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioRevoked)
	if r := runCLI(t, st, nil, "", "api", "users/me"); r.code != 0 { // the scenario's first call works
		t.Fatalf("first call: exit %d\n%s", r.code, r.stderr)
	}
	p, _ := st.LoadProfile("default")
	sec, _ := st.LoadSecrets(context.Background(), p)
	sec.Expiry = time.Now().Add(-time.Minute)
	p.AccessExpiry = sec.Expiry
	if err := st.SaveRotated(context.Background(), p, sec); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, st, nil, "", "api", "users/me")
	if r.code != ExitReconnect || !strings.Contains(r.stderr, "zoomconnect login") {
		t.Errorf("expired, refresh refused: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if d := readFailure(t, r.stdout); d.Error.Kind != "revoked" {
		t.Errorf("error kind %q", d.Error.Kind)
	}
	if p, _ := st.LoadProfile("default"); p.ReconnectReason == "" {
		t.Errorf("the connection was not marked reconnect-needed")
	}
}

func TestAPIRevokedIsFinal(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioRevoked)
	runCLI(t, st, nil, "", "api", "users/me")
	var n atomic.Int32
	r := runCLIWith(t, st, nil, "", countRequests(&n), "api", "users/me/recordings")
	if r.code != ExitReconnect || n.Load() != 1 || !strings.Contains(r.stderr, "4741") {
		t.Errorf("4741: exit %d after %d requests (want 8 after 1, no refresh)\n%s", r.code, n.Load(), r.stderr)
	}
	if p, _ := st.LoadProfile("default"); p.ReconnectReason == "" {
		t.Errorf("the connection was not marked reconnect-needed")
	}
}

func TestAPIRateLimitThenOK(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioRateLimit)
	r := runCLI(t, st, nil, "", "api", "users/me", "--jq", ".email")
	if r.code != 0 || r.stdout != sandbox.DemoUser().Email+"\n" {
		t.Errorf("429 then OK: exit %d %q\n%s", r.code, r.stdout, r.stderr)
	}
}

// fakeAPI is a Zoom whose token endpoint refreshes and whose API answers
// with api.
func fakeAPI(t *testing.T, st *storage.Store, api http.HandlerFunc) *atomic.Int32 {
	t.Helper()
	var refreshes atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", func(w http.ResponseWriter, _ *http.Request) {
		n := refreshes.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"at-`+string(rune('0'+n))+`","refresh_token":"rt-`+string(rune('0'+n))+
			`","token_type":"bearer","expires_in":3599}`)
	})
	mux.HandleFunc("/v2/", api)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	res := &oauthflow.Result{Token: &oauth2.Token{AccessToken: "at-0", RefreshToken: "rt-0", TokenType: "bearer",
		Expiry: time.Now().Add(time.Hour)}, Scopes: strings.Fields("meeting:write:meeting cloud_recording:read:list_user_recordings user:read:user")}
	saveConnection(t, st, "default", srv.URL, storage.BackendKeyring, res)
	return &refreshes
}

func TestAPISecond401Fails(t *testing.T) {
	st := testStore(t)
	var calls atomic.Int32
	refreshes := fakeAPI(t, st, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.WriteHeader(401)
		_, _ = io.WriteString(w, `{"code":124,"message":"Invalid access token."}`)
	})
	r := runCLI(t, st, nil, "", "api", "users/me")
	d := readFailure(t, r.stdout)
	if r.code != ExitReconnect || calls.Load() != 2 || refreshes.Load() != 1 || d.Error.Key != "api:unauthorized_after_refresh" ||
		!strings.Contains(r.stderr, "even after a refresh") {
		t.Errorf("401 twice: exit %d, %d calls, %d refreshes\n%s\n%s", r.code, calls.Load(), refreshes.Load(), r.stdout, r.stderr)
	}
}

func TestAPIRateLimitBeyondTheCap(t *testing.T) {
	st := testStore(t)
	var calls atomic.Int32
	fakeAPI(t, st, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(429)
		_, _ = io.WriteString(w, `{"code":429,"message":"You have exceeded the daily rate limit."}`)
	})
	r := runCLI(t, st, nil, "", "api", "users/me")
	d := readFailure(t, r.stdout)
	if r.code != ExitRateLimited || calls.Load() != 1 || d.Error.Key != "http:429" || !strings.Contains(r.stderr, "rate limit") {
		t.Errorf("429 for an hour: exit %d after %d calls\n%s\n%s", r.code, calls.Load(), r.stdout, r.stderr)
	}
}

func TestAPINotFound(t *testing.T) {
	st := testStore(t)
	fakeAPI(t, st, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(404)
		_, _ = io.WriteString(w, `{"code":3001,"message":"Meeting does not exist: 123."}`)
	})
	r := runCLI(t, st, nil, "", "api", "meetings/123")
	d := readFailure(t, r.stdout)
	if r.code != ExitFailure || d.Error.Key != "api:404" || d.Error.Message != "Meeting does not exist: 123." ||
		!strings.Contains(r.stderr, "Meeting does not exist: 123.") {
		t.Errorf("404: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}
