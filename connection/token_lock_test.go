package connection

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/storage/storagetest"
)

// lockProbe tells whether a profile's lock is free, as another process
// trying it would see.
type lockProbe struct {
	store *storage.Store
	name  string
}

func (l lockProbe) free(t testing.TB) bool {
	unlock, ok, err := l.store.TryLock(l.name)
	if err != nil {
		t.Error(err)
		return false
	}
	if ok {
		unlock()
	}
	return ok
}

// watchedKeyring records the keyring reads made while the lock was free.
type watchedKeyring struct {
	storage.Keyring
	t       testing.TB
	probe   lockProbe
	mu      sync.Mutex
	outside int
	reads   int
}

func (k *watchedKeyring) Get(service, user string) (string, error) {
	free := k.probe.free(k.t)
	k.mu.Lock()
	k.reads++
	if free {
		k.outside++
	}
	k.mu.Unlock()
	return k.Keyring.Get(service, user)
}

// TestExpiredOnRecordReadsSecretsOnlyInsideTheLock: when the profile's
// recorded expiry already says the token is expired, token reads the
// secrets once, inside the lock, instead of once before it and again
// inside it.
func TestExpiredOnRecordReadsSecretsOnlyInsideTheLock(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	m := e.manager()
	kr := &watchedKeyring{Keyring: e.kr, t: t, probe: lockProbe{storagetest.NewStore(e.root, e.kr), "work"}}
	m.Store.Keyring = kr
	tok, err := m.Token(t.Context(), "work", false)
	if err != nil || tok != "at-1" {
		t.Fatalf("Token = %q, %v", tok, err)
	}
	if kr.outside != 0 {
		t.Errorf("%d of %d keyring reads happened outside the lock", kr.outside, kr.reads)
	}
	if kr.reads != 3 { // the read inside the lock, the read-back of the write check, the read-back of the rotated tokens
		t.Errorf("%d keyring reads, want 3 (the read under the lock and two read-backs)", kr.reads)
	}
}

// TestValidTokenStillReadsBeforeTheLock: a profile that says its token is
// valid is served from one read, with no lock.
func TestValidTokenStillReadsBeforeTheLock(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	kr := &watchedKeyring{Keyring: e.kr, t: t, probe: lockProbe{storagetest.NewStore(e.root, e.kr), "work"}}
	m.Store.Keyring = kr
	if tok, err := m.Token(t.Context(), "work", false); err != nil || tok != "at-0" {
		t.Fatalf("Token = %q, %v", tok, err)
	}
	if kr.reads != 1 || kr.outside != 1 {
		t.Errorf("%d reads (%d outside the lock), want one, outside", kr.reads, kr.outside)
	}
}

// TestRecordSaysExpiredButSecretsAreFresh: another process refreshed and
// could not update the profile's record: the read inside the lock sees
// the fresh token, and nothing is refreshed.
func TestRecordSaysExpiredButSecretsAreFresh(t *testing.T) {
	e := newEnv(t)
	p := e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	p.AccessExpiry = e.now.Add(-time.Minute)
	if err := e.manager().Store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	if tok, err := e.manager().Token(t.Context(), "work", false); err != nil || tok != "at-0" {
		t.Fatalf("Token = %q, %v", tok, err)
	}
	if n, _ := e.z.counts(); n != 0 {
		t.Fatalf("%d refreshes of a fresh token", n)
	}
}

// TestRefreshKeyringCallsShareOneSession: the read, the write of the
// rotated tokens and its read-back go through one keyring session.
func TestRefreshKeyringCallsShareOneSession(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	before := e.kr.Calls()
	if _, err := e.manager().Token(t.Context(), "work", false); err != nil {
		t.Fatal(err)
	}
	if opened, closed := e.kr.Sessions(); opened != 1 || closed != 1 {
		t.Errorf("%d sessions opened, %d closed; want one of each", opened, closed)
	}
	if all, in := e.kr.Calls()-before, e.kr.SessionCalls(); all == 0 || in != all {
		t.Errorf("%d of %d keyring calls went through the session", in, all)
	}
	if _, sec := storedSecrets(t, e.manager(), "work"); sec.RefreshToken != "rt-1" {
		t.Fatalf("stored %s", sec)
	}
}

// TestEndpointsAreResolvedBeforeTheLock: a hook that starts a server for a
// profile's hosts (the CLI's sandbox, behind a lock of its own) is first
// called while the profile's lock is free.
func TestEndpointsAreResolvedBeforeTheLock(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	m := e.manager()
	probe := lockProbe{storagetest.NewStore(e.root, e.kr), "work"}
	var calls []bool // whether the lock was free at each call
	m.Endpoints = func(*storage.Profile) oauthflow.Endpoints {
		calls = append(calls, probe.free(t))
		return oauthflow.Endpoints{AuthBaseURL: e.z.URL, APIBaseURL: e.z.URL}
	}
	if _, err := m.Token(t.Context(), "work", false); err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 || !calls[0] {
		t.Fatalf("Endpoints calls (lock free?): %v; the first must come before the lock", calls)
	}
}

// unsentZoom fails every request before sending it.
type unsentZoom struct{ err error }

func (z unsentZoom) Refresh(context.Context, string) (*oauth2.Token, error) { return nil, z.err }
func (z unsentZoom) Revoke(context.Context, string, string) error           { return z.err }
func (z unsentZoom) Me(context.Context, string) (*oauthflow.User, error)    { return nil, z.err }

// TestRefreshNotSentRecordsNothing: a client that could not send the
// refresh (ErrNotSent) leaves the profile as it was.
func TestRefreshNotSentRecordsNothing(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	m := e.manager()
	cause := errors.New("the built-in sandbox did not start")
	m.Client = func(*storage.Profile, storage.Secrets) Zoom {
		return unsentZoom{err: errors.Join(ErrNotSent, cause)}
	}
	before, err := m.Store.LoadProfile("work")
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Token(t.Context(), "work", false)
	if !errors.Is(err, ErrNotSent) || !errors.Is(err, cause) {
		t.Fatalf("Token error %v, want the cause and ErrNotSent", err)
	}
	after, err := m.Store.LoadProfile("work")
	if err != nil {
		t.Fatal(err)
	}
	if after.LastRefreshResult != before.LastRefreshResult || !after.LastRefresh.Equal(before.LastRefresh) || after.ReconnectReason != "" {
		t.Fatalf("the profile recorded a refresh that was never sent: %+v", after)
	}
}
