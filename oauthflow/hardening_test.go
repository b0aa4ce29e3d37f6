package oauthflow

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// Checklist item 11: a client that never finishes its headers is cut off
// by the server (ReadHeaderTimeout), not left hanging. Structural check: the
// read ends because the server closed or answered, long before the client's
// own generous deadline; no elapsed-time bound that a loaded machine could
// break.
func TestSlowHeaderClientIsCutOff(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, false, 0)
	conn, err := net.Dial("tcp", s.host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = conn.Write([]byte("GET /callback?state=" + s.state + "&code=" + testCode + " HTTP/1.1\r\nHo"))
	_ = conn.SetReadDeadline(time.Now().Add(60 * time.Second))
	_, err = bufio.NewReader(conn).ReadByte() // the server closes (EOF/reset) or answers 408
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server kept a half-sent request open for 60s: %v", err)
	}
	if fz.tokens.Load() != 0 || s.claimed.Load() {
		t.Fatal("a partial request counted as a callback")
	}
}

func TestHugeHeaderRejected(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, false, 0)
	req, _ := http.NewRequest(http.MethodGet, callbackURL(s, url.Values{"state": {s.state}, "code": {testCode}}), nil)
	req.Header.Set("X-Big", strings.Repeat("a", 1<<20))
	resp, err := browser(t).Do(req)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Fatalf("status %d", resp.StatusCode)
		}
	}
	if fz.tokens.Load() != 0 || s.claimed.Load() {
		t.Fatal("oversized request counted as a callback")
	}
}

func TestOldAttemptStateRejectedByNewAttempt(t *testing.T) {
	fz := newFakeZoom(t)
	first := startFlow(t, fz, false, 0)
	_ = first.Close()
	second := startFlow(t, fz, false, 0)
	status, _, _ := get(t, browser(t), callbackURL(second, url.Values{"state": {first.state}, "code": {testCode}}), nil)
	if status != http.StatusBadRequest || fz.tokens.Load() != 0 {
		t.Fatalf("old state: status %d, %d exchanges", status, fz.tokens.Load())
	}
}

func TestChallengeIsS256OfVerifier(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, false, 0)
	u, _ := url.Parse(s.AuthURL)
	sum := sha256.Sum256([]byte(s.verifier))
	if u.Query().Get("code_challenge") != base64.RawURLEncoding.EncodeToString(sum[:]) {
		t.Fatal("code_challenge is not S256(verifier)")
	}
	if len(s.verifier) < 43 || strings.Trim(s.verifier, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~") != "" {
		t.Fatalf("verifier %d chars outside the RFC 7636 charset", len(s.verifier))
	}
}

func TestInsecureEndpointsRefused(t *testing.T) {
	c := &Client{App: App{ClientID: "id", ClientSecret: testClientSecret,
		Endpoints: Endpoints{AuthBaseURL: "http://zoom.example", APIBaseURL: "https://api.zoom.us"}}}
	ctx := context.Background()
	_, e1 := c.Exchange(ctx, testCode, "v", "http://127.0.0.1:1/callback")
	_, e2 := c.Refresh(ctx, testRefresh)
	e3 := c.Revoke(ctx, testRefresh, HintRefreshToken)
	_, e4 := (&Flow{Client: c}).Start(ctx)
	for _, err := range []error{e1, e2, e3, e4} {
		if !errors.Is(err, ErrInsecureEndpoint) || Explain(err).Key != "config:insecure_endpoint" {
			t.Fatalf("err %v key %s", err, Explain(err).Key)
		}
	}
	c.App.Endpoints = Endpoints{APIBaseURL: "http://api.zoom.example"}
	if _, err := c.Me(ctx, testAccess); !errors.Is(err, ErrInsecureEndpoint) {
		t.Fatalf("Me over http: %v", err)
	}
	for _, ok := range []Endpoints{{}, DefaultEndpoints(), GovEndpoints(),
		{AuthBaseURL: "http://127.0.0.1:8080", APIBaseURL: "http://[::1]:9"}, {AuthBaseURL: "http://localhost:1"}} {
		if err := ok.Check(); err != nil {
			t.Errorf("%+v refused: %v", ok, err)
		}
	}
	if err := (Endpoints{AuthBaseURL: "zoom.us"}).Check(); err == nil {
		t.Error("relative URL accepted")
	}
}

func TestDefaultHTTPClientHasTimeouts(t *testing.T) {
	c := (&Client{}).httpClient()
	tr, ok := c.Transport.(*http.Transport)
	if c.Timeout != DefaultHTTPTimeout || !ok || tr.TLSHandshakeTimeout == 0 || tr.ResponseHeaderTimeout == 0 {
		t.Fatalf("client %+v", c)
	}
	injected := &http.Client{}
	if (&Client{HTTPClient: injected}).httpClient() != injected {
		t.Fatal("injected client not used")
	}
	ctx := (&Client{HTTPClient: injected}).oauthCtx(context.Background())
	if ctx.Value(oauth2.HTTPClient) != injected {
		t.Fatal("client not passed to x/oauth2")
	}
}

func TestPrintingNeverShowsSecrets(t *testing.T) {
	fz := newFakeZoom(t)
	s := startFlow(t, fz, false, 0)
	tok := (&oauth2.Token{AccessToken: testAccess, RefreshToken: testRefresh}).WithExtra(map[string]any{"scope": "a"})
	r := resultFor(tok)
	out := fmt.Sprintf("%v %+v %#v %v %+v %#v %s", r, r, r, s, s, s, fz.client(false).App)
	for _, secret := range []string{testAccess, testRefresh, s.state, s.verifier, testClientSecret} {
		if strings.Contains(out, secret) {
			t.Fatalf("printed output contains a secret: %s", out)
		}
	}
}

// Result and App redact in log/slog and encoding/json as they do in fmt,
// by value, by pointer and inside other structs.
func TestLoggingAndJSONNeverShowSecrets(t *testing.T) {
	tok := (&oauth2.Token{AccessToken: testAccess, RefreshToken: testRefresh}).WithExtra(map[string]any{"scope": "user:read:user"})
	r := resultFor(tok)
	app := App{ClientID: testClientID, ClientSecret: testClientSecret, Endpoints: DefaultEndpoints()}
	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)} {
		slog.New(h).Info("x", "result", r, "app", app, slog.Any("rp", r), slog.Any("ap", &app))
	}
	for _, v := range []any{r, *r, app, &app, struct {
		R Result
		A App
	}{*r, app}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(b)
	}
	out := buf.String()
	for _, secret := range []string{testAccess, testRefresh, testClientSecret} {
		if strings.Contains(out, secret) {
			t.Fatalf("slog or JSON output contains a secret: %s", out)
		}
	}
	for _, want := range []string{"[redacted]", "user:read:user", testClientID} {
		if !strings.Contains(out, want) {
			t.Fatalf("redacted output lost %q: %s", want, out)
		}
	}
}

// The wizard warns when a token response had no refresh_token: the
// connection would die within the hour.
func TestResultSaysWhenNoRefreshTokenCame(t *testing.T) {
	if resultFor(&oauth2.Token{AccessToken: testAccess, RefreshToken: testRefresh}).NoRefreshToken() {
		t.Fatal("a response with a refresh token")
	}
	if !resultFor(&oauth2.Token{AccessToken: testAccess}).NoRefreshToken() {
		t.Fatal("a response without a refresh token")
	}
}
