package sandbox

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// handleMe serves GET /v2/users/me.
func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Has("access_token") {
		apiErr(http.StatusUnauthorized, 124, msgAccessQuery).write(w)
		return
	}
	tok := bearer(r.Header.Get("Authorization"))
	s.lock()
	rep := s.meLocked(tok)
	s.unlock()
	rep.write(w)
}

// meLocked authorizes an API call with tok and returns the demo user.
func (s *Server) meLocked(tok string) reply {
	return s.userCallLocked(tok, meScopes(), func(*grant) reply {
		s.stats.Me++
		return reply{status: http.StatusOK, body: s.opts.User}
	})
}

// userCallLocked runs a user API call made with tok: Zoom's 401 for a token
// it does not accept, 4711 naming two of scopes when the token has none of
// them, the rate-limit scenario's first 429 (shared by every user API
// call), else ok's answer, counted as a successful call of the grant.
func (s *Server) userCallLocked(tok string, scopes []string, ok func(g *grant) reply) reply {
	if rep, pass := s.checkAccessLocked(tok); !pass {
		return rep
	}
	_, g := s.lookupLocked(tok, kindAccess)
	if !slices.ContainsFunc(scopes, func(sc string) bool { return slices.Contains(g.Scopes, sc) }) {
		return apiErr(http.StatusBadRequest, 4711,
			"Invalid access token, does not contain scopes:["+strings.Join(scopes[:2], ", ")+"].")
	}
	if s.st.Scenario == ScenarioRateLimit && !s.st.RateLimitedAPI {
		s.st.RateLimitedAPI = true
		if err := s.saveLocked(); err != nil {
			return saveFailed()
		}
		return reply{status: http.StatusTooManyRequests, body: apiError{Code: 429, Message: msgRateLimit},
			retryAfter: strconv.Itoa(int(s.opts.RetryAfter.Seconds() + 0.999))}
	}
	rep := ok(g)
	if rep.status >= 200 && rep.status < 300 {
		g.APICalls++
	}
	if err := s.saveLocked(); err != nil {
		return saveFailed()
	}
	return rep
}

// userAPI serves a user API call that needs one of scopes.
func (s *Server) userAPI(scopes []string, h func(r *http.Request, g *grant) reply) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("access_token") {
			apiErr(http.StatusUnauthorized, 124, msgAccessQuery).write(w)
			return
		}
		tok := bearer(r.Header.Get("Authorization"))
		s.lock()
		rep := s.userCallLocked(tok, scopes, func(g *grant) reply { return h(r, g) })
		s.unlock()
		rep.write(w)
	}
}

// checkAccessLocked validates an access token for an API call, giving
// Zoom's 401 answer when it does not pass.
func (s *Server) checkAccessLocked(tok string) (reply, bool) {
	t, g := s.lookupLocked(tok, kindAccess)
	switch {
	case g == nil || g.Ended == endRevoked:
		return apiErr(http.StatusUnauthorized, 124, msgAccessInvalid), false
	case g.Ended == endSuperseded:
		return apiErr(http.StatusUnauthorized, 4741, msgRevoked), false
	case g.Ended == endDisabled:
		return apiErr(http.StatusUnauthorized, 4738, msgDisabled), false
	}
	switch s.adminEndedLocked(g) {
	case msgDisabled:
		return apiErr(http.StatusUnauthorized, 4738, msgDisabled), false
	case msgRevoked:
		return apiErr(http.StatusUnauthorized, 4741, msgRevoked), false
	}
	if !s.opts.Now().Before(t.Expires) {
		return apiErr(http.StatusUnauthorized, 124, msgAccessExpired), false
	}
	return reply{}, true
}

// bearer extracts the token of an "Authorization: Bearer TOKEN" header.
func bearer(h string) string {
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(tok)
}
