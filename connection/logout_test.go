package connection

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// With the keyring unreachable, logout cannot delete the secrets: it must
// say so, keep the profile marked "logout incomplete" (so status shows
// it), and the next logout, with the keyring back, finishes the job.
func TestLogoutWithKeyringUnreachableKeepsTheProfileMarked(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	if err := m.Store.SetDefaultProfile("work"); err != nil {
		t.Fatal(err)
	}
	e.kr.Fail(errNoBus)
	rep, err := m.Logout(t.Context(), "work", false)
	if err == nil || !storage.IsLocal(err) || rep == nil || rep.SecretsDeleted || rep.SecretsErr == nil || !rep.Incomplete ||
		rep.MarkErr != nil || rep.ProfileDeleted || rep.Revoked || rep.RevokeErr == nil {
		t.Fatalf("report %+v, %v", rep, err)
	}
	p, err := m.Store.LoadProfile("work")
	if err != nil || p.LogoutIncomplete == nil || p.LogoutIncomplete.Where != storage.KeyringName() || p.LogoutIncomplete.Revoked {
		t.Fatalf("profile after the failed logout: %+v, %v", p, err)
	}
	if d := m.Store.DefaultProfile(); d != "work" {
		t.Fatalf("default pointer moved to %q although the connection is kept", d)
	}
	st, err := m.Status(t.Context(), "work", false)
	if err != nil || !st.Failed() || !hasProblem(st, "logout") || st.Problems[0].Fix != "zoomconnect logout --profile work" {
		t.Fatalf("status = %+v, %v", st, err)
	}
	if _, err := m.Token(t.Context(), "work", false); !errors.Is(err, ErrLogoutIncomplete) || !strings.Contains(err.Error(), "zoomconnect logout --profile work") {
		t.Fatalf("Token of a connection being logged out: %v", err)
	}
	e.kr.Fail(nil)
	rep, err = m.Logout(t.Context(), "work", false)
	if err != nil || !rep.Resumed || !rep.Revoked || !rep.SecretsDeleted || !rep.ProfileDeleted {
		t.Fatalf("second logout: %+v, %v", rep, err)
	}
	if e.kr.Len() != 0 {
		t.Fatalf("%d keyring items left", e.kr.Len())
	}
	if _, err := m.Store.LoadProfile("work"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("profile left: %v", err)
	}
}

// The next logout works even when the secrets are gone or unreadable.
func TestLogoutFinishesWhenTheSecretsAreUnreadable(t *testing.T) {
	e := newEnv(t)
	p := e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	p.LogoutIncomplete = &storage.LogoutIncomplete{At: e.now, Where: storage.KeyringName(), Revoked: true}
	if err := m.Store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	if err := m.Store.DeleteSecrets(t.Context(), p); err != nil { // someone removed the item meanwhile
		t.Fatal(err)
	}
	rep, err := m.Logout(t.Context(), "work", false)
	if err != nil || !rep.ProfileDeleted || !rep.RevokedBefore || len(e.z.revokes) != 0 {
		t.Fatalf("report %+v, %v, revokes %v", rep, err, e.z.revokes)
	}
}

func TestLogoutDeletesThePendingAttempt(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	if err := m.Store.SavePending(t.Context(), storage.Pending{Profile: "work", ClientID: "cid", Stage: "preapproval"}, "csecret"); err != nil {
		t.Fatal(err)
	}
	rep, err := m.Logout(t.Context(), "work", false)
	if err != nil || rep.AlreadyGone || !rep.PendingDeleted {
		t.Fatalf("logout of a pending-only profile: %+v, %v", rep, err)
	}
	if m.Store.PendingExists("work") || e.kr.Len() != 0 {
		t.Fatalf("pending attempt or its secret left (%d keyring items)", e.kr.Len())
	}
	if rep, err := m.Logout(t.Context(), "work", false); err != nil || !rep.AlreadyGone {
		t.Fatalf("second logout: %+v, %v", rep, err)
	}
}

