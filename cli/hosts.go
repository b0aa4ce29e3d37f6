package cli

import (
	"context"
	"net"
	"net/url"
	"strings"

	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// endpoints resolves the Zoom hosts for a new authorization: the sandbox
// (started in-process) under --sandbox, else configuredEndpoints.
func (o *rootOptions) endpoints(ctx context.Context) (oauthflow.Endpoints, error) {
	if o.Sandbox {
		u, err := o.startSandbox(ctx)
		if err != nil {
			return oauthflow.Endpoints{}, err
		}
		return oauthflow.Endpoints{AuthBaseURL: u, APIBaseURL: u}, nil
	}
	return o.configuredEndpoints()
}

// configuredEndpoints resolves --auth-base-url/--api-base-url, then their
// environment variables, then --gov, then zoom.us. Plain http is refused
// except for loopback hosts.
func (o *rootOptions) configuredEndpoints() (oauthflow.Endpoints, error) {
	ep := oauthflow.DefaultEndpoints()
	if o.Gov {
		ep = oauthflow.GovEndpoints()
	}
	auth := firstNonEmpty(o.AuthBaseURL, o.env(envAuthBaseURL))
	api := firstNonEmpty(o.APIBaseURL, o.env(envAPIBaseURL))
	if auth != "" {
		ep.AuthBaseURL = auth
	}
	if api != "" {
		ep.APIBaseURL = api
	}
	var err error
	if ep.AuthBaseURL, err = checkBaseURL("--auth-base-url", ep.AuthBaseURL); err != nil {
		return oauthflow.Endpoints{}, err
	}
	if ep.APIBaseURL, err = checkBaseURL("--api-base-url", ep.APIBaseURL); err != nil {
		return oauthflow.Endpoints{}, err
	}
	return ep, nil
}

// checkBaseURL validates a base URL: absolute, https (or http to a loopback
// host), no query or fragment; the trailing slash is removed.
func checkBaseURL(flag, raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", usageErrorf("%s %q is not an absolute http(s) URL; use e.g. https://zoom.us", flag, raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", usageErrorf("%s %q must be a plain base URL, without user, query or fragment: use e.g. %s://%s", flag, raw, u.Scheme, u.Host)
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		return "", usageErrorf("%s %q uses plain http: tokens would cross the network unencrypted; use https (plain http is allowed only for 127.0.0.1 or localhost)", flag, raw)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// isLoopbackHost reports whether host is localhost or a loopback IP.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostOf returns the host of a base URL for display ("zoom.us"), the
// sandbox marker as "sandbox", and the input when it does not parse.
func hostOf(base string) string {
	if base == "" {
		return "zoom.us"
	}
	if base == sandboxMarker {
		return "sandbox (built-in)"
	}
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return base
	}
	return u.Host
}
