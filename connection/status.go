package connection

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
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
	// SecretsErr is why the saved secrets could not be read, when they
	// could not.
	SecretsErr error `json:"-"`
	// LiveErr is why the live check failed (LiveError is its text).
	LiveErr   error  `json:"-"`
	LiveError string `json:"live_error,omitempty"`
	// Offline is set when no live check was made.
	Offline  bool      `json:"offline"`
	Problems []Problem `json:"problems"`
}

// Problem is one thing wrong with a connection and what fixes it, in the
// Manager's language (plain text, no markup).
type Problem struct {
	Text string `json:"summary_text"`
	Fix  string `json:"fix_text"`
	// Command is the command the fix runs, when it names one, as it
	// appears in Fix (for scripts, and for front ends that mark it up).
	Command string `json:"command,omitempty"`
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
	t, login := m.T, storage.LoginCommandFor(p)
	if li := p.LogoutIncomplete; li != nil {
		st.add(LogoutIncompleteText(t, li), "", LogoutCommand(name))
		return st
	}
	if p.SecretBackend == storage.BackendFile {
		st.warn(t.T("problem.plaintext", "Path", st.SecretsLocation), t.T("problem.plaintext_fix", "Command", login), login)
	}
	if !st.Scopes.AllGranted() {
		st.add(t.T("problem.scopes_missing", "Scopes", strings.Join(st.Scopes.Missing, ", ")),
			t.T("problem.scopes_fix", "Command", login), login)
	}
	if err := secrets(); err != nil {
		st.SecretsErr = err
		fix, cmd := "", login
		switch {
		case errors.Is(err, storage.ErrInsecureFile):
			fix = t.T("problem.insecure_fix", "Command", login)
		case errors.Is(err, storage.ErrKeyringUnavailable), errors.Is(err, storage.ErrKeyringTimeout):
			// A new sign-in would not bring the keyring back (and would
			// end this authorization at Zoom): the keyring must answer.
			cmd = "zoomconnect doctor"
			fix = t.T("problem.keyring_fix", "Command", cmd)
		}
		st.add(t.T("problem.secrets_unreadable", "Reason", say(t, err)), fix, cmd)
		return st
	}
	if p.ReconnectReason != "" {
		st.addReconnect(t, p, nil)
		return st
	}
	if p.LastRefreshResult == "save_failed" {
		// Zoom rotated the refresh token and the new one was not saved: the
		// next refresh cannot work, whatever a live check with the old
		// access token says.
		st.add(t.T("problem.save_failed"), "", login)
		return st
	}
	if offline {
		if m.refreshInterrupted(p) {
			cmd := "zoomconnect refresh --profile " + name
			st.add(t.T("problem.refresh_interrupted"), t.T("problem.refresh_interrupted_fix", "Command", cmd), cmd)
			return st
		}
		st.addLastRefresh(t, p)
		return st
	}
	m.live(ctx, st, name)
	m.checkWritable(ctx, st, p)
	return st
}

// checkWritable warns, in a live status, when the next refresh could not
// take the connection's lock (a read-only state dir) or, for a plaintext
// secret file, could not save its tokens (a full disk, a read-only file
// system): the connection works until its access token expires, then
// every refresh refuses, with the saved tokens intact, until the cause is
// fixed. A warning, not a failure: signing in again
// would not help (it could not be saved either) and would end this
// authorization at Zoom. status --offline writes nothing, so it does not
// check.
func (m *Manager) checkWritable(ctx context.Context, st *Status, p *storage.Profile) {
	cmd := "zoomconnect status --profile " + p.Name
	fix := m.T.T("problem.not_writable_fix", "Command", cmd)
	if unlock, ok, err := m.Store.TryLock(p.Name); err != nil {
		st.warn(m.T.T("problem.lock_unwritable", "Reason", say(m.T, err)), fix, cmd)
		return
	} else if ok {
		unlock()
	}
	if p.SecretBackend != storage.BackendFile {
		return
	}
	if err := m.Store.CheckSecretsWritable(ctx, p, storage.Secrets{}); err != nil {
		st.warn(m.T.T("problem.not_writable", "Reason", say(m.T, err)), fix, cmd)
	}
}

