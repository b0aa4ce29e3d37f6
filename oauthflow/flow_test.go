package oauthflow

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// browser is a fake system browser: it follows the authorize redirect to
// the loopback callback, with no proxy and no kept-alive connections.
func browser(t *testing.T) *http.Client {
	tr := &http.Transport{DisableKeepAlives: true}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

func startFlow(t *testing.T, fz *fakeZoom, public bool, timeout time.Duration) *Session {
	t.Helper()
	s, err := (&Flow{Client: fz.client(public), Timeout: timeout}).Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// get sends a GET with optional header overrides and returns status and body.
func get(t *testing.T, c *http.Client, raw string, hdr map[string]string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func callbackURL(s *Session, q url.Values) string { return s.RedirectURL + "?" + q.Encode() }

func assertPortClosed(t *testing.T, s *Session) {
	t.Helper()
	if c, err := net.DialTimeout("tcp", s.host, time.Second); err == nil {
		c.Close()
		t.Fatalf("port %s still open", s.host)
	}
}

func TestFlowHappyPath(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, true, 0)
	u, _ := url.Parse(s.AuthURL)
	q := u.Query()
	if u.Path != "/oauth/authorize" || q.Get("response_type") != "code" || q.Get("client_id") != testClientID ||
		q.Get("code_challenge_method") != "S256" || len(q.Get("code_challenge")) != 43 || q.Has("scope") ||
		q.Get("redirect_uri") != s.RedirectURL {
		t.Fatalf("authorize URL %s", s.AuthURL)
	}
	if raw, err := base64.RawURLEncoding.DecodeString(q.Get("state")); err != nil || len(raw) != 32 {
		t.Fatalf("state is not 32 random bytes: %v %d", err, len(raw))
	}
	if !strings.HasPrefix(s.RedirectURL, "http://127.0.0.1:") || !strings.HasSuffix(s.RedirectURL, "/callback") {
		t.Fatalf("redirect %s", s.RedirectURL)
	}
	if strings.Contains(s.AuthURL, s.verifier) {
		t.Fatal("verifier in the authorize URL")
	}
	status, body, hdr := get(t, browser(t), s.AuthURL, nil)
	if status != 200 || !strings.Contains(body, "Authorization received") {
		t.Fatalf("browser got %d %s", status, body)
	}
	for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
		"Cache-Control": "no-store", "Content-Type": "text/html; charset=utf-8"} {
		if hdr.Get(k) != v {
			t.Errorf("%s = %q", k, hdr.Get(k))
		}
	}
	if !strings.HasPrefix(hdr.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("CSP = %q", hdr.Get("Content-Security-Policy"))
	}
	if strings.Contains(body, testCode) || strings.Contains(body, q.Get("state")) {
		t.Fatal("page echoes code or state")
	}
	res, err := s.Wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Token.AccessToken != testAccess || len(res.Scopes) != 3 || res.APIURL != "https://api.zoom.us" {
		t.Fatalf("result %+v", res)
	}
	if got := fz.lastTokenReq().Form.Get("redirect_uri"); got != s.RedirectURL {
		t.Fatalf("token redirect_uri %q != %q", got, s.RedirectURL)
	}
	assertPortClosed(t, s)
}

func TestWrongStateIsIgnoredAndRealCallbackStillWins(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, false, 0)
	b := browser(t)
	forged := []url.Values{
		{"code": {testCode}, "state": {"WRONG"}},
		{"code": {testCode}},
		{"error": {"access_denied"}, "state": {"WRONG"}},
		{"code": {testCode}, "state": {s.state + "x"}},
		{"code": {testCode}, "state": {s.state[:len(s.state)-1]}},
	}
	for _, q := range forged {
		status, body, _ := get(t, b, callbackURL(s, q), nil)
		if status != http.StatusBadRequest || strings.Contains(body, s.state) {
			t.Fatalf("%v: status %d", q, status)
		}
	}
	if n := fz.tokens.Load(); n != 0 {
		t.Fatalf("forged callbacks caused %d exchanges", n)
	}
	select {
	case <-s.done:
		t.Fatal("a forged callback ended the flow")
	default:
	}
	if status, _, _ := get(t, b, s.AuthURL, nil); status != 200 {
		t.Fatalf("real callback got %d", status)
	}
	if _, err := s.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if fz.tokens.Load() != 1 {
		t.Fatalf("%d exchanges", fz.tokens.Load())
	}
}

func TestDeclined(t *testing.T) {
	fz := newFakeZoom(t)
	fz.deny.Store(true)
	s := startFlow(t, fz, false, 0)
	status, body, _ := get(t, browser(t), s.AuthURL, nil)
	_, err := s.Wait(context.Background())
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindDeclined || e.Key() != "callback:access_denied" {
		t.Fatalf("err = %v", err)
	}
	if status != http.StatusBadRequest || strings.Contains(strings.ToLower(body), "connected") {
		t.Fatalf("browser page %d claims success: %s", status, body)
	}
	if fz.tokens.Load() != 0 {
		t.Fatal("declined flow exchanged")
	}
	assertPortClosed(t, s)
}

