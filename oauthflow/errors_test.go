package oauthflow

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestHTTPErrorBodyShapes(t *testing.T) {
	cases := []struct {
		name   string
		op     string
		status int
		body   string
		kind   Kind
		code   int
		key    string
	}{
		{"invalid token", OpRefresh, 400, `{"reason":"Invalid Token!","error":"invalid_grant"}`, KindInvalidGrant, 0, "token:invalid_grant"},
		{"old invalid token", OpRefresh, 401, `{"reason":"Invalid Token!","error":"invalid_request"}`, KindInvalidGrant, 0, "token:invalid_grant"},
		{"invalid client", OpExchange, 400, `{"reason":"Invalid client_id or client_secret","error":"invalid_client"}`, KindInvalidClient, 0, "token:invalid_client"},
		{"unsupported grant", OpRefresh, 400, `{"reason":"unsupported grant type","error":"unsupported_grant_type"}`, KindUnsupportedGrant, 0, "token:unsupported_grant_type"},
		{"bad code", OpExchange, 400, `{"reason":"Invalid authorization code Xyz","error":"invalid_request"}`, KindInvalidCode, 4734, "oauth:4734"},
		{"expired code", OpExchange, 400, `{"reason":"Code is expired","error":"invalid_request"}`, KindInvalidCode, 4733, "oauth:4733"},
		{"redirect mismatch", OpExchange, 400, `{"reason":"Redirect URI mismatch.","error":"invalid_request"}`, KindRedirectMismatch, 4709, "oauth:4709"},
		{"invalid redirect url", OpAuthorize, 200, `{"status":false,"errorCode":4700,"errorMessage":"Invalid redirect url","result":null}`, KindRedirectMismatch, 4700, "oauth:4700"},
		{"code message token", OpRefresh, 401, `{"code":4741,"message":"The token has been revoked."}`, KindRevoked, 4741, "oauth:4741"},
		{"disabled by admin text", OpRefresh, 401, `{"reason":"The token is disabled by admin.","error":"invalid_grant"}`, KindDisabledByAdmin, 4738, "oauth:4738"},
		{"code as string", OpRefresh, 400, `{"code":"4735","message":"The owner of the token does not exist."}`, KindUserGone, 4735, "oauth:4735"},
		{"app disabled", OpExchange, 400, `{"code":4717,"message":"The app has been disabled"}`, KindAppDisabled, 4717, "oauth:4717"},
		{"4711 on refresh", OpRefresh, 400, `{"code":4711,"message":"Refresh token invalid."}`, KindInvalidGrant, 4711, "oauth:4711"},
		{"4711 on api", OpMe, 400, `{"code":4711,"message":"Invalid access token, does not contain scopes:[a:b, c:d]."}`, KindMissingScopes, 4711, "api:4711"},
		{"4700 api scopes", OpMe, 401, `{"code":4700,"message":"Invalid access token, does not contain scopes:[a:b]."}`, KindMissingScopes, 4700, "api:4711"},
		{"4740", OpRefresh, 401, `{"code":4740,"message":"token out of tolerance"}`, KindInvalidGrant, 4740, "oauth:4740"},
		{"api 124", OpMe, 401, `{"code":124,"message":"Invalid access token."}`, KindInvalidAccess, 124, "api:124"},
		{"429", OpMe, 429, `{"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}`, KindRateLimited, 429, "http:429"},
		{"503 html", OpMe, 503, `<html>down</html>`, KindServer, 0, "http:5xx"},
		{"418 empty", OpRevoke, 418, ``, KindUnknown, 0, "kind:unknown"},
		{"admin required", OpAuthorize, 400, `{"reason":"An account admin is required to install this type of app."}`, KindUnknown, 0, "preapproval:admin_app"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{"X-Zm-Trackingid": {"TID-1"}}
			e := httpError(tc.op, tc.status, h, []byte(tc.body), time.Now())
			if e.Kind != tc.kind || e.Code != tc.code || e.Key() != tc.key || e.TrackingID != "TID-1" {
				t.Fatalf("got kind=%s code=%d key=%s tid=%q", e.Kind, e.Code, e.Key(), e.TrackingID)
			}
			if Explain(e).TrackingID != "TID-1" {
				t.Fatal("tracking ID not in the explanation")
			}
		})
	}
}

