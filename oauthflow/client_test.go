package oauthflow

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestOAuth2ConfigEndpointsAndAuthStyle(t *testing.T) {
	c := &Client{App: App{ClientID: "id", ClientSecret: "sec", Endpoints: Endpoints{AuthBaseURL: "https://zoom.example/"}}}
	cfg := c.OAuth2Config("http://127.0.0.1:1/callback")
	if cfg.Endpoint.AuthURL != "https://zoom.example/oauth/authorize" || cfg.Endpoint.TokenURL != "https://zoom.example/oauth/token" {
		t.Fatalf("endpoints = %+v", cfg.Endpoint)
	}
	if len(cfg.Scopes) != 0 {
		t.Fatalf("Scopes must stay empty, got %v", cfg.Scopes)
	}
	if cfg.Endpoint.AuthStyle != oauth2.AuthStyleInHeader {
		t.Fatalf("confidential client must use the Basic header, got %v", cfg.Endpoint.AuthStyle)
	}
	c.App.ClientSecret = ""
	if got := c.OAuth2Config("").Endpoint.AuthStyle; got != oauth2.AuthStyleInParams {
		t.Fatalf("public client must send client_id in params, got %v", got)
	}
	def := (&Client{}).OAuth2Config("")
	if def.Endpoint.AuthURL != "https://zoom.us/oauth/authorize" {
		t.Fatalf("default host = %s", def.Endpoint.AuthURL)
	}
}

func TestExchangePublicClientSendsNoAuthorizationHeader(t *testing.T) {
	fz := newFakeZoom(t)
	fz.tokenReply = func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, goodToken) }
	tok, err := fz.client(true).Exchange(context.Background(), testCode, "verifier", "http://127.0.0.1:9/callback")
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != testAccess {
		t.Fatalf("access token = %q", tok.AccessToken)
	}
	req := fz.lastTokenReq()
	if req.Auth != "" {
		t.Fatalf("public client sent Authorization %q", req.Auth)
	}
	f := req.Form
	if f.Get("client_id") != testClientID || f.Has("client_secret") || f.Get("code_verifier") != "verifier" ||
		f.Get("grant_type") != "authorization_code" || f.Get("redirect_uri") != "http://127.0.0.1:9/callback" {
		t.Fatalf("token form = %v", f)
	}
	if req.Query != "" {
		t.Fatalf("token request had a query string %q", req.Query)
	}
}

func TestExchangeConfidentialClientSendsBasic(t *testing.T) {
	fz := newFakeZoom(t)
	fz.tokenReply = func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, goodToken) }
	if _, err := fz.client(false).Exchange(context.Background(), testCode, "v", "http://127.0.0.1:9/callback"); err != nil {
		t.Fatal(err)
	}
	req := fz.lastTokenReq()
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(testClientID+":"+testClientSecret))
	if req.Auth != want {
		t.Fatalf("Authorization = %q, want Basic", req.Auth)
	}
	if req.Form.Has("client_secret") {
		t.Fatal("secret also sent in the body")
	}
}

func TestExchangeValidatesResponseAndNeverRetries(t *testing.T) {
	cases := map[string]struct {
		status int
		body   string
		kind   Kind
	}{
		"missing access_token": {200, `{"token_type":"bearer","expires_in":3600}`, KindBadResponse},
		"mac token type":       {200, `{"access_token":"a","token_type":"mac","expires_in":3600}`, KindBadResponse},
		"negative expires":     {200, `{"access_token":"a","token_type":"bearer","expires_in":-5}`, KindBadResponse},
		"no expires":           {200, `{"access_token":"a","token_type":"bearer"}`, KindBadResponse},
		"zero expires":         {200, `{"access_token":"a","token_type":"bearer","expires_in":0}`, KindBadResponse},
		"non-JSON":             {200, `<html>Service Unavailable</html>`, KindBadResponse},
		"truncated JSON":       {200, `{"access_token":"a","token_ty`, KindBadResponse},
		"server error":         {500, `{"reason":"Internal error"}`, KindServer},
		"bad code":             {400, `{"reason":"Invalid authorization code.","error":"invalid_request"}`, KindInvalidCode},
		"redirect mismatch":    {400, `{"reason":"Redirect URI mismatch.","error":"invalid_request"}`, KindRedirectMismatch},
		"invalid client":       {400, `{"reason":"Invalid client_id or client_secret","error":"invalid_client"}`, KindInvalidClient},
		"rate limited":         {429, `{"code":429,"message":"slow down"}`, KindRateLimited},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fz := newFakeZoom(t)
			fz.tokenReply = func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, tc.status, tc.body) }
			_, err := fz.client(false).Exchange(context.Background(), testCode, "v", "http://127.0.0.1:9/callback")
			var e *Error
			if !errors.As(err, &e) || e.Kind != tc.kind {
				t.Fatalf("err = %v (%#v), want kind %s", err, e, tc.kind)
			}
			if n := fz.tokens.Load(); n != 1 {
				t.Fatalf("exchange sent %d token requests, want exactly 1", n)
			}
		})
	}
}

