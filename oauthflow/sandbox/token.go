package sandbox

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// tokenResponse is Zoom's token endpoint success body.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
	Scope        string `json:"scope"`
	APIURL       string `json:"api_url"`
}

// handleToken serves POST /oauth/token.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
	if err := r.ParseForm(); err != nil {
		tokenErr("Invalid request body.", "invalid_request").write(w)
		return
	}
	if s.Scenario() == ScenarioSlowToken && !s.wait(r) {
		return
	}
	if r.PostForm.Get("grant_type") == "account_credentials" {
		s.lock()
		rep := s.accountTokenLocked(r)
		if err := s.saveLocked(); err != nil {
			rep = saveFailed()
		}
		s.unlock()
		rep.write(w)
		return
	}
	client, ok := s.authClient(r)
	if !ok || s.Scenario() == ScenarioInvalidClient {
		tokenErr(msgInvalidClient, "invalid_client").write(w)
		return
	}
	form := r.PostForm
	s.lock()
	var rep reply
	switch form.Get("grant_type") {
	case "authorization_code":
		rep = s.exchangeLocked(form, client)
	case "refresh_token":
		rep = s.refreshLocked(form, client)
	case DeviceGrantType:
		rep = s.deviceTokenLocked(form, client)
	default:
		rep = tokenErr(msgUnsupported, "unsupported_grant_type")
	}
	s.unlock()
	rep.write(w)
}

// wait holds a slow-token request for TokenDelay; false means the client
// went away or the server is closing, and nothing should be written.
func (s *Server) wait(r *http.Request) bool {
	t := time.NewTimer(s.opts.TokenDelay)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.closing:
		return false
	}
}

// authClient authenticates the caller: the confidential client with a Basic
// header (and no secret in the body), or the public client by client_id in
// the body with no Authorization header and no secret.
func (s *Server) authClient(r *http.Request) (string, bool) {
	form := r.PostForm
	bodyID := form.Get("client_id")
	if r.Header.Get("Authorization") == "" {
		ok := bodyID == s.opts.PublicClientID && !form.Has("client_secret")
		return bodyID, ok
	}
	user, pass, ok := r.BasicAuth()
	if !ok || form.Has("client_secret") {
		return "", false
	}
	// RFC 6749 §2.3.1: the parts are form-encoded before base64.
	if u, err := url.QueryUnescape(user); err == nil {
		user = u
	}
	if p, err := url.QueryUnescape(pass); err == nil {
		pass = p
	}
	idOK := subtle.ConstantTimeCompare([]byte(user), []byte(s.opts.ClientID))
	secretOK := subtle.ConstantTimeCompare([]byte(pass), []byte(s.opts.ClientSecret))
	if idOK&secretOK != 1 || (bodyID != "" && bodyID != user) {
		return "", false
	}
	return user, true
}

// exchangeLocked trades a code for tokens. The code is spent by any attempt
// that names it, whatever the outcome.
func (s *Server) exchangeLocked(form url.Values, client string) reply {
	code := form.Get("code")
	c := s.st.Codes[hashOf(code)]
	if code == "" || c == nil || c.ClientID != client {
		return tokenErr(msgInvalidCode, "invalid_request")
	}
	if c.Used {
		if g := s.st.Grants[c.Grant]; g != nil && g.Ended == "" {
			g.Ended = endRevoked // RFC 6749 §4.1.2: a replayed code revokes its tokens
		}
		if err := s.saveLocked(); err != nil {
			return saveFailed()
		}
		return tokenErr(msgInvalidCode, "invalid_request")
	}
	c.Used = true
	rep := s.checkCodeLocked(c, form)
	if rep == nil {
		g := s.newGrantLocked(c)
		c.Grant = g.ID
		s.stats.Exchanges++
		rep = s.tokensLocked(g)
	}
	if err := s.saveLocked(); err != nil {
		return saveFailed()
	}
	return *rep
}

// checkCodeLocked checks a fresh code's lifetime, redirect URI and PKCE.
func (s *Server) checkCodeLocked(c *codeRec, form url.Values) *reply {
	var rep reply
	switch {
	case !s.opts.Now().Before(c.Expires):
		rep = tokenErr(msgCodeExpired, "invalid_request")
	case s.st.Scenario == ScenarioRedirectMismatch || form.Get("redirect_uri") != c.RedirectURI:
		rep = tokenErr(msgRedirect, "invalid_request")
	case !verifyPKCE(c, form.Get("code_verifier")):
		rep = tokenErr(msgBadVerifier, "invalid_request")
	default:
		return nil
	}
	return &rep
}