// Logout holds the same lock as refresh: it waits for the holder however
// long it takes, says once that it waits and for whom, and a canceled
// wait changes nothing.
func TestLogoutWaitsForTheLockAndCancelChangesNothing(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	holder := e.manager()
	unlock, err := holder.Store.Lock(t.Context(), "work")
	if err != nil {
		t.Fatal(err)
	}
	m := e.manager()
	waiting := make(chan string, 4)
	m.OnLockWait = func(profile, who string) { waiting <- profile + "|" + who }
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { _, err := m.Logout(ctx, "work", false); done <- err }()
	got := <-waiting
	if !strings.HasPrefix(got, "work|pid "+strconv.Itoa(os.Getpid())) {
		t.Fatalf("wait notice %q does not name the holder", got)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) || storage.IsLocal(err) {
		t.Fatalf("canceled logout: %v", err)
	}
	if _, err := m.Store.LoadProfile("work"); err != nil || len(e.z.revokes) != 0 || e.kr.Len() != 1 {
		t.Fatalf("a canceled logout changed something: %v, revokes %v, %d items", err, e.z.revokes, e.kr.Len())
	}
	// Waiting longer than the refresh's lock timeout still ends in a logout.
	m.LockTimeout = time.Millisecond
	go func() { _, err := m.Logout(t.Context(), "work", false); done <- err }()
	<-waiting
	unlock()
	if err := <-done; err != nil {
		t.Fatalf("logout after the wait: %v", err)
	}
	if _, err := m.Store.LoadProfile("work"); !errors.Is(err, storage.ErrNotFound) || len(e.z.revokes) != 1 {
		t.Fatalf("after the wait: %v, revokes %v", err, e.z.revokes)
	}
}

// logoutDuringRefresh is a Zoom whose refresh deletes the profile (as a
// logout that does not take the lock would) before it answers.
type logoutDuringRefresh struct {
	Zoom
	store   *storage.Store
	name    string
	revoked []string
}

func (z *logoutDuringRefresh) Refresh(ctx context.Context, rt string) (*oauth2.Token, error) {
	tok, err := z.Zoom.Refresh(ctx, rt)
	z.store.DeleteProfile(z.name)
	return tok, err
}

func (z *logoutDuringRefresh) Revoke(ctx context.Context, token, hint string) error {
	z.revoked = append(z.revoked, hint+":"+token)
	return z.Zoom.Revoke(ctx, token, hint)
}

// A refresh that finds its profile gone when it is about to persist
// revokes the tokens it just got instead of saving them.
func TestRefreshOfALoggedOutProfileRevokesTheNewTokens(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	m := e.manager()
	var fake *logoutDuringRefresh
	m.Client = func(p *storage.Profile, sec storage.Secrets) Zoom {
		real := &oauthflow.Client{App: oauthflow.App{ClientID: p.ClientID, ClientSecret: sec.ClientSecret,
			Endpoints: oauthflow.Endpoints{AuthBaseURL: e.z.URL, APIBaseURL: e.z.URL}}}
		if fake == nil {
			fake = &logoutDuringRefresh{Zoom: real, store: m.Store, name: p.Name}
		}
		return fake
	}
	_, err := m.Token(t.Context(), "work", false)
	if err == nil || !strings.Contains(err.Error(), "logged out while it refreshed") {
		t.Fatalf("Token = %v", err)
	}
	rt, _ := e.z.newest()
	if len(fake.revoked) != 1 || fake.revoked[0] != "refresh_token:"+rt {
		t.Fatalf("revoked %v, want the new refresh token %s", fake.revoked, rt)
	}
	if sec, err := m.Store.LoadSecrets(t.Context(), &storage.Profile{Name: "work", SecretBackend: storage.BackendKeyring}); err == nil && sec.RefreshToken == rt {
		t.Fatal("the new tokens were saved for a logged-out profile")
	}
}

// A lock that cannot be created (read-only state dir) cannot be held by a
// refresh either: logout goes on without it rather than leave the
// connection impossible to remove.
func TestLogoutWithoutALockFile(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	m.Store.FileFault = failStep("mkdir", m.Store.StateDir, syscall.EROFS)
	if _, err := m.Token(t.Context(), "work", true); !storage.IsLocal(err) {
		t.Fatalf("a refresh without its lock: %v", err)
	}
	rep, err := m.Logout(t.Context(), "work", false)
	if err != nil || !rep.ProfileDeleted || !rep.Revoked {
		t.Fatalf("logout = %+v, %v", rep, err)
	}
}