// Checklist item 26: a malformed token response to a refresh is a typed
// KindBadResponse (explained as kind:bad_response), not retried and never
// handed back as a token.
func TestRefreshRejectsMalformedTokenResponse(t *testing.T) {
	bodies := map[string]string{
		"missing access_token": `{"token_type":"bearer","refresh_token":"r","expires_in":3600}`,
		"mac token type":       `{"access_token":"a","token_type":"mac","refresh_token":"r","expires_in":3600}`,
		"negative expires":     `{"access_token":"a","token_type":"bearer","refresh_token":"r","expires_in":-1}`,
		"zero expires":         `{"access_token":"a","token_type":"bearer","refresh_token":"r","expires_in":0}`,
		"non-JSON":             `<html><body>502 Bad Gateway</body></html>`,
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			fz := newFakeZoom(t)
			fz.tokenReply = func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, body) }
			tok, err := fz.client(true).Refresh(context.Background(), testRefresh)
			var e *Error
			if tok != nil || !errors.As(err, &e) || e.Kind != KindBadResponse || e.Op != OpRefresh ||
				Explain(err).Key != "kind:bad_response" {
				t.Fatalf("token %v err %v", tok, err)
			}
			if n := fz.tokens.Load(); n != 1 {
				t.Fatalf("%d refresh requests, want 1", n)
			}
		})
	}
}

func TestRefreshNeverRetriesInvalidGrant(t *testing.T) {
	fz := newFakeZoom(t)
	fz.tokenReply = func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 400, `{"reason":"Invalid Token!","error":"invalid_grant"}`)
	}
	_, err := fz.client(false).Refresh(context.Background(), testRefresh)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindInvalidGrant || !IsReconnect(err) {
		t.Fatalf("err = %v, want a reconnect invalid_grant", err)
	}
	if got := e.Error(); got != `refresh: Zoom says "Invalid Token!" (invalid_grant, HTTP 400) [Zoom tracking ID v=2.0;clid=us05;rid=TEST123]` {
		t.Fatalf("Error() = %q", got)
	}
	if e.Key() != "token:invalid_grant" {
		t.Fatalf("Key = %q", e.Key())
	}
	if n := fz.tokens.Load(); n != 1 {
		t.Fatalf("%d refresh requests, want 1", n)
	}
}

func TestRefreshRetries503ThenSucceeds(t *testing.T) {
	fz := newFakeZoom(t)
	fz.tokenReply = func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "2")
			writeJSON(w, 503, `{"reason":"busy"}`)
			return
		}
		writeJSON(w, 200, goodToken)
	}
	c := fz.client(false)
	var waits []time.Duration
	c.Sleep = func(_ <-chan struct{}, d time.Duration) bool { waits = append(waits, d); return true }
	tok, err := c.Refresh(context.Background(), testRefresh)
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken != testRefresh || fz.tokens.Load() != 2 {
		t.Fatalf("token %+v after %d requests", tok, fz.tokens.Load())
	}
	if len(waits) != 1 || waits[0] != 2*time.Second {
		t.Fatalf("waits = %v, want one 2s wait from Retry-After", waits)
	}
	f := fz.lastTokenReq().Form
	if f.Get("grant_type") != "refresh_token" || f.Get("refresh_token") != testRefresh {
		t.Fatalf("refresh form = %v", f)
	}
}

