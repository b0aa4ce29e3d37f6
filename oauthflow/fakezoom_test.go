package oauthflow

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Secrets planted by tests; none may ever appear in an error string.
const (
	testClientID     = "client-ID-123"
	testClientSecret = "s3cret-CLIENT-value"
	testCode         = "auth-CODE-abcdef"
	testAccess       = "ACCESS-token-xyz"
	testRefresh      = "REFRESH-token-xyz"
)

// tokenReq is what the fake token endpoint saw.
type tokenReq struct {
	Form   url.Values
	Auth   string
	Query  string
	Method string
}

// fakeZoom plays zoom.us and api.zoom.us.
type fakeZoom struct {
	t   testing.TB
	srv *httptest.Server

	deny      atomic.Bool // authorize redirects with error=access_denied
	tokens    atomic.Int32
	meCalls   atomic.Int32
	revokes   atomic.Int32
	mu        sync.Mutex
	authQuery url.Values
	tokenReqs []tokenReq
	meReqs    []*http.Request
	// challenges holds every PKCE challenge /authorize saw, so concurrent
	// logins against one fake each find their own.
	challenges map[string]bool

	// tokenReply, when set, answers /oauth/token instead of the default.
	tokenReply func(w http.ResponseWriter, r *http.Request, n int)
	meReply    func(w http.ResponseWriter, r *http.Request, n int)
	tokenDelay time.Duration
}

func newFakeZoom(t testing.TB) *fakeZoom {
	t.Helper()
	fz := &fakeZoom{t: t, challenges: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /oauth/authorize", fz.authorize)
	mux.HandleFunc("POST /oauth/token", fz.token)
	mux.HandleFunc("POST /oauth/revoke", fz.revoke)
	mux.HandleFunc("GET /v2/users/me", fz.me)
	fz.srv = httptest.NewServer(mux)
	t.Cleanup(fz.srv.Close)
	return fz
}

func (fz *fakeZoom) app(public bool) App {
	a := App{ClientID: testClientID, ClientSecret: testClientSecret,
		Endpoints: Endpoints{AuthBaseURL: fz.srv.URL, APIBaseURL: fz.srv.URL}}
	if public {
		a.ClientSecret = ""
	}
	return a
}

func (fz *fakeZoom) client(public bool) *Client {
	return &Client{App: fz.app(public), HTTPClient: fz.srv.Client(),
		Sleep: func(<-chan struct{}, time.Duration) bool { return true }}
}

func (fz *fakeZoom) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fz.mu.Lock()
	fz.authQuery = q
	fz.challenges[q.Get("code_challenge")] = true
	fz.mu.Unlock()
	back := url.Values{"state": {q.Get("state")}}
	if fz.deny.Load() {
		back.Set("error", "access_denied")
		back.Set("error_description", "The user denied")
	} else {
		back.Set("code", testCode)
	}
	http.Redirect(w, r, q.Get("redirect_uri")+"?"+back.Encode(), http.StatusFound)
}

func (fz *fakeZoom) token(w http.ResponseWriter, r *http.Request) {
	n := int(fz.tokens.Add(1))
	_ = r.ParseForm()
	fz.mu.Lock()
	fz.tokenReqs = append(fz.tokenReqs, tokenReq{Form: r.PostForm, Auth: r.Header.Get("Authorization"),
		Query: r.URL.RawQuery, Method: r.Method})
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	verified := fz.challenges[base64.RawURLEncoding.EncodeToString(sum[:])]
	fz.mu.Unlock()
	if fz.tokenDelay > 0 {
		time.Sleep(fz.tokenDelay)
	}
	if fz.tokenReply != nil {
		fz.tokenReply(w, r, n)
		return
	}
	if r.PostForm.Get("grant_type") == "authorization_code" {
		if r.PostForm.Get("code") != testCode || !verified {
			writeJSON(w, 400, `{"reason":"Invalid authorization code.","error":"invalid_request"}`)
			return
		}
	}
	writeJSON(w, 200, goodToken)
}

const goodToken = `{"access_token":"` + testAccess + `","token_type":"bearer","refresh_token":"` + testRefresh +
	`","expires_in":3599,"scope":"meeting:write:meeting cloud_recording:read:list_user_recordings user:read:user","api_url":"https://api.zoom.us"}`

func (fz *fakeZoom) revoke(w http.ResponseWriter, r *http.Request) {
	fz.revokes.Add(1)
	_ = r.ParseForm()
	fz.mu.Lock()
	fz.tokenReqs = append(fz.tokenReqs, tokenReq{Form: r.PostForm, Auth: r.Header.Get("Authorization"), Query: r.URL.RawQuery})
	fz.mu.Unlock()
	writeJSON(w, 200, `{"status":"success"}`)
}

func (fz *fakeZoom) me(w http.ResponseWriter, r *http.Request) {
	n := int(fz.meCalls.Add(1))
	fz.mu.Lock()
	fz.meReqs = append(fz.meReqs, r.Clone(r.Context()))
	fz.mu.Unlock()
	if fz.meReply != nil {
		fz.meReply(w, r, n)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+testAccess {
		writeJSON(w, 401, `{"code":124,"message":"Invalid access token."}`)
		return
	}
	_ = json.NewEncoder(w).Encode(User{ID: "u1", Email: "ada@example.com", DisplayName: "Ada", Type: 2})
}

func (fz *fakeZoom) lastTokenReq() tokenReq {
	fz.mu.Lock()
	defer fz.mu.Unlock()
	if len(fz.tokenReqs) == 0 {
		fz.t.Fatal("no token request recorded")
	}
	return fz.tokenReqs[len(fz.tokenReqs)-1]
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Zm-Trackingid", "v=2.0;clid=us05;rid=TEST123")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}