// refreshInterrupted reports whether p records a refresh begun and never
// finished (ResultRefreshing) whose process is gone: no one holds the
// profile's lock. One that holds it is refreshing now.
func (m *Manager) refreshInterrupted(p *storage.Profile) bool {
	if p.LastRefreshResult != ResultRefreshing {
		return false
	}
	unlock, ok, err := m.Store.TryLock(p.Name)
	if err != nil || !ok {
		return false
	}
	unlock()
	return true
}

// LogoutIncompleteText says what an unfinished logout left, in t's
// language, for status, list and doctor.
func LogoutIncompleteText(t *i18n.Printer, li *storage.LogoutIncomplete) string {
	revoked := "problem.not_revoked_at_zoom"
	if li.Revoked {
		revoked = "problem.revoked_at_zoom"
	}
	return t.T("problem.logout_incomplete", "At", li.At.Local().Format("2006-01-02 15:04"), "Where", storage.LocationArg(li.Where),
		"Revoked", i18n.Msg(revoked))
}

// addLastRefresh reports a failed last refresh (offline, where no live
// check shows whether it recovered).
func (st *Status) addLastRefresh(t *i18n.Printer, p *storage.Profile) {
	switch st.LastRefreshResult {
	case "", "ok":
	default: // transient (network, canceled, 5xx): the next refresh may work
		st.warn(t.T("problem.last_refresh_failed", "Result", ResultWordsIn(t, st.LastRefreshResult)), "",
			"zoomconnect refresh --profile "+p.Name)
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
	t := m.T
	st.LiveErr, st.LiveError = err, err.Error()
	var ze *oauthflow.Error
	switch {
	case errors.Is(err, ErrReconnectNeeded):
		st.addReconnect(t, &st.Profile, err)
	case errors.As(err, &ze) && len(ze.MissingScopes) > 0:
		login := storage.LoginCommandFor(&st.Profile)
		st.add(t.T("problem.live_scopes_missing", "Scopes", strings.Join(ze.MissingScopes, ", ")),
			t.T("problem.scopes_fix", "Command", login), login)
	default:
		cmd := "zoomconnect status --profile " + name
		st.add(t.T("problem.live_failed", "Reason", say(t, err)), t.T("problem.live_fix", "Command", cmd), cmd)
	}
}

// addReconnect records the reconnect problem with its specific fix (cause
// is the live check's error, nil when the state was recorded earlier).
func (st *Status) addReconnect(t *i18n.Printer, p *storage.Profile, cause error) {
	reason := ReconnectReasonIn(t, p)
	if reason == "" {
		reason = t.T("reconnect.reason_unknown")
	}
	login := storage.LoginCommandFor(p)
	fix := ""
	if DisabledByAdmin(p, cause) {
		fix = t.T("reconnect.fix_admin", "Request", AdminRequestCommand(p), "Command", login)
	}
	st.add(t.T("problem.reconnect", "Reason", reason), fix, login)
}

// add records a problem that makes the connection fail: its text, the
// fix in words (just the command when fix is empty) and the command.
func (st *Status) add(text, fix, command string) {
	st.Problems = append(st.Problems, newProblem(text, fix, command, SeverityFail))
}

// warn records a problem that leaves the connection working.
func (st *Status) warn(text, fix, command string) {
	st.Problems = append(st.Problems, newProblem(text, fix, command, SeverityWarn))
}

// newProblem is a Problem in plain text: the catalog's markup removed.
func newProblem(text, fix, command, severity string) Problem {
	if fix == "" {
		fix = command
	}
	return Problem{Text: page.PlainText(text), Fix: page.PlainText(fix), Command: command, Severity: severity}
}

// say is err as a message argument: in t's language when it can say
// itself (storage's errors), else its (English) text.
func say(t *i18n.Printer, err error) any {
	if s, ok := i18n.Say(t, err); ok {
		return i18n.Raw(s)
	}
	return err.Error()
}
