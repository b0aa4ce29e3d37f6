package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
)

// Zoom's error bodies.
type (
	// oauthError is the token endpoint's body: {"reason","error"}.
	oauthError struct {
		Reason string `json:"reason"`
		Error  string `json:"error"`
	}
	// apiError is the REST API's body: {"code","message"}.
	apiError struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
)

// Messages of Zoom's error table (zoom-oauth.md §4).
const (
	msgInvalidToken    = "Invalid Token!"
	msgInvalidClient   = "Invalid client_id or client_secret"
	msgUnsupported     = "unsupported grant type"
	msgRedirect        = "Redirect URI mismatch."
	msgInvalidCode     = "Invalid authorization code."
	msgCodeExpired     = "Code is expired"
	msgBadVerifier     = "Invalid code_verifier."
	msgEmptyToken      = "Token cannot be empty."
	msgDisabled        = "The token is disabled by admin."
	msgRevoked         = "The token has been revoked."
	msgAccessInvalid   = "Invalid access token."
	msgAccessExpired   = "Access token is expired."
	msgAccessQuery     = "Invalid access token, this access token is not supported as query parameter string."
	msgRateLimit       = "You have reached the maximum per-second rate limit for this API. Try again later."
	msgStateSaveFailed = "The sandbox could not save its state file; check the file's directory and permissions."
)

// reply is an answer computed under the lock and written after it.
type reply struct {
	status     int
	body       any
	retryAfter string
}

// write sends r as JSON.
func (r reply) write(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=UTF-8")
	h.Set("Cache-Control", "no-store")
	if r.retryAfter != "" {
		h.Set("Retry-After", r.retryAfter)
		h.Set("X-RateLimit-Category", "Light")
		h.Set("X-RateLimit-Type", "QPS")
	}
	if r.status == http.StatusNoContent {
		h.Del("Content-Type")
		w.WriteHeader(r.status)
		return
	}
	w.WriteHeader(r.status)
	_ = json.NewEncoder(w).Encode(r.body) // the client went away; nothing to do
}

func tokenErr(reason, code string) reply {
	return reply{status: http.StatusBadRequest, body: oauthError{Reason: reason, Error: code}}
}

func apiErr(status, code int, msg string) reply {
	return reply{status: status, body: apiError{Code: code, Message: msg}}
}

// saveFailed is the answer when a change could not be persisted.
func saveFailed() reply {
	return apiErr(http.StatusInternalServerError, 500, msgStateSaveFailed)
}

// routes is the sandbox's handler.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /oauth/authorize", s.handleAuthorize)
	mux.HandleFunc("POST /oauth/authorize/decision", s.handleDecision)
	mux.HandleFunc("POST /oauth/token", s.handleToken)
	mux.HandleFunc("POST /oauth/devicecode", s.handleDeviceCode)
	mux.HandleFunc("GET /oauth/device", s.handleDevicePage)
	mux.HandleFunc("POST /oauth/device/decision", s.handleDeviceDecision)
	mux.HandleFunc("POST /oauth/revoke", s.handleRevoke)
	mux.HandleFunc("GET /v2/users/me", s.handleMe)
	s.userRoutes(mux)
	mux.HandleFunc("GET /v2/users/{userId}", s.admin("user:read:user:admin", s.handleGetUser))
	mux.HandleFunc("GET /v2/groups", s.admin("group:read:list_groups:admin", s.handleListGroups))
	mux.HandleFunc("GET /v2/marketplace/apps", s.admin("marketplace:read:list_apps:admin", s.handleListApps))
	mux.HandleFunc("GET /v2/marketplace/apps/{appId}", s.admin("marketplace:read:app:admin", s.handleGetApp))
	mux.HandleFunc("GET /v2/marketplace/apps/{appId}/requests", s.admin("marketplace:read:app_request:admin", s.handleListRequests))
	mux.HandleFunc("PATCH /v2/marketplace/apps/{appId}/requests", s.admin("marketplace:update:app_request:admin", s.handleUpdateRequests))
	mux.HandleFunc("POST /v2/marketplace/apps/{appId}/preApprove", s.admin("marketplace:write:app_pre_approve:admin", s.handlePreApprove))
	mux.HandleFunc("GET /{$}", s.handleIndex)
	mux.HandleFunc("GET "+InstancePath, s.handleInstance)
	return s.track(mux)
}

// track counts handlers in flight (Close waits for them) and stamps every
// response with an x-zm-trackingid, as Zoom does.
func (s *Server) track(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.life.Lock()
		if s.closed {
			s.life.Unlock()
			http.Error(w, "sandbox is shutting down", http.StatusServiceUnavailable)
			return
		}
		s.inflight.Add(1)
		s.life.Unlock()
		defer s.inflight.Done()
		w.Header().Set("x-zm-trackingid", trackingID())
		next.ServeHTTP(w, r)
	})
}

// trackingID looks like Zoom's: "v=2.0;clid=sandbox;rid=SBX_<hex>".
func trackingID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "v=2.0;clid=sandbox;rid=SBX_" + hex.EncodeToString(b)
}
