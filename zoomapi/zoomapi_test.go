package zoomapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// fakeTokens hands out "tok-N", a new N on each forced call, and records
// the calls.
type fakeTokens struct {
	mu       sync.Mutex
	n        int
	forced   int
	rejected []error
	err      error
}

func (f *fakeTokens) Token(_ context.Context, force bool) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return "", f.err
	}
	if force {
		f.forced++
		f.n++
	}
	return fmt.Sprintf("tok-%d", f.n), nil
}

func (f *fakeTokens) Rejected(_ context.Context, err error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rejected = append(f.rejected, err)
	return fmt.Errorf("marked reconnect: %w", err)
}

// noSleep records the waits asked for and waits for none.
type noSleep struct{ waits []time.Duration }

func (s *noSleep) sleep(_ <-chan struct{}, d time.Duration) bool {
	s.waits = append(s.waits, d)
	return true
}

func newClient(srv *httptest.Server, toks Tokens, sl *noSleep) *Client {
	return &Client{BaseURL: srv.URL, Tokens: toks, Sleep: sl.sleep, HTTPClient: srv.Client()}
}

func zoomErr(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"code": code, "message": msg})
}

func TestURLStaysOnTheAPIHost(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"users/me", "https://api.zoom.us/v2/users/me"},
		{"/users/me", "https://api.zoom.us/v2/users/me"},
		{"/v2/users/me", "https://api.zoom.us/v2/users/me"},
		{"v2/users/me/", "https://api.zoom.us/v2/users/me"},
		{"users/me/meetings?type=scheduled", "https://api.zoom.us/v2/users/me/meetings?page_size=3&type=scheduled"},
		{"../../oauth/token", "https://api.zoom.us/v2/oauth/token"},
		{"https:/evil.example/x", "https://api.zoom.us/v2/https:/evil.example/x"},
	} {
		q := map[string][]string{}
		if strings.Contains(tc.path, "meetings") {
			q["page_size"] = []string{"3"}
		}
		u, err := URL("https://api.zoom.us", tc.path, q)
		if err != nil {
			t.Errorf("URL(%q): %v", tc.path, err)
			continue
		}
		if u.String() != tc.want {
			t.Errorf("URL(%q) = %s, want %s", tc.path, u, tc.want)
		}
	}
	if u, _ := URL("https://api.zoom.us/v2/", "users/me", nil); u.String() != "https://api.zoom.us/v2/users/me" {
		t.Errorf("a base ending in /v2 gave %s", u)
	}
	for _, bad := range []string{"", "  ", "https://evil.example/v2/users/me", "http://127.0.0.1:9/x", "//evil.example/x",
		`\\evil.example\x`, "users/me#frag", "HTTPS://EVIL.EXAMPLE/x"} {
		if _, err := URL("https://api.zoom.us", bad, nil); !errors.Is(err, ErrBadPath) {
			t.Errorf("URL(%q) = %v, want ErrBadPath", bad, err)
		}
	}
	if _, err := URL("http://api.example.com", "users/me", nil); !errors.Is(err, oauthflow.ErrInsecureEndpoint) {
		t.Errorf("a plain-http base was accepted: %v", err)
	}
}

