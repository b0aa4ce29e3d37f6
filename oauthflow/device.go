package oauthflow

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// DeviceAuthPath is the device authorization endpoint under the OAuth
// host (zoom-oauth.md §1.1: likely, not confirmed by Zoom's reference).
const DeviceAuthPath = "/oauth/devicecode"

// DeviceCode is a started device sign-in (RFC 8628): the person opens
// VerificationURI on any device and types UserCode there before Expiry.
// It never shows the device code itself, which only the token endpoint
// sees.
type DeviceCode struct {
	UserCode        string
	VerificationURI string
	// VerificationURIComplete is VerificationURI with the code in it, ""
	// when Zoom sends none.
	VerificationURIComplete string
	Expiry                  time.Time
	// Interval is how often the token endpoint may be asked.
	Interval time.Duration

	resp *oauth2.DeviceAuthResponse
}

// String shows where to go and the user code, never the device code.
func (d *DeviceCode) String() string {
	return "DeviceCode{UserCode: " + d.UserCode + ", VerificationURI: " + d.VerificationURI + "}"
}

// GoString keeps the device code out of %#v output.
func (d *DeviceCode) GoString() string { return d.String() }

// URL is the address to open: the one with the code in it when Zoom sent
// it, else VerificationURI.
func (d *DeviceCode) URL() string {
	if d.VerificationURIComplete != "" {
		return d.VerificationURIComplete
	}
	return d.VerificationURI
}

// DeviceAuth starts a device sign-in: POST {auth}/oauth/devicecode with the
// client ID (a Basic header when the app has a secret). Zoom offers the
// grant only to private apps it enabled on request, and what it answers
// for others is not documented (zoom-oauth.md §1.1), so any 4xx answer
// but 429 is KindDeviceUnavailable: use the browser flow.
func (c *Client) DeviceAuth(ctx context.Context) (*DeviceCode, error) {
	if e := c.checkEndpoints(OpDevice); e != nil {
		return nil, e
	}
	// The client's timeout becomes the context's: x/oauth2 never closes
	// this response's body, and http.Client.Timeout's timer lives until
	// it is closed (deviceTransport reads and closes the real one).
	hc := *c.httpClient()
	hc.Transport = deviceTransport{base: hc.Transport, id: c.App.ClientID, secret: c.App.ClientSecret}
	if hc.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, hc.Timeout)
		defer cancel()
		hc.Timeout = 0
	}
	cfg := c.OAuth2Config("")
	da, err := cfg.DeviceAuth(context.WithValue(ctx, oauth2.HTTPClient, &hc))
	if err != nil {
		e := wrapCallErr(ctx, OpDevice, err, c.now()).redact(c.App.ClientSecret)
		if s := e.HTTPStatus; s >= 400 && s < 500 && s != http.StatusTooManyRequests {
			e.Kind = KindDeviceUnavailable
		}
		return nil, e
	}
	if da.DeviceCode == "" || da.UserCode == "" || da.VerificationURI == "" {
		return nil, &Error{Kind: KindBadResponse, Op: OpDevice, Err: errors.New("the device authorization response lacks device_code, user_code or verification_uri")}
	}
	interval := time.Duration(da.Interval) * time.Second
	if interval <= 0 {
		interval = 5 * time.Second // RFC 8628 §3.2's default
	}
	return &DeviceCode{UserCode: da.UserCode, VerificationURI: da.VerificationURI,
		VerificationURIComplete: da.VerificationURIComplete, Expiry: da.Expiry, Interval: interval, resp: da}, nil
}

// DeviceToken waits for the person to approve dc, polling the token
// endpoint as x/oauth2 does (authorization_pending waits, slow_down adds
// 5 s to the interval), and returns the tokens. The person denying is
// KindDeclined; the code expiring (expired_token, or its expiry passing)
// is KindTimeout; ctx ending is KindCanceled.
func (c *Client) DeviceToken(ctx context.Context, dc *DeviceCode) (*Result, error) {
	if dc == nil || dc.resp == nil {
		return nil, &Error{Kind: KindUnknown, Op: OpDevice, Err: errors.New("oauthflow: DeviceToken needs the code DeviceAuth returned")}
	}
	if e := c.checkEndpoints(OpDevice); e != nil {
		return nil, e
	}
	tok, err := c.OAuth2Config("").DeviceAccessToken(c.oauthCtx(ctx), dc.resp)
	if err != nil {
		return nil, c.deviceError(ctx, err)
	}
	if err := c.validateToken(OpDevice, tok); err != nil {
		return nil, err
	}
	return resultFor(tok), nil
}

// deviceError classifies a failed poll.
func (c *Client) deviceError(ctx context.Context, err error) *Error {
	if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		return &Error{Kind: KindTimeout, Op: OpDevice, ErrorCode: "expired_token", Err: err} // the code's expiry passed
	}
	e := wrapCallErr(ctx, OpDevice, err, c.now()).redact(c.App.ClientSecret)
	switch e.ErrorCode {
	case "access_denied":
		e.Kind = KindDeclined
	case "expired_token":
		e.Kind = KindTimeout
	}
	return e
}

// deviceTransport carries the device authorization request for
// x/oauth2: it adds the client's Basic header when the app has a secret
// (x/oauth2 sends the client ID in the body only), and reads the answer
// into memory and closes it (x/oauth2 v0.38 never closes that body,
// which would keep its connection open).
type deviceTransport struct {
	base       http.RoundTripper
	id, secret string
}

// RoundTrip implements http.RoundTripper.
func (d deviceTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	base := d.base
	if base == nil {
		base = http.DefaultTransport
	}
	if !strings.HasSuffix(r.URL.Path, DeviceAuthPath) {
		return base.RoundTrip(r)
	}
	if d.secret != "" {
		r = r.Clone(r.Context())
		r.SetBasicAuth(d.id, d.secret)
	}
	resp, err := base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("read the device authorization response: %w", err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}
