package oauthflow

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// within runs f and fails the test if it has not returned after d. The
// bounds are waits for a hang, not speed targets: pick them generously.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %v", what, d)
	}
}

// portOf is the TCP port of a "127.0.0.1:PORT" session host.
func portOf(t *testing.T, s *Session) int {
	t.Helper()
	_, p, err := net.SplitHostPort(s.host)
	n, perr := strconv.Atoi(p)
	if err != nil || perr != nil {
		t.Fatalf("session host %q", s.host)
	}
	return n
}

// nonLoopbackIPs lists the host's usable addresses that are not loopback
// (link-local IPv6 needs a zone and is left out).
func nonLoopbackIPs(t *testing.T) []net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Skipf("cannot list interface addresses: %v", err)
	}
	var ips []net.IP
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if ok && !ipn.IP.IsLoopback() && !ipn.IP.IsLinkLocalUnicast() && !ipn.IP.IsUnspecified() {
			ips = append(ips, ipn.IP)
		}
	}
	return ips
}

// Checklist item 8: the listener is bound to 127.0.0.1 only, so the same
// port on the host's other addresses (the first non-loopback one and the
// rest) does not answer.
func TestListenerIsLoopbackOnly(t *testing.T) {
	fz := newFakeZoom(t)
	var ln net.Listener
	f := &Flow{Client: fz.client(true), Listen: func(n, a string) (net.Listener, error) {
		l, err := net.Listen(n, a)
		ln = l
		return l, err
	}}
	s, err := f.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	addr := ln.Addr().(*net.TCPAddr)
	if !addr.IP.IsLoopback() || !addr.IP.Equal(net.IPv4(127, 0, 0, 1)) || addr.Port != portOf(t, s) {
		t.Fatalf("listening on %v, session host %s", addr, s.host)
	}
	ips := nonLoopbackIPs(t)
	if len(ips) == 0 {
		t.Skip("this host has no non-loopback address to dial")
	}
	for _, ip := range ips { // the first one, and the other family too
		c, err := net.DialTimeout("tcp", net.JoinHostPort(ip.String(), strconv.Itoa(addr.Port)), 5*time.Second)
		if err == nil {
			c.Close()
			t.Fatalf("the loopback port answers on %s", ip)
		}
	}
}

