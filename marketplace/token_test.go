package marketplace_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow"
)

func okGroups(w http.ResponseWriter, _ *http.Request) {
	reply(w, 200, `{"next_page_token":"","groups":[{"id":"g1","name":"Sales","total_members":3}]}`)
}

func TestAccountTokenIsCachedAndShared(t *testing.T) {
	f := newFake(t, okGroups)
	c, _ := f.client()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := c.Groups(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if f.Tokens() != 1 {
		t.Errorf("%d tokens fetched for 8 calls, want 1", f.Tokens())
	}
	for _, s := range f.Calls() {
		if s.Token != "tok-1" {
			t.Errorf("call sent token %q", s.Token)
		}
	}
}

func TestAccountTokenRefetchedBeforeExpiry(t *testing.T) {
	f := newFake(t, okGroups)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	creds := marketplace.AccountCredentials{AccountID: testAccount, ClientID: testClient, ClientSecret: testSecret, AuthBaseURL: f.URL}
	ts := creds.TokenSource(context.Background())
	ts.Now = func() time.Time { return now }
	first, err := ts.Token()
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(3599*time.Second - 2*marketplace.ExpiryMargin)
	if tok, _ := ts.Token(); tok.AccessToken != first.AccessToken {
		t.Fatal("a token with twice the margin left was replaced")
	}
	now = now.Add(marketplace.ExpiryMargin + time.Second) // now within the margin
	second, err := ts.Token()
	if err != nil {
		t.Fatal(err)
	}
	if second.AccessToken == first.AccessToken || f.Tokens() != 2 {
		t.Fatalf("token near expiry not replaced: %s then %s, %d fetches", first.AccessToken, second.AccessToken, f.Tokens())
	}
}

func TestNoExpiresInMeansOneHour(t *testing.T) {
	f := newFake(t, okGroups)
	f.expiresIn = -1 // the fake then sends expires_in -1: treated as absent
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	creds := marketplace.AccountCredentials{AccountID: testAccount, ClientID: testClient, ClientSecret: testSecret, AuthBaseURL: f.URL}
	ts := creds.TokenSource(context.Background())
	ts.Now = func() time.Time { return now }
	_, _ = ts.Token()
	now = now.Add(58 * time.Minute)
	_, _ = ts.Token()
	if f.Tokens() != 1 {
		t.Fatalf("%d fetches within the hour", f.Tokens())
	}
	now = now.Add(2 * time.Minute)
	_, _ = ts.Token()
	if f.Tokens() != 2 {
		t.Fatalf("no new token after an hour: %d fetches", f.Tokens())
	}
}

func TestA401FetchesOneNewToken(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ") == "tok-1" {
			reply(w, 401, `{"code":124,"message":"Invalid access token."}`)
			return
		}
		okGroups(w, r)
	})
	c, _ := f.client()
	if _, err := c.Groups(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := len(f.Calls()); got != 2 || f.Tokens() != 2 {
		t.Fatalf("%d calls, %d tokens; want 2 and 2", got, f.Tokens())
	}
	_, _ = c.Groups(context.Background())
	if f.Tokens() != 2 {
		t.Error("the new token was not kept")
	}
}

func TestA401TwiceFails(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, 401, `{"code":124,"message":"Access token is expired."}`)
	})
	c, sl := f.client()
	_, err := c.Groups(context.Background())
	e := asError(t, err)
	if e.Code != 124 || e.Key() != "marketplace:124" || len(f.Calls()) != 2 || f.Tokens() != 2 || len(sl.Waits()) != 0 {
		t.Fatalf("err %v key %s, %d calls, %d tokens, waits %v", err, e.Key(), len(f.Calls()), f.Tokens(), sl.Waits())
	}
}

func TestMissingScopeIsNotRefetched(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, 401, `{"code":4711,"message":"Invalid access token, does not contain scopes:[group:read:list_groups:admin, group:read:admin]."}`)
	})
	c, _ := f.client()
	_, err := c.Groups(context.Background())
	e := asError(t, err)
	if f.Tokens() != 1 || len(f.Calls()) != 1 {
		t.Fatalf("%d tokens, %d calls for a missing scope", f.Tokens(), len(f.Calls()))
	}
	if strings.Join(e.MissingScopes, " ") != "group:read:list_groups:admin group:read:admin" || e.Key() != "marketplace:4711" {
		t.Fatalf("MissingScopes %v key %s", e.MissingScopes, e.Key())
	}
}