func TestReconnectAndPreapprovalHelpers(t *testing.T) {
	mk := func(op string, status int, body string) error {
		return httpError(op, status, nil, []byte(body), time.Now())
	}
	reconnect := []error{
		mk(OpRefresh, 400, `{"reason":"Invalid Token!","error":"invalid_grant"}`),
		mk(OpRefresh, 401, `{"code":4741,"message":"The token has been revoked."}`),
		mk(OpMe, 401, `{"code":4738,"message":"The token is disabled by admin."}`),
		mk(OpRefresh, 400, `{"code":4735,"message":"x"}`),
		fmt.Errorf("wrapped: %w", mk(OpRefresh, 400, `{"code":4737,"message":"x"}`)),
	}
	for _, err := range reconnect {
		if !IsReconnect(err) {
			t.Errorf("%v: not reconnect", err)
		}
	}
	notReconnect := []error{
		mk(OpMe, 429, `{}`), mk(OpMe, 503, `{}`), mk(OpExchange, 400, `{"reason":"Invalid client_id or client_secret","error":"invalid_client"}`),
		errors.New("plain"), nil,
	}
	for _, err := range notReconnect {
		if IsReconnect(err) {
			t.Errorf("%v: reconnect", err)
		}
	}
	if !IsPreapproval(mk(OpMe, 401, `{"code":4738,"message":"The token is disabled by admin."}`)) ||
		!IsPreapproval(&Error{Kind: KindTimeout, Op: OpAuthorize}) ||
		!IsPreapproval(&Error{Kind: KindCallbackError, Op: OpAuthorize, Reason: "An account admin is required to install this type of app."}) {
		t.Error("pre-approval errors not recognised")
	}
	if IsPreapproval(mk(OpRefresh, 400, `{"reason":"Invalid Token!","error":"invalid_grant"}`)) || IsPreapproval(nil) {
		t.Error("unrelated error leads to pre-approval")
	}
}

