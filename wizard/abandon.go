package wizard

import (
	"context"
	"errors"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
)

// RevokeTimeout bounds the revocation of a sign-in left unsaved: the
// person is leaving, so it is tried once (with oauthflow's own retries of
// 429 and 5xx) and given up after this long.
const RevokeTimeout = 10 * time.Second

// Revocation is what became of the fresh tokens of a sign-in the person
// left without saving: revoked at Zoom when Err is nil, else why not.
type Revocation struct{ Err error }

// Abandon revokes at Zoom the fresh tokens of r, authorized with c, which
// the person leaves without a saved connection (quit at the scope review
// or the confirm screen, declined the 0600 file, left after a failed
// save): otherwise they would stay valid with nothing left to find them.
// It revokes the refresh token (token_type_hint=refresh_token, which ends
// its access token too), or the access token when Zoom sent no refresh
// token. It is best effort and bounded by RevokeTimeout; it runs under
// ctx's values but not its cancellation (the person quit, so ctx is
// usually canceled). It returns nil when r holds no token to revoke.
func Abandon(ctx context.Context, cfg *Config, c Creds, r *oauthflow.Result) *Revocation {
	if r == nil || r.Token == nil {
		return nil
	}
	token, hint := r.Token.RefreshToken, oauthflow.HintRefreshToken
	if token == "" {
		token, hint = r.Token.AccessToken, oauthflow.HintAccessToken
	}
	if token == "" {
		return nil
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), RevokeTimeout)
	defer cancel()
	app := c.App
	app.Endpoints = c.Endpoints(cfg)
	client := &oauthflow.Client{App: app, HTTPClient: cfg.HTTPClient, Now: cfg.Now}
	return &Revocation{Err: client.Revoke(rctx, token, hint)}
}

// Line says in one sentence what became of the tokens.
func (v *Revocation) Line(c *Config) string {
	if v.Err == nil {
		return c.T.T("abandon.revoked")
	}
	return c.T.T("abandon.not_revoked", "Reason", i18n.Raw(ReasonIn(c.T, v.Err)))
}

// Block is Line as an outcome line: OK when revoked, a warning when not.
func (v *Revocation) Block(c *Config) page.Block {
	if v.Err == nil {
		return page.OK(v.Line(c))
	}
	return page.Warn(v.Line(c))
}

// AbandonedError is the outcome of a run left with fresh tokens unsaved,
// for a front end that cannot say the revocation itself (the full-screen
// wizard's screen is gone when it runs): the outcome it wraps (Err, for
// the exit status) and the sentence that says what became of the tokens
// (Line, in the run's language), for the command line to print.
type AbandonedError struct {
	Err        error
	Revocation Revocation
	// Line is Revocation.Line in the run's language.
	Line string
}

// Error is the outcome's text, then what became of the tokens, on one
// line.
func (e *AbandonedError) Error() string { return e.Err.Error() + ". " + e.Line }

// Unwrap returns the outcome: the exit status is the outcome's.
func (e *AbandonedError) Unwrap() error { return e.Err }

// AbandonOutcome ends a run whose outcome is err: when d holds fresh
// tokens that were not saved, they are revoked (Abandon) and err comes
// back wrapped in an *AbandonedError that says so; otherwise err as it
// is. A nil err (a saved connection) revokes nothing.
func AbandonOutcome(ctx context.Context, cfg *Config, d Data, err error) error {
	if err == nil || d.Saved != nil || d.Creds == nil {
		return err
	}
	v := Abandon(ctx, cfg, *d.Creds, d.Result)
	if v == nil {
		return err
	}
	return &AbandonedError{Err: err, Revocation: *v, Line: v.Line(cfg)}
}

// FileDeclinedError is the outcome when no system keyring answered and
// the person declined the 0600 file: a storage failure (it wraps the
// keyring's error, so the exit status is the storage one) that also
// matches ErrCanceled (the person chose to leave). Its text is one line.
type FileDeclinedError struct {
	// Keyring is why no keyring could keep the tokens.
	Keyring error
	text    string
}

// NewFileDeclinedError is the outcome of declining the file after
// keyErr, said in the run's language.
func NewFileDeclinedError(c *Config, keyErr error) *FileDeclinedError {
	return &FileDeclinedError{Keyring: keyErr, text: c.T.T("identity.declined_file")}
}

// Error is the one line that says it.
func (e *FileDeclinedError) Error() string { return e.text }

// Unwrap returns the keyring's error and ErrCanceled.
func (e *FileDeclinedError) Unwrap() []error { return []error{e.Keyring, ErrCanceled} }

// IsFileDeclined reports whether err is the outcome of declining the file.
func IsFileDeclined(err error) bool {
	var fd *FileDeclinedError
	return errors.As(err, &fd)
}