func TestRefreshGivesUpAfterMaxRetries(t *testing.T) {
	fz := newFakeZoom(t)
	fz.tokenReply = func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 502, `{}`) }
	c := fz.client(false)
	c.MaxRetries = 2
	var waits []time.Duration
	c.Sleep = func(_ <-chan struct{}, d time.Duration) bool { waits = append(waits, d); return true }
	_, err := c.Refresh(context.Background(), testRefresh)
	if KindOf(err) != KindServer || fz.tokens.Load() != 3 || len(waits) != 2 {
		t.Fatalf("err=%v requests=%d waits=%v", err, fz.tokens.Load(), waits)
	}
	for _, w := range waits {
		if w <= 0 || w > defaultMaxRetryWait {
			t.Fatalf("backoff %v outside (0, cap]", w)
		}
	}
}

func TestRefreshDoesNotWaitForHugeRetryAfter(t *testing.T) {
	fz := newFakeZoom(t)
	fz.tokenReply = func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "3600")
		writeJSON(w, 429, `{"code":429,"message":"daily limit"}`)
	}
	c := fz.client(false)
	c.Sleep = func(<-chan struct{}, time.Duration) bool { t.Fatal("slept"); return false }
	_, err := c.Refresh(context.Background(), testRefresh)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindRateLimited || e.RetryAfter != time.Hour || fz.tokens.Load() != 1 {
		t.Fatalf("err=%v requests=%d", err, fz.tokens.Load())
	}
	if e.Key() != "http:429" || !strings.Contains(Explain(err).User, "1\u00a0h") {
		t.Fatalf("key %q explanation %+v", e.Key(), Explain(err))
	}
}

// A cancel during a retry wait ends Refresh at once. Structural: Zoom asks
// for a 10-minute wait (within MaxRetryWait, so it is really slept), the
// cancel comes after the first answer, and Refresh must return canceled
// after one request, far inside that wait.
func TestRefreshCanceledWhileWaiting(t *testing.T) {
	fz := newFakeZoom(t)
	answered := make(chan struct{}, 1)
	fz.tokenReply = func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "600")
		writeJSON(w, 503, `{}`)
		answered <- struct{}{}
	}
	c := fz.client(false)
	c.Sleep, c.MaxRetryWait = nil, time.Hour // real sleep of 600s
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-answered; cancel() }()
	var err error
	within(t, time.Minute, "Refresh canceled during a 600s retry wait", func() {
		_, err = c.Refresh(ctx, testRefresh)
	})
	if KindOf(err) != KindCanceled || fz.tokens.Load() != 1 {
		t.Fatalf("err = %v after %d requests", err, fz.tokens.Load())
	}
	// The real sleep itself, where the cancel above may or may not land:
	// a 10-minute wait ends when ctx does.
	sctx, scancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, scancel)
	slept := true
	within(t, time.Minute, "a 10-minute retry sleep after cancel", func() {
		slept = (&Client{}).sleep(sctx, 10*time.Minute)
	})
	if slept {
		t.Fatal("sleep reported a full wait after cancel")
	}
}

// hangingToken makes /token never answer until the client goes away; it
// signals each request on arrived.
func hangingToken(t *testing.T, fz *fakeZoom) (arrived chan struct{}) {
	arrived = make(chan struct{}, 16)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	fz.tokenReply = func(w http.ResponseWriter, r *http.Request, n int) {
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}
	return arrived
}

