package oauthflow

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// maxBody bounds every response body read from Zoom.
const maxBody = 1 << 20

// Token type hints for Revoke (RFC 7009 §2.1): which kind of token is
// revoked.
const (
	HintRefreshToken = "refresh_token"
	HintAccessToken  = "access_token"
)

// Revoke revokes token at Zoom (POST /oauth/revoke, token and, when not
// empty, token_type_hint in the form body; hint is HintRefreshToken or
// HintAccessToken). A confidential app authenticates with Basic; a public
// client sends client_id in the body. 429, 5xx and network failures are
// retried.
func (c *Client) Revoke(ctx context.Context, token, hint string) error {
	if e := c.checkEndpoints(OpRevoke); e != nil {
		return e
	}
	form := url.Values{"token": {token}}
	if hint != "" {
		form.Set("token_type_hint", hint)
	}
	if c.App.Public() {
		form.Set("client_id", c.App.ClientID)
	}
	endpoint := strings.TrimRight(c.endpoints().AuthBaseURL, "/") + "/oauth/revoke"
	return c.retry(ctx, OpRevoke, func() *Error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
		if err != nil {
			return &Error{Kind: KindBadResponse, Op: OpRevoke, Err: err}
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if !c.App.Public() {
			req.SetBasicAuth(url.QueryEscape(c.App.ClientID), url.QueryEscape(c.App.ClientSecret))
		}
		_, e := c.do(ctx, OpRevoke, req)
		if e != nil {
			return e.redact(token, c.App.ClientSecret)
		}
		return nil
	})
}

// Me calls GET /v2/users/me with accessToken in the Authorization header
// (never in the URL). 429, 5xx and network failures are retried.
func (c *Client) Me(ctx context.Context, accessToken string) (*User, error) {
	if e := c.checkEndpoints(OpMe); e != nil {
		return nil, e
	}
	endpoint := strings.TrimRight(c.endpoints().APIBaseURL, "/") + "/v2/users/me"
	var u User
	err := c.retry(ctx, OpMe, func() *Error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
		if err != nil {
			return &Error{Kind: KindBadResponse, Op: OpMe, Err: err}
		}
		req.Header.Set("Authorization", "Bearer "+accessToken)
		req.Header.Set("Accept", "application/json")
		body, e := c.do(ctx, OpMe, req)
		if e != nil {
			return e.redact(accessToken)
		}
		if err := json.Unmarshal(body, &u); err != nil {
			return &Error{Kind: KindBadResponse, Op: OpMe, Err: errors.New("users/me answered with unreadable JSON")}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// do sends req and returns the body of a 2xx answer or a classified error.
func (c *Client) do(ctx context.Context, op string, req *http.Request) ([]byte, *Error) {
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, wrapCallErr(ctx, op, err, c.now())
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, wrapCallErr(ctx, op, err, c.now())
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, httpError(op, resp.StatusCode, resp.Header, body, c.now())
	}
	return body, nil
}
