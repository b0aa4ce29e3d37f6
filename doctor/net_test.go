package doctor

import (
	"context"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// tlsEnv points env at an httptest TLS server under the name example.com
// (a name in httptest's certificate), resolving and dialing to it.
func tlsEnv(t *testing.T, h http.HandlerFunc, trust bool) (Env, *httptest.Server) {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // rejected handshakes are the point
	srv.StartTLS()
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	env := quietEnv()
	env.AuthBaseURL = "https://example.com:" + u.Port()
	env.LookupHost = func(_ context.Context, host string) ([]string, error) {
		if host != "example.com" {
			return nil, errors.New("unexpected lookup " + host)
		}
		return []string{"127.0.0.1"}, nil
	}
	d := &net.Dialer{}
	env.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, u.Host)
	}
	tc := srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	if !trust {
		tc.RootCAs = x509.NewCertPool()
	}
	env.TLSConfig = tc
	return env, srv
}

func runCheck(env Env, id string) CheckResult {
	for _, c := range Checks(nil) {
		if c.ID == id {
			return Run(context.Background(), env, []Check{c}).Results[0]
		}
	}
	panic("no check " + id)
}

func TestReachableNamesInterceptingIssuer(t *testing.T) {
	ok := func(w http.ResponseWriter, r *http.Request) {}
	t.Run("trusted but unknown issuer warns", func(t *testing.T) {
		env, _ := tlsEnv(t, ok, true)
		r := runCheck(env, "zoom-reachable")
		if r.Status != Warn || !strings.Contains(r.Summary, "Acme Co") {
			t.Errorf("got %s %q, want warn naming the issuer Acme Co", r.Status, r.Summary)
		}
	})
	t.Run("untrusted issuer fails with CA fix", func(t *testing.T) {
		env, _ := tlsEnv(t, ok, false)
		r := runCheck(env, "zoom-reachable")
		if r.Status != Fail || !strings.Contains(r.Summary, "Acme Co") || !strings.Contains(r.Fix, "SSL_CERT_FILE") {
			t.Errorf("got %s %q fix %q, want fail naming Acme Co with SSL_CERT_FILE fix", r.Status, r.Summary, r.Fix)
		}
	})
	t.Run("expected issuer passes", func(t *testing.T) {
		env, _ := tlsEnv(t, ok, true)
		env.KnownIssuers = []string{"Acme Co"}
		r := runCheck(env, "zoom-reachable")
		if r.Status != Pass {
			t.Errorf("got %s %q, want pass", r.Status, r.Summary)
		}
	})
}

func TestReachableDNSFailure(t *testing.T) {
	env, _ := tlsEnv(t, func(http.ResponseWriter, *http.Request) {}, true)
	env.LookupHost = func(context.Context, string) ([]string, error) { return nil, errors.New("no such host") }
	r := runCheck(env, "zoom-reachable")
	if r.Status != Fail || !strings.Contains(r.Summary, "DNS") || !strings.Contains(r.Fix, "--offline") {
		t.Errorf("got %s %q fix %q", r.Status, r.Summary, r.Fix)
	}
	// Behind a proxy the proxy resolves: the DNS failure is not fatal, and
	// the proxy is reported without its password.
	env.Getenv = mapEnv(map[string]string{"HTTPS_PROXY": "http://bob:hunter2@127.0.0.1:1"})
	r = runCheck(env, "zoom-reachable")
	if strings.Contains(r.Summary, "DNS") || !strings.Contains(r.Facts["proxy"], "bob@127.0.0.1:1") || strings.Contains(r.Facts["proxy"]+r.Detail, "hunter2") {
		t.Errorf("via proxy: %s %q facts %v detail %q", r.Status, r.Summary, r.Facts, r.Detail)
	}
}

func mapEnv(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestProxyFor(t *testing.T) {
	u, _ := url.Parse("https://zoom.us/oauth")
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, ""},
		{map[string]string{"HTTPS_PROXY": "proxy:3128"}, "http://proxy:3128"},
		{map[string]string{"https_proxy": "http://p:1"}, "http://p:1"},
		{map[string]string{"HTTP_PROXY": "http://p:1"}, ""},
		{map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "example.com, zoom.us"}, ""},
		{map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".zoom.us"}, "http://p:1"},
		{map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "zoom.us"}, ""},
		{map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "notzoom.us"}, "http://p:1"},
		{map[string]string{"HTTPS_PROXY": "http://p:1", "no_proxy": "*"}, ""},
	}
	for _, c := range cases {
		p, err := proxyFor(mapEnv(c.env), u)
		got := ""
		if p != nil {
			got = p.String()
		}
		if err != nil || got != c.want {
			t.Errorf("proxyFor(%v) = %q, %v; want %q", c.env, got, err, c.want)
		}
	}
}