// Checklist item 42: with a 200ms client timeout, a /token that never
// answers makes Exchange (once, never retried) and Refresh (each bounded
// attempt, then give up) return a network error. The 10s bound is a wait
// for a hang, not a speed target.
func TestHangingTokenEndpointTimesOut(t *testing.T) {
	fz := newFakeZoom(t)
	hangingToken(t, fz)
	c := fz.client(false)
	c.HTTPClient = NewHTTPClient(200 * time.Millisecond)
	t.Cleanup(c.HTTPClient.CloseIdleConnections)
	var err error
	within(t, 10*time.Second, "Exchange against a hanging /token", func() {
		_, err = c.Exchange(context.Background(), testCode, "v", "http://127.0.0.1:9/callback")
	})
	if KindOf(err) != KindNetwork || fz.tokens.Load() != 1 {
		t.Fatalf("Exchange: err = %v after %d requests", err, fz.tokens.Load())
	}
	c.MaxRetries = 2
	within(t, 10*time.Second, "Refresh against a hanging /token", func() {
		_, err = c.Refresh(context.Background(), testRefresh)
	})
	if KindOf(err) != KindNetwork || fz.tokens.Load() != 1+3 {
		t.Fatalf("Refresh: err = %v, %d requests in all", err, fz.tokens.Load())
	}
}

// Checklist item 42: cancelling the context aborts a hanging Exchange or
// Refresh although the client timeout is an hour.
func TestCancelAbortsHangingTokenCall(t *testing.T) {
	calls := map[string]func(*Client, context.Context) error{
		"exchange": func(c *Client, ctx context.Context) error {
			_, err := c.Exchange(ctx, testCode, "v", "http://127.0.0.1:9/callback")
			return err
		},
		"refresh": func(c *Client, ctx context.Context) error { _, err := c.Refresh(ctx, testRefresh); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			fz := newFakeZoom(t)
			arrived := hangingToken(t, fz)
			c := fz.client(false)
			c.HTTPClient = NewHTTPClient(time.Hour)
			t.Cleanup(c.HTTPClient.CloseIdleConnections)
			ctx, cancel := context.WithCancel(context.Background())
			go func() { <-arrived; cancel() }()
			var err error
			within(t, 10*time.Second, name+" after cancel", func() { err = call(c, ctx) })
			if KindOf(err) != KindCanceled || fz.tokens.Load() != 1 {
				t.Fatalf("err = %v after %d requests", err, fz.tokens.Load())
			}
		})
	}
}

func TestMePutsTokenOnlyInHeaderAndRetries(t *testing.T) {
	fz := newFakeZoom(t)
	fz.meReply = func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			writeJSON(w, 429, `{"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}`)
			return
		}
		writeJSON(w, 200, `{"id":"u1","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","type":1}`)
	}
	u, err := fz.client(true).Me(context.Background(), testAccess)
	if err != nil {
		t.Fatal(err)
	}
	if u.Name() != "Ada Lovelace" || u.TypeName() != "Basic" {
		t.Fatalf("user = %+v name %q type %q", u, u.Name(), u.TypeName())
	}
	fz.mu.Lock()
	defer fz.mu.Unlock()
	if len(fz.meReqs) != 2 {
		t.Fatalf("%d calls, want 2 (one retry)", len(fz.meReqs))
	}
	for _, r := range fz.meReqs {
		if strings.Contains(r.URL.String(), testAccess) || r.URL.RawQuery != "" {
			t.Fatalf("token leaked into URL %s", r.URL)
		}
		if r.Header.Get("Authorization") != "Bearer "+testAccess {
			t.Fatalf("Authorization = %q", r.Header.Get("Authorization"))
		}
	}
}

func TestMeErrors(t *testing.T) {
	cases := map[string]struct {
		status int
		body   string
		kind   Kind
		key    string
		scopes []string
	}{
		"invalid":  {401, `{"code":124,"message":"Invalid access token."}`, KindInvalidAccess, "api:124", nil},
		"expired":  {401, `{"code":124,"message":"Access token is expired."}`, KindInvalidAccess, "api:124:expired", nil},
		"query":    {401, `{"code":124,"message":"Invalid access token, this access token is not supported as query parameter string."}`, KindInvalidAccess, "api:124:query", nil},
		"scopes":   {400, `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user, user:read:user:admin]."}`, KindMissingScopes, "api:4711", []string{"user:read:user", "user:read:user:admin"}},
		"revoked":  {401, `{"code":4741,"message":"The token has been revoked."}`, KindRevoked, "oauth:4741", nil},
		"disabled": {401, `{"code":4738,"message":"The token is disabled by admin."}`, KindDisabledByAdmin, "oauth:4738", nil},
		"no body":  {401, ``, KindInvalidAccess, "kind:invalid_access", nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fz := newFakeZoom(t)
			fz.meReply = func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, tc.status, tc.body) }
			_, err := fz.client(true).Me(context.Background(), testAccess)
			var e *Error
			if !errors.As(err, &e) || e.Kind != tc.kind || e.Key() != tc.key {
				t.Fatalf("err=%v kind=%v key=%v", err, e.Kind, e.Key())
			}
			if strings.Join(e.MissingScopes, ",") != strings.Join(tc.scopes, ",") {
				t.Fatalf("MissingScopes = %v", e.MissingScopes)
			}
			if fz.meCalls.Load() != 1 {
				t.Fatalf("4xx retried: %d calls", fz.meCalls.Load())
			}
		})
	}
}