// refreshLocked rotates a refresh token.
func (s *Server) refreshLocked(form url.Values, client string) reply {
	rep := s.checkRefreshLocked(form, client)
	if rep.status != http.StatusOK {
		s.stats.FailedRefreshes++
	}
	if err := s.saveLocked(); err != nil {
		return saveFailed()
	}
	return rep
}

// checkRefreshLocked decides a refresh and, on success, rotates.
func (s *Server) checkRefreshLocked(form url.Values, client string) reply {
	tok := form.Get("refresh_token")
	if tok == "" {
		return tokenErr(msgEmptyToken, "invalid_request")
	}
	if s.st.Scenario == ScenarioRateLimit && !s.st.RateLimitedRefresh {
		s.st.RateLimitedRefresh = true
		at := s.opts.Now().Add(s.opts.RetryAfter + time.Second).UTC()
		return reply{status: http.StatusTooManyRequests, body: apiError{Code: 429, Message: msgRateLimit},
			retryAfter: at.Format(http.TimeFormat)}
	}
	_, g := s.lookupLocked(tok, kindRefresh)
	if g != nil && g.ClientID == client && g.Ended == endDisabled {
		return tokenErr(msgDisabled, "invalid_grant")
	}
	if g == nil || g.ClientID != client || g.Ended != "" {
		return tokenErr(msgInvalidToken, "invalid_grant")
	}
	if msg := s.adminEndedLocked(g); msg != "" {
		return tokenErr(msg, "invalid_grant")
	}
	delete(s.st.Tokens, hashOf(tok))
	s.stats.Refreshes++
	return *s.tokensLocked(g)
}

// adminEndedLocked is the 4738 or 4741 message once g has made its first
// API call under ScenarioDisabledByAdmin or ScenarioRevoked, else "".
func (s *Server) adminEndedLocked(g *grant) string {
	if g.APICalls == 0 {
		return ""
	}
	switch s.st.Scenario {
	case ScenarioDisabledByAdmin:
		return msgDisabled
	case ScenarioRevoked:
		return msgRevoked
	}
	return ""
}

// tokensLocked issues a token pair for g and returns the success body.
func (s *Server) tokensLocked(g *grant) *reply {
	access, refresh := s.issueLocked(g)
	return &reply{status: http.StatusOK, body: tokenResponse{
		AccessToken: access, TokenType: "bearer", RefreshToken: refresh,
		ExpiresIn: int(s.opts.AccessTTL / time.Second), Scope: strings.Join(g.Scopes, " "), APIURL: s.URL,
	}}
}

// handleRevoke serves POST /oauth/revoke: the token (access or refresh) and
// every token of its grant stop working.
func (s *Server) handleRevoke(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
	if err := r.ParseForm(); err != nil {
		tokenErr("Invalid request body.", "invalid_request").write(w)
		return
	}
	client, ok := s.authClient(r)
	if !ok {
		tokenErr(msgInvalidClient, "invalid_client").write(w)
		return
	}
	tok := r.PostForm.Get("token")
	if tok == "" {
		tokenErr(msgEmptyToken, "invalid_request").write(w)
		return
	}
	s.lock()
	rep := s.revokeLocked(tok, client)
	s.unlock()
	rep.write(w)
}

// revokeLocked ends the grant of tok if client owns it. An unknown token
// still succeeds (RFC 7009 §2.2).
func (s *Server) revokeLocked(tok, client string) reply {
	_, g := s.lookupLocked(tok, kindAccess)
	if g == nil {
		_, g = s.lookupLocked(tok, kindRefresh)
	}
	if g != nil && g.ClientID != client {
		return tokenErr("Client ID does not match authenticated client.", "invalid_client")
	}
	if g != nil && g.Ended == "" {
		g.Ended = endRevoked
	}
	s.stats.Revokes++
	if err := s.saveLocked(); err != nil {
		return saveFailed()
	}
	return reply{status: http.StatusOK, body: map[string]string{"status": "success"}}
}
