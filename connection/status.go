package connection

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Status is what `zoomconnect status` shows for one connection.
type Status struct {
	Profile storage.Profile `json:"profile"`
	// Default is set when this is the default profile.
	Default bool `json:"default"`
	// SecretsLocation is the keyring's name or the plaintext file's path.
	SecretsLocation string                `json:"secrets_location"`
	Backend         storage.SecretBackend `json:"secret_backend"`
	// AccessExpiry is the access token's expiry (UTC); ExpiresIn is the
	// time left, negative when expired.
	AccessExpiry      time.Time     `json:"access_expiry"`
	ExpiresIn         time.Duration `json:"expires_in"`
	LastRefresh       time.Time     `json:"last_refresh"`
	LastRefreshResult string        `json:"last_refresh_result,omitempty"`
	GrantedScopes     []string      `json:"granted_scopes"`
	// Scopes reviews the granted scopes against the ones zoomconnect needs.
	Scopes oauthflow.Review `json:"scopes"`
	// User is the live users/me answer; nil when offline or it failed.
	User *oauthflow.User `json:"user,omitempty"`
	// LiveErr is why the live check failed (LiveError is its text).
	LiveErr   error  `json:"-"`
	LiveError string `json:"live_error,omitempty"`
	// Offline is set when no live check was made.
	Offline  bool      `json:"offline"`
	Problems []Problem `json:"problems"`
}

// Problem is one thing wrong with a connection and the exact command that
// fixes it.
type Problem struct {
	Text string `json:"text"`
	Fix  string `json:"fix"`
	// Severity is SeverityFail when the connection does not work (or will
	// stop working) until the fix is applied, SeverityWarn when it works but
	// the user should know (always show both).
	Severity string `json:"severity"`
}

// Problem severities.
const (
	// SeverityFail: the connection does not work until the fix is applied.
	SeverityFail = "fail"
	// SeverityWarn: the connection works; the user should still know.
	SeverityWarn = "warn"
)

// Failed reports whether any problem has SeverityFail (an unset severity
// counts as a failure): the connection does not work as it is. Warnings
// alone do not fail it.
func (s *Status) Failed() bool {
	for _, p := range s.Problems {
		if p.Severity != SeverityWarn {
			return true
		}
	}
	return false
}

// Status reports on one connection. Unless offline it calls users/me
// (refreshing when needed). Problems end with the command that fixes them;
// the error is non-nil only when the profile itself cannot be read.
func (m *Manager) Status(ctx context.Context, name string, offline bool) (*Status, error) {
	p, err := m.Store.LoadProfile(name)
	if err != nil {
		return nil, err
	}
	return m.status(ctx, p, m.Store.DefaultProfile() == name, offline, func() error {
		_, err := m.Store.LoadSecrets(ctx, p)
		return err
	}), nil
}

// status is Status on a loaded profile; secrets reads its secrets, and
// is called only when the report needs them (StatusAll reads many at once).
func (m *Manager) status(ctx context.Context, p *storage.Profile, isDefault, offline bool, secrets func() error) *Status {
	name := p.Name
	st := &Status{Offline: offline, Default: isDefault}
	m.fill(st, p)
	if li := p.LogoutIncomplete; li != nil {
		st.add(LogoutIncompleteText(li), LogoutCommand(name))
		return st
	}
	if p.SecretBackend == storage.BackendFile {
		st.warn("the secrets are in a plaintext file, "+st.SecretsLocation+", because no system keyring was available",
			"reconnect where a keyring answers, to move them there: "+storage.LoginCommandFor(p))
	}
	if !st.Scopes.AllGranted() {
		st.add(fmt.Sprintf("the connection lacks scopes zoomconnect needs: %s", strings.Join(st.Scopes.Missing, ", ")),
			"add them to the Zoom app (Marketplace → Manage → your app → Scopes), then run: "+storage.LoginCommandFor(p))
	}
	if err := secrets(); err != nil {
		st.add("the saved secrets cannot be read: "+err.Error(), secretsFix(p, err))
		return st
	}
	if p.ReconnectReason != "" {
		st.addReconnect(p, nil)
		return st
	}
	if p.LastRefreshResult == "save_failed" {
		// Zoom rotated the refresh token and the new one was not saved: the
		// next refresh cannot work, whatever a live check with the old
		// access token says.
		st.add("the last refresh succeeded at Zoom but its new tokens could not be saved, so the saved refresh token no longer works",
			storage.LoginCommandFor(p))
		return st
	}
	if offline {
		st.addLastRefresh(p)
		return st
	}
	m.live(ctx, st, name)
	return st
}