func TestFromRetrieveError(t *testing.T) {
	re := &oauth2.RetrieveError{
		Response:  &http.Response{StatusCode: 400, Header: http.Header{"X-Zm-Trackingid": {"T9"}, "Retry-After": {"7"}}},
		Body:      []byte(`{"reason":"Invalid Token!","error":"invalid_grant"}`),
		ErrorCode: "invalid_grant",
	}
	e := wrapCallErr(context.Background(), OpRefresh, re, time.Now())
	if e.Kind != KindInvalidGrant || e.Reason != "Invalid Token!" || e.ErrorCode != "invalid_grant" ||
		e.TrackingID != "T9" || e.RetryAfter != 7*time.Second || e.HTTPStatus != 400 {
		t.Fatalf("%#v", e)
	}
	// form-encoded error: only x/oauth2's parsed fields exist
	re2 := &oauth2.RetrieveError{Response: &http.Response{StatusCode: 400}, Body: []byte("error=invalid_client"),
		ErrorCode: "invalid_client", ErrorDescription: "nope"}
	if e2 := wrapCallErr(context.Background(), OpExchange, re2, time.Now()); e2.Kind != KindInvalidClient || e2.Reason != "nope" {
		t.Fatalf("%#v", e2)
	}
	// Response may be nil
	if e3 := wrapCallErr(context.Background(), OpRefresh, &oauth2.RetrieveError{}, time.Now()); e3.Kind != KindUnknown {
		t.Fatalf("%#v", e3)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	cases := map[string]time.Duration{
		"":                              0,
		"5":                             5 * time.Second,
		" 120 ":                         2 * time.Minute,
		"-3":                            0,
		"0":                             0,
		"Thu, 26 Nov 2026 12:00:30 GMT": 30 * time.Second,
		"2026-11-26T12:01:00Z":          time.Minute,
		"2026-11-26T13:00:00+01:00":     0, // same instant as now
		"2026-11-26T12:00:10.5Z":        10500 * time.Millisecond,
		"2026-11-26T11:00:00Z":          0, // past
		"99999999999999999999":          0, // unparseable overflow
		"9999999999":                    24 * time.Hour,
		"soon":                          0,
	}
	for in, want := range cases {
		if got := ParseRetryAfter(in, now); got != want {
			t.Errorf("ParseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestSanitize(t *testing.T) {
	cases := map[string]string{
		"plain text":                  "plain text",
		"a\x1b[31mred\x1b[0m b":       "ared b",
		"x\x1b]0;pwned\x07y":          "xy",
		"x\x1b]8;;http://e\x1b\\link": "xlink",
		"tab\tand\nnew  line\r\n":     "tab and new line",
		"bell\x07 nul\x00 del\x7f":    "bell nul del",
		"bidi \u202eevil\u202c":       "bidi evil",
		"c1 \u009b31mred":             "c1 red",
		"bad utf8 \xff end":           "bad utf8 \uFFFD end",
		"\x1b":                        "",
		"\x1b[":                       "",
		"  leading and trailing  ":    "leading and trailing",
	}
	for in, want := range cases {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
	long := Sanitize(strings.Repeat("ab", 1000))
	if n := len([]rune(long)); n != maxReasonRunes+1 || !strings.HasSuffix(long, "…") {
		t.Fatalf("long text cut to %d runes", n)
	}
}

func TestErrorMessagesAreReadable(t *testing.T) {
	cases := map[string]*Error{
		`refresh: Zoom says "Invalid Token!" (invalid_grant)`:                 {Kind: KindInvalidGrant, Op: OpRefresh, ErrorCode: "invalid_grant", Reason: "Invalid Token!"},
		`authorize: no answer from the browser before the deadline`:           {Kind: KindTimeout, Op: OpAuthorize},
		`users/me: Zoom answered HTTP 503`:                                    {Kind: KindServer, Op: OpMe, HTTPStatus: 503},
		`users/me: Zoom answered HTTP 429 (retry after 3s)`:                   {Kind: KindRateLimited, Op: OpMe, HTTPStatus: 429, RetryAfter: 3 * time.Second},
		`token exchange: Zoom says "Redirect URI mismatch." (4709, HTTP 400)`: {Kind: KindRedirectMismatch, Op: OpExchange, Code: 4709, HTTPStatus: 400, Reason: "Redirect URI mismatch."},
		`refresh: could not reach Zoom: dial tcp: refused`:                    {Kind: KindNetwork, Op: OpRefresh, Err: errors.New("dial tcp: refused")},
	}
	for want, e := range cases {
		if got := e.Error(); got != want {
			t.Errorf("Error() = %q, want %q", got, want)
		}
	}
}

// syscall.Errno satisfies net.Error, so a full disk or a read-only
// directory once read as "Could not reach Zoom". A local file failure is
// a storage failure; the same errno from a socket is still the network.
func TestLocalFileErrorsAreNotNetworkErrors(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EROFS, syscall.EACCES, syscall.EPERM, syscall.EDQUOT} {
		local := fmt.Errorf("save secrets: %w", &fs.PathError{Op: "write", Path: "/home/ann/.local/share/zoomconnect/secrets/default.json", Err: errno})
		if k := KindOf(local); k != KindStorage {
			t.Errorf("%v on a file: kind %q, want %q", errno, k, KindStorage)
		}
		if ex := Explain(local); ex.Key != "kind:storage" || strings.Contains(ex.Title, "reach Zoom") {
			t.Errorf("%v on a file is explained as %q (%s)", errno, ex.Title, ex.Key)
		}
		if e := wrapCallErr(context.Background(), OpRefresh, local, time.Now()); e.Kind == KindNetwork {
			t.Errorf("%v on a file became a network error in a call", errno)
		}
	}
	netErr := &url.Error{Op: "Post", URL: "https://zoom.us/oauth/token",
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}}
	if k := KindOf(netErr); k != KindNetwork {
		t.Errorf("a refused connection: kind %q, want network", k)
	}
}
