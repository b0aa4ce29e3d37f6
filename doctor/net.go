package doctor

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Thresholds of the clock-skew check.
const (
	SkewWarn = 30 * time.Second
	SkewFail = 5 * time.Minute
)

// Checks returns every check, in display order.
func Checks() []Check {
	return []Check{
		{ID: "zoom-reachable", Title: "Zoom is reachable", Network: true, Run: checkReachable},
		{ID: "clock", Title: "Clock matches Zoom's", Network: true, Run: checkClock},
		{ID: "loopback-port", Title: "Loopback port can be bound", Run: checkPort},
		{ID: "browser", Title: "A browser can open", Run: checkBrowser},
		{ID: "keyring", Title: "System keyring answers", Timeout: 8 * time.Second, Run: checkKeyring},
		{ID: "profiles", Title: "Saved files are sane", Run: checkFiles},
		{ID: "connection", Title: "Stored connections work", Network: true, Timeout: 30 * time.Second, Run: checkConnections},
		{ID: "same-app", Title: "No two connections share one authorization", Run: checkSameApp},
	}
}

// proxyNote describes the proxy variables that apply to target.
func proxyNote(env *Env, target *url.URL) (string, *url.URL) {
	p, err := env.Proxy(&http.Request{URL: target})
	if err != nil {
		return fmt.Sprintf("the proxy setting is invalid (%v)", err), nil
	}
	if p == nil {
		return "no proxy (HTTPS_PROXY/HTTP_PROXY unset, or NO_PROXY covers the host)", nil
	}
	return "through proxy " + redactURL(p), p
}

// checkReachable resolves the auth host and completes a TLS handshake with
// it, naming a TLS-intercepting proxy by its certificate issuer.
func checkReachable(ctx context.Context, env *Env) Result {
	u, err := url.Parse(env.AuthBaseURL)
	if err != nil || u.Host == "" {
		return Result{Status: Fail, Summary: fmt.Sprintf("the auth URL %q is not valid", env.AuthBaseURL),
			Fix: "pass a base URL such as --auth-base-url https://zoom.us"}
	}
	note, proxy := proxyNote(env, u)
	facts := map[string]string{"host": u.Hostname(), "proxy": note}
	if r, ok := checkDNS(ctx, env, u.Hostname(), proxy != nil); !ok {
		r.Facts = facts
		return r
	}
	resp, err := headRequest(ctx, env, u.String(), false)
	if err != nil {
		r := tlsFailure(env, u.Host, err)
		r.Facts = facts
		r.Detail = strings.TrimSpace(r.Detail + "\nNetwork path: " + note)
		return r
	}
	resp.Body.Close()
	r := issuerResult(env, u.Host, resp.TLS)
	r.Facts = facts
	r.Detail = strings.TrimSpace(r.Detail + "\nNetwork path: " + note)
	if u.Scheme != "https" {
		r = plainHTTP(u)
		r.Facts = facts
	}
	return r
}

// plainHTTP judges an http:// auth host: fine for a loopback sandbox,
// dangerous anywhere else.
func plainHTTP(u *url.URL) Result {
	if ip := net.ParseIP(u.Hostname()); (ip != nil && ip.IsLoopback()) || strings.EqualFold(u.Hostname(), "localhost") {
		return Result{Status: Pass, Summary: u.Host + " (a local sandbox over plain http) answers"}
	}
	return Result{Status: Fail, Summary: u.Host + " is plain http: tokens would cross the network unencrypted",
		Fix: "use an https URL: --auth-base-url https://zoom.us"}
}

// checkDNS resolves host unless it is an IP. Behind a proxy a failed lookup
// is only a note: the proxy resolves for us.
func checkDNS(ctx context.Context, env *Env, host string, viaProxy bool) (Result, bool) {
	if net.ParseIP(host) != nil {
		return Result{}, true
	}
	addrs, err := env.LookupHost(ctx, host)
	if err == nil && len(addrs) > 0 {
		return Result{}, true
	}
	if viaProxy {
		return Result{}, true
	}
	return Result{Status: Fail, Summary: "cannot resolve " + host + " (DNS)",
		Detail: "DNS lookup failed: " + orDefault(inWords(err), "the name has no addresses") + ".", Error: errText(err),
		Fix: "check the network connection and DNS (`getent hosts " + host + "`); behind a proxy, set HTTPS_PROXY=http://proxy:port; to check only local things run `zoomconnect doctor --offline`",
	}, false
}

// headRequest sends one HEAD request through env's dialer, proxy and TLS
// config, without following redirects.
func headRequest(ctx context.Context, env *Env, target string, insecure bool) (*http.Response, error) {
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if env.TLSConfig != nil {
		tc = env.TLSConfig.Clone()
	}
	tc.InsecureSkipVerify = insecure
	tr := &http.Transport{Proxy: env.Proxy, DialContext: env.DialContext, TLSClientConfig: tc,
		TLSHandshakeTimeout: 10 * time.Second, DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, target, nil)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	return c.Do(req)
}