// Checklist item 9: two logins at once against one Zoom get their own ports
// and both finish, each exchanging with its own redirect URL.
func TestConcurrentLoginsGetOwnPorts(t *testing.T) {
	fz := newFakeZoom(t)
	sessions := []*Session{startFlow(t, fz, true, 0), startFlow(t, fz, true, 0)}
	if sessions[0].host == sessions[1].host {
		t.Fatalf("both logins listen on %s", sessions[0].host)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(sessions))
	for i, s := range sessions {
		br := browser(t)
		wg.Go(func() { // no t.Fatal off the test goroutine
			resp, err := br.Get(s.AuthURL)
			if err != nil {
				errs[i] = err
				return
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				errs[i] = errors.New("browser got " + resp.Status)
				return
			}
			_, errs[i] = s.Wait(context.Background())
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("login %d: %v", i, err)
		}
	}
	fz.mu.Lock()
	defer fz.mu.Unlock()
	got := map[string]bool{}
	for _, r := range fz.tokenReqs {
		got[r.Form.Get("redirect_uri")] = true
	}
	if len(fz.tokenReqs) != 2 || !got[sessions[0].RedirectURL] || !got[sessions[1].RedirectURL] {
		t.Fatalf("token requests for %v", got)
	}
}

// Checklist item 9: with Port 0 a busy port never matters. The port the
// last login used is taken by another program; the next login still binds
// (elsewhere) and finishes. A fixed default port would fail here.
func TestBusyPortIgnoredWhenPortIsZero(t *testing.T) {
	fz := newFakeZoom(t)
	first := startFlow(t, fz, true, 0)
	_ = first.Close()
	busy, err := net.Listen("tcp4", first.host)
	if err != nil {
		t.Skipf("could not occupy %s again: %v", first.host, err)
	}
	defer busy.Close()
	s := startFlow(t, fz, true, 0)
	if s.host == first.host {
		t.Fatal("reused an occupied port")
	}
	get(t, browser(t), s.AuthURL, nil)
	if _, err := s.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// Checklist item 9: a pinned, busy port is a typed error that says which
// port, why, and how to fix it: free it, or use another --port.
func TestPinnedBusyPortExplained(t *testing.T) {
	busy, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	fz := newFakeZoom(t)
	_, err = (&Flow{Client: fz.client(false), Port: port}).Start(context.Background())
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindNetwork || e.Op != OpAuthorize || !errors.Is(err, syscall.EADDRINUSE) {
		t.Fatalf("err %#v", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "127.0.0.1:"+strconv.Itoa(port)) || !strings.Contains(msg, "another program") ||
		strings.Contains(msg, "reach Zoom") {
		t.Fatalf("message %q does not say the local port is taken", msg)
	}
	ex := Explain(err)
	if ex.Key != "loopback:listen" || !strings.Contains(ex.User, "--port") ||
		!strings.Contains(ex.User, "Free the port") || !strings.Contains(ex.Command, "zoomconnect login") {
		t.Fatalf("explanation %+v does not name the fixes (free the port, or another --port)", ex)
	}
}

// Checklist item 6 (mix-up). RFC 9700 §4.4.2 requires a mix-up defence
// when one client may talk to several authorization servers. A zoomconnect
// run authorizes against exactly one (its profile's Endpoints: zoom.us,
// zoomgov.com or the sandbox), and each Session has its own port and state
// and serves one path, CallbackPath. A response on any other path (say a
// per-server path like /callback/gov) is answered 404 and decides nothing;
// a response carrying another session's state is 400. Neither server sees
// a token request, and the real callbacks still finish at their own server.
func TestMixUpOneServerPerSession(t *testing.T) {
	fzA, fzB := newFakeZoom(t), newFakeZoom(t)
	a, b := startFlow(t, fzA, true, 0), startFlow(t, fzB, true, 0)
	consentOnly(t, a)
	consentOnly(t, b)
	br := browser(t)
	for _, path := range []string{"/callback/gov", "/gov/callback", "/callback/", "/Callback"} {
		u := "http://" + a.host + path + "?" + url.Values{"code": {testCode}, "state": {a.state}}.Encode()
		if status, _, _ := get(t, br, u, nil); status != http.StatusNotFound {
			t.Fatalf("%s answered %d, want 404", path, status)
		}
	}
	crossed := []string{callbackURL(a, url.Values{"code": {testCode}, "state": {b.state}}),
		callbackURL(b, url.Values{"code": {testCode}, "state": {a.state}})}
	for _, u := range crossed {
		if status, _, _ := get(t, br, u, nil); status != http.StatusBadRequest {
			t.Fatalf("cross-session callback answered %d, want 400", status)
		}
	}
	if fzA.tokens.Load()+fzB.tokens.Load() != 0 || a.claimed.Load() || b.claimed.Load() {
		t.Fatal("a misrouted callback was acted on")
	}
	for _, s := range []*Session{a, b} {
		get(t, br, callbackURL(s, url.Values{"code": {testCode}, "state": {s.state}}), nil)
		if _, err := s.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if fzA.tokens.Load() != 1 || fzB.tokens.Load() != 1 {
		t.Fatalf("token requests A=%d B=%d, want one each", fzA.tokens.Load(), fzB.tokens.Load())
	}
}

// Checklist item 19: the loopback server never redirects, so nothing taken
// from the request (next, redirect_uri, ...) can send the browser off-host.
//
// Item 28 (optional, a 303 to /done to clear the code from the address bar)
// is deliberately not done: the port closes as soon as the login ends (item
// 10), so the browser's follow-up GET /done would usually meet a closed
// port and show a connection error instead of the outcome. The code left in
// history is single use and bound to PKCE; pages send no-store and
// no-referrer. This test pins "no redirect at all" for every outcome.
func TestCallbackNeverRedirects(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, true, 0)
	consentOnly(t, s)
	br := browser(t)
	br.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	evil := url.Values{"next": {"https://evil.example"}, "redirect_uri": {"https://evil.example/cb"},
		"return_to": {"//evil.example"}}
	with := func(kv ...string) string {
		q := url.Values{}
		for k, v := range evil {
			q[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			q.Set(kv[i], kv[i+1])
		}
		return s.RedirectURL + "?" + q.Encode()
	}
	urls := []string{with("state", "WRONG", "code", testCode), with("state", s.state, "code", testCode),
		with("state", s.state, "code", testCode), "http://" + s.host + "/done?" + evil.Encode()}
	for _, u := range urls {
		status, body, hdr := get(t, br, u, nil)
		if loc := hdr.Get("Location"); loc != "" || (status >= 300 && status < 400) ||
			strings.Contains(body, "evil.example") {
			t.Fatalf("%s: status %d Location %q", u, status, loc)
		}
	}
	if _, err := s.Wait(context.Background()); err != nil || fz.tokens.Load() != 1 {
		t.Fatalf("err %v, %d exchanges", err, fz.tokens.Load())
	}
}

// Checklist item 51: TestMain's goleak check is live for this test binary.
// The test runs itself again with a goroutine leaked on purpose; that run
// must fail with goleak's report.
func TestGoleakGuardsThisBinary(t *testing.T) {
	if os.Getenv("OAUTHFLOW_LEAK_PROBE") == "1" {
		go func() { select {} }() // leaked on purpose; the process exits right after
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestGoleakGuardsThisBinary$", "-test.count=1")
	cmd.Env = append(os.Environ(), "OAUTHFLOW_LEAK_PROBE=1")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "found unexpected goroutines") {
		t.Fatalf("a leaked goroutine went unnoticed (err %v):\n%s", err, out)
	}
}
