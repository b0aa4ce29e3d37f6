// Package zoomapi makes authenticated requests to Zoom's REST API with a
// saved connection's tokens, for `zoomconnect api`: it builds the request
// from a path relative to the API's /v2 root (never an absolute URL, so the
// token cannot leave the profile's API host), refreshes the token first
// when it is due and once more, forced, on a 401, honours Retry-After on a
// 429 (up to a cap, and never past ctx), and with Paginate follows
// next_page_token and merges the pages into one JSON document.
//
// Zoom's errors are read by package oauthflow (one reading of Zoom's error
// bodies), retries wait with its RetryWait and SleepCtx, the policy the
// Marketplace client follows. It imports no UI package.
package zoomapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// maxBody bounds every response body read from Zoom (one page).
const maxBody = 32 << 20

// Defaults of Client's limits.
const (
	DefaultMaxRetries   = 3
	DefaultMaxRetryWait = 30 * time.Second
	DefaultMaxPages     = 1000
)

// Tokens gives the access token of the requests; connection.APITokens
// gives a saved connection's. Token refreshes first when the token is due,
// and when force is set.
type Tokens interface {
	Token(ctx context.Context, force bool) (string, error)
}

// Rejecter is a Tokens that wants to know when Zoom answered that only a
// new authorization helps (4741, 4738, 4735: oauthflow.IsReconnect):
// Rejected records it (the connection is marked "reconnect needed") and
// returns the error to report.
type Rejecter interface {
	Rejected(ctx context.Context, err error) error
}

// Client sends requests to one API host. The zero value of every field but
// Tokens is usable.
type Client struct {
	// BaseURL is the API host, e.g. https://api.zoom.us (with or without
	// /v2). Empty means Zoom's. It must be https unless its host is a
	// loopback address.
	BaseURL string
	// HTTPClient sends the requests; nil means
	// oauthflow.NewHTTPClient(oauthflow.DefaultHTTPTimeout). Redirects to
	// another host are never followed.
	HTTPClient *http.Client
	Tokens     Tokens
	// Now is the clock for Retry-After dates; nil means time.Now.
	Now func() time.Time
	// Sleep stands in for waiting between retries (tests); see
	// oauthflow.SleepCtx.
	Sleep func(ctxDone <-chan struct{}, d time.Duration) bool
	// MaxRetries bounds the retries of one request (429; for idempotent
	// methods also 5xx and network failures); 0 means DefaultMaxRetries.
	MaxRetries int
	// MaxRetryWait caps one wait; a longer Retry-After is not waited for:
	// the 429 is returned. 0 means DefaultMaxRetryWait.
	MaxRetryWait time.Duration
	// MaxPages bounds a paginated listing; 0 means DefaultMaxPages.
	MaxPages int
}

// Request is one API call.
type Request struct {
	Method string
	// Path is relative to /v2 (see URL) and may carry a query.
	Path  string
	Query url.Values
	// Body is sent as application/json; nil sends none.
	Body []byte
	// Paginate follows next_page_token (GET listings).
	Paginate bool
}

// Page is the status and headers of one answer.
type Page struct {
	Proto  string
	Status string
	Code   int
	Header http.Header
}

// Response is a successful call: every page's status and headers, and the
// body (the pages merged, with Paginate).
type Response struct {
	Pages []Page
	Body  []byte
}

// Error is a request Zoom refused or that could not be sent. Err is the
// *oauthflow.Error it was read as (Zoom's code, words, tracking ID,
// Retry-After); Body is Zoom's answer, when one came.
type Error struct {
	Method string
	Path   string
	Page   *Page
	Body   []byte
	// AfterRefresh is set on a 401 that came again after a forced refresh.
	AfterRefresh bool
	Err          error
}

// Error is Zoom's answer in one line (the method and path first).
func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the *oauthflow.Error.
func (e *Error) Unwrap() error { return e.Err }

// Status is the HTTP status of Zoom's answer, 0 when none came.
func (e *Error) Status() int {
	if e.Page == nil {
		return 0
	}
	return e.Page.Code
}

// Key is the error-table key (see oauthflow.ExplanationFor): Zoom's code
// when the table knows it, "api:unauthorized_after_refresh" for a 401 a
// refresh did not cure, "api:404" for a path or object Zoom does not
// know, "api:refused" for any other refusal.
func (e *Error) Key() string {
	var oe *oauthflow.Error
	if !errors.As(e.Err, &oe) {
		return oauthflow.Explain(e.Err).Key
	}
	if e.AfterRefresh {
		return "api:unauthorized_after_refresh"
	}
	key := oe.Key()
	if key != "kind:"+string(oauthflow.KindUnknown) || e.Status() == 0 {
		return key
	}
	if e.Status() == http.StatusNotFound {
		return "api:404"
	}
	return "api:refused"
}

// ErrTooManyPages is wrapped when a listing has more than MaxPages pages
// or gives a page token twice.
var ErrTooManyPages = errors.New("too many pages")

