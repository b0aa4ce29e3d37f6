package wizard

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// sandboxSignin authorizes the sandbox's demo app and returns the run's
// configuration, the credentials and the fresh tokens.
func sandboxSignin(t *testing.T) (*sandbox.Server, *Config, Creds, *oauthflow.Result) {
	t.Helper()
	sb := testkit.Sandbox(t, sandbox.Options{Scenario: sandbox.ScenarioApprove})
	c := testConfig(i18n.English)
	c.Endpoints = oauthflow.Endpoints{AuthBaseURL: sb.URL, APIBaseURL: sb.URL}
	creds := Creds{AuthType: storage.AuthOwnApp, App: oauthflow.App{ClientID: sandbox.DemoClientID, ClientSecret: sandbox.DemoClientSecret}}
	app := creds.App
	app.Endpoints = creds.Endpoints(c)
	sess, err := (&oauthflow.Flow{Client: &oauthflow.Client{App: app}, Timeout: 10 * time.Second}).Start(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	br := sb.NewBrowser(true)
	t.Cleanup(br.Wait)
	if err := br.Open(sess.AuthURL); err != nil {
		t.Fatal(err)
	}
	r, err := sess.Wait(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return sb, c, creds, r
}

// TestAbandonRevokesTheFreshTokens (issue 7 items 3 and 14): a sign-in
// left unsaved is revoked at Zoom, even under a canceled context (the
// person quit), and its access token stops working.
func TestAbandonRevokesTheFreshTokens(t *testing.T) {
	sb, c, creds, r := sandboxSignin(t)
	client := &oauthflow.Client{App: oauthflow.App{ClientID: creds.App.ClientID, ClientSecret: creds.App.ClientSecret, Endpoints: creds.Endpoints(c)}}
	if _, err := client.Me(t.Context(), r.Token.AccessToken); err != nil {
		t.Fatalf("test premise: the fresh token works: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	v := Abandon(ctx, c, creds, r)
	if v == nil || v.Err != nil {
		t.Fatalf("Abandon = %+v", v)
	}
	if sb.Stats().Revokes != 1 {
		t.Fatalf("%d revocations at the sandbox, want 1", sb.Stats().Revokes)
	}
	if _, err := client.Me(t.Context(), r.Token.AccessToken); err == nil {
		t.Fatal("the access token still works after revoking the refresh token")
	}
	if got := v.Line(c); got != "The new sign-in was not saved, so its tokens were revoked at Zoom." || v.Block(c).Text != got {
		t.Errorf("Line = %q", got)
	}
}

// revokeServer is a /oauth/revoke that records each form and answers
// status (200 when 0).
func revokeServer(t *testing.T, status int) (*httptest.Server, func() []url.Values) {
	var mu sync.Mutex
	var forms []url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		mu.Lock()
		forms = append(forms, r.PostForm)
		mu.Unlock()
		if status != 0 {
			w.WriteHeader(status)
			_, _ = w.Write([]byte(`{"reason":"Invalid client","error":"invalid_client"}`))
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func() []url.Values { mu.Lock(); defer mu.Unlock(); return forms }
}

// TestAbandonSendsTheRightToken: the refresh token with its hint, or the
// access token when Zoom sent no refresh token; nothing without tokens.
func TestAbandonSendsTheRightToken(t *testing.T) {
	srv, forms := revokeServer(t, 0)
	c := testConfig(i18n.English)
	c.Endpoints = oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}
	r := &oauthflow.Result{Token: &oauth2.Token{AccessToken: "at", RefreshToken: "rt"}}
	Abandon(t.Context(), c, ownCreds, r)
	r.Token.RefreshToken = ""
	Abandon(t.Context(), c, ownCreds, r)
	got := forms()
	if len(got) != 2 || got[0].Get("token") != "rt" || got[0].Get("token_type_hint") != "refresh_token" ||
		got[1].Get("token") != "at" || got[1].Get("token_type_hint") != "access_token" {
		t.Fatalf("revocations sent %v", got)
	}
	for _, r := range []*oauthflow.Result{nil, {}, {Token: &oauth2.Token{}}} {
		if v := Abandon(t.Context(), c, ownCreds, r); v != nil {
			t.Errorf("Abandon(%+v) = %+v, want nil (nothing to revoke)", r, v)
		}
	}
	if len(forms()) != 2 {
		t.Error("a revocation was sent with no token")
	}
}

// TestAbandonSaysWhenRevokingFailed: a refused revocation is said as such,
// with what the person can do; never as revoked.
func TestAbandonSaysWhenRevokingFailed(t *testing.T) {
	srv, _ := revokeServer(t, http.StatusBadRequest)
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		c := testConfig(lang)
		c.Endpoints = oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}
		v := Abandon(t.Context(), c, ownCreds, &oauthflow.Result{Token: &oauth2.Token{AccessToken: "at", RefreshToken: "rt"}})
		if v == nil || v.Err == nil {
			t.Fatalf("%s: Abandon = %+v, want the refusal", lang, v)
		}
		line := v.Line(c)
		checkText(t, "not revoked", line, lang)
		want := map[i18n.Lang]string{i18n.English: "could not be revoked at Zoom", i18n.French: "n’ont pas pu être révoqués"}[lang]
		if !strings.Contains(line, want) || strings.Contains(line, "were revoked") || v.Block(c).Kind != page.KindWarn {
			t.Errorf("%s: %q", lang, line)
		}
	}
}

// TestAbandonOutcome: the hook a front end calls when its run ends with
// an error: it revokes unsaved fresh tokens and says so without changing
// what the outcome is (errors.Is and As still see it).
func TestAbandonOutcome(t *testing.T) {
	sb, c, creds, r := sandboxSignin(t)
	saveErr := fmt.Errorf("save: %w", &storage.FileError{Op: "write", Path: "/x", Err: errors.New("read-only")})
	out := &FailedError{Err: saveErr}
	if got := AbandonOutcome(t.Context(), c, Data{Creds: &creds, Result: r, Saved: &Saved{}}, out); got != out {
		t.Fatalf("a saved run: %v", got)
	}
	if got := AbandonOutcome(t.Context(), c, Data{Creds: &creds, Result: r}, nil); got != nil || sb.Stats().Revokes != 0 {
		t.Fatalf("no error: %v, %d revocations", got, sb.Stats().Revokes)
	}
	if got := AbandonOutcome(t.Context(), c, Data{}, ErrCanceled); got != ErrCanceled {
		t.Fatalf("no sign-in: %v", got)
	}
	got := AbandonOutcome(t.Context(), c, Data{Creds: &creds, Result: r}, out)
	var ab *AbandonedError
	if !errors.As(got, &ab) || ab.Revocation.Err != nil || sb.Stats().Revokes != 1 {
		t.Fatalf("AbandonOutcome = %v (%d revocations)", got, sb.Stats().Revokes)
	}
	if !errors.Is(got, ErrCanceled) || !storage.IsLocal(got) || !strings.HasSuffix(got.Error(), ". "+ab.Line) || strings.Contains(got.Error(), "\n") {
		t.Errorf("the outcome changed: %v", got)
	}
}