func TestTokenEndpointErrors(t *testing.T) {
	cases := []struct {
		name    string
		creds   marketplace.AccountCredentials
		wantKey string
		wantErr string
	}{
		{"wrong secret", marketplace.AccountCredentials{AccountID: testAccount, ClientID: testClient, ClientSecret: "wrong-secret"},
			"marketplace:token:invalid_client", "invalid_client"},
		{"wrong account", marketplace.AccountCredentials{AccountID: "other", ClientID: testClient, ClientSecret: testSecret},
			"marketplace:token:invalid_request", "invalid_request"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, okGroups)
			tc.creds.AuthBaseURL = f.URL
			c := &marketplace.Client{BaseURL: f.URL, TokenSource: tc.creds.TokenSource(context.Background())}
			_, err := c.Groups(context.Background())
			e := asError(t, err)
			if e.Call != marketplace.CallToken || e.OAuthError != tc.wantErr || e.Key() != tc.wantKey || len(f.Calls()) != 0 {
				t.Fatalf("err %v (call %q, oauth %q, key %s), %d API calls", err, e.Call, e.OAuthError, e.Key(), len(f.Calls()))
			}
			if ex := oauthflow.Explain(err); ex.Key != tc.wantKey || !strings.Contains(ex.Command, "admin login") {
				t.Errorf("Explain = %+v", ex)
			}
		})
	}
}

func TestTokenEndpointFailures(t *testing.T) {
	f := newFake(t, okGroups)
	var mu sync.Mutex
	answers := []struct {
		status int
		body   string
	}{{429, `{"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}`},
		{400, `{"reason":"unsupported grant type","error":"unsupported_grant_type"}`}}
	f.tokenFail = func() (int, string) {
		mu.Lock()
		defer mu.Unlock()
		if len(answers) == 0 {
			return 0, ""
		}
		a := answers[0]
		answers = answers[1:]
		return a.status, a.body
	}
	c, sl := f.client()
	_, err := c.Groups(context.Background())
	e := asError(t, err)
	if e.Key() != "marketplace:token:unsupported_grant_type" || f.Tokens() != 2 || len(f.Calls()) != 0 {
		t.Fatalf("429 then 400 from the token endpoint: %v key %s after %d requests", err, e.Key(), f.Tokens())
	}
	if w := sl.Waits(); len(w) != 1 || w[0] != 2*time.Second {
		t.Errorf("waits %v, want the 429's Retry-After of 2s once (and no retry of the 400)", w)
	}
	if _, err := c.Groups(context.Background()); err != nil || f.Tokens() != 3 {
		t.Errorf("after the failures: %v, %d token requests", err, f.Tokens())
	}
}

func TestSecretsAreRedacted(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		reply(w, 400, `{"code":1500,"message":"User can not pre approve this app `+tok+`"}`)
	})
	creds := marketplace.AccountCredentials{AccountID: testAccount, ClientID: testClient, ClientSecret: testSecret, AuthBaseURL: f.URL}
	ts := creds.TokenSource(context.Background())
	c := &marketplace.Client{BaseURL: f.URL, TokenSource: ts}
	_, err := c.PreApproveAll(context.Background(), "app1", true)
	tok, _ := ts.Token()

	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("admin", "creds", creds, "source", ts)
	js, _ := json.Marshal(struct {
		C marketplace.AccountCredentials
	}{creds})
	ex := oauthflow.Explain(err)
	outputs := map[string]string{
		"%v creds": fmt.Sprintf("%v", creds), "%+v creds": fmt.Sprintf("%+v", creds), "%#v creds": fmt.Sprintf("%#v", creds),
		"%v source": fmt.Sprintf("%v", ts), "%#v source": fmt.Sprintf("%#v", ts), "%+v source": fmt.Sprintf("%+v", ts),
		"slog": logs.String(), "json": string(js), "error": err.Error(), "explain": ex.Reason + ex.Cause,
		"%+v error": fmt.Sprintf("%+v", err),
	}
	for name, out := range outputs {
		if strings.Contains(out, testSecret) || strings.Contains(out, tok.AccessToken) {
			t.Errorf("%s shows a secret: %s", name, out)
		}
	}
	if !strings.Contains(outputs["json"], testClient) || !strings.Contains(outputs["%v creds"], "[redacted]") {
		t.Errorf("redaction hid too much or too little: %s / %s", outputs["json"], outputs["%v creds"])
	}
	if !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("the echoed token was not replaced: %v", err)
	}
}
