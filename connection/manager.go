package connection

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Save stores a freshly authorized connection: secrets first (read back),
// then the profile, so a failure never leaves a profile without secrets.
// With backend "" or BackendKeyring, an error matching
// storage.ErrKeyringUnavailable (or storage.ErrKeyringTimeout) means nothing
// was written: ask the user for consent and call again with BackendFile.
func (m *Manager) Save(ctx context.Context, p *storage.Profile, backend storage.SecretBackend, sec storage.Secrets) error {
	if err := storage.ValidateName(p.Name); err != nil {
		return err
	}
	if sec.AccessToken == "" && sec.RefreshToken == "" {
		return fmt.Errorf("save %q: the authorization returned no tokens; run: %s", p.Name, storage.LoginCommandFor(p))
	}
	lctx, cancel := context.WithTimeout(ctx, m.lockTimeout())
	defer cancel()
	unlock, err := m.Store.Lock(lctx, p.Name)
	if err != nil {
		return fmt.Errorf("save %q: %w", p.Name, err)
	}
	defer unlock()
	sec.Expiry = sec.Expiry.UTC()
	if err := m.Store.SaveSecrets(ctx, p, backend, sec); err != nil {
		return fmt.Errorf("save %q: %w", p.Name, err)
	}
	p.AccessExpiry = sec.Expiry
	p.ReconnectReason = ""
	p.LastRefreshResult = ""
	if err := m.Store.SaveProfile(p); err != nil {
		return fmt.Errorf("save %q: %w", p.Name, err)
	}
	return nil
}

// SaveReplacing saves like Save, then deletes every other profile of the
// same Zoom user for the same app (same ClientID, auth host and UserID):
// the new authorization has already ended theirs, so keeping them would
// leave dead connections behind. It returns the names it replaced; the
// default pointer moves to p when it named one of them.
func (m *Manager) SaveReplacing(ctx context.Context, p *storage.Profile, backend storage.SecretBackend, sec storage.Secrets) ([]string, error) {
	if err := m.Save(ctx, p, backend, sec); err != nil {
		return nil, err
	}
	if p.UserID == "" {
		return nil, nil
	}
	same, err := m.SameApp(p.ClientID, p.AuthBaseURL)
	if err != nil {
		return nil, err
	}
	wasDefault := m.Store.DefaultProfile()
	var replaced []string
	var errs []error
	for i := range same {
		old := &same[i]
		if old.Name == p.Name || old.UserID != p.UserID {
			continue
		}
		errs = append(errs, m.Store.DeleteSecrets(ctx, old), m.Store.DeleteProfile(old.Name))
		replaced = append(replaced, old.Name)
		if wasDefault == old.Name {
			errs = append(errs, m.Store.SetDefaultProfile(p.Name))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return replaced, fmt.Errorf("saved %q, but removing the replaced connections %v failed: %w", p.Name, replaced, err)
	}
	return replaced, nil
}

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
