package marketplace

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// maxPageSize is the largest page_size Zoom's listings accept.
const maxPageSize = 300

// listAll gets every item of a listing: it follows next_page_token until
// Zoom sends an empty one, keeping the other query parameters the same on
// every page. items is the JSON field holding the page's items ("apps",
// "requests", "groups"). When Zoom refuses a page token as expired (the
// 15-minute limit), the listing starts again from the first page, once; a
// second refusal fails with an *Error whose PageTokenExpired is true.
func listAll[T any](ctx context.Context, c *Client, r request, items string) ([]T, error) {
	restarted := false
	for {
		all, err := listPages[T](ctx, c, r, items)
		var e *Error
		if !errors.As(err, &e) || !e.PageTokenExpired {
			return all, err
		}
		if restarted {
			return nil, err
		}
		restarted = true
	}
}

// listPages walks the pages once. An expired page token gives an *Error
// with PageTokenExpired set.
func listPages[T any](ctx context.Context, c *Client, r request, items string) ([]T, error) {
	var all []T
	seen := map[string]bool{}
	token := ""
	for {
		q := url.Values{}
		for k, v := range r.query {
			q[k] = v
		}
		q.Set("page_size", strconv.Itoa(maxPageSize))
		if token != "" {
			q.Set("next_page_token", token)
		}
		page := request{call: r.call, method: http.MethodGet, path: r.path, query: q}
		var raw map[string]json.RawMessage
		if err := c.do(ctx, page, &raw); err != nil {
			var e *Error
			if token != "" && errors.As(err, &e) && pageTokenRefused(e) {
				e.PageTokenExpired = true
			}
			return nil, err
		}
		var got []T
		if b, ok := raw[items]; ok && string(b) != "null" {
			if err := json.Unmarshal(b, &got); err != nil {
				return nil, &Error{Call: r.call, Message: "Zoom answered with a " + items + " list this client cannot read", Err: err}
			}
		}
		all = append(all, got...)
		var next string
		_ = json.Unmarshal(raw["next_page_token"], &next) // absent or not a string: the last page
		if next == "" {
			return all, nil
		}
		if seen[next] {
			return nil, &Error{Call: r.call, Message: "Zoom sent the same next_page_token twice; the listing would never end"}
		}
		seen[next] = true
		token = next
	}
}

// pageTokenRefused reports whether Zoom's answer to a request that carried a
// next_page_token refuses that token. Zoom documents the 15-minute expiry
// but not the error it gives, so this is a guess kept narrow: a 4xx other
// than 401, 403 and 429 that names a page token, or Zoom's validation code
// 300 (uncertain).
func pageTokenRefused(e *Error) bool {
	switch {
	case e.HTTPStatus < 400 || e.HTTPStatus >= 500:
		return false
	case e.HTTPStatus == http.StatusUnauthorized, e.HTTPStatus == http.StatusForbidden,
		e.HTTPStatus == http.StatusTooManyRequests:
		return false
	}
	low := strings.ToLower(e.Message)
	return e.Code == 300 || strings.Contains(low, "page token") || strings.Contains(low, "page_token")
}
