package connection

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Token returns a valid access token for the profile, refreshing first when
// it expires within RefreshMargin or when force is set. A refreshed token is
// returned only after the rotated refresh token is saved (and read back).
// A connection in the "reconnect needed" state fails at once with an error
// wrapping ErrReconnectNeeded, without calling Zoom.
func (m *Manager) Token(ctx context.Context, name string, force bool) (string, error) {
	_, sec, err := m.token(ctx, name, force)
	if err != nil {
		return "", err
	}
	return sec.AccessToken, nil
}

// Refresh refreshes the profile's tokens now (unless another process did so
// while this one waited for the lock).
func (m *Manager) Refresh(ctx context.Context, name string) error {
	_, err := m.Token(ctx, name, true)
	return err
}

// token returns a fresh token for name, refreshing when needed. When the
// profile's recorded expiry (not a secret) already says a refresh is due,
// the secrets are not read before the lock: the read inside it is the one
// that counts. A forced refresh reads them first, to recognize a refresh
// another process made while this one waited for the lock.
func (m *Manager) token(ctx context.Context, name string, force bool) (*storage.Profile, storage.Secrets, error) {
	p, err := m.Store.LoadProfile(name)
	if err != nil {
		return nil, storage.Secrets{}, err
	}
	if err := usable(p); err != nil {
		return nil, storage.Secrets{}, err
	}
	held := ""
	if force || !m.dueOnRecord(p) {
		sec, err := m.Store.LoadSecrets(ctx, p)
		if err != nil {
			return nil, storage.Secrets{}, err
		}
		if !force && m.fresh(sec) {
			return p, sec, nil
		}
		held = sec.RefreshToken
	}
	// Resolve the profile's hosts before taking its lock: an Endpoints
	// hook that starts a server for them (the CLI's sandbox, behind a
	// lock of its own) must not wait for that while holding this one.
	_ = m.endpoints(p)
	return m.refresh(ctx, name, held, force)
}

// dueOnRecord reports whether p's record says a refresh is due: its
// access-token expiry is within RefreshMargin (an unknown expiry says
// nothing), or a refresh was begun and never finished (ResultRefreshing).
func (m *Manager) dueOnRecord(p *storage.Profile) bool {
	return p.LastRefreshResult == ResultRefreshing ||
		!p.AccessExpiry.IsZero() && !p.AccessExpiry.After(m.now().Add(m.margin()))
}

// ResultRefreshing is the LastRefreshResult a refresh records before it
// asks Zoom, replaced by its outcome once it has one. Found later by the
// next holder of the profile's lock, it means the refresher died (kill
// -9, a crash) after perhaps spending the refresh token: whether the saved
// one still works is known only by trying it, so the next token, refresh
// or live status refreshes at once, and status --offline fails.
const ResultRefreshing = "refreshing"

// refresh runs read → refresh → write under the profile's lock, its
// keyring calls in one keyring session. held is the refresh token the
// caller saw before locking: when the stored one differs and is fresh,
// another process refreshed meanwhile and its result is used.
func (m *Manager) refresh(ctx context.Context, name, held string, force bool) (*storage.Profile, storage.Secrets, error) {
	unlock, err := m.lock(ctx, name, m.lockTimeout())
	if err != nil {
		return nil, storage.Secrets{}, fmt.Errorf("refresh %q: %w", name, err)
	}
	defer unlock()
	st, end := m.Store.WithKeyringSession()
	defer end()
	return m.withStore(st).refreshLocked(ctx, name, held, force)
}

// withStore is a copy of m on st (the same directories in a keyring
// session).
func (m *Manager) withStore(st *storage.Store) *Manager {
	c := *m
	c.Store = st
	return &c
}