func TestCallbackErrorValues(t *testing.T) {
	for _, code := range []string{"invalid_request", "unauthorized_client", "unsupported_response_type",
		"invalid_scope", "server_error", "temporarily_unavailable"} {
		fz := newFakeZoom(t)
		s := startFlow(t, fz, false, 0)
		get(t, browser(t), callbackURL(s, url.Values{"error": {code}, "state": {s.state}}), nil)
		_, err := s.Wait(context.Background())
		var e *Error
		if !errors.As(err, &e) || e.Kind != KindCallbackError || e.Key() != "callback:"+code {
			t.Fatalf("%s: err %v key %v", code, err, e.Key())
		}
	}
}

func TestTimeoutClosesPort(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, false, 100*time.Millisecond)
	var err error
	within(t, time.Minute, "Wait with a 100ms timeout", func() { _, err = s.Wait(context.Background()) })
	if KindOf(err) != KindTimeout || time.Now().Before(s.Deadline) {
		t.Fatalf("err %v, returned before the deadline: %v", err, time.Now().Before(s.Deadline))
	}
	if !strings.Contains(Explain(err).Cause, "pre-approval") || !Explain(err).Preapproval {
		t.Fatalf("timeout explanation does not lead to pre-approval: %+v", Explain(err))
	}
	assertPortClosed(t, s)
	if fz.tokens.Load() != 0 {
		t.Fatal("exchanged on timeout")
	}
}

func TestCancelClosesPort(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, false, 0)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := s.Wait(ctx)
	if KindOf(err) != KindCanceled {
		t.Fatalf("err %v", err)
	}
	assertPortClosed(t, s)
}

func TestCloseBeforeWait(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, false, 0)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	assertPortClosed(t, s)
	_ = s.Close() // idempotent
	if _, err := s.Wait(context.Background()); KindOf(err) != KindCanceled {
		t.Fatalf("Wait after Close: %v", err)
	}
}

func TestExchangeFailurePageIsNotSuccess(t *testing.T) {
	fz := newFakeZoom(t)
	fz.tokenReply = func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 400, `{"reason":"Invalid Token!","error":"invalid_grant"}`)
	}
	s := startFlow(t, fz, false, 0)
	status, body, _ := get(t, browser(t), s.AuthURL, nil)
	low := strings.ToLower(body)
	if status != http.StatusBadRequest || strings.Contains(low, "connected") || strings.Contains(low, "success") {
		t.Fatalf("failure page %d: %s", status, body)
	}
	_, err := s.Wait(context.Background())
	if KindOf(err) != KindInvalidCode || IsReconnect(err) || Explain(err).Key != "kind:invalid_code" {
		t.Fatalf("err %v explained as %q", err, Explain(err).Key)
	}
	if fz.tokens.Load() != 1 {
		t.Fatal("exchange retried")
	}
}

func TestConcurrentDoubleCallbackExchangesOnce(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, false, 0)
	consentOnly(t, s)
	fz.tokenDelay = 100 * time.Millisecond
	cb := callbackURL(s, url.Values{"code": {testCode}, "state": {s.state}})
	var wg sync.WaitGroup
	bodies := make([]string, 4)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, bodies[i], _ = get(t, browser(t), cb, nil)
		}()
	}
	wg.Wait()
	if n := fz.tokens.Load(); n != 1 {
		t.Fatalf("%d exchanges, want exactly 1", n)
	}
	var ok, already int
	for _, b := range bodies {
		switch {
		case strings.Contains(b, "Authorization received"):
			ok++
		case strings.Contains(b, "already complete"):
			already++
		}
	}
	if ok != 1 || already != len(bodies)-1 {
		t.Fatalf("ok=%d already=%d", ok, already)
	}
	if _, err := s.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// consentOnly visits the authorize page without following the redirect, so
// the fake Zoom records the PKCE challenge and the test sends callbacks itself.
func consentOnly(t *testing.T, s *Session) {
	t.Helper()
	c := browser(t)
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	if status, _, _ := get(t, c, s.AuthURL, nil); status != http.StatusFound {
		t.Fatalf("authorize answered %d", status)
	}
}