// tlsFailure explains a failed request: an untrusted certificate names its
// issuer (usually an intercepting proxy); anything else is a network error.
func tlsFailure(env *Env, host string, err error) Result {
	var cve *tls.CertificateVerificationError
	if errors.As(err, &cve) && len(cve.UnverifiedCertificates) > 0 {
		leaf := cve.UnverifiedCertificates[0]
		who := issuerName(leaf)
		var hostErr x509.HostnameError
		if errors.As(cve.Err, &hostErr) {
			return Result{Status: Fail, Summary: "the certificate for " + host + " is for another host (issued by " + who + ")",
				Detail: "Something between you and Zoom answers with its own certificate.",
				Fix:    "check HTTPS_PROXY and any VPN or security software; ask IT which proxy intercepts TLS", Facts: nil}
		}
		return Result{Status: Fail, Summary: "TLS to " + host + " is intercepted by " + who + ", which this system does not trust",
			Detail: "The certificate chain comes from " + who + ", not a public CA: a company proxy or security software is decrypting HTTPS.",
			Fix:    "install your organization's proxy CA: export SSL_CERT_FILE=/path/to/company-ca.pem (ask IT for it), or add it to the system store (`sudo update-ca-certificates`)"}
	}
	return Result{Status: Fail, Summary: "cannot reach " + host,
		Detail: "Connection failed: " + inWords(err) + ".", Error: err.Error(),
		Fix: "check the network connection, VPN and firewall; behind a proxy set HTTPS_PROXY=http://proxy:port; to check only local things run `zoomconnect doctor --offline`"}
}

// issuerResult judges a verified connection by its leaf's issuer.
func issuerResult(env *Env, host string, cs *tls.ConnectionState) Result {
	if cs == nil || len(cs.PeerCertificates) == 0 {
		return Result{Status: Pass, Summary: host + " answered (no TLS)"}
	}
	leaf := cs.PeerCertificates[0]
	who := issuerName(leaf)
	for _, o := range leaf.Issuer.Organization {
		if slices.Contains(env.KnownIssuers, o) {
			return Result{Status: Pass, Summary: host + " is reachable over TLS", Detail: "Certificate issued by " + who + "."}
		}
	}
	return Result{Status: Warn, Summary: "TLS to " + host + " is intercepted by " + who,
		Detail: "The certificate is trusted here but not issued by a public CA Zoom uses: a company proxy or security software decrypts HTTPS. Sign-in usually still works; the browser may need the same CA.",
		Fix:    "nothing to do if your organization requires this proxy; otherwise check HTTPS_PROXY, VPN and security software"}
}

// issuerName is "CN (O)" of a certificate's issuer.
func issuerName(c *x509.Certificate) string {
	cn, org := c.Issuer.CommonName, strings.Join(c.Issuer.Organization, ", ")
	switch {
	case cn != "" && org != "":
		return fmt.Sprintf("%q (organization %q)", cn, org)
	case org != "":
		return fmt.Sprintf("organization %q", org)
	case cn != "":
		return fmt.Sprintf("%q", cn)
	}
	return "an unnamed issuer"
}

// checkClock compares the local clock with the Date header of the auth
// host.
func checkClock(ctx context.Context, env *Env) Result {
	before := env.Now()
	resp, err := headRequest(ctx, env, env.AuthBaseURL, false)
	if err != nil {
		return Result{Status: Skip, Summary: "not checked: Zoom did not answer",
			Detail: "Cause: " + inWords(err) + ".", Error: err.Error(), Fix: "fix the \"Zoom is reachable\" check first"}
	}
	resp.Body.Close()
	after := env.Now()
	server, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		return Result{Status: Skip, Summary: "not checked: the server sent no usable Date header"}
	}
	local := before.Add(after.Sub(before) / 2)
	skew := local.Sub(server).Round(time.Second)
	abs := max(skew, -skew)
	facts := map[string]string{"skew_seconds": fmt.Sprint(int64(skew / time.Second))}
	desc := fmt.Sprintf("this computer's clock is %s %s Zoom's", abs, map[bool]string{true: "ahead of", false: "behind"}[skew > 0])
	fix := "turn on network time: `sudo timedatectl set-ntp true` (Linux), or enable \"Set time automatically\" in the system settings"
	switch {
	case abs > SkewFail:
		return Result{Status: Fail, Summary: desc, Detail: "Tokens will look expired or not yet valid.", Fix: fix, Facts: facts}
	case abs > SkewWarn:
		return Result{Status: Warn, Summary: desc, Detail: "Token expiry times may be off.", Fix: fix, Facts: facts}
	}
	return Result{Status: Pass, Summary: fmt.Sprintf("clock within %s of Zoom's", SkewWarn), Facts: facts}
}

// proxyFor applies HTTPS_PROXY/HTTP_PROXY/NO_PROXY (either case) to u, like
// http.ProxyFromEnvironment but through an injectable Getenv.
func proxyFor(getenv func(string) string, u *url.URL) (*url.URL, error) {
	get := func(k string) string { return firstSet(getenv(k), getenv(strings.ToLower(k))) }
	raw := get("HTTP_PROXY")
	if u.Scheme == "https" {
		raw = get("HTTPS_PROXY")
	}
	if raw == "" || noProxy(get("NO_PROXY"), u.Hostname()) {
		return nil, nil
	}
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	p, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid proxy address: %w", err)
	}
	return p, nil
}

// noProxy reports whether host matches the NO_PROXY list.
func noProxy(list, host string) bool {
	host = strings.ToLower(host)
	for _, e := range strings.Split(list, ",") {
		e = strings.ToLower(strings.TrimSpace(e))
		if h, _, err := net.SplitHostPort(e); err == nil {
			e = h
		}
		switch {
		case e == "":
		case e == "*", e == host, strings.HasPrefix(e, ".") && strings.HasSuffix(host, e),
			strings.HasSuffix(host, "."+e):
			return true
		}
	}
	return false
}

// redactURL prints a proxy URL without its password.
func redactURL(u *url.URL) string {
	c := *u
	if c.User != nil {
		c.User = url.User(c.User.Username())
	}
	return c.String()
}

func firstSet(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
