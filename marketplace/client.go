package marketplace

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// DefaultBaseURL is Zoom's REST API root.
const DefaultBaseURL = "https://api.zoom.us/v2"

// maxBody bounds every response body read from Zoom.
const maxBody = 4 << 20

// defaultMaxRetries is the number of retries when Client.MaxRetries is 0.
const defaultMaxRetries = 3

// Client calls Zoom's Marketplace, Users and Groups APIs with the tokens of
// TokenSource. The zero value of every other field is usable. A Client is
// safe for concurrent use when its TokenSource is.
type Client struct {
	// BaseURL is the API root. Empty means DefaultBaseURL. A URL with no
	// path, such as "https://api.zoomgov.com" or a sandbox's URL, gets /v2
	// appended. It must be https unless the host is a loopback address.
	BaseURL string
	// HTTPClient sends the requests. Nil means
	// oauthflow.NewHTTPClient(oauthflow.DefaultHTTPTimeout).
	HTTPClient *http.Client
	// TokenSource gives the access token of every call. It needs the admin
	// scopes of each call (see the reference's §4). When it is an
	// Invalidator (as AccountCredentials' source is), a 401 from the API
	// drops the token and the call is tried once more with a new one.
	TokenSource oauth2.TokenSource
	// Now is the clock for Retry-After dates. Nil means time.Now.
	Now func() time.Time
	// Sleep waits between retries; tests inject a fake. It returns false
	// when ctxDone closed first. Nil means a context-aware real sleep.
	Sleep func(ctxDone <-chan struct{}, d time.Duration) bool
	// MaxRetries bounds retries of 429, 5xx and network failures per
	// request. Zero means 3.
	MaxRetries int
	// MaxRetryWait caps a single Retry-After or backoff wait; a longer
	// Retry-After is not waited for, the error is returned. Zero means 30s.
	MaxRetryWait time.Duration
}

// Invalidator is a token source that caches: Invalidate drops tok, which
// the API refused, so that the next Token call fetches a new one.
type Invalidator interface {
	Invalidate(tok *oauth2.Token)
}

// request is one API call.
type request struct {
	call   string     // Error.Call
	method string     // GET, PATCH, POST
	path   string     // escaped path after the base URL, e.g. "/groups"
	query  url.Values // nil for none
	body   any        // JSON body, nil for none
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) httpClient() *http.Client {
	if c.HTTPClient != nil {
		return c.HTTPClient
	}
	return oauthflow.NewHTTPClient(oauthflow.DefaultHTTPTimeout)
}

// baseURL is BaseURL with /v2 when it has no path, and no trailing slash.
func (c *Client) baseURL() (string, *Error) {
	raw := c.BaseURL
	if raw == "" {
		raw = DefaultBaseURL
	}
	if err := (oauthflow.Endpoints{APIBaseURL: raw}).Check(); err != nil {
		return "", &Error{Call: "configuration", Err: err}
	}
	u, _ := url.Parse(raw) // Check parsed it
	if strings.Trim(u.Path, "/") == "" {
		u.Path = "/v2"
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// do sends r with retries and decodes a JSON answer into out (when out is
// not nil and the answer has a body). A 401 leads to one new token when the
// token source is an Invalidator.
func (c *Client) do(ctx context.Context, r request, out any) error {
	base, e := c.baseURL()
	if e != nil {
		e.Call = r.call
		return e
	}
	refetched := false
	for retries := 0; ; {
		tok, e := c.token(ctx, r.call)
		if e == nil {
			e = c.send(ctx, base, r, tok, out)
		}
		if e == nil {
			return nil
		}
		if inv, ok := c.TokenSource.(Invalidator); ok && !refetched && tok != nil && e.staleToken() {
			inv.Invalidate(tok)
			refetched = true
			continue
		}
		if !e.retryable() || retries >= c.maxRetries() {
			return e
		}
		wait, ok := oauthflow.RetryWait(retries, e.RetryAfter, c.MaxRetryWait)
		if !ok {
			return e
		}
		if !c.sleep(ctx, wait) {
			return callErr(ctx, r.call, context.Cause(ctx), c.now())
		}
		retries++
	}
}

func (c *Client) maxRetries() int {
	if c.MaxRetries > 0 {
		return c.MaxRetries
	}
	return defaultMaxRetries
}

// token asks the token source for the call's token.
func (c *Client) token(ctx context.Context, call string) (*oauth2.Token, *Error) {
	if c.TokenSource == nil {
		return nil, &Error{Call: call, Message: "no token source: the client has no admin credentials"}
	}
	tok, err := c.TokenSource.Token()
	if err != nil {
		return nil, tokenErr(ctx, err, c.now())
	}
	if tok == nil || tok.AccessToken == "" {
		return nil, &Error{Call: CallToken, Message: "the token source gave no access token"}
	}
	return tok, nil
}

// send makes one HTTP request and reads its answer.
func (c *Client) send(ctx context.Context, base string, r request, tok *oauth2.Token, out any) *Error {
	req, err := c.newRequest(ctx, base, r)
	if err != nil {
		return &Error{Call: r.call, Err: err}
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return callErr(ctx, r.call, err, c.now(), tok.AccessToken)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return callErr(ctx, r.call, err, c.now(), tok.AccessToken)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return responseErr(r, resp, body, c.now(), tok.AccessToken)
	}
	if out == nil || len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return &Error{Call: r.call, HTTPStatus: resp.StatusCode, Message: "Zoom answered with JSON this client cannot read",
			TrackingID: oauthflow.Sanitize(resp.Header.Get("X-Zm-Trackingid")), Err: err}
	}
	return nil
}

// newRequest builds the HTTP request of r.
func (c *Client) newRequest(ctx context.Context, base string, r request) (*http.Request, error) {
	u := base + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	var body io.Reader
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

func (c *Client) sleep(ctx context.Context, d time.Duration) bool {
	return oauthflow.SleepCtx(ctx, d, c.Sleep)
}

// pathEscape escapes one path segment (an app ID, an email) fully: "@" as
// %40 and "+" as %2B, so no server can read an email's "+" as a space.
func pathEscape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
