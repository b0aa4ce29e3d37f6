package connection

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

func storedSecrets(t *testing.T, m *Manager, name string) (*storage.Profile, storage.Secrets) {
	t.Helper()
	p, sec, err := m.load(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	return p, sec
}

func TestTokenFastPathDoesNotRefresh(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	tok, err := e.manager().Token(t.Context(), "work", false)
	if err != nil || tok != "at-0" {
		t.Fatalf("Token = %q, %v", tok, err)
	}
	if n, _ := e.z.counts(); n != 0 {
		t.Fatalf("%d refreshes for a valid token", n)
	}
}

func TestTokenRefreshesWithinMarginAndPersistsRotation(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Minute)) // inside the 5 min margin
	tok, err := e.manager().Token(t.Context(), "work", false)
	if err != nil || tok != "at-1" {
		t.Fatalf("Token = %q, %v", tok, err)
	}
	p, sec := storedSecrets(t, e.manager(), "work") // a new "process"
	if sec.RefreshToken != "rt-1" || sec.AccessToken != "at-1" {
		t.Fatalf("stored %s", sec)
	}
	if p.LastRefreshResult != "ok" || !p.LastRefresh.Equal(e.now) || p.AccessExpiry.Location() != time.UTC || p.AccessExpiry.IsZero() {
		t.Fatalf("profile after refresh: %+v", p)
	}
	// A fresh instance refreshes with the rotated token and succeeds.
	if err := e.manager().Refresh(t.Context(), "work"); err != nil {
		t.Fatal(err)
	}
	if _, sec := storedSecrets(t, e.manager(), "work"); sec.RefreshToken != "rt-2" {
		t.Fatalf("after forced refresh stored %s", sec)
	}
	if n, _ := e.z.counts(); n != 2 {
		t.Fatalf("refreshes = %d, want 2", n)
	}
}

// TestConcurrentRefreshHappensOnce: 20 independent Store+Manager pairs on
// the same dirs all hold an expired token; Zoom must see one refresh.
func TestConcurrentRefreshHappensOnce(t *testing.T) {
	e := newEnv(t)
	const workers, rounds = 20, 50
	for round := 0; round < rounds; round++ {
		e.save("work", storage.BackendFile, e.now.Add(-time.Minute))
		before, _ := e.z.counts()
		tokens := make([]string, workers)
		errs := make([]error, workers)
		var wg sync.WaitGroup
		for i := range workers {
			m := e.manager()
			wg.Go(func() { tokens[i], errs[i] = m.Token(t.Context(), "work", false) })
		}
		wg.Wait()
		after, _ := e.z.counts()
		rt, at := e.z.newest()
		if after-before != 1 {
			t.Fatalf("round %d: %d refresh requests, want 1", round, after-before)
		}
		for i := range workers {
			if errs[i] != nil || tokens[i] != at {
				t.Fatalf("round %d worker %d: %q, %v; want %q", round, i, tokens[i], errs[i], at)
			}
		}
		if _, sec := storedSecrets(t, e.manager(), "work"); sec.RefreshToken != rt {
			t.Fatalf("round %d: stored %s, newest is %s", round, sec.RefreshToken, rt)
		}
	}
}

func TestInvalidGrantRecordsReconnectAndStops(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	e.z.mu.Lock()
	e.z.rt = "rt-someone-else" // our stored token is now an old one
	e.z.mu.Unlock()
	_, err := e.manager().Token(t.Context(), "work", false)
	var ze *oauthflow.Error
	if !errors.Is(err, ErrReconnectNeeded) || !errors.As(err, &ze) || !strings.Contains(err.Error(), "zoomconnect login --profile work") {
		t.Fatalf("err = %v", err)
	}
	for _, s := range []string{"rt-0", "at-0", "csecret"} {
		if strings.Contains(err.Error(), s) {
			t.Fatalf("error leaks %q: %v", s, err)
		}
	}
	p, _ := storedSecrets(t, e.manager(), "work")
	if !strings.Contains(p.ReconnectReason, "Invalid Token!") {
		t.Fatalf("reconnect reason = %q", p.ReconnectReason)
	}
	_, err = e.manager().Token(t.Context(), "work", true)
	if n, _ := e.z.counts(); !errors.Is(err, ErrReconnectNeeded) || n != 1 {
		t.Fatalf("second call: %v with %d token requests, want 1 in all", err, n)
	}
}

func TestRevoked4741SaysAnotherSignInReplacedIt(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	e.z.tokenErr = `{"reason":"The token has been revoked.","error":"invalid_grant","code":4741}`
	_, err := e.manager().Token(t.Context(), "work", false)
	if !errors.Is(err, ErrReconnectNeeded) || !strings.Contains(err.Error(), "another sign-in replaced this connection") {
		t.Fatalf("err = %v", err)
	}
	st, err := e.manager().Status(t.Context(), "work", false)
	if err != nil || len(st.Problems) != 1 || !strings.Contains(st.Problems[0].Text, "another sign-in replaced this connection") ||
		st.Problems[0].Fix != "zoomconnect login --profile work" {
		t.Fatalf("status = %+v, %v", st, err)
	}
	if n, _ := e.z.counts(); n != 1 {
		t.Fatalf("%d token requests", n)
	}
}

