package sandbox_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

func TestPKCE(t *testing.T) {
	s := start(t, sandbox.Options{})
	t.Run("wrong verifier spends the code", func(t *testing.T) {
		a := newAttempt(sandbox.DemoClientID)
		code := approve(t, s, a)
		right := a.pkce.verifier
		a.pkce.verifier = newPKCE().verifier
		wantJSON(t, exchange(t, s, a, code), 400, `{"reason":"Invalid code_verifier.","error":"invalid_request"}`)
		a.pkce.verifier = right
		wantJSON(t, exchange(t, s, a, code), 400, bodyInvalidCode)
	})
	t.Run("missing verifier", func(t *testing.T) {
		a := newAttempt(sandbox.DemoClientID)
		code := approve(t, s, a)
		a.pkce.verifier = ""
		wantJSON(t, exchange(t, s, a, code), 400, `{"reason":"Invalid code_verifier.","error":"invalid_request"}`)
	})
	t.Run("plain when method is absent", func(t *testing.T) {
		a := newAttempt(sandbox.DemoClientID)
		a.pkce.challenge = a.pkce.verifier
		u, _ := url.Parse(a.authURL(s))
		q := u.Query()
		q.Del("code_challenge_method")
		u.RawQuery = q.Encode()
		resp, _ := get(t, s.ApproveURL(u.String()))
		code := callback(t, resp, a).Query().Get("code")
		if r := exchange(t, s, a, code); r.status != 200 {
			t.Errorf("plain PKCE: %d %s", r.status, r.raw)
		}
	})
	t.Run("verifier without a challenge", func(t *testing.T) {
		a := newAttempt(sandbox.DemoClientID)
		u, _ := url.Parse(a.authURL(s))
		q := u.Query()
		q.Del("code_challenge")
		q.Del("code_challenge_method")
		u.RawQuery = q.Encode()
		resp, _ := get(t, s.ApproveURL(u.String()))
		code := callback(t, resp, a).Query().Get("code")
		wantJSON(t, exchange(t, s, a, code), 400, `{"reason":"Invalid code_verifier.","error":"invalid_request"}`)
	})
}

func TestCodeSingleUse(t *testing.T) {
	s := start(t, sandbox.Options{})
	a := newAttempt(sandbox.DemoClientID)
	code := approve(t, s, a)
	first := exchange(t, s, a, code)
	if first.status != 200 {
		t.Fatalf("exchange: %d", first.status)
	}
	wantJSON(t, exchange(t, s, a, code), 400, bodyInvalidCode)
	// RFC 6749 §4.1.2: the replay revokes what the code produced.
	wantJSON(t, me(t, s, first.str("access_token")), 401, bodyAccessInvalid)
	wantJSON(t, refresh(t, s, first.str("refresh_token")), 400, bodyInvalidToken)
	wantJSON(t, exchange(t, s, a, "made-up"), 400, bodyInvalidCode)
	if st := s.Stats(); st.Exchanges != 1 {
		t.Errorf("Exchanges = %d, want 1", st.Exchanges)
	}
}

func TestCodeExpiresAfterFiveMinutes(t *testing.T) {
	c := newClock()
	s := start(t, sandbox.Options{Now: c.Now})
	a := newAttempt(sandbox.DemoClientID)
	code := approve(t, s, a)
	c.Add(sandbox.CodeTTL)
	wantJSON(t, exchange(t, s, a, code), 400, `{"reason":"Code is expired","error":"invalid_request"}`)
	a2 := newAttempt(sandbox.DemoClientID)
	code = approve(t, s, a2)
	c.Add(sandbox.CodeTTL - time.Second)
	if r := exchange(t, s, a2, code); r.status != 200 {
		t.Errorf("code 1s before expiry: %d %s", r.status, r.raw)
	}
}

func TestRefreshRotation(t *testing.T) {
	s := start(t, sandbox.Options{})
	r := connect(t, s)
	next := refresh(t, s, r.str("refresh_token"))
	if next.status != 200 || next.str("refresh_token") == r.str("refresh_token") || next.str("access_token") == r.str("access_token") {
		t.Fatalf("refresh: %d %s", next.status, next.raw)
	}
	if next.str("scope") != r.str("scope") || next.str("token_type") != "bearer" {
		t.Errorf("refresh response: %s", next.raw)
	}
	wantJSON(t, refresh(t, s, r.str("refresh_token")), 400, bodyInvalidToken)
	if s.LatestRefreshToken() != next.str("refresh_token") {
		t.Error("LatestRefreshToken is not the rotated one")
	}
	for _, tok := range []string{r.str("access_token"), next.str("access_token")} {
		if m := me(t, s, tok); m.status != 200 { // earlier access tokens live until they expire
			t.Errorf("users/me: %d %s", m.status, m.raw)
		}
	}
	if third := refresh(t, s, next.str("refresh_token")); third.status != 200 {
		t.Errorf("refresh with the newest token: %d", third.status)
	}
	wantJSON(t, refresh(t, s, r.str("access_token")), 400, bodyInvalidToken)
	pub := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {s.LatestRefreshToken()}, "client_id": {sandbox.DemoPublicClientID}}
	wantJSON(t, post(t, s.URL+"/oauth/token", pub, "", ""), 400, bodyInvalidToken) // another client's token
	wantJSON(t, post(t, s.URL+"/oauth/token", url.Values{"grant_type": {"password"}}, sandbox.DemoClientID, sandbox.DemoClientSecret),
		400, `{"reason":"unsupported grant type","error":"unsupported_grant_type"}`)
	if st := s.Stats(); st.Refreshes != 2 || st.FailedRefreshes != 3 {
		t.Errorf("Stats = %+v, want 2 refreshes and 3 failures", st)
	}
}

