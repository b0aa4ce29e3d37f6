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
	if rep, ok := s.checkAccessLocked(tok); !ok {
		return rep
	}
	_, g := s.lookupLocked(tok, kindAccess)
	if !slices.ContainsFunc(meScopes(), func(sc string) bool { return slices.Contains(g.Scopes, sc) }) {
		return apiErr(http.StatusBadRequest, 4711,
			"Invalid access token, does not contain scopes:["+strings.Join(meScopes()[:2], ", ")+"].")
	}
	if s.st.Scenario == ScenarioRateLimit && !s.st.RateLimitedAPI {
		s.st.RateLimitedAPI = true
		if err := s.saveLocked(); err != nil {
			return saveFailed()
		}
		return reply{status: http.StatusTooManyRequests, body: apiError{Code: 429, Message: msgRateLimit},
			retryAfter: strconv.Itoa(int(s.opts.RetryAfter.Seconds() + 0.999))}
	}
	g.APICalls++
	s.stats.Me++
	if err := s.saveLocked(); err != nil {
		return saveFailed()
	}
	return reply{status: http.StatusOK, body: s.opts.User}
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