// rotatingElsewhere simulates a process outside the lock that rotates the
// token just before ours reaches Zoom.
type rotatingElsewhere struct {
	Zoom
	before func()
}

func (r rotatingElsewhere) Refresh(ctx context.Context, rt string) (*oauth2.Token, error) {
	r.before()
	return r.Zoom.Refresh(ctx, rt)
}

func TestInvalidGrantRereadsOnceAndUsesNewerToken(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	m := e.manager()
	real := e.manager()
	m.Client = func(p *storage.Profile, sec storage.Secrets) Zoom {
		return rotatingElsewhere{Zoom: real.client(p, sec), before: func() {
			e.z.mu.Lock()
			e.z.rt, e.z.at = "rt-other", "at-other"
			e.z.mu.Unlock()
			other := sec
			other.RefreshToken, other.AccessToken, other.Expiry = "rt-other", "at-other", e.now.Add(time.Hour)
			if err := e.manager().Store.SaveSecrets(context.Background(), p, p.SecretBackend, other); err != nil {
				t.Error(err)
			}
		}}
	}
	tok, err := m.Token(t.Context(), "work", false)
	if err != nil || tok != "at-other" {
		t.Fatalf("Token = %q, %v", tok, err)
	}
	if n, _ := e.z.counts(); n != 1 {
		t.Fatalf("%d token requests, want 1", n)
	}
}

func TestRefreshWithoutRefreshTokenKeepsOld(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	e.z.noRotate = true
	if err := e.manager().Refresh(t.Context(), "work"); err != nil {
		t.Fatal(err)
	}
	if _, sec := storedSecrets(t, e.manager(), "work"); sec.RefreshToken != "rt-0" || sec.AccessToken != "at-1" {
		t.Fatalf("stored %+v / %s", sec.RefreshToken == "rt-0", sec.AccessToken)
	}
}

func TestPersistFailureIsLoudAndReturnsNoToken(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	e.kr.FailSetsAfter(1, errLocked) // the check before the refresh passes; the rotated tokens fail
	tok, err := e.manager().Token(t.Context(), "work", false)
	var lost *RotationLostError
	if tok != "" || !errors.As(err, &lost) || !storage.IsLocal(err) || !strings.Contains(err.Error(), "the new tokens could not be saved") ||
		!strings.Contains(err.Error(), "no longer accepts its saved refresh token") ||
		!strings.Contains(err.Error(), "zoomconnect login --profile work") || strings.Contains(err.Error(), "at-1") {
		t.Fatalf("Token = %q, %v", tok, err)
	}
	p, _ := storedSecrets(t, e.manager(), "work")
	if p.LastRefreshResult != "save_failed" {
		t.Fatalf("last refresh result %q", p.LastRefreshResult)
	}
}

func TestMeRefreshesOnceOn401(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(2*time.Hour)) // looks valid (clock drift)
	e.z.me401 = 1
	u, err := e.manager().Me(t.Context(), "work")
	if err != nil || u.Email != "ann@example.com" {
		t.Fatalf("Me = %+v, %v", u, err)
	}
	if r, me := e.z.counts(); r != 1 || me != 2 {
		t.Fatalf("refreshes=%d me=%d, want 1 and 2", r, me)
	}
	e.z.me401 = 10
	_, err = e.manager().Me(t.Context(), "work")
	var ze *oauthflow.Error
	if !errors.As(err, &ze) || ze.HTTPStatus != 401 {
		t.Fatalf("second 401: %v", err)
	}
	if r, me := e.z.counts(); r != 2 || me != 4 {
		t.Fatalf("refreshes=%d me=%d, want 2 and 4 (no loop)", r, me)
	}
}

// cancelAfterRefresh cancels the caller's context as soon as Zoom answered,
// like a ctrl+c arriving between the refresh and the save.
type cancelAfterRefresh struct {
	Zoom
	cancel context.CancelFunc
}

func (c cancelAfterRefresh) Refresh(ctx context.Context, rt string) (*oauth2.Token, error) {
	tok, err := c.Zoom.Refresh(ctx, rt)
	c.cancel()
	return tok, err
}

func TestRotatedTokenPersistedEvenIfCanceledAfterRefresh(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	m, real := e.manager(), e.manager()
	ctx, cancel := context.WithCancel(t.Context())
	m.Client = func(p *storage.Profile, sec storage.Secrets) Zoom {
		return cancelAfterRefresh{Zoom: real.client(p, sec), cancel: cancel}
	}
	if tok, err := m.Token(ctx, "work", false); err != nil || tok != "at-1" {
		t.Fatalf("Token = %q, %v; the save must finish once Zoom rotated the token", tok, err)
	}
	if _, sec := storedSecrets(t, e.manager(), "work"); sec.RefreshToken != "rt-1" {
		t.Fatalf("the rotated refresh token was lost: stored %s", sec.RefreshToken)
	}
}

func TestTokenWaitsForLockThenTimesOut(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	holder := e.manager()
	unlock, err := holder.Store.Lock(t.Context(), "work")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	m := e.manager()
	m.LockTimeout = 50 * time.Millisecond
	if _, err := m.Token(t.Context(), "work", false); !errors.Is(err, storage.ErrLockTimeout) {
		t.Fatalf("err = %v", err)
	}
	if n, _ := e.z.counts(); n != 0 {
		t.Fatal("refreshed without the lock")
	}
}
