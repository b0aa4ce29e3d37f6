package oauthflow_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// startSandbox runs the built-in Zoom sandbox in scenario sc.
func startSandbox(t testing.TB, sc sandbox.Scenario) *sandbox.Server {
	t.Helper()
	srv := testkit.Sandbox(t, sandbox.Options{Scenario: sc, RetryAfter: 2 * time.Second})
	return srv
}

func sandboxClient(srv *sandbox.Server, public bool) *oauthflow.Client {
	app := oauthflow.App{ClientID: sandbox.DemoClientID, ClientSecret: sandbox.DemoClientSecret,
		Endpoints: oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}}
	if public {
		app.ClientID, app.ClientSecret = sandbox.DemoPublicClientID, ""
	}
	return &oauthflow.Client{App: app, Sleep: func(<-chan struct{}, time.Duration) bool { return true }}
}

// fakeBrowser follows the (auto-approved) authorize redirect to the loopback.
func fakeBrowser(raw string) (int, string, error) {
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Get(raw)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

// login runs Start → browser → Wait against the sandbox.
func login(t testing.TB, srv *sandbox.Server, c *oauthflow.Client, timeout time.Duration) (*oauthflow.Result, error) {
	t.Helper()
	s, err := (&oauthflow.Flow{Client: c, Timeout: timeout}).Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if strings.Contains(s.AuthURL, "scope=") {
		t.Fatalf("scope parameter in %s", s.AuthURL)
	}
	browsed := make(chan error, 1)
	go func() { _, _, err := fakeBrowser(srv.ApproveURL(s.AuthURL)); browsed <- err }()
	res, err := s.Wait(context.Background())
	if berr := <-browsed; berr != nil {
		t.Fatalf("browser: %v", berr)
	}
	return res, err
}

func TestSandboxConnectRefreshRevoke(t *testing.T) {
	for _, public := range []bool{false, true} {
		srv := startSandbox(t, sandbox.ScenarioApprove)
		c := sandboxClient(srv, public)
		res, err := login(t, srv, c, 0)
		if err != nil {
			t.Fatalf("public=%v: %v", public, err)
		}
		if r := oauthflow.ReviewScopes(res.Scopes); !r.AllGranted() || len(r.Broad) != 0 {
			t.Fatalf("scope review %+v of %v", r, res.Scopes)
		}
		ctx := context.Background()
		u, err := c.Me(ctx, res.Token.AccessToken)
		if err != nil || u.Email == "" || u.Name() == "" {
			t.Fatalf("Me: %+v %v", u, err)
		}
		tok, err := c.Refresh(ctx, res.Token.RefreshToken)
		if err != nil || tok.RefreshToken == res.Token.RefreshToken || tok.RefreshToken != srv.LatestRefreshToken() {
			t.Fatalf("refresh did not rotate: %v", err)
		}
		_, err = c.Refresh(ctx, res.Token.RefreshToken) // the rotated-away token
		if !oauthflow.IsReconnect(err) || oauthflow.Explain(err).Key != "token:invalid_grant" {
			t.Fatalf("old refresh token: %v (%s)", err, oauthflow.Explain(err).Key)
		}
		if err := c.Revoke(ctx, tok.AccessToken, oauthflow.HintAccessToken); err != nil {
			t.Fatalf("revoke: %v", err)
		}
		if _, err := c.Me(ctx, tok.AccessToken); oauthflow.Explain(err).Key != "api:124" {
			t.Fatalf("Me after revoke: %v", err)
		}
		if st := srv.Stats(); st.Exchanges != 1 || st.Refreshes != 1 || st.Revokes != 1 {
			t.Fatalf("stats %+v", st)
		}
	}
}

func TestSandboxFailureScenarios(t *testing.T) {
	cases := []struct {
		sc          sandbox.Scenario
		kind        oauthflow.Kind
		preapproval bool
	}{
		{sandbox.ScenarioDeny, oauthflow.KindDeclined, false},
		{sandbox.ScenarioPreapproval, oauthflow.KindTimeout, true},
		{sandbox.ScenarioAdminApp, oauthflow.KindTimeout, true},
		{sandbox.ScenarioInvalidClient, oauthflow.KindInvalidClient, false},
		{sandbox.ScenarioRedirectMismatch, oauthflow.KindRedirectMismatch, false},
	}
	for _, tc := range cases {
		t.Run(string(tc.sc), func(t *testing.T) {
			srv := startSandbox(t, tc.sc)
			// Only the scenarios where the browser never comes back wait for
			// the deadline; the others get a generous one, so a slow
			// round trip on a loaded machine cannot turn into a timeout.
			timeout := time.Minute
			if tc.kind == oauthflow.KindTimeout {
				timeout = 500 * time.Millisecond
			}
			_, err := login(t, srv, sandboxClient(srv, false), timeout)
			if oauthflow.KindOf(err) != tc.kind || oauthflow.IsPreapproval(err) != tc.preapproval {
				t.Fatalf("err %v (kind %s, preapproval %v)", err, oauthflow.KindOf(err), oauthflow.IsPreapproval(err))
			}
			if ex := oauthflow.Explain(err); ex.Title == "" || ex.User == "" {
				t.Fatalf("no explanation for %v", err)
			}
		})
	}
}

func TestSandboxScopeScenarios(t *testing.T) {
	srv := startSandbox(t, sandbox.ScenarioMissingScopes)
	res, err := login(t, srv, sandboxClient(srv, false), 0)
	if err != nil {
		t.Fatal(err)
	}
	if r := oauthflow.ReviewScopes(res.Scopes); r.AllGranted() || len(r.Missing) == 0 {
		t.Fatalf("missing-scopes scenario reviewed as complete: %+v", r)
	}
	srv2 := startSandbox(t, sandbox.ScenarioAdminScopes)
	res, err = login(t, srv2, sandboxClient(srv2, false), 0)
	if err != nil {
		t.Fatal(err)
	}
	if r := oauthflow.ReviewScopes(res.Scopes); len(r.Broad) == 0 {
		t.Fatalf("admin scopes not flagged: %+v", r)
	}
}

func TestSandboxAfterConnectScenarios(t *testing.T) {
	cases := []struct {
		sc        sandbox.Scenario
		key       string
		reconnect bool
	}{
		{sandbox.ScenarioDisabledByAdmin, "oauth:4738", true},
		{sandbox.ScenarioRevoked, "oauth:4741", true},
	}
	for _, tc := range cases {
		t.Run(string(tc.sc), func(t *testing.T) {
			srv := startSandbox(t, sandbox.ScenarioApprove)
			c := sandboxClient(srv, false)
			res, err := login(t, srv, c, 0)
			if err != nil {
				t.Fatal(err)
			}
			srv.SetScenario(tc.sc) // the scenario bites after the first users/me
			ctx := context.Background()
			if _, err := c.Me(ctx, res.Token.AccessToken); err != nil {
				t.Fatalf("first Me: %v", err)
			}
			_, err = c.Me(ctx, res.Token.AccessToken)
			if oauthflow.Explain(err).Key != tc.key || oauthflow.IsReconnect(err) != tc.reconnect {
				t.Fatalf("Me: %v (key %s)", err, oauthflow.Explain(err).Key)
			}
			_, err = c.Refresh(ctx, res.Token.RefreshToken)
			if oauthflow.Explain(err).Key != tc.key || !oauthflow.IsReconnect(err) {
				t.Fatalf("Refresh: %v (key %s)", err, oauthflow.Explain(err).Key)
			}
		})
	}
}

func TestSandboxRateLimitIsRetried(t *testing.T) {
	srv := startSandbox(t, sandbox.ScenarioApprove)
	c := sandboxClient(srv, false)
	res, err := login(t, srv, c, 0)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetScenario(sandbox.ScenarioRateLimit)
	var waits []time.Duration
	c.Sleep = func(_ <-chan struct{}, d time.Duration) bool { waits = append(waits, d); return true }
	u, err := c.Me(context.Background(), res.Token.AccessToken)
	if err != nil || u == nil {
		t.Fatalf("Me under rate limit: %v", err)
	}
	if len(waits) == 0 || waits[0] < time.Second {
		t.Fatalf("did not honour Retry-After: %v", waits)
	}
}

func TestSandboxCanceledLogin(t *testing.T) {
	srv := startSandbox(t, sandbox.ScenarioApprove)
	s, err := (&oauthflow.Flow{Client: sandboxClient(srv, true)}).Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.Wait(ctx)
	var e *oauthflow.Error
	if !errors.As(err, &e) || e.Kind != oauthflow.KindCanceled {
		t.Fatalf("err %v", err)
	}
	if srv.Stats().Exchanges != 0 {
		t.Fatal("canceled login exchanged")
	}
}

func BenchmarkSandboxLoginRoundTrip(b *testing.B) {
	srv := startSandbox(b, sandbox.ScenarioApprove)
	c := sandboxClient(srv, true)
	for b.Loop() {
		res, err := login(b, srv, c, 0)
		if err != nil || res.Token.AccessToken == "" {
			b.Fatal(err)
		}
	}
}
