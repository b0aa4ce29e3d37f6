package connection

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/oauth2"

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

func (m *Manager) token(ctx context.Context, name string, force bool) (*storage.Profile, storage.Secrets, error) {
	p, sec, err := m.load(ctx, name)
	if err != nil {
		return nil, storage.Secrets{}, err
	}
	if p.ReconnectReason != "" {
		return nil, storage.Secrets{}, newReconnectError(p, p.ReconnectReason, nil)
	}
	if !force && m.fresh(sec) {
		return p, sec, nil
	}
	return m.refresh(ctx, name, sec.RefreshToken, force)
}

// refresh runs read → refresh → write under the profile's lock. held is the
// refresh token the caller saw before locking: when the stored one differs
// and is fresh, another process refreshed meanwhile and its result is used.
func (m *Manager) refresh(ctx context.Context, name, held string, force bool) (*storage.Profile, storage.Secrets, error) {
	lctx, cancel := context.WithTimeout(ctx, m.lockTimeout())
	defer cancel()
	unlock, err := m.Store.Lock(lctx, name)
	if err != nil {
		return nil, storage.Secrets{}, fmt.Errorf("refresh %q: %w", name, err)
	}
	defer unlock()
	p, sec, err := m.load(ctx, name) // re-read inside the lock
	if err != nil {
		return nil, storage.Secrets{}, err
	}
	if p.ReconnectReason != "" {
		return nil, storage.Secrets{}, newReconnectError(p, p.ReconnectReason, nil)
	}
	if m.fresh(sec) && (!force || sec.RefreshToken != held) {
		return p, sec, nil
	}
	if sec.RefreshToken == "" {
		return nil, storage.Secrets{}, m.markReconnect(p, "no refresh token is saved for this connection", nil)
	}
	tok, err := m.client(p, sec).Refresh(ctx, sec.RefreshToken)
	if err != nil {
		return m.refreshFailed(ctx, p, sec, err)
	}
	return m.persist(context.WithoutCancel(ctx), p, sec, tok)
}

// refreshFailed records a failed refresh. A final error (invalid_grant,
// 4741, 4738, 4735) puts the connection in the reconnect state, after one
// re-read in case a process outside the lock rotated the token.
func (m *Manager) refreshFailed(ctx context.Context, p *storage.Profile, used storage.Secrets, err error) (*storage.Profile, storage.Secrets, error) {
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
// error that explains it.
func (m *Manager) markReconnect(p *storage.Profile, reason string, cause error) error {
	p.ReconnectReason = reason
	p.LastRefresh = m.now().UTC()
	p.LastRefreshResult = resultKey(cause)
	_ = m.Store.SaveProfile(p) // the returned error carries the state too
	return newReconnectError(p, reason, cause)
}

// persist saves the rotated token pair before anyone may use it. A refresh
// response without refresh_token keeps the old one.
func (m *Manager) persist(ctx context.Context, p *storage.Profile, old storage.Secrets, tok *oauth2.Token) (*storage.Profile, storage.Secrets, error) {
	if tok == nil || tok.AccessToken == "" {
		return nil, storage.Secrets{}, fmt.Errorf("refresh %q: Zoom's response had no access token; try again: zoomconnect refresh --profile %s", p.Name, p.Name)
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
	if err := m.Store.SaveSecrets(ctx, p, p.SecretBackend, sec); err != nil {
		p.LastRefresh = m.now().UTC()
		p.LastRefreshResult = "save_failed"
		_ = m.Store.SaveProfile(p)
		return nil, storage.Secrets{}, fmt.Errorf("could not save the refreshed credentials; the connection may need reconnecting: %s: %w",
			storage.LoginCommandFor(p), err)
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

// Me calls users/me for the profile. On a 401 it refreshes once, whatever
// the stored expiry says (clocks drift), and retries once; a second 401 is
// an error.
func (m *Manager) Me(ctx context.Context, name string) (*oauthflow.User, error) {
	p, sec, err := m.token(ctx, name, false)
	if err != nil {
		return nil, err
	}
	u, err := m.client(p, sec).Me(ctx, sec.AccessToken)
	if !isUnauthorized(err) {
		return u, wrapOp("users/me", name, err)
	}
	p, sec, err = m.refresh(ctx, name, sec.RefreshToken, true)
	if err != nil {
		return nil, err
	}
	u, err = m.client(p, sec).Me(ctx, sec.AccessToken)
	return u, wrapOp("users/me", name, err)
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
