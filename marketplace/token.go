package marketplace

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// DefaultTokenLifetime is assumed when a token answer has no expires_in:
// Zoom documents one hour for Server-to-Server tokens.
const DefaultTokenLifetime = time.Hour

// ExpiryMargin is how long before its expiry a cached token is replaced, so
// that a token never runs out between Token and the API call.
const ExpiryMargin = time.Minute

// AccountCredentials are a Server-to-Server OAuth app of the admin's Zoom
// account (Marketplace → Develop → Build App → Server-to-Server OAuth):
// the Account ID, Client ID and Client Secret of its App Credentials page.
// String, GoString, LogValue and MarshalJSON never show the secret.
type AccountCredentials struct {
	AccountID    string
	ClientID     string
	ClientSecret string
	// AuthBaseURL is the OAuth host. Empty means https://zoom.us
	// (oauthflow.DefaultAuthBaseURL). It must be https unless the host is
	// a loopback address.
	AuthBaseURL string
}

// String shows the IDs and hides the secret.
func (c AccountCredentials) String() string {
	return "AccountCredentials{AccountID: " + c.AccountID + ", ClientID: " + c.ClientID +
		", ClientSecret: " + redacted(c.ClientSecret) + ", Auth: " + c.AuthBaseURL + "}"
}

// GoString hides the secret in %#v output.
func (c AccountCredentials) GoString() string { return c.String() }

// LogValue hides the secret in log/slog output.
func (c AccountCredentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("account_id", c.AccountID), slog.String("client_id", c.ClientID),
		slog.String("client_secret", redacted(c.ClientSecret)), slog.String("auth_base_url", c.AuthBaseURL))
}

// MarshalJSON hides the secret: credentials are never written to a file by
// accident. Store the secret on its own, in the keyring.
func (c AccountCredentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"account_id": c.AccountID, "client_id": c.ClientID,
		"client_secret": redacted(c.ClientSecret), "auth_base_url": c.AuthBaseURL})
}

func redacted(secret string) string {
	if secret == "" {
		return ""
	}
	return "[redacted]"
}

// TokenSource returns a source of the app's access tokens. Like
// golang.org/x/oauth2, it uses ctx for every token request, and the HTTP
// client stored in ctx under oauth2.HTTPClient (else
// oauthflow.NewHTTPClient(oauthflow.DefaultHTTPTimeout)): pass the
// command's context.
func (c AccountCredentials) TokenSource(ctx context.Context) *AccountTokenSource {
	if ctx.Value(oauth2.HTTPClient) == nil {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, oauthflow.NewHTTPClient(oauthflow.DefaultHTTPTimeout))
	}
	return &AccountTokenSource{creds: c, ctx: ctx}
}

// AccountTokenSource gets Server-to-Server tokens: POST /oauth/token with
// grant_type=account_credentials&account_id=… and a Basic header. Zoom gives
// no refresh token, so it keeps the last token and fetches a new one when
// that one is within ExpiryMargin of its expiry, or after Invalidate. It is
// safe for concurrent use; concurrent callers share one fetch. String never
// shows a token or the secret.
type AccountTokenSource struct {
	// Now is the clock for expiry. Nil means time.Now.
	Now func() time.Time

	creds AccountCredentials
	ctx   context.Context

	mu      sync.Mutex
	tok     *oauth2.Token
	expires time.Time
}

// Token returns the cached token while it is fresh, else a new one. A
// failure is an *Error with Call CallToken.
func (s *AccountTokenSource) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok != nil && s.now().Add(ExpiryMargin).Before(s.expires) {
		return s.tok, nil
	}
	s.tok = nil
	tok, err := s.fetch()
	if err != nil {
		return nil, err
	}
	s.tok, s.expires = tok, s.now().Add(lifetime(tok))
	return tok, nil
}

// Invalidate drops tok if it is the cached token, so the next Token call
// fetches a new one. Client calls it when the API answers 401.
func (s *AccountTokenSource) Invalidate(tok *oauth2.Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok != nil && tok != nil && s.tok.AccessToken == tok.AccessToken {
		s.tok = nil
	}
}

// String shows the credentials without the secret and never the token.
func (s *AccountTokenSource) String() string {
	return "AccountTokenSource{" + s.creds.String() + ", Token: [redacted]}"
}

// GoString keeps the token and secret out of %#v output.
func (s *AccountTokenSource) GoString() string { return s.String() }

// LogValue keeps the token and secret out of log/slog output.
func (s *AccountTokenSource) LogValue() slog.Value { return s.creds.LogValue() }

// fetch asks Zoom for a new token. The token endpoint's errors are read by
// oauthflow (one parser for Zoom's error bodies).
func (s *AccountTokenSource) fetch() (*oauth2.Token, error) {
	base := s.creds.AuthBaseURL
	if base == "" {
		base = oauthflow.DefaultAuthBaseURL
	}
	if err := (oauthflow.Endpoints{AuthBaseURL: base}).Check(); err != nil {
		return nil, &Error{Call: CallToken, Err: err}
	}
	cfg := clientcredentials.Config{
		ClientID: s.creds.ClientID, ClientSecret: s.creds.ClientSecret,
		TokenURL: strings.TrimRight(base, "/") + "/oauth/token",
		// Zoom's grant is not RFC 6749's client_credentials; x/oauth2 lets
		// grant_type be overridden for such servers.
		EndpointParams: url.Values{"grant_type": {"account_credentials"}, "account_id": {s.creds.AccountID}},
		AuthStyle:      oauth2.AuthStyleInHeader,
	}
	tok, err := cfg.Token(s.ctx)
	if err != nil {
		return nil, callErr(s.ctx, CallToken, err, s.now(), s.creds.ClientSecret)
	}
	if tok.AccessToken == "" || !strings.EqualFold(tok.TokenType, "bearer") {
		return nil, &Error{Call: CallToken, Message: "the token answer has no bearer access_token"}
	}
	return tok, nil
}

func (s *AccountTokenSource) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// lifetime is the token answer's expires_in, else DefaultTokenLifetime.
func lifetime(tok *oauth2.Token) time.Duration {
	var secs float64
	switch v := tok.Extra("expires_in").(type) {
	case float64:
		secs = v
	case json.Number:
		secs, _ = v.Float64()
	case string:
		secs, _ = strconv.ParseFloat(v, 64)
	}
	if secs <= 0 {
		return DefaultTokenLifetime
	}
	return time.Duration(secs * float64(time.Second))
}
