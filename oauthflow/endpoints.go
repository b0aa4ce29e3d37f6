package oauthflow

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// The one helper set for Zoom hosts: filling in defaults, validating a
// base URL, naming its host. Every package that handles endpoints calls
// these instead of writing its own.

// Or returns e with each empty host taken from def.
func (e Endpoints) Or(def Endpoints) Endpoints {
	if e.AuthBaseURL == "" {
		e.AuthBaseURL = def.AuthBaseURL
	}
	if e.APIBaseURL == "" {
		e.APIBaseURL = def.APIBaseURL
	}
	return e
}

// WithDefaults returns e with each empty host set to Zoom's (zoom.us,
// api.zoom.us).
func (e Endpoints) WithDefaults() Endpoints { return e.Or(DefaultEndpoints()) }

// ErrBadBaseURL is wrapped by CheckBaseURL's errors.
var ErrBadBaseURL = errors.New("bad base URL")

// CheckBaseURL validates and normalizes a base URL given by a person or a
// file: absolute http(s), no user, query or fragment, https unless the host
// is a loopback address (a local test server such as the sandbox); the
// trailing slash is removed. Errors wrap ErrBadBaseURL and say what to use.
func CheckBaseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("%w: %q is not an absolute http(s) URL; use e.g. https://zoom.us", ErrBadBaseURL, raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("%w: %q must be a plain base URL, without user, query or fragment: use e.g. %s://%s", ErrBadBaseURL, raw, u.Scheme, u.Host)
	}
	if u.Scheme == "http" && !IsLoopbackHost(u.Hostname()) {
		return "", fmt.Errorf("%w: %q uses plain http: tokens would cross the network unencrypted; use https (plain http is allowed only for 127.0.0.1 or localhost)", ErrBadBaseURL, raw)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// IsLoopbackHost reports whether host (no port) is localhost or a
// loopback IP address.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// HostOf returns the lower-case host (with its port, if any) of a base
// URL: "zoom.us" for "https://zoom.us" and for "" (Zoom's default), the
// input itself when it does not parse as a URL.
func HostOf(base string) string {
	if base == "" {
		base = DefaultAuthBaseURL
	}
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return strings.ToLower(u.Host)
	}
	return strings.ToLower(base)
}

// SameHost reports whether two auth base URLs name the same Zoom host:
// compared lower-case, without a trailing slash, "" as Zoom's default.
func SameHost(a, b string) bool { return normBase(a) == normBase(b) }

func normBase(u string) string {
	if u == "" {
		u = DefaultAuthBaseURL
	}
	return strings.TrimRight(strings.ToLower(u), "/")
}
