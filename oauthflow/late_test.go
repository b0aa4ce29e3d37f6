package oauthflow

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// startLingering starts a flow that times out after timeout and keeps its
// port up for linger after that.
func startLingering(t *testing.T, fz *fakeZoom, timeout, linger time.Duration) *Session {
	t.Helper()
	s, err := (&Flow{Client: fz.client(false), Timeout: timeout, Linger: linger}).Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// assertExpiredPage fails unless the late redirect got the expired page.
func assertExpiredPage(t *testing.T, status int, body string) {
	t.Helper()
	if status != http.StatusGone || !strings.Contains(body, "This sign-in expired") ||
		!strings.Contains(body, "Go back to the terminal and try again") {
		t.Fatalf("late redirect answered %d:\n%s", status, body)
	}
	if low := strings.ToLower(body); strings.Contains(low, "connected") || strings.Contains(low, "already complete") {
		t.Fatalf("the expired page claims something else:\n%s", body)
	}
}

// Issue 7 item 8: a browser sent back after the deadline (the person
// allowed access late) gets a page that says the sign-in expired, not a
// connection error, and the late code is never exchanged. Close ends the
// wait for late redirects at once.
func TestLateRedirectGetsExpiredPage(t *testing.T) {
	fz := newFakeZoom(t)
	s := startLingering(t, fz, 100*time.Millisecond, time.Minute)
	consentOnly(t, s)
	var err error
	within(t, time.Minute, "Wait with a 100ms timeout", func() { _, err = s.Wait(context.Background()) })
	if KindOf(err) != KindTimeout {
		t.Fatalf("Wait: %v, want a timeout", err)
	}
	status, body, _ := get(t, browser(t), callbackURL(s, url.Values{"code": {testCode}, "state": {s.state}}), nil)
	assertExpiredPage(t, status, body)
	if n := fz.tokens.Load(); n != 0 {
		t.Fatalf("the late code was exchanged (%d token requests)", n)
	}
	// A redirect of another attempt is still refused as before.
	if status, _, _ := get(t, browser(t), callbackURL(s, url.Values{"code": {testCode}, "state": {"other"}}), nil); status != http.StatusBadRequest {
		t.Fatalf("a foreign state answered %d during the linger", status)
	}
	if res, err := s.CompleteFromURL(context.Background(), callbackURL(s, url.Values{"code": {testCode}, "state": {s.state}})); res != nil || KindOf(err) != KindTimeout {
		t.Fatalf("a late paste: %v, %v; want the timeout", res, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	assertPortClosed(t, s)
	if fz.tokens.Load() != 0 {
		t.Fatal("exchanged after the deadline")
	}
}

// Nobody calls Wait or Close: the deadline alone starts the linger, and
// the port still closes once it has passed.
func TestLingerEndsOnItsOwn(t *testing.T) {
	fz := newFakeZoom(t)
	s := startLingering(t, fz, 100*time.Millisecond, 300*time.Millisecond)
	consentOnly(t, s)
	deadline := time.Now().Add(10 * time.Second)
	for !s.expired() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	status, body, _ := get(t, browser(t), callbackURL(s, url.Values{"code": {testCode}, "state": {s.state}}), nil)
	assertExpiredPage(t, status, body)
	waitPortClosed(t, s)
	if _, err := s.Wait(context.Background()); KindOf(err) != KindTimeout {
		t.Fatalf("Wait after the linger: %v", err)
	}
}

// The end of Start's context (the screen was left) closes a lingering
// session at once.
func TestLingerEndsWithStartContext(t *testing.T) {
	fz := newFakeZoom(t)
	ctx, cancel := context.WithCancel(context.Background())
	s, err := (&Flow{Client: fz.client(false), Timeout: 100 * time.Millisecond, Linger: time.Hour}).Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Wait(context.Background()); KindOf(err) != KindTimeout {
		t.Fatalf("Wait: %v", err)
	}
	cancel()
	waitPortClosed(t, s)
}

// The code reached zoomconnect in time but the exchange was still running
// at the deadline (a slow token endpoint): the outcome is the timeout, and
// the browser is told the sign-in expired rather than shown an error.
func TestExchangeCutByDeadlineIsATimeout(t *testing.T) {
	fz := newFakeZoom(t)
	fz.tokenDelay = time.Second
	s := startLingering(t, fz, 300*time.Millisecond, time.Minute)
	status, body, _ := get(t, browser(t), s.AuthURL, nil)
	assertExpiredPage(t, status, body)
	if _, err := s.Wait(context.Background()); KindOf(err) != KindTimeout {
		t.Fatalf("Wait: %v, want the timeout", err)
	}
}