func TestRoutingHostAndOrigin(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, false, 0)
	b := browser(t)
	good := callbackURL(s, url.Values{"code": {testCode}, "state": {s.state}})
	base := "http://" + s.host
	checks := []struct {
		url    string
		hdr    map[string]string
		status int
	}{
		{base + "/favicon.ico", nil, 404},
		{base + "/", nil, 404},
		{good, map[string]string{"Host": "evil.example:" + strings.Split(s.host, ":")[1]}, 400},
		{good, map[string]string{"Host": "localhost:" + strings.Split(s.host, ":")[1]}, 400},
		{good, map[string]string{"Origin": "https://evil.example"}, 403},
		{good, map[string]string{"Origin": "null"}, 403},
	}
	for _, c := range checks {
		if status, _, _ := get(t, b, c.url, c.hdr); status != c.status {
			t.Fatalf("%s %v: status %d want %d", c.url, c.hdr, status, c.status)
		}
	}
	resp, err := b.Post(good, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST /callback = %d", resp.StatusCode)
	}
	if fz.tokens.Load() != 0 {
		t.Fatal("a rejected request caused an exchange")
	}
	if status, _, _ := get(t, b, s.AuthURL, map[string]string{"Origin": "http://" + s.host}); status != 200 {
		t.Fatalf("real callback with own Origin got %d", status)
	}
	if _, err := s.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestErrorDescriptionIsNotReflected(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, false, 0)
	q := url.Values{"state": {s.state}, "error": {"<script>alert(1)</script>"},
		"error_description": {"<img src=x onerror=alert(1)> \x1b]0;pwned\x07 done"}}
	status, body, hdr := get(t, browser(t), callbackURL(s, q), nil)
	if status != http.StatusBadRequest || strings.Contains(body, "<script") || strings.Contains(body, "<img") {
		t.Fatalf("%d reflected input: %s", status, body)
	}
	if hdr.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatal("missing nosniff")
	}
	for _, attr := range []string{"src=", "href="} {
		if strings.Contains(body, attr) && !strings.Contains(body, "&lt;img src=x") {
			t.Fatalf("page has %s", attr)
		}
	}
	_, err := s.Wait(context.Background())
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindCallbackError || strings.ContainsAny(e.Reason+e.Error(), "\x1b\x07") {
		t.Fatalf("err %q", err)
	}
	if e.Key() != "kind:callback_error" {
		t.Fatalf("unknown callback error key %q", e.Key())
	}
}

func TestCompleteFromURL(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, true, 0)
	consentOnly(t, s)
	ctx := context.Background()
	bad := []string{
		callbackURL(s, url.Values{"code": {testCode}, "state": {"WRONG"}}),
		"http://127.0.0.1:1/callback?code=" + testCode + "&state=" + s.state,
		"https://" + s.host + "/callback?state=" + s.state,
		"not a url \x7f",
	}
	for _, p := range bad {
		if _, err := s.CompleteFromURL(ctx, p); KindOf(err) != KindCallbackError {
			t.Fatalf("%q accepted: %v", p, err)
		} else if strings.Contains(err.Error(), s.state) {
			t.Fatal("error echoes the state")
		}
	}
	if fz.tokens.Load() != 0 {
		t.Fatal("bad paste exchanged")
	}
	res, err := s.CompleteFromURL(ctx, callbackURL(s, url.Values{"code": {testCode}, "state": {s.state}}))
	if err != nil || res.Token.AccessToken != testAccess {
		t.Fatalf("paste: %v", err)
	}
	again, err := s.Wait(ctx)
	if err != nil || again != res {
		t.Fatalf("Wait after paste: %v", err)
	}
	assertPortClosed(t, s)
}

func TestStartListenFailure(t *testing.T) {
	fz := newFakeZoom(t)
	f := &Flow{Client: fz.client(false), Listen: func(string, string) (net.Listener, error) {
		return nil, errors.New("address already in use")
	}}
	if _, err := f.Start(context.Background()); KindOf(err) != KindNetwork {
		t.Fatalf("err %v", err)
	}
	var gotNet, gotAddr string
	f.Listen = func(n, a string) (net.Listener, error) { gotNet, gotAddr = n, a; return net.Listen(n, a) }
	f.Port = 0
	s, err := f.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if gotNet != "tcp4" || gotAddr != "127.0.0.1:0" {
		t.Fatalf("listened on %s %s", gotNet, gotAddr)
	}
}

func TestStatesAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		s, err := newState()
		if err != nil || seen[s] || len(s) != 43 {
			t.Fatalf("state %q err %v", s, err)
		}
		seen[s] = true
	}
}

// TestStateNeverComparedWithEquals is a source check: the only comparison
// of the state goes through subtle.ConstantTimeCompare.
func TestStateNeverComparedWithEquals(t *testing.T) {
	src, err := os.ReadFile("callback.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"== s.state", "!= s.state", "s.state ==", "s.state !="} {
		if strings.Contains(string(src), bad) {
			t.Fatalf("callback.go compares state with %q", bad)
		}
	}
	if !strings.Contains(string(src), "subtle.ConstantTimeCompare") {
		t.Fatal("no constant-time compare")
	}
}

// BenchmarkFlowRoundTrip measures Start → browser redirect → callback →
// Exchange → Wait against an httptest fake Zoom.
func BenchmarkFlowRoundTrip(b *testing.B) {
	fz := newFakeZoom(b)
	c := fz.client(true)
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	br := &http.Client{Transport: tr}
	for b.Loop() {
		s, err := (&Flow{Client: c}).Start(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		resp, err := br.Get(s.AuthURL)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if _, err := s.Wait(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
