package marketplace_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// The client against the sandbox, an independent stand-in for Zoom (it does
// not import this package).

func sandboxClient(t *testing.T, sc sandbox.Scenario) (*sandbox.Server, *marketplace.Client, *sleeper) {
	t.Helper()
	srv := testkit.Sandbox(t, sandbox.Options{Scenario: sc})
	creds := marketplace.AccountCredentials{AccountID: sandbox.DemoAccountID, ClientID: sandbox.DemoAdminClientID,
		ClientSecret: sandbox.DemoAdminClientSecret, AuthBaseURL: srv.URL}
	sl := &sleeper{}
	return srv, &marketplace.Client{BaseURL: srv.URL, TokenSource: creds.TokenSource(context.Background()), Sleep: sl.Sleep}, sl
}

// authorize opens the demo user's authorize URL as a browser that clicks
// decision, and reports whether it was sent back to the app (a redirect).
func authorize(t *testing.T, srv *sandbox.Server, decision string) bool {
	t.Helper()
	q := url.Values{"response_type": {"code"}, "client_id": {sandbox.DemoClientID},
		"redirect_uri": {"http://127.0.0.1:9/callback"}, "state": {"s"}, sandbox.ApproveParam: {decision}}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(srv.URL + "/oauth/authorize?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusFound
}

func TestClosedLoopAgainstTheSandbox(t *testing.T) {
	srv, c, _ := sandboxClient(t, sandbox.ScenarioPreapproval)
	ctx := context.Background()
	if authorize(t, srv, "allow") {
		t.Fatal("no wall in the preapproval scenario")
	}
	if authorize(t, srv, "request_preapproval") {
		t.Fatal("the request redirected")
	}
	apps, err := c.Apps(ctx, marketplace.AppsActiveRequests)
	if err != nil || len(apps) != 1 || apps[0].ID != sandbox.DemoAppID || apps[0].RequestPending != 3 || apps[0].LatestRequest.IsZero() {
		t.Fatalf("apps with requests: %+v %v", apps, err)
	}
	res, err := c.UpdateRequests(ctx, sandbox.DemoAppID, marketplace.Approve, []string{strings.ToUpper(sandbox.DemoUser().Email), "nobody@example.com"})
	if err != nil || res[0].Outcome != marketplace.OutcomeDone || res[0].ID != sandbox.DemoUser().ID || res[1].Outcome != marketplace.OutcomeNotFound {
		t.Fatalf("approve: %+v %v", res, err)
	}
	again, err := c.UpdateRequests(ctx, sandbox.DemoAppID, marketplace.Approve, []string{sandbox.DemoUser().Email})
	if err != nil || again[0].Outcome != marketplace.OutcomeAlready {
		t.Fatalf("approving again: %+v %v", again, err)
	}
	if !authorize(t, srv, "allow") {
		t.Fatal("the approved user still meets the wall")
	}
}

func TestGroupPreapprovalAgainstTheSandbox(t *testing.T) {
	srv, c, _ := sandboxClient(t, sandbox.ScenarioPreapproval)
	ctx := context.Background()
	groups, err := c.ResolveGroups(ctx, []string{strings.ToLower(sandbox.DemoGroup)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.PreApprove(ctx, sandbox.DemoAppID, marketplace.ApproveGroups, groups)
	if err != nil || res[0].Outcome != marketplace.OutcomeDone || res[0].At.IsZero() {
		t.Fatalf("%+v %v", res, err)
	}
	if !authorize(t, srv, "allow") {
		t.Fatal("a member of the pre-approved group still meets the wall")
	}
	approved, err := c.Apps(ctx, marketplace.AppsApproved)
	if err != nil || len(approved) != 1 || approved[0].Approval.ForEveryone() {
		t.Fatalf("approved apps: %+v %v", approved, err)
	}
	if _, err := c.PreApprove(ctx, sandbox.DemoAppID, marketplace.DisapproveGroups, groups); err != nil {
		t.Fatal(err)
	}
	if authorize(t, srv, "allow") {
		t.Fatal("the wall did not come back after disapprove_group")
	}
	if _, err := c.PreApproveAll(ctx, sandbox.DemoAppID, true); err != nil || !authorize(t, srv, "allow") {
		t.Fatalf("approve_all: %v", err)
	}
}

func TestSandboxErrorsThroughTheClient(t *testing.T) {
	ctx := context.Background()
	t.Run("unknown app and admin-only app", func(t *testing.T) {
		_, c, _ := sandboxClient(t, sandbox.ScenarioPreapproval)
		if _, err := c.App(ctx, "unknownApp0000000000"); asError(t, err).Key() != "marketplace:1401" {
			t.Errorf("unknown app: %v", err)
		}
		if _, err := c.PreApproveAll(ctx, sandbox.DemoAdminOnlyAppID, true); asError(t, err).Key() != "marketplace:1500" {
			t.Errorf("admin-only app: %v", err)
		}
		info, err := c.App(ctx, sandbox.DemoAdminOnlyAppID)
		if err != nil || !info.AdminManaged() {
			t.Errorf("admin-only app info: %+v %v", info, err)
		}
	})
	t.Run("users", func(t *testing.T) {
		_, c, _ := sandboxClient(t, sandbox.ScenarioPreapproval)
		res, err := c.ResolveUsers(ctx, []string{sandbox.DemoUser().Email, sandbox.DemoInvitedEmail, sandbox.DemoPendingEmail, "x@example.com"})
		want := []marketplace.Outcome{marketplace.OutcomeResolved, marketplace.OutcomePending, marketplace.OutcomePending, marketplace.OutcomeNotFound}
		if err != nil || strings.Join(strs(outcomes(res)), " ") != strings.Join(strs(want), " ") {
			t.Errorf("%v %v", outcomes(res), err)
		}
	})
	t.Run("ambiguous group", func(t *testing.T) {
		_, c, _ := sandboxClient(t, sandbox.ScenarioPreapproval)
		res, err := c.ResolveGroups(ctx, []string{sandbox.DemoAmbiguousGroup})
		if err == nil || res[0].Outcome != marketplace.OutcomeAmbiguous {
			t.Errorf("%+v %v", res, err)
		}
	})
	t.Run("preapproval-off", func(t *testing.T) {
		_, c, _ := sandboxClient(t, sandbox.ScenarioPreapprovalOff)
		if _, err := c.PreApproveAll(ctx, sandbox.DemoAppID, true); asError(t, err).Key() != "marketplace:1404" {
			t.Errorf("%v", err)
		}
	})
	t.Run("free-account", func(t *testing.T) {
		_, c, _ := sandboxClient(t, sandbox.ScenarioFreeAccount)
		if _, err := c.ResolveGroups(ctx, []string{"Support"}); asError(t, err).Key() != "marketplace:200" {
			t.Errorf("%v", err)
		}
	})
	t.Run("admin-missing-scope", func(t *testing.T) {
		_, c, _ := sandboxClient(t, sandbox.ScenarioAdminMissingScope)
		_, err := c.PreApproveAll(ctx, sandbox.DemoAppID, true)
		ex := oauthflow.Explain(err)
		if ex.Key != "marketplace:4711" || !strings.Contains(ex.User, "marketplace:write:app_pre_approve:admin") {
			t.Errorf("%v / %+v", err, ex)
		}
	})
	t.Run("rate-limit", func(t *testing.T) {
		_, c, sl := sandboxClient(t, sandbox.ScenarioRateLimit)
		if _, err := c.Groups(ctx); err != nil || len(sl.Waits()) != 1 || sl.Waits()[0] != time.Second {
			t.Errorf("%v, waits %v", err, sl.Waits())
		}
	})
	t.Run("expired-page-token", func(t *testing.T) {
		_, c, _ := sandboxClient(t, sandbox.ScenarioExpiredPageToken)
		groups, err := c.Groups(ctx)
		if err != nil || len(groups) != 4 {
			t.Errorf("after one refused page token: %d groups, %v", len(groups), err)
		}
	})
	t.Run("expired token", func(t *testing.T) {
		srv, c, _ := sandboxClient(t, sandbox.ScenarioApprove)
		if _, err := c.Groups(ctx); err != nil {
			t.Fatal(err)
		}
		srv.ExpireAccessTokens()
		if _, err := c.Groups(ctx); err != nil || srv.Stats().AccountTokens != 2 {
			t.Errorf("after the token expired early: %v, %d tokens", err, srv.Stats().AccountTokens)
		}
	})
}

func strs(o []marketplace.Outcome) []string {
	out := make([]string, len(o))
	for i, v := range o {
		out[i] = string(v)
	}
	return out
}
