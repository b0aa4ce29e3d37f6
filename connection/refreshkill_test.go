package connection

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/storage"
)

// killedRefresh leaves what a refresh killed after Zoom answered leaves:
// the record that a refresh began (ResultRefreshing), and, when spent,
// the saved refresh token rotated away at Zoom.
func killedRefresh(t *testing.T, e *env, m *Manager, spent bool) {
	t.Helper()
	p, err := m.Store.LoadProfile("work")
	if err != nil {
		t.Fatal(err)
	}
	m.recordRefreshing(p)
	if !spent {
		return
	}
	rt, _ := e.z.newest()
	resp, err := http.PostForm(e.z.URL+"/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// A refresh killed after Zoom rotated the refresh token and before the
// new one was saved: the old access token still answers users/me, so
// status used to call the connection ok. Now the record of the refresh
// begun makes status --offline fail, and the next live status, token or
// refresh find out by refreshing (here: reconnect needed). Found by the
// e2e fault suite (TestFaultKillRefresh).
func TestRefreshKilledAfterZoomRotatedIsNotOK(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	killedRefresh(t, e, m, true)
	e.z.meStatus, e.z.meBody = 200, `{"id":"u1","email":"ann@example.com"}` // Zoom still takes the old access token
	st, err := m.Status(t.Context(), "work", true)
	if err != nil || !st.Failed() || !hasProblem(st, "was stopped") || st.Problems[0].Command != "zoomconnect refresh --profile work" {
		t.Fatalf("offline: %+v, %v", st.Problems, err)
	}
	st, err = e.manager().Status(t.Context(), "work", false)
	if err != nil || !st.Failed() || st.User != nil {
		t.Fatalf("live: ok=%v user=%v problems %+v, %v", !st.Failed(), st.User, st.Problems, err)
	}
	if _, err := e.manager().Token(t.Context(), "work", false); err == nil || !strings.Contains(err.Error(), "reconnect") {
		t.Fatalf("token after the live status: %v", err)
	}
}

// Killed before Zoom was asked (or after its answer was saved): the
// refresh the record forces works, and the connection is ok again.
func TestRefreshKilledBeforeZoomAnsweredRecovers(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	killedRefresh(t, e, m, false)
	before, _ := e.z.counts()
	st, err := e.manager().Status(t.Context(), "work", false)
	if err != nil || st.Failed() {
		t.Fatalf("live: %+v, %v", st.Problems, err)
	}
	if after, _ := e.z.counts(); after != before+1 {
		t.Fatalf("%d refreshes, want the one the record forces", after-before)
	}
	if p, _ := storedSecrets(t, e.manager(), "work"); p.LastRefreshResult != "ok" {
		t.Fatalf("last refresh result %q", p.LastRefreshResult)
	}
	if st, _ := e.manager().Status(t.Context(), "work", true); st.Failed() {
		t.Fatalf("offline after the recovery: %+v", st.Problems)
	}
}

// A refresh under way in another process (it holds the lock) is not an
// interrupted one: status --offline does not fail on it.
func TestRefreshUnderWayIsNotInterrupted(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	killedRefresh(t, e, m, false)
	unlock, err := m.Store.Lock(t.Context(), "work")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if st, _ := e.manager().Status(t.Context(), "work", true); hasProblem(st, "was stopped") {
		t.Fatalf("a refresh under way called interrupted: %+v", st.Problems)
	}
}
