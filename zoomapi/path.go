package zoomapi

import (
	"errors"
	"net/url"
	"path"
	"strings"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// ErrBadPath is wrapped by the error of a request path that cannot be sent:
// empty, an absolute URL (the token would go to another host), or with a
// user, a fragment or a backslash.
var ErrBadPath = errors.New("bad API path")

// URL is the address of path on the API host base (a profile's API base
// URL such as https://api.zoom.us, or one that already ends in /v2). path
// is relative to Zoom's /v2 root, with or without a leading slash or its
// own "v2/" ("users/me", "/users/me" and "/v2/users/me" are the same), and
// may carry a query, merged with query (query's values come after). An
// absolute URL is refused, whatever its host: the request always goes to
// base's scheme and host, and dot segments cannot leave /v2.
func URL(base, p string, query url.Values) (*url.URL, error) {
	raw := strings.TrimSpace(p)
	if raw == "" {
		return nil, i18n.NewError(ErrBadPath, "api.path_empty")
	}
	if strings.Contains(raw, "://") || strings.HasPrefix(raw, "//") || strings.Contains(raw, `\`) {
		return nil, i18n.NewError(ErrBadPath, "api.path_absolute", "Path", raw)
	}
	u, err := url.Parse("/" + strings.TrimLeft(raw, "/"))
	if err != nil || u.Host != "" || u.Scheme != "" || u.User != nil || u.Fragment != "" || u.Opaque != "" {
		return nil, i18n.NewError(ErrBadPath, "api.path_invalid", "Path", raw)
	}
	b, err := baseURL(base)
	if err != nil {
		return nil, err
	}
	clean := path.Clean(u.Path) // rooted: ".." stops at the root
	if clean == "/v2" || strings.HasPrefix(clean, "/v2/") {
		clean = strings.TrimPrefix(clean, "/v2")
	}
	out := *b
	out.Path = strings.TrimRight(b.Path, "/") + "/v2" + strings.TrimRight(clean, "/")
	q := u.Query()
	for k, vs := range query {
		q[k] = append(q[k], vs...)
	}
	out.RawQuery = q.Encode()
	return &out, nil
}

// baseURL parses the API base: an https URL, or http on a loopback host
// (oauthflow.Endpoints.Check), without a trailing /v2.
func baseURL(base string) (*url.URL, error) {
	if base == "" {
		base = oauthflow.DefaultAPIBaseURL
	}
	if err := (oauthflow.Endpoints{APIBaseURL: base}).Check(); err != nil {
		return nil, err
	}
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil {
		return nil, err
	}
	u.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/v2")
	u.RawPath, u.RawQuery, u.Fragment = "", "", ""
	return u, nil
}
