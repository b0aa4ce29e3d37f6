package connection

import (
	"context"
	"errors"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// A full (or read-only) secrets dir is found before the refresh token is
// spent: Zoom is not asked, and the saved tokens still work.
func TestRefreshChecksTheNewTokensCanBeWrittenFirst(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EROFS} {
		e := newEnv(t)
		e.save("work", storage.BackendFile, e.now.Add(time.Minute))
		m := e.manager()
		m.Store.FileFault = failStep("create", m.Store.DataDir, errno)
		_, err := m.Token(t.Context(), "work", false)
		if !storage.IsLocal(err) || !errors.Is(err, errno) || !strings.Contains(err.Error(), "nothing was changed") {
			t.Fatalf("%v: Token = %v", errno, err)
		}
		if n, _ := e.z.counts(); n != 0 {
			t.Fatalf("%v: Zoom was asked %d times", errno, n)
		}
		m.Store.FileFault = nil
		if _, sec := storedSecrets(t, m, "work"); sec.RefreshToken != "rt-0" {
			t.Fatalf("%v: stored %s", errno, sec.RefreshToken)
		}
	}
}

// After a refresh whose save failed, the saved refresh token is dead
// although the old access token may still answer users/me: status must
// fail live too, not only offline.
func TestStatusAfterALostRotationFailsLive(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Minute))
	e.kr.FailSetsAfter(1, errLocked) // the check before the refresh passes; the rotated tokens fail
	if _, err := e.manager().Token(t.Context(), "work", false); err == nil {
		t.Fatal("the save did not fail")
	}
	e.kr.FailSets(nil)
	e.now = e.now.Add(-10 * time.Minute)                                    // the old access token looks valid for a while
	e.z.meStatus, e.z.meBody = 200, `{"id":"u1","email":"ann@example.com"}` // and Zoom still accepts it
	for _, offline := range []bool{true, false} {
		st, err := e.manager().Status(t.Context(), "work", offline)
		if err != nil || !st.Failed() || !hasProblem(st, "could not be saved") || st.Problems[0].Fix != "zoomconnect login --profile work" {
			t.Fatalf("offline=%v: status = %+v, %v", offline, st, err)
		}
	}
}

// 4741 on users/me is final: no refresh (whose invalid_grant would hide
// why), and the connection says another sign-in replaced it.
func TestMe4741IsFinalAndSaysAnotherSignInReplacedIt(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	e.z.meStatus, e.z.meBody = 401, `{"code":4741,"message":"The token has been revoked."}`
	_, err := e.manager().Me(t.Context(), "work")
	if !errors.Is(err, ErrReconnectNeeded) || !strings.Contains(err.Error(), "another sign-in replaced this connection (4741)") {
		t.Fatalf("Me = %v", err)
	}
	if n, _ := e.z.counts(); n != 0 {
		t.Fatalf("%d refreshes after a 4741", n)
	}
	p, _ := storedSecrets(t, e.manager(), "work")
	if !strings.Contains(p.ReconnectReason, "another sign-in replaced this connection (4741)") {
		t.Fatalf("reason %q", p.ReconnectReason)
	}
	for _, call := range []func() error{
		func() error { _, err := e.manager().Token(t.Context(), "work", false); return err },
		func() error { return e.manager().Refresh(t.Context(), "work") },
	} {
		if err := call(); !strings.Contains(err.Error(), "another sign-in replaced this connection (4741)") {
			t.Fatalf("later call: %v", err)
		}
	}
}

// canceledZoom answers every refresh as a ctrl+c during the wait between
// retries does; it counts what it was asked.
type canceledZoom struct {
	Zoom
	asked int
}

func (z *canceledZoom) Refresh(ctx context.Context, rt string) (*oauth2.Token, error) {
	z.asked++
	return nil, &oauthflow.Error{Kind: oauthflow.KindCanceled, Op: oauthflow.OpRefresh, Err: context.Canceled}
}