// Do sends r and returns Zoom's answer; with r.Paginate, every page.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	u, err := URL(c.BaseURL, r.Path, r.Query)
	if err != nil {
		return nil, err
	}
	var out Response
	var bodies [][]byte
	seen := map[string]bool{}
	for {
		page, body, err := c.send(ctx, r, u)
		if err != nil {
			return nil, err
		}
		out.Pages = append(out.Pages, page)
		bodies = append(bodies, body)
		next := ""
		if r.Paginate {
			next = nextPageToken(body)
		}
		if next == "" {
			break
		}
		if seen[next] || len(bodies) >= c.maxPages() {
			return nil, i18n.NewError(ErrTooManyPages, "api.too_many_pages", "Count", len(bodies))
		}
		seen[next] = true
		q := u.Query()
		q.Set(pageTokenKey, next)
		u.RawQuery = q.Encode()
	}
	merged, err := mergePages(bodies)
	if err != nil {
		return nil, i18n.NewError(err, "api.merge_failed", "Cause", err.Error())
	}
	out.Body = merged
	return &out, nil
}

// send makes one call with its retries: one forced refresh on a 401, and
// waits on 429 (and, for idempotent methods, 5xx and network failures).
func (c *Client) send(ctx context.Context, r Request, u *url.URL) (Page, []byte, error) {
	refreshed, force := false, false
	for retries := 0; ; {
		tok, err := c.Tokens.Token(ctx, force)
		force = false
		if err != nil {
			return Page{}, nil, err
		}
		page, body, e := c.once(ctx, r, u, tok)
		if e == nil {
			return page, body, nil
		}
		ae := &Error{Method: r.Method, Path: u.Path, Body: body, Err: e}
		if page.Code != 0 {
			ae.Page = &page
		}
		switch {
		case oauthflow.IsReconnect(e):
			if rj, ok := c.Tokens.(Rejecter); ok {
				return Page{}, nil, rj.Rejected(ctx, ae)
			}
			return Page{}, nil, ae
		case unauthorized(e) && !refreshed:
			refreshed, force = true, true
			continue
		case unauthorized(e):
			ae.AfterRefresh = true
			return Page{}, nil, ae
		}
		if !c.retryable(r.Method, e) || retries >= c.maxRetries() {
			return Page{}, nil, ae
		}
		wait, ok := oauthflow.RetryWait(retries, e.RetryAfter, c.maxRetryWait())
		if !ok {
			return Page{}, nil, ae
		}
		if !oauthflow.SleepCtx(ctx, wait, c.Sleep) {
			return Page{}, nil, oauthflow.CallError(ctx, r.Method+" "+u.Path, context.Cause(ctx), c.now())
		}
		retries++
	}
}

// once makes one HTTP call with tok and reads its answer: the body of a
// 2xx, else Zoom's error (with the body, for the caller's JSON).
func (c *Client) once(ctx context.Context, r Request, u *url.URL, tok string) (Page, []byte, *oauthflow.Error) {
	op := r.Method + " " + u.Path
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, u.String(), body)
	if err != nil {
		return Page{}, nil, oauthflow.CallError(ctx, op, err, c.now(), tok)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Accept", "application/json")
	if r.Body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return Page{}, nil, oauthflow.CallError(ctx, op, err, c.now(), tok)
	}
	defer resp.Body.Close()
	page := Page{Proto: resp.Proto, Status: resp.Status, Code: resp.StatusCode, Header: resp.Header.Clone()}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return page, nil, oauthflow.CallError(ctx, op, err, c.now(), tok)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return page, b, oauthflow.ResponseError(op, resp.StatusCode, resp.Header, b, c.now(), tok)
	}
	return page, b, nil
}

// unauthorized is a 401 that a new access token may cure (124, not 4741).
func unauthorized(e *oauthflow.Error) bool {
	return e.HTTPStatus == http.StatusUnauthorized || e.Kind == oauthflow.KindInvalidAccess
}

// retryable reports whether a failure may be sent again: a 429 always
// (Zoom did nothing), a server or network failure only for a method that
// may be repeated (a POST could create a meeting twice).
func (c *Client) retryable(method string, e *oauthflow.Error) bool {
	if e.Kind == oauthflow.KindRateLimited {
		return true
	}
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return e.Kind.Retryable()
	}
	return false
}

// httpClient is HTTPClient (or a default one) that follows no redirect to
// another host: the Authorization header must not leave the API host.
func (c *Client) httpClient() *http.Client {
	hc := c.HTTPClient
	if hc == nil {
		hc = oauthflow.NewHTTPClient(oauthflow.DefaultHTTPTimeout)
	}
	cp := *hc
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 || req.URL.Host != via[0].URL.Host || req.URL.Scheme != via[0].URL.Scheme {
			return http.ErrUseLastResponse
		}
		return nil
	}
	return &cp
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) maxRetries() int {
	if c.MaxRetries > 0 {
		return c.MaxRetries
	}
	return DefaultMaxRetries
}

func (c *Client) maxRetryWait() time.Duration {
	if c.MaxRetryWait > 0 {
		return c.MaxRetryWait
	}
	return DefaultMaxRetryWait
}

func (c *Client) maxPages() int {
	if c.MaxPages > 0 {
		return c.MaxPages
	}
	return DefaultMaxPages
}