func TestBuild(t *testing.T) {
	f := func(s string, typed bool) Field {
		x, err := ParseField(s, typed)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	r, err := Spec{Path: "users/me/meetings", Fields: []Field{f("type=scheduled", false)}, Method: "get"}.Build()
	if err != nil || r.Method != "GET" || r.Query.Get("type") != "scheduled" || r.Body != nil {
		t.Errorf("GET with a field = %+v, %v; want the field in the query", r, err)
	}
	if r, _ := (Spec{Path: "users/me"}).Build(); r.Method != "GET" {
		t.Errorf("no field: method %s, want GET", r.Method)
	}
	r, err = Spec{Path: "users/me/meetings", Fields: []Field{
		f("topic=Standup", false), f("type=2", true), f("duration=30", false), f("settings[join_before_host]=true", true),
		f("settings[alternative_hosts]=a@example.com", false), f("tags[]=x", false), f("tags[]=7", true), f("agenda=null", true),
	}}.Build()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"agenda":null,"duration":"30","settings":{"alternative_hosts":"a@example.com","join_before_host":true},"tags":["x",7],"topic":"Standup","type":2}`
	if r.Method != "POST" || string(r.Body) != want || r.Query != nil {
		t.Errorf("POST body = %s %s (query %v), want POST %s", r.Method, r.Body, r.Query, want)
	}
	r, _ = Spec{Path: "x", Fields: []Field{f("a=1", false)}, Input: []byte(`{"b":2}`), HasInput: true, Method: "PATCH"}.Build()
	if r.Method != "PATCH" || string(r.Body) != `{"b":2}` || r.Query.Get("a") != "1" {
		t.Errorf("with --input the fields go to the query: %+v", r)
	}
	for _, bad := range []Spec{
		{Path: "x", Method: "GE T"}, {Path: "x", Method: "POST", Paginate: true},
		{Path: "x", Fields: []Field{f("a=1", false), f("a[b]=2", false)}},
		{Path: "x", Fields: []Field{{Key: "a[", Value: "1"}}},
		{Path: "x", Fields: []Field{{Key: "a[][b]", Value: "1"}}},
	} {
		if _, err := bad.Build(); !errors.Is(err, ErrBadField) {
			t.Errorf("Build(%+v) = %v, want ErrBadField", bad, err)
		}
	}
	if _, err := ParseField("novalue", false); !errors.Is(err, ErrBadField) {
		t.Errorf("a field without = was accepted")
	}
}

func TestRefreshOnceOn401(t *testing.T) {
	var auth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = append(auth, r.Header.Get("Authorization"))
		if r.Header.Get("Authorization") != "Bearer tok-1" {
			zoomErr(w, 401, 124, "Access token is expired.")
			return
		}
		_, _ = io.WriteString(w, `{"id":"u1"}`)
	}))
	defer srv.Close()
	toks := &fakeTokens{}
	resp, err := newClient(srv, toks, &noSleep{}).Do(context.Background(), Request{Method: "GET", Path: "users/me"})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != `{"id":"u1"}` || toks.forced != 1 || strings.Join(auth, ",") != "Bearer tok-0,Bearer tok-1" {
		t.Errorf("body %s, %d forced refreshes, tokens sent %v; want one refresh then the answer", resp.Body, toks.forced, auth)
	}
}

func TestSecond401Fails(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls++
		zoomErr(w, 401, 124, "Invalid access token.")
	}))
	defer srv.Close()
	toks := &fakeTokens{}
	_, err := newClient(srv, toks, &noSleep{}).Do(context.Background(), Request{Method: "GET", Path: "users/me"})
	var ae *Error
	if !errors.As(err, &ae) || !ae.AfterRefresh || ae.Key() != "api:unauthorized_after_refresh" {
		t.Fatalf("err = %v, want a 401 after the refresh", err)
	}
	if calls != 2 || toks.forced != 1 {
		t.Errorf("%d calls, %d forced refreshes; want 2 and 1", calls, toks.forced)
	}
	if ex := oauthflow.Explain(err); ex.Key != "api:unauthorized_after_refresh" {
		t.Errorf("explained as %s", ex.Key)
	}
}

func TestRevokedIsFinal(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls++
		zoomErr(w, 401, 4741, "The token has been revoked.")
	}))
	defer srv.Close()
	toks := &fakeTokens{}
	_, err := newClient(srv, toks, &noSleep{}).Do(context.Background(), Request{Method: "GET", Path: "users/me"})
	if err == nil || !strings.Contains(err.Error(), "marked reconnect") || calls != 1 || toks.forced != 0 || len(toks.rejected) != 1 {
		t.Fatalf("err %v after %d calls, %d refreshes; want 4741 final, recorded, never refreshed", err, calls, toks.forced)
	}
	if k := oauthflow.KindOf(err); k != oauthflow.KindRevoked {
		t.Errorf("kind %s, want revoked", k)
	}
}

func TestRetryAfter(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls++
		if calls == 1 {
			w.Header().Set("Retry-After", "2")
			zoomErr(w, 429, 429, "You have reached the maximum per-second rate limit for this API. Try again later.")
			return
		}
		_, _ = io.WriteString(w, `{"ok":1}`)
	}))
	defer srv.Close()
	sl := &noSleep{}
	resp, err := newClient(srv, &fakeTokens{}, sl).Do(context.Background(), Request{Method: "POST", Path: "users/me/meetings", Body: []byte(`{}`)})
	if err != nil || string(resp.Body) != `{"ok":1}` {
		t.Fatalf("resp %v, err %v", resp, err)
	}
	if len(sl.waits) != 1 || sl.waits[0] != 2*time.Second {
		t.Errorf("waits %v, want one of 2s (Retry-After)", sl.waits)
	}
}

func TestRetryAfterBeyondTheCap(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls++
		w.Header().Set("Retry-After", "3600")
		zoomErr(w, 429, 429, "You have exceeded the daily rate limit.")
	}))
	defer srv.Close()
	sl := &noSleep{}
	c := newClient(srv, &fakeTokens{}, sl)
	c.MaxRetryWait = time.Minute
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "users/me"})
	var oe *oauthflow.Error
	if !errors.As(err, &oe) || oe.Kind != oauthflow.KindRateLimited || oe.RetryAfter != time.Hour {
		t.Fatalf("err %v, want the 429 with its Retry-After", err)
	}
	if calls != 1 || len(sl.waits) != 0 {
		t.Errorf("%d calls, waits %v; want no wait beyond the cap", calls, sl.waits)
	}
	if k := oauthflow.Explain(err).Key; k != "http:429" {
		t.Errorf("explained as %s", k)
	}
}

func TestRetryStopsWithTheContext(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "1")
		zoomErr(w, 429, 429, "slow down")
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	c := newClient(srv, &fakeTokens{}, nil)
	c.Sleep = func(<-chan struct{}, time.Duration) bool { cancel(); return false }
	_, err := c.Do(ctx, Request{Method: "GET", Path: "users/me"})
	if oauthflow.KindOf(err) != oauthflow.KindCanceled {
		t.Errorf("err %v, want canceled", err)
	}
}

func TestServerErrorsRetriedOnlyWhenSafe(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls++
		zoomErr(w, 503, 0, "unavailable")
	}))
	defer srv.Close()
	c := newClient(srv, &fakeTokens{}, &noSleep{})
	if _, err := c.Do(context.Background(), Request{Method: "POST", Path: "users/me/meetings", Body: []byte(`{}`)}); err == nil || calls != 1 {
		t.Errorf("POST: %d calls (err %v), want 1: a POST may not be repeated", calls, err)
	}
	calls = 0
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "users/me"}); err == nil || calls != 1+DefaultMaxRetries {
		t.Errorf("GET: %d calls, want %d", calls, 1+DefaultMaxRetries)
	}
}

func TestPaginateThreePages(t *testing.T) {
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		pages := map[string]string{
			"":   `{"page_size":2,"total_records":5,"next_page_token":"p2","meetings":[{"id":1},{"id":2}],"from":"first"}`,
			"p2": `{"page_size":2,"total_records":5,"next_page_token":"p3","meetings":[{"id":3},{"id":4}],"from":"second"}`,
			"p3": `{"page_size":2,"total_records":5,"next_page_token":"","meetings":[{"id":5}],"from":"third"}`,
		}
		_, _ = io.WriteString(w, pages[r.URL.Query().Get("next_page_token")])
	}))
	defer srv.Close()
	resp, err := newClient(srv, &fakeTokens{}, &noSleep{}).Do(context.Background(),
		Request{Method: "GET", Path: "users/me/meetings?type=scheduled", Query: map[string][]string{"page_size": {"2"}}, Paginate: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"page_size":2,"total_records":5,"next_page_token":"","meetings":[{"id":1},{"id":2},{"id":3},{"id":4},{"id":5}],"from":"first"}`
	if string(resp.Body) != want || len(resp.Pages) != 3 {
		t.Errorf("merged = %s (%d pages)\nwant     %s", resp.Body, len(resp.Pages), want)
	}
	if strings.Join(queries, " ") != "page_size=2&type=scheduled next_page_token=p2&page_size=2&type=scheduled next_page_token=p3&page_size=2&type=scheduled" {
		t.Errorf("queries %v", queries)
	}
}

