package sandbox_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// chromium finds a Chromium or Chrome binary, or skips the test (fails it
// under ZOOMCONNECT_REQUIRE_REAL=1).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium found (looked for /usr/bin/chromium, chromium, chromium-browser, google-chrome); " +
		"install Debian's chromium package to run the real-browser consent test"
	if os.Getenv("ZOOMCONNECT_REQUIRE_REAL") == "1" {
		t.Fatal(msg + " (ZOOMCONNECT_REQUIRE_REAL=1)")
	}
	t.Skip(msg)
	return ""
}

// browser starts a headless Chromium with a fresh profile for the test.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// loopback is the client's callback listener: it records each callback's
// query.
func loopback(t *testing.T) (redirect string, got <-chan url.Values) {
	t.Helper()
	ch := make(chan url.Values, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/callback" {
			ch <- r.URL.Query()
		}
		_, _ = w.Write([]byte("<!doctype html><title>done</title><p id=done>You can close this window.</p>"))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/callback", ch
}

func TestBrowserAllowReachesCallback(t *testing.T) {
	ctx := browser(t)
	s := start(t, sandbox.Options{})
	redirect, got := loopback(t)
	a := newAttempt(sandbox.DemoClientID)
	a.redirect = redirect
	err := chromedp.Do(ctx,
		chromedp.Navigate(a.authURL(s)),
		chromedp.WaitVisible(chromedp.CSS("#allow")),
	)
	page, err2 := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	err3 := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#allow")),
		chromedp.WaitVisible(chromedp.CSS("#done")),
	)
	location, err4 := chromedp.Run(ctx, chromedp.Location())
	if err := errors.Join(err, err2, err3, err4); err != nil {
		t.Fatalf("browser: %v", err)
	}
	if !strings.Contains(page, "Create and manage your meetings") || !strings.Contains(page, "Deny") {
		t.Errorf("consent page text:\n%s", page)
	}
	var q url.Values
	select {
	case q = <-got:
	case <-ctx.Done():
		t.Fatal("no callback reached the loopback listener")
	}
	if q.Get("state") != a.state || q.Get("code") == "" || q.Has("error") {
		t.Fatalf("callback query: state matches=%v code=%v error=%q", q.Get("state") == a.state, q.Get("code") != "", q.Get("error"))
	}
	if !strings.HasPrefix(location, redirect+"?") {
		t.Errorf("browser ended at %s, want the loopback callback", location)
	}
	if r := exchange(t, s, a, q.Get("code")); r.status != 200 {
		t.Errorf("exchanging the browser's code: %d %s", r.status, r.raw)
	}
}

func TestBrowserPreapprovalNoCallback(t *testing.T) {
	ctx := browser(t)
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	redirect, got := loopback(t)
	a := newAttempt(sandbox.DemoClientID)
	a.redirect = redirect
	err := chromedp.Do(ctx,
		chromedp.Navigate(a.authURL(s)),
		chromedp.WaitVisible(chromedp.CSS("#preapproval")),
	)
	before, err2 := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	err3 := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#preapproval")),
		chromedp.WaitVisible(chromedp.CSS("#sent")),
	)
	after, err4 := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	location, err5 := chromedp.Run(ctx, chromedp.Location())
	if err := errors.Join(err, err2, err3, err4, err5); err != nil {
		t.Fatalf("browser: %v", err)
	}
	if !strings.Contains(after, sandbox.PreapprovalSent) {
		t.Errorf("after pressing %q the page says:\n%s", sandbox.PreapprovalButton, after)
	}
	if !strings.Contains(before, sandbox.PreapprovalButton) || strings.Contains(before, "Allow") {
		t.Errorf("pre-approval page text:\n%s", before)
	}
	if !strings.HasPrefix(location, s.URL+"/") {
		t.Errorf("browser left the sandbox for %s", location)
	}
	select {
	case q := <-got:
		t.Fatalf("a callback arrived in the pre-approval scenario (error=%q)", q.Get("error"))
	case <-time.After(500 * time.Millisecond):
	}
	if st := s.Stats(); st.Consents != 1 || st.Exchanges != 0 {
		t.Errorf("Stats = %+v", st)
	}
}

func TestBrowserDenyReachesCallbackWithError(t *testing.T) {
	ctx := browser(t)
	s := start(t, sandbox.Options{})
	redirect, got := loopback(t)
	a := newAttempt(sandbox.DemoClientID)
	a.redirect = redirect
	err := chromedp.Do(ctx,
		chromedp.Navigate(a.authURL(s)),
		chromedp.WaitVisible(chromedp.CSS("#deny")),
		chromedp.Click(chromedp.CSS("#deny")),
		chromedp.WaitVisible(chromedp.CSS("#done")),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	select {
	case q := <-got:
		if q.Get("error") != "access_denied" || q.Get("state") != a.state || q.Has("code") {
			t.Errorf("Deny callback: error=%q state matches=%v code present=%v", q.Get("error"), q.Get("state") == a.state, q.Has("code"))
		}
	case <-ctx.Done():
		t.Fatal("no callback after Deny")
	}
}

// The closed loop in a real browser: the wall's form with a typed reason,
// the admin API's listing and approval, then Allow on the next visit.
func TestBrowserRequestThenApproved(t *testing.T) {
	ctx := browser(t)
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	redirect, got := loopback(t)
	a := newAttempt(sandbox.DemoClientID)
	a.redirect = redirect
	err := chromedp.Do(ctx,
		chromedp.Navigate(a.authURL(s)),
		chromedp.WaitVisible(chromedp.CSS("#reason")),
		chromedp.SendKeys(chromedp.CSS("#reason"), "For the team's recordings"),
		chromedp.Click(chromedp.CSS("#preapproval")),
		chromedp.WaitVisible(chromedp.CSS("#sent")),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	admin := adminToken(t, s)
	reqs := list(t, call(t, s, admin, "GET", requestsPath, nil), "requests")
	var reason string
	for _, r := range reqs {
		if r["request_user_id"] == sandbox.DemoUser().ID {
			reason, _ = r["reason"].(string)
		}
	}
	if reason != "For the team's recordings" {
		t.Fatalf("the typed reason did not reach the request: %q in %v", reason, reqs)
	}
	if r := call(t, s, admin, "PATCH", requestsPath, map[string]any{"action": "approve", "request_user_ids": []string{sandbox.DemoUser().ID}}); r.status != 204 {
		t.Fatalf("approve: %d %s", r.status, r.raw)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(a.authURL(s)),
		chromedp.WaitVisible(chromedp.CSS("#allow")),
		chromedp.Click(chromedp.CSS("#allow")),
		chromedp.WaitVisible(chromedp.CSS("#done")),
	)
	if err != nil {
		t.Fatalf("browser after the approval: %v", err)
	}
	select {
	case q := <-got:
		if q.Get("code") == "" || q.Get("state") != a.state {
			t.Fatalf("callback after the approval: %v", q)
		}
	case <-ctx.Done():
		t.Fatal("no callback after the approval")
	}
}