// LogoutIncompleteText says what an unfinished logout left, for status,
// list and doctor.
func LogoutIncompleteText(li *storage.LogoutIncomplete) string {
	revoked := "it was not revoked at Zoom"
	if li.Revoked {
		revoked = "it was revoked at Zoom"
	}
	return fmt.Sprintf("a logout on %s did not finish: the secrets remain in %s (%s)",
		li.At.Local().Format("2006-01-02 15:04"), li.Where, revoked)
}

// addLastRefresh reports a failed last refresh (offline, where no live
// check shows whether it recovered).
func (st *Status) addLastRefresh(p *storage.Profile) {
	switch st.LastRefreshResult {
	case "", "ok":
	default: // transient (network, canceled, 5xx): the next refresh may work
		st.warn("the last refresh failed ("+ResultWords(st.LastRefreshResult)+")", "zoomconnect refresh --profile "+p.Name)
	}
}

// fill copies the profile's recorded state into st.
func (m *Manager) fill(st *Status, p *storage.Profile) {
	st.Profile = *p
	st.SecretsLocation = m.Store.SecretsLocation(p)
	st.Backend = p.SecretBackend
	if st.Backend == "" {
		st.Backend = storage.BackendKeyring
	}
	st.AccessExpiry = p.AccessExpiry
	if !p.AccessExpiry.IsZero() {
		st.ExpiresIn = p.AccessExpiry.Sub(m.now()).Round(time.Second)
	}
	st.LastRefresh = p.LastRefresh
	st.LastRefreshResult = p.LastRefreshResult
	st.GrantedScopes = p.GrantedScopes
	st.Scopes = oauthflow.ReviewScopes(p.GrantedScopes)
}

// live calls users/me and turns a failure into a problem.
func (m *Manager) live(ctx context.Context, st *Status, name string) {
	u, err := m.Me(ctx, name)
	if p, lerr := m.Store.LoadProfile(name); lerr == nil {
		m.fill(st, p) // a refresh may have changed expiry and results
	}
	if err == nil {
		st.User = u
		return
	}
	st.LiveErr, st.LiveError = err, err.Error()
	var ze *oauthflow.Error
	switch {
	case errors.Is(err, ErrReconnectNeeded):
		st.addReconnect(&st.Profile, err)
	case errors.As(err, &ze) && len(ze.MissingScopes) > 0:
		st.add(fmt.Sprintf("the app lacks scopes Zoom asked for: %v", ze.MissingScopes),
			"add them to the Zoom app (Marketplace → Manage → your app → Scopes), then run: "+storage.LoginCommandFor(&st.Profile))
	default:
		st.add("the live check (users/me) failed: "+err.Error(), "check the network and try again: zoomconnect status --profile "+name)
	}
}

// addReconnect records the reconnect problem with its specific fix (cause
// is the live check's error, nil when the state was recorded earlier).
func (st *Status) addReconnect(p *storage.Profile, cause error) {
	reason := p.ReconnectReason
	if reason == "" {
		reason = "Zoom no longer accepts this connection"
	}
	fix := strings.TrimPrefix(ReconnectFix(p, cause), "run: ")
	st.add("reconnect needed: "+reason, fix)
}

// add records a problem that makes the connection fail.
func (st *Status) add(text, fix string) {
	st.Problems = append(st.Problems, Problem{Text: text, Fix: fix, Severity: SeverityFail})
}

// warn records a problem that leaves the connection working.
func (st *Status) warn(text, fix string) {
	st.Problems = append(st.Problems, Problem{Text: text, Fix: fix, Severity: SeverityWarn})
}

func secretsFix(p *storage.Profile, err error) string {
	if errors.Is(err, storage.ErrInsecureFile) {
		return "restrict the file as the message says (chmod 600 PATH), or reconnect: " + storage.LoginCommandFor(p)
	}
	return storage.LoginCommandFor(p)
}
