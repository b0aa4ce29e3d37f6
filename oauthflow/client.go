package oauthflow

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// OAuth2Config returns the x/oauth2 config for this client and redirect URL.
// Scopes stay empty: Zoom rejects a scope parameter on the authorize URL.
// An app with a secret authenticates with a Basic header; a public client
// sends client_id in the body and no Authorization header.
func (c *Client) OAuth2Config(redirectURL string) *oauth2.Config {
	base := strings.TrimRight(c.endpoints().AuthBaseURL, "/")
	style := oauth2.AuthStyleInHeader
	if c.App.Public() {
		style = oauth2.AuthStyleInParams
	}
	return &oauth2.Config{
		ClientID:     c.App.ClientID,
		ClientSecret: c.App.ClientSecret,
		RedirectURL:  redirectURL,
		Endpoint: oauth2.Endpoint{
			AuthURL:       base + "/oauth/authorize",
			TokenURL:      base + "/oauth/token",
			DeviceAuthURL: base + DeviceAuthPath,
			AuthStyle:     style,
		},
	}
}

// endpoints fills empty hosts with Zoom's defaults.
func (c *Client) endpoints() Endpoints {
	ep := c.App.Endpoints
	if ep.AuthBaseURL == "" {
		ep.AuthBaseURL = DefaultAuthBaseURL
	}
	if ep.APIBaseURL == "" {
		ep.APIBaseURL = DefaultAPIBaseURL
	}
	return ep
}

// NewHTTPClient returns the client used when Client.HTTPClient is nil: an
// overall timeout plus dial, TLS and response-header timeouts.
func NewHTTPClient(timeout time.Duration) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = timeout
	t.ExpectContinueTimeout = time.Second
	return &http.Client{Timeout: timeout, Transport: t}
}

func (c *Client) httpClient() *http.Client {
	if c.HTTPClient != nil {
		return c.HTTPClient
	}
	return NewHTTPClient(DefaultHTTPTimeout)
}

// oauthCtx carries the HTTP client to x/oauth2.
func (c *Client) oauthCtx(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, c.httpClient())
}

// checkEndpoints refuses to send anything to a misconfigured host.
func (c *Client) checkEndpoints(op string) *Error {
	if err := c.App.Endpoints.Check(); err != nil {
		return &Error{Kind: KindUnknown, Op: op, Err: err}
	}
	return nil
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Exchange trades an authorization code for tokens. It is never retried: a
// code is single use. The response must carry an access token, the bearer
// type and a positive lifetime.
func (c *Client) Exchange(ctx context.Context, code, verifier, redirectURL string) (*oauth2.Token, error) {
	if e := c.checkEndpoints(OpExchange); e != nil {
		return nil, e
	}
	cfg := c.OAuth2Config(redirectURL)
	tok, err := cfg.Exchange(c.oauthCtx(ctx), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return nil, wrapCallErr(ctx, OpExchange, err, c.now()).redact(code, verifier, c.App.ClientSecret)
	}
	if err := c.validateToken(OpExchange, tok); err != nil {
		return nil, err
	}
	return tok, nil
}

// Refresh uses refreshToken once and returns the new token pair. Zoom rotates
// refresh tokens: the caller must persist the returned RefreshToken before
// using the access token. 429, 5xx and network failures are retried with
// backoff; invalid_grant and every other 4xx are not.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (*oauth2.Token, error) {
	if refreshToken == "" {
		return nil, &Error{Kind: KindInvalidGrant, Op: OpRefresh, Reason: "no refresh token is stored"}
	}
	if e := c.checkEndpoints(OpRefresh); e != nil {
		return nil, e
	}
	var tok *oauth2.Token
	err := c.retry(ctx, OpRefresh, func() *Error {
		src := c.OAuth2Config("").TokenSource(c.oauthCtx(ctx), &oauth2.Token{RefreshToken: refreshToken})
		t, err := src.Token()
		if err != nil {
			return wrapCallErr(ctx, OpRefresh, err, c.now()).redact(refreshToken, c.App.ClientSecret)
		}
		tok = t
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := c.validateToken(OpRefresh, tok); err != nil {
		return nil, err
	}
	return tok, nil
}

// validateToken checks a token response before anything is persisted.
func (c *Client) validateToken(op string, tok *oauth2.Token) error {
	bad := func(what string) error {
		return &Error{Kind: KindBadResponse, Op: op, Err: errors.New(what)}
	}
	switch {
	case tok == nil || tok.AccessToken == "":
		return bad("the token response has no access_token")
	case !strings.EqualFold(tok.TokenType, "bearer"):
		return bad("the token response's token_type is not bearer")
	case tok.ExpiresIn < 0 || (tok.ExpiresIn == 0 && !tok.Expiry.After(time.Now())):
		return bad("the token response has no positive expires_in")
	}
	return nil
}

// GrantedScopes returns the space-separated scope field of a token response.
func GrantedScopes(t *oauth2.Token) []string {
	if t == nil {
		return nil
	}
	s, _ := t.Extra("scope").(string)
	return strings.Fields(s)
}

// resultFor builds a Result from a validated token.
func resultFor(tok *oauth2.Token) *Result {
	api, _ := tok.Extra("api_url").(string)
	return &Result{Token: tok, Scopes: GrantedScopes(tok), APIURL: strings.TrimRight(api, "/")}
}
