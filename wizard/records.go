package wizard

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zoomconnect/zoomconnect/connection"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// The records a login writes, and the writes themselves. Both front ends
// save through these, so they save the same things the same way.

// SaveTimeout bounds a save once started. A save does not stop when the
// screen's context is canceled (ctrl+c, leaving the screen): files and
// keyring items written halfway would leave a connection that exists
// while the wizard says "canceled". It ends on its own deadline instead.
const SaveTimeout = 30 * time.Second

// ProfileFor is the profile (no secrets) saved for user u, authorized with
// c and r, its secrets kept in backend.
func ProfileFor(cfg *Config, c Creds, r *oauthflow.Result, u *oauthflow.User, backend storage.SecretBackend) storage.Profile {
	now := cfg.now().UTC()
	e := savedEndpoints(cfg, c.Endpoints(cfg))
	return storage.Profile{
		Name: cfg.Profile, AuthType: c.AuthType, AppName: c.AppName,
		ClientID: c.App.ClientID, PublicClient: c.App.Public(),
		AuthBaseURL: e.AuthBaseURL, APIBaseURL: e.APIBaseURL,
		UserID: u.ID, DisplayName: u.Name(), Email: u.Email, AccountID: u.AccountID, UserType: u.TypeName(),
		GrantedScopes: append([]string(nil), r.Scopes...), SecretBackend: backend,
		CreatedAt: now, UpdatedAt: now, AccessExpiry: r.Token.Expiry.UTC(),
	}
}

// SecretsFor are the token pair of r and the client secret of c.
func SecretsFor(c Creds, r *oauthflow.Result) storage.Secrets {
	t := r.Token
	return storage.Secrets{ClientSecret: c.App.ClientSecret, AccessToken: t.AccessToken,
		RefreshToken: t.RefreshToken, TokenType: t.TokenType, Expiry: t.Expiry.UTC()}
}

// Fallback is what a save does after it failed: stop there (FallbackNone:
// not a keyring failure, or the file already failed), ask the person
// whether the 0600 file may hold the secrets (FallbackAsk), or go on to the
// file they consented to in advance with --insecure-storage (FallbackFile).
type Fallback int

// What a failed save leads to; see Fallback.
const (
	FallbackNone Fallback = iota
	FallbackAsk
	FallbackFile
)

// FallbackAfter is what a save to backend that failed with err leads to.
// Every save goes to the keyring first: --insecure-storage only consents
// to the file for when no keyring answers (checklist item 32), so a
// working keyring is never passed over for plaintext.
func (c *Config) FallbackAfter(backend storage.SecretBackend, err error) Fallback {
	switch {
	case backend != storage.BackendKeyring || !KeyringFailed(err):
		return FallbackNone
	case c.InsecureStorage:
		return FallbackFile
	}
	return FallbackAsk
}

// SaveConnection saves p and sec, all or nothing (connection.Manager's
// SaveLogin: on failure what was written is undone), then clears the
// profile's pending attempt. It runs under parent's values but not its
// cancellation, with SaveTimeout as its deadline: a save started runs to
// its end.
func SaveConnection(parent context.Context, cfg *Config, p storage.Profile, sec storage.Secrets) (Saved, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), SaveTimeout)
	defer cancel()
	if cfg.Conn == nil {
		return Saved{}, errors.New("no connection store is configured")
	}
	res, err := cfg.Conn.SaveLogin(ctx, &p, p.SecretBackend, sec)
	if err != nil {
		return Saved{}, err // a *connection.SaveError: says what was undone
	}
	if cfg.Store != nil {
		_ = cfg.Store.ClearPending(ctx, p.Name) // best effort: a stale pending attempt only offers a resume
	}
	return Saved{Profile: p, Where: res.Where, Replaced: res.Replaced, Overwrote: res.Overwrote, ReplaceErr: res.ReplaceErr}, nil
}

// PlanSave says what saving a login of user u with c would do (the
// profile it overwrites or updates, the profiles it replaces), before
// anything is written; nil when it cannot tell (no store, a read error:
// the warning is lost, not the save).
func PlanSave(cfg *Config, c Creds, u *oauthflow.User) *connection.SavePlan {
	if cfg.Conn == nil || u == nil {
		return nil
	}
	e := savedEndpoints(cfg, c.Endpoints(cfg))
	plan, err := cfg.Conn.PlanSave(&storage.Profile{Name: cfg.Profile, ClientID: c.App.ClientID,
		AuthBaseURL: e.AuthBaseURL, UserID: u.ID})
	if err != nil {
		return nil
	}
	return plan
}

// KeyringFailed reports a save that failed only because the system
// keyring is unavailable or timed out: the file may be offered instead.
func KeyringFailed(err error) bool {
	return errors.Is(err, storage.ErrKeyringUnavailable) || errors.Is(err, storage.ErrKeyringTimeout)
}

// PendingFor is the pending attempt saved for c when it stopped on cause,
// created at created, and the client secret to keep with it (a
// bring-your-own app's only: the organization's app file has its own).
// Its Reason says what it waits for (see PendingWhy). Front ends save one
// only for a Confirmed cause: a timeout is not waiting for an admin.
func PendingFor(cfg *Config, c Creds, cause error, created time.Time) (storage.Pending, string) {
	e := c.Endpoints(cfg)
	reason := pendingReason(cause)
	secret := c.App.ClientSecret
	if c.AuthType == storage.AuthOrgApp {
		secret = ""
	}
	return storage.Pending{
		Profile: cfg.Profile, AuthType: c.AuthType,
		AppName: c.AppName, ClientID: c.App.ClientID,
		AuthBaseURL: e.AuthBaseURL, APIBaseURL: e.APIBaseURL,
		ExpectedEmail: c.ExpectedEmail, Stage: "preapproval", Reason: reason,
		CreatedAt: created,
	}, secret
}

// SavePending remembers the attempt so that a later run resumes it; like a
// connection's save it is not stopped halfway by a quit (parent's
// cancellation) and ends on SaveTimeout.
func SavePending(parent context.Context, cfg *Config, p storage.Pending, secret string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), SaveTimeout)
	defer cancel()
	if err := cfg.Store.SavePending(ctx, p, secret); err != nil {
		return fmt.Errorf("save the pending attempt: %w", err)
	}
	return nil
}

// DiscardPending forgets the profile's pending attempt and its kept
// secret, when the person chooses to start over instead of resuming it.
// Like a save it is not stopped halfway by a quit.
func DiscardPending(parent context.Context, cfg *Config) error {
	if cfg.Store == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), SaveTimeout)
	defer cancel()
	if err := cfg.Store.ClearPending(ctx, cfg.Profile); err != nil {
		return fmt.Errorf("discard the pending attempt: %w", err)
	}
	return nil
}

// LoadPending reads the profile's pending attempt and its kept secret;
// nil when there is none or it cannot be read (then there is nothing to
// resume).
func LoadPending(ctx context.Context, cfg *Config) (*storage.Pending, string) {
	if cfg.Store == nil {
		return nil, ""
	}
	p, secret, err := cfg.Store.LoadPending(ctx, cfg.Profile)
	if err != nil {
		return nil, ""
	}
	return p, secret
}