// refreshLocked is refresh inside the lock. Before the refresh token is
// spent, it checks that the new one can be written (a rotation that cannot
// be saved loses the connection); once Zoom is asked, the rest runs to its
// end even when ctx is canceled.
func (m *Manager) refreshLocked(ctx context.Context, name, held string, force bool) (*storage.Profile, storage.Secrets, error) {
	p, sec, err := m.loadUsable(ctx, name) // re-read inside the lock
	if err != nil {
		return nil, storage.Secrets{}, err
	}
	unfinished := p.LastRefreshResult == ResultRefreshing // its refresher died: find out now
	if m.fresh(sec) && !unfinished && (!force || sec.RefreshToken != held) {
		return p, sec, nil
	}
	if sec.RefreshToken == "" {
		return nil, storage.Secrets{}, m.markReconnect(p, noRefreshTokenReason(), nil)
	}
	if err := m.Store.CheckSecretsWritable(ctx, p, sec); err != nil {
		return nil, storage.Secrets{}, i18n.NewError(err, "refresh.not_saved", "Profile", name, "Cause", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, storage.Secrets{}, interrupted(name, err, false)
	}
	before := *p
	m.recordRefreshing(p)
	tok, err := m.client(p, sec).Refresh(ctx, sec.RefreshToken)
	if err != nil {
		return m.refreshFailed(ctx, &before, p, sec, err)
	}
	return m.persist(context.WithoutCancel(ctx), p, sec, tok)
}

// recordRefreshing records on p, before Zoom is asked, that a refresh is
// under way (ResultRefreshing), so that a refresher killed before it
// records the outcome does not leave a record that calls the saved
// refresh token fine. A record that cannot be written does not stop the
// refresh (CheckSecretsWritable has found that the secrets can be).
func (m *Manager) recordRefreshing(p *storage.Profile) {
	p.LastRefresh, p.LastRefreshResult = m.now().UTC(), ResultRefreshing
	_ = m.Store.SaveProfile(p)
}

// usable is nil when p may be used: not being logged out, not waiting to
// be reconnected.
func usable(p *storage.Profile) error {
	switch {
	case p.LogoutIncomplete != nil:
		return logoutIncomplete(p)
	case p.ReconnectReason != "":
		return newReconnectError(p, p.ReconnectReason, nil)
	}
	return nil
}

// ErrNotSent is wrapped by the errors of a Zoom client (a Manager's Client
// hook) whose request could not even be sent, for a local reason: the
// CLI's sandbox did not start. A refresh that fails so changes and records
// nothing.
var ErrNotSent = errors.New("nothing was sent to Zoom")

// ErrInterrupted wraps the error of a refresh stopped (ctrl+c). It saved no
// token; when Zoom had been asked, the record keeps the refreshing mark so
// that the next refresh runs at once and finds out.
var ErrInterrupted = errors.New("was interrupted")

// interrupted is the error of a refresh of name stopped by cause; asked
// says whether Zoom had been asked, which may then have rotated the token
// before the answer was dropped.
func interrupted(name string, cause error, asked bool) error {
	id := "refresh.interrupted_after"
	if !asked {
		id = "refresh.interrupted_before"
	}
	return i18n.NewError(fmt.Errorf("%w: %w", ErrInterrupted, cause), id, "Profile", name, "Cause", cause)
}

// refreshFailed records a failed refresh. A final error (invalid_grant,
// 4741, 4738, 4735) puts the connection in the reconnect state, after one
// re-read in case a process outside the lock rotated the token. A refresh
// interrupted once Zoom was asked keeps recordRefreshing's mark: Zoom may
// have rotated the refresh token before the answer was dropped, which only
// the next refresh can find out (it runs at once, see dueOnRecord), so the
// record must not go back to calling the saved token fine.
func (m *Manager) refreshFailed(ctx context.Context, before, p *storage.Profile, used storage.Secrets, err error) (*storage.Profile, storage.Secrets, error) {
	if oauthflow.KindOf(err) == oauthflow.KindCanceled {
		return nil, storage.Secrets{}, interrupted(p.Name, err, true)
	}
	if errors.Is(err, ErrNotSent) { // Zoom rotated nothing, and there is no refresh to record
		_ = m.Store.SaveProfile(before)
		return nil, storage.Secrets{}, fmt.Errorf("refresh %q: %w", p.Name, err)
	}
	ze, final := reconnectCause(err)
	if !final {
		p.LastRefresh = m.now().UTC()
		p.LastRefreshResult = resultKey(err)
		_ = m.Store.SaveProfile(p) // metadata only; the refresh error is what matters
		return nil, storage.Secrets{}, fmt.Errorf("refresh %q: %w", p.Name, err)
	}
	if p2, sec2, rerr := m.load(ctx, p.Name); rerr == nil && sec2.RefreshToken != used.RefreshToken && m.fresh(sec2) {
		return p2, sec2, nil
	}
	return nil, storage.Secrets{}, m.markReconnect(p, ReasonWords(ze), err)
}

// markReconnect saves the reconnect state on the profile and returns the
// error that explains it. The caller holds the profile's lock.
func (m *Manager) markReconnect(p *storage.Profile, reason string, cause error) error {
	p.ReconnectReason = reason
	p.LastRefresh = m.now().UTC()
	p.LastRefreshResult = resultKey(cause)
	_ = m.Store.SaveProfile(p) // the returned error carries the state too
	return newReconnectError(p, reason, cause)
}

// RotationLostError is a refresh whose new tokens Zoom issued but that
// could not be saved: Zoom no longer accepts the saved refresh token, so
// the connection is lost until it is authorized again. It wraps the save's
// error (and the record's), so it counts as a storage failure.
type RotationLostError struct {
	Profile string
	// Err is why the new tokens could not be saved.
	Err error
	// RecordErr is why even recording the failure on the profile failed
	// (then status cannot show it).
	RecordErr error
	// Fix is the command that reconnects.
	Fix string
}

// Error says what was lost, that Zoom already rotated, and what to run.
func (e *RotationLostError) Error() string { return e.message().Error() }

// Say is Error in t's language.
func (e *RotationLostError) Say(t *i18n.Printer) string { return e.message().Say(t) }

func (e *RotationLostError) message() *i18n.Error {
	if e.RecordErr != nil {
		return i18n.NewError(nil, "refresh.lost_unrecorded", "Profile", e.Profile, "Cause", e.Err, "RecordCause", e.RecordErr, "Fix", e.Fix)
	}
	return i18n.NewError(nil, "refresh.lost", "Profile", e.Profile, "Cause", e.Err, "Fix", e.Fix)
}

// Unwrap returns the save's error and the record's.
func (e *RotationLostError) Unwrap() []error { return []error{e.Err, e.RecordErr} }

// persist saves the rotated token pair before anyone may use it. A refresh
// response without refresh_token keeps the old one. When the profile was
// logged out meanwhile (gone, or marked logout incomplete), the new tokens
// are revoked instead of saved.
func (m *Manager) persist(ctx context.Context, p *storage.Profile, old storage.Secrets, tok *oauth2.Token) (*storage.Profile, storage.Secrets, error) {
	if tok == nil || tok.AccessToken == "" {
		return nil, storage.Secrets{}, i18n.NewError(nil, "refresh.no_access_token", "Profile", p.Name)
	}
	sec := old
	sec.AccessToken = tok.AccessToken
	if tok.RefreshToken != "" {
		sec.RefreshToken = tok.RefreshToken
	}
	if tok.TokenType != "" {
		sec.TokenType = tok.TokenType
	}
	sec.Expiry = tok.Expiry.UTC()
	if cur, err := m.Store.LoadProfile(p.Name); errors.Is(err, storage.ErrNotFound) || (err == nil && cur.LogoutIncomplete != nil) {
		return nil, storage.Secrets{}, m.revokeOrphan(ctx, p, sec)
	}
	if err := m.Store.SaveRotated(ctx, p, sec); err != nil {
		p.LastRefresh = m.now().UTC()
		p.LastRefreshResult = "save_failed"
		return nil, storage.Secrets{}, &RotationLostError{Profile: p.Name, Err: err, RecordErr: m.Store.SaveProfile(p), Fix: storage.LoginCommandFor(p)}
	}
	p.AccessExpiry = sec.Expiry
	p.LastRefresh = m.now().UTC()
	p.LastRefreshResult = "ok"
	p.ReconnectReason = ""
	if scopes := oauthflow.GrantedScopes(tok); len(scopes) > 0 {
		p.GrantedScopes = scopes
	}
	// The secrets, which matter, are saved; a failure here only leaves the
	// profile's informational fields stale.
	_ = m.Store.SaveProfile(p)
	return p, sec, nil
}

// revokeOrphan revokes the tokens a refresh just got for a profile that
// was logged out meanwhile, and says so.
func (m *Manager) revokeOrphan(ctx context.Context, p *storage.Profile, sec storage.Secrets) error {
	err := m.client(p, sec).Revoke(ctx, sec.RefreshToken, oauthflow.HintRefreshToken)
	if err != nil {
		return i18n.NewError(err, "refresh.orphan_revoke_failed", "Profile", p.Name, "Cause", err)
	}
	return i18n.NewError(nil, "refresh.orphan_revoked", "Profile", p.Name)
}

// Me calls users/me for the profile. On a 401 it refreshes once, whatever
// the stored expiry says (clocks drift), and retries once; a second 401 is
// an error. An answer that only a new authorization fixes (4741: another
// sign-in replaced this connection; 4738, 4735) is final: the connection
// is marked reconnect-needed at once, with no refresh.
func (m *Manager) Me(ctx context.Context, name string) (*oauthflow.User, error) {
	p, sec, err := m.token(ctx, name, false)
	if err != nil {
		return nil, err
	}
	u, err := m.client(p, sec).Me(ctx, sec.AccessToken)
	if ze, final := reconnectCause(err); final {
		return nil, m.markReconnectLocked(ctx, name, ReasonWords(ze), err)
	}
	if !isUnauthorized(err) {
		return u, wrapOp("users/me", name, err)
	}
	p, sec, err = m.refresh(ctx, name, sec.RefreshToken, true)
	if err != nil {
		return nil, err
	}
	u, err = m.client(p, sec).Me(ctx, sec.AccessToken)
	if ze, final := reconnectCause(err); final {
		return nil, m.markReconnectLocked(ctx, name, ReasonWords(ze), err)
	}
	return u, wrapOp("users/me", name, err)
}

// markReconnectLocked is markReconnect under the profile's lock, on the
// profile as saved now.
func (m *Manager) markReconnectLocked(ctx context.Context, name, reason string, cause error) error {
	unlock, err := m.lock(ctx, name, m.lockTimeout())
	if err != nil {
		return fmt.Errorf("users/me for %q: %w (and recording it failed: %w)", name, cause, err)
	}
	defer unlock()
	p, err := m.Store.LoadProfile(name)
	if err != nil {
		return fmt.Errorf("users/me for %q: %w", name, cause)
	}
	return m.markReconnect(p, reason, cause)
}

func wrapOp(op, name string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s for %q: %w", op, name, err)
}

func isUnauthorized(err error) bool {
	var ze *oauthflow.Error
	if !errors.As(err, &ze) {
		return false
	}
	return ze.HTTPStatus == 401 || ze.Code == 124 || ze.Kind == oauthflow.KindInvalidAccess
}

// reconnectCause reports whether err is final for the refresh token:
// invalid_grant / "Invalid Token!" / 4741 / 4738 / 4735 / 4737.
func reconnectCause(err error) (*oauthflow.Error, bool) {
	var ze *oauthflow.Error
	if !errors.As(err, &ze) {
		return nil, false
	}
	if oauthflow.IsReconnect(err) {
		return ze, true
	}
	switch ze.Kind {
	case oauthflow.KindInvalidGrant, oauthflow.KindRevoked, oauthflow.KindDisabledByAdmin, oauthflow.KindUserGone:
		return ze, true
	}
	switch ze.Code {
	case 4735, 4737, 4738, 4741:
		return ze, true
	}
	return ze, ze.ErrorCode == "invalid_grant" || strings.EqualFold(strings.TrimSpace(ze.Reason), "Invalid Token!")
}

func resultKey(err error) string {
	var ze *oauthflow.Error
	switch {
	case err == nil:
		return "error"
	case errors.As(err, &ze):
		return ze.Key()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "canceled"
	default:
		return "error"
	}
}
