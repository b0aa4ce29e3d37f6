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

	"github.com/zoomconnect/zoomconnect/i18n"
)

// Thresholds of the clock-skew check.
const (
	SkewWarn = 30 * time.Second
	SkewFail = 5 * time.Minute
)

// Checks returns every check, in display order, titled in t's language
// (English when nil).
func Checks(t *i18n.Printer) []Check {
	title := func(id string) string { return t.T("doctor.title." + id) }
	return []Check{
		{ID: "zoom-reachable", Title: title("zoom_reachable"), Network: true, Run: checkReachable},
		{ID: "clock", Title: title("clock"), Network: true, Run: checkClock},
		{ID: "loopback-port", Title: title("loopback_port"), Run: checkPort},
		{ID: "browser", Title: title("browser"), Run: checkBrowser},
		{ID: "keyring", Title: title("keyring"), Timeout: 8 * time.Second, Run: checkKeyring},
		{ID: "profiles", Title: title("profiles"), Run: checkFiles},
		{ID: "connection", Title: title("connection"), Network: true, Timeout: 30 * time.Second, Run: checkConnections,
			Offline: recordedConnections},
		{ID: "same-app", Title: title("same_app"), Run: checkSameApp},
	}
}

// proxyNote describes the proxy variables that apply to target.
func proxyNote(env *Env, target *url.URL) (string, *url.URL) {
	t := env.T
	p, err := env.Proxy(&http.Request{URL: target})
	if err != nil {
		return t.T("doctor.net.proxy_invalid", "Reason", err.Error()), nil
	}
	if p == nil {
		return t.T("doctor.net.no_proxy"), nil
	}
	return t.T("doctor.net.through_proxy", "Proxy", redactURL(p)), p
}

// checkReachable resolves the auth host and completes a TLS handshake with
// it, naming a TLS-intercepting proxy by its certificate issuer.
func checkReachable(ctx context.Context, env *Env) Result {
	t := env.T
	u, err := url.Parse(env.AuthBaseURL)
	if err != nil || u.Host == "" {
		return Result{Status: Fail, Summary: t.T("doctor.net.bad_url", "URL", env.AuthBaseURL), Fix: t.T("doctor.net.bad_url_fix")}
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
		r.Detail = strings.TrimSpace(r.Detail + "\n" + t.T("doctor.net.path", "Note", i18n.Raw(note)))
		return r
	}
	resp.Body.Close()
	r := issuerResult(env, u.Host, resp.TLS)
	r.Facts = facts
	r.Detail = strings.TrimSpace(r.Detail + "\n" + t.T("doctor.net.path", "Note", i18n.Raw(note)))
	if u.Scheme != "https" {
		r = plainHTTP(t, u)
		r.Facts = facts
	}
	return r
}

