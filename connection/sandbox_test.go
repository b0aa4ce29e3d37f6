package connection

import (
	"errors"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
)

// sandboxEnv is a connection made through the real OAuth flow against the
// in-process sandbox, saved with the file backend.
type sandboxEnv struct {
	srv  *sandbox.Server
	root string
}

func newSandboxEnv(t *testing.T, sc sandbox.Scenario) *sandboxEnv {
	t.Helper()
	srv := testkit.Sandbox(t, sandbox.Options{Scenario: sc})
	se := &sandboxEnv{srv: srv, root: t.TempDir()}
	res := se.authorize(t)
	p := &storage.Profile{Name: "work", AuthType: storage.AuthOwnApp, ClientID: sandbox.DemoClientID,
		AuthBaseURL: srv.URL, APIBaseURL: srv.URL, GrantedScopes: res.Scopes}
	sec := storage.Secrets{ClientSecret: sandbox.DemoClientSecret, AccessToken: res.Token.AccessToken,
		RefreshToken: res.Token.RefreshToken, TokenType: res.Token.TokenType, Expiry: res.Token.Expiry}
	if err := se.manager().Save(t.Context(), p, storage.BackendFile, sec); err != nil {
		t.Fatal(err)
	}
	return se
}

// authorize runs the loopback flow, approving with no browser.
func (se *sandboxEnv) authorize(t *testing.T) *oauthflow.Result {
	t.Helper()
	app := oauthflow.App{ClientID: sandbox.DemoClientID, ClientSecret: sandbox.DemoClientSecret,
		Endpoints: oauthflow.Endpoints{AuthBaseURL: se.srv.URL, APIBaseURL: se.srv.URL}}
	sess, err := (&oauthflow.Flow{Client: &oauthflow.Client{App: app}, Timeout: 30 * time.Second}).Start(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	go func() {
		if resp, err := http.Get(se.srv.ApproveURL(sess.AuthURL)); err == nil {
			resp.Body.Close()
		}
	}()
	res, err := sess.Wait(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (se *sandboxEnv) manager() *Manager {
	return &Manager{Store: &storage.Store{
		ConfigDir: filepath.Join(se.root, "c"), DataDir: filepath.Join(se.root, "d"), StateDir: filepath.Join(se.root, "s"),
	}}
}

// expireStored makes the stored access token look expired.
func (se *sandboxEnv) expireStored(t *testing.T) {
	t.Helper()
	m := se.manager()
	p, sec := storedSecrets(t, m, "work")
	sec.Expiry = time.Now().Add(-time.Minute)
	if err := m.Store.SaveSecrets(t.Context(), p, p.SecretBackend, sec); err != nil {
		t.Fatal(err)
	}
}

func TestSandboxConcurrentTokenRefreshesOnce(t *testing.T) {
	se := newSandboxEnv(t, sandbox.ScenarioApprove)
	for round := 0; round < 5; round++ {
		se.expireStored(t)
		before := se.srv.Stats().Refreshes
		tokens := make([]string, 20)
		var wg sync.WaitGroup
		for i := range tokens {
			m := se.manager()
			wg.Go(func() {
				tok, err := m.Token(t.Context(), "work", false)
				if err != nil {
					t.Error(err)
				}
				tokens[i] = tok
			})
		}
		wg.Wait()
		if n := se.srv.Stats().Refreshes - before; n != 1 {
			t.Fatalf("round %d: sandbox saw %d refreshes, want 1", round, n)
		}
		for i, tok := range tokens {
			if tok == "" || tok != tokens[0] {
				t.Fatalf("round %d: worker %d got a different token", round, i)
			}
		}
		if _, sec := storedSecrets(t, se.manager(), "work"); sec.RefreshToken != se.srv.LatestRefreshToken() {
			t.Fatalf("round %d: stored refresh token is not the sandbox's newest", round)
		}
	}
	if u, err := se.manager().Me(t.Context(), "work"); err != nil || u.Email == "" {
		t.Fatalf("Me = %+v, %v", u, err)
	}
}

func TestSandboxRevokedBecomesReconnect(t *testing.T) {
	se := newSandboxEnv(t, sandbox.ScenarioRevoked)
	m := se.manager()
	if _, err := m.Me(t.Context(), "work"); err != nil {
		t.Fatalf("first users/me: %v", err)
	}
	_, err := m.Me(t.Context(), "work")
	if !errors.Is(err, ErrReconnectNeeded) {
		t.Fatalf("after another install took over: %v", err)
	}
	st, err := m.Status(t.Context(), "work", true)
	if err != nil || !hasProblem(st, "another sign-in replaced this connection") {
		t.Fatalf("status = %+v, %v", st.Problems, err)
	}
}

func TestSandboxLogoutRevokes(t *testing.T) {
	se := newSandboxEnv(t, sandbox.ScenarioApprove)
	rep, err := se.manager().Logout(t.Context(), "work", false)
	if err != nil || !rep.Revoked || se.srv.Stats().Revokes != 1 {
		t.Fatalf("report %+v, %v, revokes %d", rep, err, se.srv.Stats().Revokes)
	}
}