func TestRevoke(t *testing.T) {
	for _, public := range []bool{false, true} {
		fz := newFakeZoom(t)
		if err := fz.client(public).Revoke(context.Background(), testRefresh, HintRefreshToken); err != nil {
			t.Fatal(err)
		}
		req := fz.lastTokenReq()
		if req.Form.Get("token") != testRefresh || req.Form.Get("token_type_hint") != "refresh_token" || req.Query != "" {
			t.Fatalf("revoke form %v query %q", req.Form, req.Query)
		}
		if public && (req.Auth != "" || req.Form.Get("client_id") != testClientID) {
			t.Fatalf("public revoke: auth %q form %v", req.Auth, req.Form)
		}
		if !public && !strings.HasPrefix(req.Auth, "Basic ") {
			t.Fatalf("confidential revoke without Basic: %q", req.Auth)
		}
	}
}

func TestErrorStringsNeverContainSecrets(t *testing.T) {
	echo := func(w http.ResponseWriter, r *http.Request, n int) {
		_ = r.ParseForm()
		all := r.PostForm.Encode() + " " + r.Header.Get("Authorization")
		writeJSON(w, 400, `{"reason":"bad `+strings.NewReplacer(`"`, ``, `\`, ``).Replace(all)+" "+testClientSecret+`","error":"invalid_request"}`)
	}
	fz := newFakeZoom(t)
	fz.tokenReply = echo
	fz.meReply = func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 401, `{"code":124,"message":"bad token `+testAccess+`"}`)
	}
	c := fz.client(false)
	ctx := context.Background()
	_, e1 := c.Exchange(ctx, testCode, "VERIFIER-secret-value", "http://127.0.0.1:9/callback")
	_, e2 := c.Refresh(ctx, testRefresh)
	_, e3 := c.Me(ctx, testAccess)
	for _, err := range []error{e1, e2, e3} {
		if err == nil {
			t.Fatal("expected an error")
		}
		s := err.Error() + " " + Explain(err).Reason
		for _, secret := range []string{testCode, "VERIFIER-secret-value", testRefresh, testAccess, testClientSecret} {
			if strings.Contains(s, secret) {
				t.Fatalf("error %q contains secret %q", s, secret)
			}
		}
	}
}

func TestGrantedScopesAndResult(t *testing.T) {
	tok := (&oauth2.Token{AccessToken: "a"}).WithExtra(map[string]any{"scope": "a:b  c", "api_url": "https://api-eu.zoom.us/"})
	r := resultFor(tok)
	if strings.Join(r.Scopes, ",") != "a:b,c" || r.APIURL != "https://api-eu.zoom.us" {
		t.Fatalf("result = %+v", r)
	}
	if GrantedScopes(nil) != nil {
		t.Fatal("nil token has scopes")
	}
}

func TestUserNames(t *testing.T) {
	cases := []struct {
		u         User
		name, typ string
	}{
		{User{DisplayName: " Ada L ", FirstName: "A", Type: 2}, "Ada L", "Licensed"},
		{User{FirstName: "Ada", Email: "a@x", Type: 3}, "Ada", "On-prem"},
		{User{Email: "a@x", Type: 7}, "a@x", "Type 7"},
	}
	for _, c := range cases {
		if c.u.Name() != c.name || c.u.TypeName() != c.typ {
			t.Errorf("%+v: got %q/%q want %q/%q", c.u, c.u.Name(), c.u.TypeName(), c.name, c.typ)
		}
	}
}
