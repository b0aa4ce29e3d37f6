package connection

import (
	"context"
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

// StatusAll is Status for every saved profile, in ListProfiles' order:
// each profile file is read once, the default pointer once, and the
// secrets of all of them together (storage.LoadSecretsEach: one keyring
// session and one read of every item, where Status reads each in a session
// of its own). The error is ListProfiles'.
func (m *Manager) StatusAll(ctx context.Context, offline bool) ([]*Status, error) {
	profiles, err := m.Store.ListProfiles()
	if err != nil {
		return nil, err
	}
	def := m.Store.DefaultProfile()
	var check []*storage.Profile // the ones whose report reads the secrets
	for i := range profiles {
		if profiles[i].LogoutIncomplete == nil {
			check = append(check, &profiles[i])
		}
	}
	secretsErr := map[string]error{}
	for i, r := range m.Store.LoadSecretsEach(ctx, check) {
		secretsErr[check[i].Name] = r.Err
	}
	out := make([]*Status, len(profiles))
	for i := range profiles {
		p := &profiles[i]
		out[i] = m.status(ctx, p, p.Name == def, offline, func() error { return secretsErr[p.Name] })
	}
	return out, nil
}