// A refresh stopped by ctrl+c once Zoom was asked says so, asks no new
// sign-in, and keeps the refresh marked as unfinished: Zoom may have
// rotated the token, so the next refresh tries it at once.
func TestInterruptedRefreshChangesNothing(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	z := &canceledZoom{}
	m.Client = func(*storage.Profile, storage.Secrets) Zoom { return z }
	err := m.Refresh(t.Context(), "work")
	if !errors.Is(err, ErrInterrupted) || errors.Is(err, ErrReconnectNeeded) || !strings.Contains(err.Error(), "no new token was saved") {
		t.Fatalf("Refresh = %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := m.Refresh(ctx, "work"); !errors.Is(err, ErrInterrupted) && !errors.Is(err, context.Canceled) {
		t.Fatalf("Refresh with a canceled ctx = %v", err)
	}
	if z.asked != 1 {
		t.Fatalf("Zoom asked %d times; a canceled ctx must not reach it", z.asked)
	}
	if p, _ := storedSecrets(t, m, "work"); p.LastRefreshResult != ResultRefreshing {
		t.Fatalf("an interrupted refresh must stay marked unfinished, got %q", p.LastRefreshResult)
	}
	if _, err := m.Token(t.Context(), "work", false); z.asked != 2 {
		t.Fatalf("the next token must refresh at once to find out (asked %d, %v)", z.asked, err)
	}
}

// On a disk so full that even the record of the failure cannot be
// written, the error says that too (status cannot show it then).
func TestLostRotationSaysWhenEvenTheRecordFailed(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendFile, e.now.Add(time.Minute))
	m := e.manager()
	m.Store.FileFault = failStep("rename", "", syscall.ENOSPC) // the trial write renames nothing, so it passes
	_, err := m.Token(t.Context(), "work", false)
	var lost *RotationLostError
	if !errors.As(err, &lost) || lost.RecordErr == nil || !storage.IsLocal(err) ||
		!strings.Contains(err.Error(), "recording this failure failed too") || !strings.Contains(err.Error(), "the disk is full") {
		t.Fatalf("Token = %v", err)
	}
}

// A keyring that answers reads but refuses writes (gnome-keyring with its
// files on a full disk) is found before the refresh token is spent: Zoom
// is not asked, the saved tokens still work, and the error says nothing
// was changed. Found by the e2e fault suite (TestFaultDiskFull, the data
// dir under gnome-keyring), where the rotation used to be lost.
func TestRefreshChecksTheKeyringTakesAWriteFirst(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	e.kr.FailSets(errLocked)
	_, err := e.manager().Token(t.Context(), "work", false)
	var lost *RotationLostError
	if err == nil || errors.As(err, &lost) || !storage.IsLocal(err) || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("Token = %v", err)
	}
	if n, _ := e.z.counts(); n != 0 {
		t.Fatalf("Zoom was asked %d times", n)
	}
	e.kr.FailSets(nil)
	if p, sec := storedSecrets(t, e.manager(), "work"); sec.RefreshToken != "rt-0" || p.LastRefreshResult == "save_failed" {
		t.Fatalf("stored %s, last result %q", sec.RefreshToken, p.LastRefreshResult)
	}
}

// A live status of a file-backed connection whose secrets dir cannot take
// the next refresh's tokens (full, read-only) warns: the refresh would
// refuse once the access token expires. A warning, not a failure (a new
// sign-in could not be saved either), and not offline (it writes nothing).
// Found by the e2e fault suite (TestFaultDiskFull, TestFaultReadOnly):
// status said ok with nothing to show, then refresh refused.
func TestLiveStatusWarnsWhenTheNextRefreshCouldNotSave(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendFile, e.now.Add(time.Hour))
	m := e.manager()
	m.Store.FileFault = failStep("write", m.Store.DataDir, syscall.ENOSPC)
	st, err := m.Status(t.Context(), "work", false)
	if err != nil || st.Failed() || !hasProblem(st, "could not save its new tokens") || !hasProblem(st, "the disk is full") {
		t.Fatalf("live: failed=%v %+v, %v", st.Failed(), st.Problems, err)
	}
	if got := severities(st, "could not save its new tokens"); len(got) != 1 || got[0] != SeverityWarn {
		t.Fatalf("severity %v", got)
	}
	if st, _ := m.Status(t.Context(), "work", true); hasProblem(st, "could not save its new tokens") {
		t.Fatalf("offline checked it: %+v", st.Problems)
	}
	m.Store.FileFault = nil
	if st, _ := m.Status(t.Context(), "work", false); hasProblem(st, "could not save its new tokens") {
		t.Fatalf("a writable dir: %+v", st.Problems)
	}
}

// The same for a state dir where the connection's lock cannot be made (a
// read-only file system), whatever the backend.
func TestLiveStatusWarnsWhenTheNextRefreshCouldNotLock(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	m.Store.FileFault = failStep("mkdir", m.Store.StateDir, syscall.EROFS)
	st, err := m.Status(t.Context(), "work", false)
	if err != nil || st.Failed() || !hasProblem(st, "could not take this connection's lock") || !hasProblem(st, "read-only") {
		t.Fatalf("live: failed=%v %+v, %v", st.Failed(), st.Problems, err)
	}
}
