package connection

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

var (
	errNoBus  = errors.New("dbus: couldn't determine address of session bus")
	errLocked = errors.New("org.freedesktop.Secret.Error.IsLocked: collection is locked")
)

func TestSaveWithoutKeyringNeedsConsent(t *testing.T) {
	e := newEnv(t)
	e.kr.Fail(errNoBus)
	m := e.manager()
	p := &storage.Profile{Name: "work", ClientID: "cid", UserID: "u1"}
	sec := storage.Secrets{AccessToken: "at-0", RefreshToken: "rt-0", Expiry: e.now.Add(time.Hour)}
	err := m.Save(t.Context(), p, storage.BackendKeyring, sec)
	if !errors.Is(err, storage.ErrKeyringUnavailable) {
		t.Fatalf("err = %v", err)
	}
	if _, err := m.Store.LoadProfile("work"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("a profile was saved without secrets: %v", err)
	}
	if _, err := os.Stat(m.Store.DataDir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("a plaintext file was written without consent")
	}
	if err := m.Save(t.Context(), p, storage.BackendFile, sec); err != nil {
		t.Fatal(err)
	}
	st, err := m.Status(t.Context(), "work", true)
	if err != nil || st.Backend != storage.BackendFile || !strings.HasPrefix(st.SecretsLocation, m.Store.DataDir) {
		t.Fatalf("status = %+v, %v", st, err)
	}
	if !hasProblem(st, "plaintext file") {
		t.Fatalf("no plaintext warning: %+v", st.Problems)
	}
}

func hasProblem(st *Status, text string) bool {
	for _, p := range st.Problems {
		if strings.Contains(p.Text, text) && p.Fix != "" {
			return true
		}
	}
	return false
}

func TestSaveReplacingRemovesDeadProfileOfSameUser(t *testing.T) {
	e := newEnv(t)
	old := e.save("old", storage.BackendKeyring, e.now.Add(time.Hour))
	other := e.save("colleague", storage.BackendKeyring, e.now.Add(time.Hour))
	other.UserID = "u2"
	m := e.manager()
	m.Endpoints = nil // the env's hook sends every host to the fake; compare the saved hosts
	if err := m.Store.SaveProfile(other); err != nil {
		t.Fatal(err)
	}
	if err := m.Store.SetDefaultProfile("old"); err != nil {
		t.Fatal(err)
	}
	same, err := m.SameApp("cid", "HTTPS://zoom.us/")
	if err != nil || len(same) != 2 {
		t.Fatalf("SameApp = %v, %v", same, err)
	}
	p := *old
	p.Name, p.CreatedAt = "new", time.Time{}
	sec := storage.Secrets{AccessToken: "at-n", RefreshToken: "rt-n", Expiry: e.now.Add(time.Hour)}
	replaced, err := m.SaveReplacing(t.Context(), &p, storage.BackendKeyring, sec)
	if err != nil || !reflect.DeepEqual(replaced, []string{"old"}) {
		t.Fatalf("replaced %v, %v", replaced, err)
	}
	if _, err := m.Store.LoadProfile("old"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("old profile left: %v", err)
	}
	if _, err := m.Store.LoadSecrets(t.Context(), old); !errors.Is(err, storage.ErrSecretsMissing) {
		t.Fatalf("old secrets left: %v", err)
	}
	if _, err := m.Store.LoadProfile("colleague"); err != nil {
		t.Fatalf("another user's profile was removed: %v", err)
	}
	if d := m.Store.DefaultProfile(); d != "new" {
		t.Fatalf("default = %q", d)
	}
	if same, _ := m.SameApp("cid", "https://zoomgov.com"); len(same) != 0 {
		t.Fatalf("another host matched: %v", same)
	}
}

func TestLogoutRevokeFailureStillDeletesLocally(t *testing.T) {
	e := newEnv(t)
	p := e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	m.Store.SetDefaultProfile("work")
	e.z.revokeStatus = 500
	rep, err := m.Logout(t.Context(), "work", false)
	if err != nil || rep.RevokeErr == nil || rep.Revoked || !rep.WasDefault || !strings.Contains(rep.RemoveAppHint, "Added Apps") {
		t.Fatalf("report = %+v, %v", rep, err)
	}
	if len(e.z.revokes) == 0 || e.z.revokes[0] != "rt-0" {
		t.Fatalf("revoked %v, want the refresh token in the body", e.z.revokes)
	}
	if _, err := m.Store.LoadProfile("work"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("profile left: %v", err)
	}
	if _, err := m.Store.LoadSecrets(t.Context(), p); !errors.Is(err, storage.ErrSecretsMissing) {
		t.Fatalf("secrets left: %v", err)
	}
	if d := m.Store.DefaultProfile(); d != storage.DefaultProfileName {
		t.Fatalf("default pointer left at %q", d)
	}
	rep, err = m.Logout(t.Context(), "work", false)
	if err != nil || !rep.AlreadyGone {
		t.Fatalf("second logout = %+v, %v", rep, err)
	}
}

