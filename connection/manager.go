package connection

import (
	"strings"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// SameApp lists saved profiles that use clientID on the same auth host:
// authorizing again will end their authorization (Zoom keeps only the
// latest one per user and app). authBaseURL may be a resolved URL or what a
// profile stores (e.g. the CLI's sandbox marker): hosts are compared by
// HostKey, so a sandbox profile saved earlier matches this run's sandbox.
func (m *Manager) SameApp(clientID, authBaseURL string) ([]storage.Profile, error) {
	all, err := m.Store.ListProfiles()
	if err != nil {
		return nil, err
	}
	keys := map[string]string{} // stored AuthBaseURL -> HostKey, resolved once
	key := func(u string) string {
		k, ok := keys[u]
		if !ok {
			k = m.HostKey(u)
			keys[u] = k
		}
		return k
	}
	var out []storage.Profile
	for _, p := range all {
		if p.ClientID != clientID {
			continue // checked first: another app's profiles are never resolved
		}
		if normHost(p.AuthBaseURL) == normHost(authBaseURL) || key(p.AuthBaseURL) == key(authBaseURL) {
			out = append(out, p)
		}
	}
	return out, nil
}

// HostKey returns the comparable form of an auth base URL as a profile
// stores it or as it was resolved: the URL the Endpoints hook resolves it
// to (so the CLI's "sandbox" marker and this run's sandbox URL are equal),
// with Zoom's default for "", lower case, no trailing slash. With a hook
// that starts servers (the CLI's sandbox), resolving a marker may start one.
func (m *Manager) HostKey(authBaseURL string) string {
	ep := m.endpoints(&storage.Profile{AuthBaseURL: authBaseURL})
	return normHost(ep.AuthBaseURL)
}

// normHost makes base URLs comparable: Zoom's default when empty, lower
// case, no trailing slash.
func normHost(u string) string {
	if u == "" {
		u = oauthflow.DefaultAuthBaseURL
	}
	return strings.TrimRight(strings.ToLower(u), "/")
}