func TestClockSkew(t *testing.T) {
	server := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		offset time.Duration
		want   Status
	}{{2 * time.Second, Pass}, {-45 * time.Second, Warn}, {40 * time.Second, Warn}, {6 * time.Minute, Fail}, {-2 * time.Hour, Fail}}
	for _, c := range cases {
		env, _ := tlsEnv(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Date", server.Format(http.TimeFormat))
		}, true)
		env.Now = func() time.Time { return server.Add(c.offset) }
		r := runCheck(env, "clock")
		if r.Status != c.want {
			t.Errorf("offset %s: %s %q, want %s", c.offset, r.Status, r.Summary, c.want)
		}
		if c.want != Pass && !strings.Contains(r.Fix, "timedatectl") {
			t.Errorf("offset %s: fix %q names no command", c.offset, r.Fix)
		}
		if c.offset == 6*time.Minute && !strings.Contains(r.Summary, "6\u00a0min ahead") {
			t.Errorf("summary %q does not say how far ahead", r.Summary)
		}
	}
}

func TestClockSkipsWhenUnreachable(t *testing.T) {
	env := quietEnv()
	env.AuthBaseURL = "https://zoom.invalid"
	r := runCheck(env, "clock")
	if r.Status != Skip || r.Fix == "" {
		t.Errorf("got %s %q fix %q, want skip with a fix", r.Status, r.Summary, r.Fix)
	}
}

func TestReachablePlainHTTP(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	env := quietEnv()
	env.DialContext = (&net.Dialer{}).DialContext
	env.AuthBaseURL = srv.URL
	if r := runCheck(env, "zoom-reachable"); r.Status != Pass || !strings.Contains(r.Summary, "sandbox") {
		t.Errorf("loopback sandbox: %s %q", r.Status, r.Summary)
	}
	env.AuthBaseURL = "http://zoom.example"
	env.LookupHost = func(context.Context, string) ([]string, error) { return []string{"127.0.0.1"}, nil }
	u, _ := url.Parse(srv.URL)
	env.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, u.Host)
	}
	if r := runCheck(env, "zoom-reachable"); r.Status != Fail || !strings.Contains(r.Fix, "https") {
		t.Errorf("remote plain http: %s %q fix %q", r.Status, r.Summary, r.Fix)
	}
}

// connectProxy is a minimal HTTP CONNECT proxy that tunnels every request
// to target and counts the tunnels.
func connectProxy(t *testing.T, target string) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		n.Add(1)
		up, err := net.Dial("tcp", target)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusOK)
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			up.Close()
			return
		}
		go func() { io.Copy(up, buf); up.Close() }()
		io.Copy(conn, up)
		conn.Close()
	}))
	t.Cleanup(p.Close)
	return p, &n
}

func TestReachableThroughProxy(t *testing.T) {
	env, srv := tlsEnv(t, func(http.ResponseWriter, *http.Request) {}, true)
	tgt, _ := url.Parse(srv.URL)
	proxy, tunnels := connectProxy(t, tgt.Host)
	env.DialContext = (&net.Dialer{}).DialContext // only the proxy is dialed
	env.LookupHost = func(context.Context, string) ([]string, error) { return nil, errors.New("no DNS behind the proxy") }
	env.Getenv = mapEnv(map[string]string{"HTTPS_PROXY": proxy.URL})
	r := runCheck(env, "zoom-reachable")
	if tunnels.Load() == 0 {
		t.Fatal("the check did not go through HTTPS_PROXY")
	}
	if r.Status != Warn || !strings.Contains(r.Summary, "Acme Co") || !strings.Contains(r.Detail, "through proxy "+proxy.URL) {
		t.Errorf("got %s %q detail %q", r.Status, r.Summary, r.Detail)
	}
}