func TestPaginateLoopStops(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"next_page_token":"same","users":[1]}`)
	}))
	defer srv.Close()
	_, err := newClient(srv, &fakeTokens{}, &noSleep{}).Do(context.Background(), Request{Method: "GET", Path: "users", Paginate: true})
	if !errors.Is(err, ErrTooManyPages) {
		t.Errorf("err %v, want ErrTooManyPages", err)
	}
}

func TestMergeArrays(t *testing.T) {
	got, err := mergePages([][]byte{[]byte(`[1,2]`), []byte(`[3]`), []byte(`[]`)})
	if err != nil || string(got) != `[1,2,3]` {
		t.Errorf("merge arrays = %s, %v", got, err)
	}
	if _, err := mergePages([][]byte{[]byte(`{"a":[1]}`), []byte(`nope`)}); err == nil {
		t.Errorf("a page that is not JSON was merged")
	}
}

func TestNoTokenToAnotherHost(t *testing.T) {
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = append(leaked, r.Header.Get("Authorization"))
		_, _ = io.WriteString(w, `{}`)
	}))
	defer other.Close()
	var hits int
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		http.Redirect(w, r, other.URL+"/steal", http.StatusFound)
	}))
	defer api.Close()
	c := newClient(api, &fakeTokens{}, &noSleep{})
	for _, p := range []string{other.URL + "/v2/users/me", "//" + strings.TrimPrefix(other.URL, "http://") + "/x"} {
		if _, err := c.Do(context.Background(), Request{Method: "GET", Path: p}); !errors.Is(err, ErrBadPath) {
			t.Errorf("%s: err %v, want ErrBadPath", p, err)
		}
	}
	if hits != 0 {
		t.Errorf("a refused path was sent")
	}
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "users/me"})
	var ae *Error
	if !errors.As(err, &ae) || ae.Status() != http.StatusFound {
		t.Errorf("a redirect to another host gave %v, want the 302 as an error", err)
	}
	if len(leaked) != 0 {
		t.Errorf("the other host got a request with Authorization %q", leaked)
	}
}

func TestErrorKeys(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v2/nope":
			zoomErr(w, 404, 0, "Not found")
		case "/v2/users/me/meetings":
			zoomErr(w, 400, 300, "Invalid field.")
		default:
			zoomErr(w, 400, 4711, "Invalid access token, does not contain scopes:[meeting:read:list_meetings].")
		}
	}))
	defer srv.Close()
	c := newClient(srv, &fakeTokens{}, &noSleep{})
	for path, key := range map[string]string{"nope": "api:404", "users/me/meetings": "api:refused", "users/me/recordings": "api:4711"} {
		_, err := c.Do(context.Background(), Request{Method: "GET", Path: path})
		var ae *Error
		if !errors.As(err, &ae) || ae.Key() != key || len(ae.Body) == 0 {
			t.Errorf("%s: %v (key %v), want %s with the body", path, err, ae, key)
		}
	}
}

func TestTokenErrorStops(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { t.Error("a request went out without a token") }))
	defer srv.Close()
	want := errors.New("no saved connection")
	if _, err := newClient(srv, &fakeTokens{err: want}, &noSleep{}).Do(context.Background(), Request{Method: "GET", Path: "users/me"}); !errors.Is(err, want) {
		t.Errorf("err %v", err)
	}
}