func TestRefreshTokenInQueryIsIgnored(t *testing.T) {
	s := start(t, sandbox.Options{})
	r := connect(t, s)
	u := s.URL + "/oauth/token?" + url.Values{"refresh_token": {r.str("refresh_token")}}.Encode()
	wantJSON(t, post(t, u, url.Values{"grant_type": {"refresh_token"}}, sandbox.DemoClientID, sandbox.DemoClientSecret),
		400, `{"reason":"Token cannot be empty.","error":"invalid_request"}`)
}

func TestLatestAuthorizationWins(t *testing.T) {
	s := start(t, sandbox.Options{})
	old := connect(t, s)
	pub := newAttempt(sandbox.DemoPublicClientID) // another client: not affected
	other := exchange(t, s, pub, approve(t, s, pub))
	latest := connect(t, s)
	wantJSON(t, me(t, s, old.str("access_token")), 401, `{"code":4741,"message":"The token has been revoked."}`)
	wantJSON(t, refresh(t, s, old.str("refresh_token")), 400, bodyInvalidToken)
	for _, tok := range []string{latest.str("access_token"), other.str("access_token")} {
		if m := me(t, s, tok); m.status != 200 {
			t.Errorf("users/me with a live grant: %d %s", m.status, m.raw)
		}
	}
}

func TestRevoke(t *testing.T) {
	s := start(t, sandbox.Options{})
	r := connect(t, s)
	rev := url.Values{"token": {r.str("access_token")}}
	if got := post(t, s.URL+"/oauth/revoke", rev, sandbox.DemoClientID, "wrong"); got.status != 400 || got.str("error") != "invalid_client" {
		t.Errorf("revoke with a wrong secret: %d %s", got.status, got.raw)
	}
	if m := me(t, s, r.str("access_token")); m.status != 200 {
		t.Fatalf("a failed revoke revoked: %d", m.status)
	}
	wantJSON(t, post(t, s.URL+"/oauth/revoke", rev, sandbox.DemoClientID, sandbox.DemoClientSecret), 200, `{"status":"success"}`)
	wantJSON(t, me(t, s, r.str("access_token")), 401, bodyAccessInvalid)
	wantJSON(t, refresh(t, s, r.str("refresh_token")), 400, bodyInvalidToken)
	wantJSON(t, post(t, s.URL+"/oauth/revoke", url.Values{"token": {"unknown"}}, sandbox.DemoClientID, sandbox.DemoClientSecret), 200, `{"status":"success"}`)
	wantJSON(t, post(t, s.URL+"/oauth/revoke", url.Values{}, sandbox.DemoClientID, sandbox.DemoClientSecret), 400,
		`{"reason":"Token cannot be empty.","error":"invalid_request"}`)

	pub := newAttempt(sandbox.DemoPublicClientID) // the public client revokes a refresh token
	pr := exchange(t, s, pub, approve(t, s, pub))
	form := url.Values{"token": {pr.str("refresh_token")}, "client_id": {sandbox.DemoPublicClientID}}
	wantJSON(t, post(t, s.URL+"/oauth/revoke", form, "", ""), 200, `{"status":"success"}`)
	wantJSON(t, me(t, s, pr.str("access_token")), 401, bodyAccessInvalid)
	if st := s.Stats(); st.Revokes != 3 {
		t.Errorf("Revokes = %d, want 3", st.Revokes)
	}
}

