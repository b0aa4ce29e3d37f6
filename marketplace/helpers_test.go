package marketplace_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/marketplace"
)

// Credentials of the fake Zoom's Server-to-Server app.
const (
	testAccount = "acctTEST0000000000001"
	testClient  = "s2sClientTEST01"
	testSecret  = "s2s-secret-TEST-do-not-print"
)

// seen is one API request the fake received.
type seen struct {
	Method string
	Path   string // decoded path
	Raw    string // escaped path
	Query  url.Values
	Body   string
	Token  string
}

// fakeZoom plays Zoom's token endpoint and REST API for one test. The API
// answers with api; the token endpoint issues tok-1, tok-2, ...
type fakeZoom struct {
	*httptest.Server
	t *testing.T

	mu        sync.Mutex
	api       http.HandlerFunc
	tokens    int
	expiresIn int                  // of each issued token; 0 means 3599
	tokenFail func() (int, string) // non-nil: a status other than 0 is answered with the body
	calls     []seen
}

func newFake(t *testing.T, api http.HandlerFunc) *fakeZoom {
	t.Helper()
	f := &fakeZoom{t: t, api: api}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeZoom) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-zm-trackingid", "v=2.0;clid=test;rid=TEST_1")
	if r.URL.Path == "/oauth/token" {
		f.token(w, r)
		return
	}
	b, _ := io.ReadAll(r.Body)
	s := seen{Method: r.Method, Path: r.URL.Path, Raw: r.URL.EscapedPath(), Query: r.URL.Query(), Body: string(b),
		Token: strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")}
	f.mu.Lock()
	f.calls = append(f.calls, s)
	api := f.api
	f.mu.Unlock()
	if !strings.HasPrefix(r.URL.Path, "/v2/") {
		reply(w, 404, `{"code":404,"message":"not under /v2"}`)
		return
	}
	api(w, r)
}

// token checks an account_credentials request as Zoom would and answers.
func (f *fakeZoom) token(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	user, pass, ok := r.BasicAuth()
	switch {
	case r.Method != http.MethodPost || r.PostForm.Get("grant_type") != "account_credentials":
		reply(w, 400, `{"reason":"unsupported grant type","error":"unsupported_grant_type"}`)
		return
	case r.PostForm.Get("account_id") != testAccount || r.PostForm.Has("client_secret"):
		reply(w, 400, `{"reason":"Invalid account_id","error":"invalid_request"}`)
		return
	case !ok || user != testClient || pass != testSecret:
		reply(w, 401, `{"reason":"Invalid client_id or client_secret","error":"invalid_client"}`)
		return
	}
	f.mu.Lock()
	fail := f.tokenFail
	f.tokens++
	n, exp := f.tokens, f.expiresIn
	f.mu.Unlock()
	if fail != nil {
		if status, body := fail(); status != 0 {
			w.Header().Set("Retry-After", "2")
			reply(w, status, body)
			return
		}
	}
	if exp == 0 {
		exp = 3599
	}
	reply(w, 200, fmt.Sprintf(`{"access_token":"tok-%d","token_type":"bearer","expires_in":%d,"scope":"marketplace:read:app_request:admin"}`, n, exp))
}

// Calls returns the API requests so far.
func (f *fakeZoom) Calls() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.calls...)
}

// Tokens is how many tokens the token endpoint issued.
func (f *fakeZoom) Tokens() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tokens
}

// sleeper records the waits of a client instead of waiting.
type sleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeper) Sleep(_ <-chan struct{}, d time.Duration) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.waits = append(s.waits, d)
	return true
}

func (s *sleeper) Waits() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// client is a marketplace client of the fake, with a recording sleep.
func (f *fakeZoom) client() (*marketplace.Client, *sleeper) {
	creds := marketplace.AccountCredentials{AccountID: testAccount, ClientID: testClient, ClientSecret: testSecret, AuthBaseURL: f.URL}
	sl := &sleeper{}
	return &marketplace.Client{BaseURL: f.URL, TokenSource: creds.TokenSource(context.Background()), Sleep: sl.Sleep}, sl
}

// reply writes a JSON answer.
func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// jsonBody decodes a request body seen by the fake.
func jsonBody(t *testing.T, s seen) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s.Body), &m); err != nil {
		t.Fatalf("%s %s body %q: %v", s.Method, s.Path, s.Body, err)
	}
	return m
}

// ids reads a JSON array of strings from a decoded body.
func ids(m map[string]any, key string) []string {
	raw, _ := m[key].([]any)
	out := make([]string, len(raw))
	for i, v := range raw {
		out[i], _ = v.(string)
	}
	return out
}

// asError fails unless err is a *marketplace.Error.
func asError(t *testing.T, err error) *marketplace.Error {
	t.Helper()
	var e *marketplace.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %v, want *marketplace.Error", err, err)
	}
	return e
}

// outcomes lists the outcomes of results, for comparisons.
func outcomes(res []marketplace.Result) []marketplace.Outcome {
	out := make([]marketplace.Outcome, len(res))
	for i, r := range res {
		out[i] = r.Outcome
	}
	return out
}