func TestLogoutKeepRemoteAndFileBackend(t *testing.T) {
	e := newEnv(t)
	p := e.save("work", storage.BackendFile, e.now.Add(time.Hour))
	m := e.manager()
	rep, err := m.Logout(t.Context(), "work", true)
	if err != nil || !rep.RevokeSkipped || rep.Revoked || len(e.z.revokes) != 0 {
		t.Fatalf("report = %+v, %v, revokes %v", rep, err, e.z.revokes)
	}
	if _, err := os.Stat(filepath.Join(m.Store.DataDir, "secrets", p.Name+".json")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("secret file left: %v", err)
	}
}

func TestLogoutRevokesAtZoom(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	rep, err := e.manager().Logout(t.Context(), "work", false)
	if err != nil || !rep.Revoked || rep.RevokeErr != nil {
		t.Fatalf("report = %+v, %v", rep, err)
	}
}

// sandboxHook resolves the CLI's "sandbox" marker to this run's sandbox URL,
// as cli's profileEndpoints does, counting the profiles it resolves.
func sandboxHook(url string, calls *int) func(*storage.Profile) oauthflow.Endpoints {
	return func(p *storage.Profile) oauthflow.Endpoints {
		*calls++
		if p.AuthBaseURL == "sandbox" {
			return oauthflow.Endpoints{AuthBaseURL: url, APIBaseURL: url}
		}
		return SavedEndpoints(p)
	}
}

func TestSavedEndpointsFillsZoomDefaults(t *testing.T) {
	got := SavedEndpoints(&storage.Profile{})
	if got != oauthflow.DefaultEndpoints() {
		t.Fatalf("empty profile: %+v", got)
	}
	gov := &storage.Profile{AuthBaseURL: "https://zoomgov.com", APIBaseURL: "https://api.zoomgov.com"}
	if got := SavedEndpoints(gov); got.AuthBaseURL != gov.AuthBaseURL || got.APIBaseURL != gov.APIBaseURL {
		t.Fatalf("gov profile: %+v", got)
	}
}

func TestSameAppMatchesSandboxMarkerAndThisRunsURL(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	var calls int
	m.Endpoints = sandboxHook("http://127.0.0.1:4242", &calls)
	old := &storage.Profile{Name: "old", ClientID: "demo", AuthBaseURL: "sandbox", APIBaseURL: "sandbox", UserID: "u1"}
	real := &storage.Profile{Name: "real", ClientID: "cid", AuthBaseURL: "https://zoom.us", UserID: "u1"}
	for _, p := range []*storage.Profile{old, real} {
		if err := m.Store.SaveProfile(p); err != nil {
			t.Fatal(err)
		}
	}
	for _, host := range []string{"http://127.0.0.1:4242", "HTTP://127.0.0.1:4242/", "sandbox"} {
		same, err := m.SameApp("demo", host)
		if err != nil || len(same) != 1 || same[0].Name != "old" {
			t.Fatalf("SameApp(demo, %q) = %v, %v", host, same, err)
		}
	}
	if same, _ := m.SameApp("demo", "http://127.0.0.1:9999"); len(same) != 0 {
		t.Fatalf("another sandbox run's URL matched: %v", same)
	}
	calls = 0
	if same, _ := m.SameApp("cid", ""); len(same) != 1 || same[0].Name != "real" {
		t.Fatalf("SameApp(cid, \"\") = %v", same)
	}
	if calls != 0 {
		t.Fatalf("the hook resolved %d profiles whose saved host already matched", calls)
	}
	if same, _ := m.SameApp("other", "sandbox"); len(same) != 0 || calls != 0 {
		t.Fatalf("SameApp(other) = %v; hook calls %d (another app's profiles must not be resolved)", same, calls)
	}
	p := &storage.Profile{Name: "new", ClientID: "demo", AuthBaseURL: "http://127.0.0.1:4242", UserID: "u1"}
	sec := storage.Secrets{AccessToken: "at-n", RefreshToken: "rt-n", Expiry: e.now.Add(time.Hour)}
	replaced, err := m.SaveReplacing(t.Context(), p, storage.BackendKeyring, sec)
	if err != nil || !reflect.DeepEqual(replaced, []string{"old"}) {
		t.Fatalf("a sandbox re-login replaced %v, %v", replaced, err)
	}
}

func TestHostKeyRealZoom(t *testing.T) {
	m := &Manager{}
	if m.HostKey("") != m.HostKey("https://ZOOM.us/") || m.HostKey("https://zoomgov.com") == m.HostKey("https://zoom.us") {
		t.Fatalf("HostKey: %q %q %q", m.HostKey(""), m.HostKey("https://ZOOM.us/"), m.HostKey("https://zoomgov.com"))
	}
}