func TestAccessTokenChecks(t *testing.T) {
	c := newClock()
	s := start(t, sandbox.Options{Now: c.Now})
	r := connect(t, s)
	tok := r.str("access_token")
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/v2/users/me?access_token="+url.QueryEscape(tok), nil)
	wantJSON(t, do(t, req), 401, `{"code":124,"message":"Invalid access token, this access token is not supported as query parameter string."}`)
	wantJSON(t, me(t, s, ""), 401, bodyAccessInvalid)
	wantJSON(t, me(t, s, "not-a-token"), 401, bodyAccessInvalid)
	wantJSON(t, me(t, s, r.str("refresh_token")), 401, bodyAccessInvalid)
	req, _ = http.NewRequest(http.MethodGet, s.URL+"/v2/users/me", nil)
	req.Header.Set("Authorization", "Basic "+tok)
	wantJSON(t, do(t, req), 401, bodyAccessInvalid)
	c.Add(3598 * time.Second)
	if m := me(t, s, tok); m.status != 200 {
		t.Errorf("1s before expiry: %d", m.status)
	}
	c.Add(time.Second)
	wantJSON(t, me(t, s, tok), 401, `{"code":124,"message":"Access token is expired."}`)

	fresh := refresh(t, s, r.str("refresh_token"))
	s.ExpireAccessTokens()
	wantJSON(t, me(t, s, fresh.str("access_token")), 401, `{"code":124,"message":"Access token is expired."}`)
	after := refresh(t, s, fresh.str("refresh_token"))
	if m := me(t, s, after.str("access_token")); m.status != 200 {
		t.Errorf("a token issued after ExpireAccessTokens: %d", m.status)
	}
}

func TestStateFileRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.json")
	a, err := sandbox.New(sandbox.Options{StateFile: path, Scenario: sandbox.ScenarioClassicScopes})
	if err != nil {
		t.Fatal(err)
	}
	first := connect(t, a)
	second := refresh(t, a, first.str("refresh_token"))
	a.Close()

	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("state file: %v, mode %v; want 0600", err, info.Mode().Perm())
	}
	raw, _ := os.ReadFile(path)
	for _, secret := range []string{first.str("access_token"), first.str("refresh_token"), second.str("refresh_token")} {
		if strings.Contains(string(raw), secret) {
			t.Fatal("the state file holds a raw token")
		}
	}
	b := start(t, sandbox.Options{StateFile: path}) // a later process, no scenario given
	if b.Scenario() != sandbox.ScenarioClassicScopes {
		t.Errorf("scenario after restart = %q", b.Scenario())
	}
	if m := me(t, b, second.str("access_token")); m.status != 200 {
		t.Errorf("access token from before the restart: %d %s", m.status, m.raw)
	}
	wantJSON(t, refresh(t, b, first.str("refresh_token")), 400, bodyInvalidToken)
	third := refresh(t, b, second.str("refresh_token"))
	if third.status != 200 || third.str("scope") != "meeting:write recording:read user:read" {
		t.Errorf("refresh after restart: %d %s", third.status, third.raw)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if e.Name() != "sandbox.json" && e.Name() != "sandbox.json.lock" {
			t.Errorf("unexpected file beside the state file: %s", e.Name())
		}
	}
	c := start(t, sandbox.Options{StateFile: path, Scenario: sandbox.ScenarioDeny})
	if c.Scenario() != sandbox.ScenarioDeny {
		t.Errorf("an explicit scenario did not override the saved one")
	}
}

func TestStateFileDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := sandbox.New(sandbox.Options{StateFile: path})
	if err == nil || !strings.Contains(err.Error(), "delete it to start afresh") {
		t.Errorf("damaged state file: %v", err)
	}
}

func TestConcurrentRefreshExactlyOneWins(t *testing.T) {
	s := start(t, sandbox.Options{StateFile: filepath.Join(t.TempDir(), "state.json")})
	rt := connect(t, s).str("refresh_token")
	const rounds, clients = 10, 20
	for round := 1; round <= rounds; round++ {
		results := make([]result, clients)
		var wg sync.WaitGroup
		for i := range clients {
			wg.Go(func() { results[i] = refresh(t, s, rt) })
		}
		wg.Wait()
		var won []string
		for _, r := range results {
			switch {
			case r.status == 200:
				won = append(won, r.str("refresh_token"))
			case r.raw != bodyInvalidToken+"\n":
				t.Fatalf("round %d: loser got %d %q", round, r.status, r.raw)
			}
		}
		if len(won) != 1 || won[0] != s.LatestRefreshToken() {
			t.Fatalf("round %d: %d refreshes succeeded, want exactly 1 returning the latest token", round, len(won))
		}
		rt = won[0]
		if st := s.Stats(); st.Refreshes != round || st.FailedRefreshes != round*(clients-1) {
			t.Fatalf("round %d: Stats = %+v", round, st)
		}
	}
}

func TestTrackingIDOnEveryAnswer(t *testing.T) {
	s := start(t, sandbox.Options{})
	ids := map[string]bool{}
	for _, path := range []string{"/", "/nope", "/oauth/authorize", "/v2/users/me"} {
		resp, err := http.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		id := resp.Header.Get("x-zm-trackingid")
		if id == "" || ids[id] {
			t.Errorf("GET %s: tracking id %q missing or repeated", path, id)
		}
		ids[id] = true
	}
}
