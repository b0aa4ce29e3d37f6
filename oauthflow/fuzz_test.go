package oauthflow

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// newTestSession builds a Session without a listener; exchange only counts.
func newTestSession(t testing.TB, exchanges *atomic.Int32) *Session {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return &Session{
		RedirectURL: RedirectURLFor(4242), host: "127.0.0.1:4242",
		state: "GOODSTATE-0123456789abcdefghijklmnopqrstu", verifier: "v",
		done: make(chan struct{}), ctx: ctx, cancel: cancel, Deadline: time.Now().Add(time.Minute),
		exchange: func(context.Context, string) (*Result, error) {
			exchanges.Add(1)
			return &Result{}, nil
		},
	}
}

func FuzzCallback(f *testing.F) {
	const good = "GOODSTATE-0123456789abcdefghijklmnopqrstu"
	f.Add("GET", "/callback", "code=c&state="+good, "127.0.0.1:4242", "")
	f.Add("GET", "/callback", "error=access_denied&state="+good, "127.0.0.1:4242", "")
	f.Add("GET", "/callback", "code=c&state=WRONG", "127.0.0.1:4242", "")
	f.Add("POST", "/callback", "code=c&state="+good, "127.0.0.1:4242", "")
	f.Add("GET", "/favicon.ico", "", "127.0.0.1:4242", "")
	f.Add("GET", "/callback", "code=c&state="+good, "evil:4242", "https://evil")
	f.Add("GET", "/callback", "state="+good+"&state=x&code=%00", "127.0.0.1:4242", "http://127.0.0.1:4242")
	f.Fuzz(func(t *testing.T, method, path, query, host, origin string) {
		var n atomic.Int32
		s := newTestSession(t, &n)
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:4242/", nil)
		req.Method, req.Host = method, host
		req.URL.Path, req.URL.RawQuery = path, query
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		q, _ := url.ParseQuery(query)
		valid := method == http.MethodGet && path == CallbackPath && host == s.host &&
			(origin == "" || origin == "http://"+s.host) && q.Get("state") == good
		if !valid && s.claimed.Load() {
			t.Fatalf("an invalid request claimed the result: %s %s?%s host=%q origin=%q", method, path, query, host, origin)
		}
		if !valid && n.Load() != 0 {
			t.Fatal("exchange without a valid state")
		}
		if strings.Contains(w.Body.String(), good) {
			t.Fatal("state echoed")
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Fatal("missing hardening headers")
		}
		// the paste path shares the validator
		var m atomic.Int32
		p := newTestSession(t, &m)
		_, _ = p.CompleteFromURL(context.Background(), "http://"+host+path+"?"+query)
		if m.Load() != 0 && !(host == p.host && path == CallbackPath && q.Get("state") == good) {
			t.Fatal("pasted URL exchanged without a valid state")
		}
	})
}
