package connection

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/storage/storagetest"
)

// fakeZoom is a Zoom token endpoint and users/me that rotate refresh tokens
// and reject any refresh token but the newest with Zoom's invalid_grant.
type fakeZoom struct {
	*httptest.Server
	mu        sync.Mutex
	gen       int
	rt, at    string
	refreshes int
	meCalls   int
	revokes   []string
	// tokenErr, when set, is the body of a 400 for every refresh.
	tokenErr string
	// noRotate leaves refresh_token out of refresh responses.
	noRotate bool
	// me401 is how many users/me calls answer 401 before one succeeds.
	me401 int
	// revokeStatus, when set, is the status of /oauth/revoke.
	revokeStatus int
	// meStatus/meBody, when set, answer users/me.
	meStatus int
	meBody   string
}

func newFakeZoom(t testing.TB) *fakeZoom {
	z := &fakeZoom{rt: "rt-0", at: "at-0"}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", z.token)
	mux.HandleFunc("POST /oauth/revoke", z.revoke)
	mux.HandleFunc("GET /v2/users/me", z.me)
	z.Server = httptest.NewServer(mux)
	t.Cleanup(z.Close)
	return z
}

func (z *fakeZoom) token(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	z.mu.Lock()
	defer z.mu.Unlock()
	z.refreshes++
	w.Header().Set("Content-Type", "application/json")
	if z.tokenErr != "" {
		w.WriteHeader(400)
		fmt.Fprint(w, z.tokenErr)
		return
	}
	if r.PostForm.Get("grant_type") != "refresh_token" || r.PostForm.Get("refresh_token") != z.rt {
		w.WriteHeader(400)
		fmt.Fprint(w, `{"reason":"Invalid Token!","error":"invalid_grant"}`)
		return
	}
	z.gen++
	z.at = fmt.Sprintf("at-%d", z.gen)
	resp := map[string]any{"access_token": z.at, "token_type": "bearer", "expires_in": 3600, "scope": "meeting:write recording:read user_info:read"}
	if !z.noRotate {
		z.rt = fmt.Sprintf("rt-%d", z.gen)
		resp["refresh_token"] = z.rt
	}
	json.NewEncoder(w).Encode(resp)
}

func (z *fakeZoom) revoke(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	z.mu.Lock()
	defer z.mu.Unlock()
	z.revokes = append(z.revokes, r.PostForm.Get("token"))
	if z.revokeStatus != 0 {
		w.WriteHeader(z.revokeStatus)
		fmt.Fprint(w, `{"reason":"internal error","error":"server_error"}`)
		return
	}
	fmt.Fprint(w, `{"status":"success"}`)
}

func (z *fakeZoom) me(w http.ResponseWriter, r *http.Request) {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.meCalls++
	w.Header().Set("Content-Type", "application/json")
	switch {
	case z.meStatus != 0:
		w.WriteHeader(z.meStatus)
		fmt.Fprint(w, z.meBody)
	case z.me401 > 0 || r.Header.Get("Authorization") != "Bearer "+z.at:
		if z.me401 > 0 {
			z.me401--
		}
		w.WriteHeader(401)
		fmt.Fprint(w, `{"code":124,"message":"Invalid access token."}`)
	default:
		fmt.Fprint(w, `{"id":"u1","email":"ann@example.com","first_name":"Ann","type":2,"account_id":"acc"}`)
	}
}

func (z *fakeZoom) counts() (refreshes, me int) {
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.refreshes, z.meCalls
}

func (z *fakeZoom) newest() (rt, at string) {
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.rt, z.at
}

// env is one test's directories, keyring, fake Zoom and clock.
type env struct {
	t    testing.TB
	root string
	kr   *storagetest.Keyring
	z    *fakeZoom
	now  time.Time
}

func newEnv(t testing.TB) *env {
	return &env{t: t, root: t.TempDir(), kr: storagetest.NewKeyring(), z: newFakeZoom(t), now: time.Now().UTC().Truncate(time.Second)}
}

// manager returns a new, independent Store and Manager on the env's dirs,
// as a separate process would have.
func (e *env) manager() *Manager {
	return &Manager{
		Store: storagetest.NewStore(e.root, e.kr),
		Now:   func() time.Time { return e.now },
		Endpoints: func(*storage.Profile) oauthflow.Endpoints {
			return oauthflow.Endpoints{AuthBaseURL: e.z.URL, APIBaseURL: e.z.URL}
		},
	}
}

// save stores profile name with the fake's current tokens, the access
// token expiring at expiry.
func (e *env) save(name string, backend storage.SecretBackend, expiry time.Time) *storage.Profile {
	e.t.Helper()
	rt, at := e.z.newest()
	p := &storage.Profile{Name: name, AuthType: storage.AuthOwnApp, ClientID: "cid", AuthBaseURL: "https://zoom.us",
		APIBaseURL: "https://api.zoom.us", UserID: "u1", Email: "ann@example.com",
		GrantedScopes: strings.Fields("meeting:write recording:read user_info:read")}
	sec := storage.Secrets{ClientSecret: "csecret", AccessToken: at, RefreshToken: rt, TokenType: "bearer", Expiry: expiry}
	if err := e.manager().Save(e.t.Context(), p, backend, sec); err != nil {
		e.t.Fatal(err)
	}
	return p
}
