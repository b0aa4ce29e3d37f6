package sandbox

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"time"
)

// pendingTTL is how long a rendered consent page can be answered.
const pendingTTL = 10 * time.Minute

// authRequest is a validated authorize request.
type authRequest struct {
	ClientID    string
	RedirectURI string
	State       string
	Challenge   string
	Method      string
	Expires     time.Time // for a pending consent page
}

// authFailure is an authorize request the sandbox refuses with a page (or,
// for 4700, Zoom's JSON body).
type authFailure struct {
	status int
	json   any
	title  string
	text   string
}

// pkceRE matches a code_challenge or code_verifier: 43-128 unreserved
// characters (RFC 7636 §4.1, §4.2).
var pkceRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9._~-]{43,128}$`)
})

// handleAuthorize serves GET /oauth/authorize.
func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	req, fail := s.parseAuthorize(r.URL.Query())
	if fail != nil {
		s.writeFailure(w, fail)
		return
	}
	s.lock()
	s.stats.Authorize++
	scenario := s.st.Scenario
	s.unlock()
	if d := r.URL.Query().Get(ApproveParam); d != "" {
		s.decide(w, r, req, d, "")
		return
	}
	switch {
	case scenario == ScenarioAdminApp:
		s.renderPage(w, http.StatusOK, page{Mode: "admin"})
	case s.blocked(req.ClientID):
		s.renderConsent(w, req, "preapproval")
	default:
		s.renderConsent(w, req, "consent")
	}
}

// decisionRequest is the pre-approval page's button (and an ApproveParam
// value): record a request for the admin.
const decisionRequest = "request_preapproval"

// parseAuthorize checks the request in Zoom's order: client, redirect URI,
// response type, scope, PKCE.
func (s *Server) parseAuthorize(q url.Values) (authRequest, *authFailure) {
	req := authRequest{
		ClientID: q.Get("client_id"), RedirectURI: q.Get("redirect_uri"), State: q.Get("state"),
		Challenge: q.Get("code_challenge"), Method: q.Get("code_challenge_method"),
	}
	switch {
	case !s.knownClient(req.ClientID):
		return req, &authFailure{status: http.StatusBadRequest, title: "Invalid client_id",
			text: "Invalid client_id: " + req.ClientID + " (4,702)"}
	case !validRedirect(req.RedirectURI):
		return req, &authFailure{status: http.StatusBadRequest, json: map[string]any{
			"status": false, "errorCode": 4700, "errorMessage": "Invalid redirect url", "result": nil}}
	case q.Get("response_type") != "code":
		return req, &authFailure{status: http.StatusBadRequest, title: "Invalid response_type",
			text: "Invalid response_type: use response_type=code (4,700)"}
	case q.Has("scope"):
		return req, &authFailure{status: http.StatusBadRequest, title: "Invalid scope",
			text: "Invalid scope. Scopes come from the app's configuration in the Zoom App Marketplace; remove the scope parameter (4,700)"}
	}
	return s.checkPKCE(req)
}

// checkPKCE validates code_challenge and code_challenge_method. Like Zoom,
// an absent method with a challenge means "plain". The public client must
// use PKCE.
func (s *Server) checkPKCE(req authRequest) (authRequest, *authFailure) {
	bad := func(text string) (authRequest, *authFailure) {
		return req, &authFailure{status: http.StatusBadRequest, title: "Invalid PKCE parameters", text: text + " (4,700)"}
	}
	if req.Challenge == "" {
		switch {
		case req.Method != "":
			return bad("code_challenge_method was sent without code_challenge")
		case req.ClientID == s.opts.PublicClientID:
			return bad("A public client must send code_challenge (PKCE)")
		}
		return req, nil
	}
	if req.Method == "" {
		req.Method = "plain"
	}
	switch {
	case req.Method != "S256" && req.Method != "plain":
		return bad("code_challenge_method must be S256 or plain")
	case req.Method == "S256" && len(req.Challenge) != 43, !pkceRE().MatchString(req.Challenge):
		return bad("code_challenge is malformed")
	}
	return req, nil
}

// knownClient reports whether id is one of the sandbox's clients.
func (s *Server) knownClient(id string) bool {
	return id != "" && (id == s.opts.ClientID || id == s.opts.PublicClientID)
}

// validRedirect accepts http://127.0.0.1[:PORT]/callback with an optional
// query and nothing else: the loopback form Zoom matches ignoring the port.
func validRedirect(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.User != nil || u.Fragment != "" || u.Opaque != "" {
		return false
	}
	return u.Hostname() == "127.0.0.1" && u.Path == "/callback" && u.RawPath == ""
}

// handleDecision serves the consent page's form.
func (s *Server) handleDecision(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<14)
	if err := r.ParseForm(); err != nil {
		s.renderPage(w, http.StatusBadRequest, page{Mode: "error", Title: s.t.T("sandboxpage.bad_request"), Text: s.t.T("sandboxpage.bad_form")})
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != s.URL {
		s.renderPage(w, http.StatusForbidden, page{Mode: "error", Title: s.t.T("sandboxpage.forbidden"), Text: s.t.T("sandboxpage.own_page")})
		return
	}
	id := r.PostForm.Get("request_id")
	s.mu.Lock()
	req, ok := s.pending[id]
	delete(s.pending, id)
	s.mu.Unlock()
	if !ok || !s.opts.Now().Before(req.Expires) {
		s.renderPage(w, http.StatusBadRequest, page{Mode: "error", Title: s.t.T("sandboxpage.expired"),
			Text: s.t.T("sandboxpage.expired_text")})
		return
	}
	s.decide(w, r, req, r.PostForm.Get("decision"), r.PostForm.Get("reason"))
}

// decide carries out a consent decision under the current scenario. At the
// pre-approval wall only decisionRequest does something (it records the
// request and says so, with no redirect, like Zoom); anything else shows
// the wall again. A user let through since the wall was shown gets the
// consent page.
func (s *Server) decide(w http.ResponseWriter, r *http.Request, req authRequest, decision, reason string) {
	s.lock()
	s.stats.Consents++
	scenario := s.st.Scenario
	s.unlock()
	switch {
	case scenario == ScenarioAdminApp:
		s.renderPage(w, http.StatusOK, page{Mode: "admin"})
	case s.blocked(req.ClientID) && decision == decisionRequest:
		if err := s.recordRequest(req.ClientID, reason); err != nil {
			s.renderPage(w, http.StatusInternalServerError, page{Mode: "error", Title: s.t.T("sandboxpage.error"), Text: s.t.T("sandboxpage.state_failed")})
			return
		}
		s.renderPage(w, http.StatusOK, page{Mode: "sent", AppName: s.opts.AppName})
	case s.blocked(req.ClientID):
		s.renderConsent(w, req, "preapproval")
	case decision == decisionRequest:
		s.renderConsent(w, req, "consent")
	case scenario == ScenarioDeny || decision == "deny":
		http.Redirect(w, r, callbackURL(req, url.Values{
			"error": {"access_denied"}, "error_description": {"The user denied the authorization request."}}), http.StatusFound)
	case decision == "allow":
		s.allow(w, r, req, scenario)
	default:
		s.renderPage(w, http.StatusBadRequest, page{Mode: "error", Title: s.t.T("sandboxpage.unknown_decision"),
			Text: s.t.T("sandboxpage.choose", "Param", ApproveParam)})
	}
}

// allow issues a code and redirects to the client's callback with it.
func (s *Server) allow(w http.ResponseWriter, r *http.Request, req authRequest, scenario Scenario) {
	code := randomToken()
	rec := &codeRec{
		ClientID: req.ClientID, RedirectURI: req.RedirectURI, Challenge: req.Challenge, Method: req.Method,
		Scopes: scenario.grantedScopes(), UserID: s.opts.User.ID, Expires: s.opts.Now().Add(CodeTTL),
	}
	s.lock()
	s.st.Codes[hashOf(code)] = rec
	err := s.saveLocked()
	s.unlock()
	if err != nil {
		s.renderPage(w, http.StatusInternalServerError, page{Mode: "error", Title: s.t.T("sandboxpage.error"), Text: s.t.T("sandboxpage.state_failed")})
		return
	}
	http.Redirect(w, r, callbackURL(req, url.Values{"code": {code}}), http.StatusFound)
}

// callbackURL is req's redirect URI with add and the state appended.
func callbackURL(req authRequest, add url.Values) string {
	u, _ := url.Parse(req.RedirectURI) // validated by parseAuthorize
	q := u.Query()
	for k, v := range add {
		q[k] = v
	}
	if req.State != "" {
		q.Set("state", req.State)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// renderConsent stores req as pending and shows the consent (or
// pre-approval) page whose form names it.
func (s *Server) renderConsent(w http.ResponseWriter, req authRequest, mode string) {
	id := randomToken()
	req.Expires = s.opts.Now().Add(pendingTTL)
	s.lock()
	now := s.opts.Now()
	for k, p := range s.pending {
		if !now.Before(p.Expires) {
			delete(s.pending, k)
		}
	}
	s.pending[id] = req
	scenario := s.st.Scenario
	s.unlock()
	s.renderPage(w, http.StatusOK, page{
		Mode: mode, AppName: s.opts.AppName, RequestID: id,
		User:   s.opts.User.DisplayName + " <" + s.opts.User.Email + ">",
		Scopes: s.scopeViews(scenario.grantedScopes()),
	})
}

// writeFailure answers a refused authorize request.
func (s *Server) writeFailure(w http.ResponseWriter, f *authFailure) {
	if f.json != nil {
		reply{status: f.status, body: f.json}.write(w)
		return
	}
	s.renderPage(w, f.status, page{Mode: "error", Title: f.title, Text: f.text})
}

// verifyPKCE checks a code_verifier against the code's challenge in
// constant time. A code issued without a challenge accepts no verifier.
func verifyPKCE(c *codeRec, verifier string) bool {
	if c.Challenge == "" {
		return verifier == ""
	}
	if !pkceRE().MatchString(verifier) {
		return false
	}
	got := verifier
	if c.Method == "S256" {
		sum := sha256.Sum256([]byte(verifier))
		got = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(c.Challenge)) == 1
}

// withDecision adds ApproveParam=decision to an authorize URL.
func withDecision(authURL, decision string) string {
	u, err := url.Parse(authURL)
	if err != nil {
		return authURL
	}
	q := u.Query()
	q.Set(ApproveParam, decision)
	u.RawQuery = q.Encode()
	return u.String()
}
