package cli

import "net/url"

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