// plainHTTP judges an http:// auth host: fine for a loopback sandbox,
// dangerous anywhere else.
func plainHTTP(t *i18n.Printer, u *url.URL) Result {
	if ip := net.ParseIP(u.Hostname()); (ip != nil && ip.IsLoopback()) || strings.EqualFold(u.Hostname(), "localhost") {
		return Result{Status: Pass, Summary: t.T("doctor.net.sandbox", "Host", u.Host)}
	}
	return Result{Status: Fail, Summary: t.T("doctor.net.plain_http", "Host", u.Host), Fix: t.T("doctor.net.plain_http_fix")}
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
	t := env.T
	return Result{Status: Fail, Summary: t.T("doctor.net.dns_failed", "Host", host),
		Detail: t.T("doctor.net.dns_detail", "Reason", i18n.Raw(orDefault(inWords(t, err), t.T("doctor.net.no_addresses")))),
		Error:  errText(err), Fix: t.T("doctor.net.dns_fix", "Host", host),
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
	t := env.T
	var cve *tls.CertificateVerificationError
	if errors.As(err, &cve) && len(cve.UnverifiedCertificates) > 0 {
		who := i18n.Raw(issuerName(t, cve.UnverifiedCertificates[0]))
		var hostErr x509.HostnameError
		if errors.As(cve.Err, &hostErr) {
			return Result{Status: Fail, Summary: t.T("doctor.net.wrong_host", "Host", host, "Issuer", who),
				Detail: t.T("doctor.net.wrong_host_detail"), Fix: t.T("doctor.net.wrong_host_fix")}
		}
		return Result{Status: Fail, Summary: t.T("doctor.net.intercepted_untrusted", "Host", host, "Issuer", who),
			Detail: t.T("doctor.net.intercepted_untrusted_detail", "Issuer", who), Fix: t.T("doctor.net.intercepted_untrusted_fix")}
	}
	return Result{Status: Fail, Summary: t.T("doctor.net.unreachable", "Host", host),
		Detail: t.T("doctor.net.unreachable_detail", "Reason", i18n.Raw(inWords(t, err))), Error: err.Error(),
		Fix: t.T("doctor.net.unreachable_fix")}
}

// issuerResult judges a verified connection by its leaf's issuer.
func issuerResult(env *Env, host string, cs *tls.ConnectionState) Result {
	t := env.T
	if cs == nil || len(cs.PeerCertificates) == 0 {
		return Result{Status: Pass, Summary: t.T("doctor.net.no_tls", "Host", host)}
	}
	leaf := cs.PeerCertificates[0]
	who := i18n.Raw(issuerName(t, leaf))
	for _, o := range leaf.Issuer.Organization {
		if slices.Contains(env.KnownIssuers, o) {
			return Result{Status: Pass, Summary: t.T("doctor.net.reachable", "Host", host), Detail: t.T("doctor.net.issued_by", "Issuer", who)}
		}
	}
	return Result{Status: Warn, Summary: t.T("doctor.net.intercepted", "Host", host, "Issuer", who),
		Detail: t.T("doctor.net.intercepted_detail"), Fix: t.T("doctor.net.intercepted_fix")}
}

// issuerName is "CN (O)" of a certificate's issuer, in t's language.
func issuerName(t *i18n.Printer, c *x509.Certificate) string {
	cn, org := c.Issuer.CommonName, strings.Join(c.Issuer.Organization, ", ")
	switch {
	case cn != "" && org != "":
		return t.T("doctor.net.issuer_both", "CN", cn, "Org", org)
	case org != "":
		return t.T("doctor.net.issuer_org", "Org", org)
	case cn != "":
		return t.T("doctor.net.issuer_cn", "CN", cn)
	}
	return t.T("doctor.net.issuer_none")
}

// checkClock compares the local clock with the Date header of the auth
// host.
func checkClock(ctx context.Context, env *Env) Result {
	t := env.T
	before := env.Now()
	resp, err := headRequest(ctx, env, env.AuthBaseURL, false)
	if err != nil {
		return Result{Status: Skip, Summary: t.T("doctor.clock.unreachable"),
			Detail: t.T("doctor.cause", "Cause", i18n.Raw(inWords(t, err))), Error: err.Error(), Fix: t.T("doctor.clock.unreachable_fix")}
	}
	resp.Body.Close()
	after := env.Now()
	server, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		return Result{Status: Skip, Summary: t.T("doctor.clock.no_date")}
	}
	local := before.Add(after.Sub(before) / 2)
	skew := local.Sub(server).Round(time.Second)
	abs := max(skew, -skew)
	facts := map[string]string{"skew_seconds": fmt.Sprint(int64(skew / time.Second))}
	desc := t.T("doctor.clock.behind", "Skew", t.Duration(abs))
	if skew > 0 {
		desc = t.T("doctor.clock.ahead", "Skew", t.Duration(abs))
	}
	fix := t.T("doctor.clock.fix")
	switch {
	case abs > SkewFail:
		return Result{Status: Fail, Summary: desc, Detail: t.T("doctor.clock.fail_detail"), Fix: fix, Facts: facts}
	case abs > SkewWarn:
		return Result{Status: Warn, Summary: desc, Detail: t.T("doctor.clock.warn_detail"), Fix: fix, Facts: facts}
	}
	return Result{Status: Pass, Summary: t.T("doctor.clock.ok", "Limit", t.Duration(SkewWarn)), Facts: facts}
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
