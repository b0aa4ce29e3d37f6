package sandbox

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Messages of the admin side (zoom-marketplace-admin.md §5). Texts the
// reference leaves open are the sandbox's own guesses.
const (
	msgPaidOnly         = "Only available for Paid account."
	msgCannotPreapprove = "User can not pre approve this app"
	msgStatusOff        = "application_pre_approved_status_off"
	msgNoInvitation     = "No valid invitation found for this user."   // guess: the reference has no text
	msgPageToken        = "The next page token is invalid or expired." // guess: Zoom documents none
	msgInvalidField     = "Invalid field."
	msgBadAccount       = "Invalid account_id" // guess
)

// PageTokenTTL is how long a next_page_token works, as at Zoom.
const PageTokenTTL = 15 * time.Minute

// Page sizes of the listings.
const (
	defaultPageSize = 30
	maxPageSize     = 300
	tinyPageSize    = 2 // ScenarioExpiredPageToken, so the few items span pages
)

// accountTokenResponse is the Server-to-Server token answer: no refresh
// token.
type accountTokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Scope       string `json:"scope"`
	APIURL      string `json:"api_url"`
}

// accountTokenLocked answers grant_type=account_credentials: the demo admin
// app, authenticated with a Basic header, for DemoAccountID.
func (s *Server) accountTokenLocked(r *http.Request) reply {
	user, pass, ok := r.BasicAuth()
	if u, err := url.QueryUnescape(user); err == nil {
		user = u
	}
	if p, err := url.QueryUnescape(pass); err == nil {
		pass = p
	}
	idOK := subtle.ConstantTimeCompare([]byte(user), []byte(DemoAdminClientID))
	secretOK := subtle.ConstantTimeCompare([]byte(pass), []byte(DemoAdminClientSecret))
	switch {
	case ok && (user == s.opts.ClientID || user == s.opts.PublicClientID):
		return tokenErr(msgUnsupported, "unsupported_grant_type") // a user app has no account grant
	case !ok || idOK&secretOK != 1 || r.PostForm.Has("client_secret") || s.st.Scenario == ScenarioInvalidClient:
		return tokenErr(msgInvalidClient, "invalid_client")
	case r.PostForm.Get("account_id") != DemoAccountID:
		return tokenErr(msgBadAccount, "invalid_request")
	}
	s.adminStateLocked()
	scopes := AdminScopes()
	if s.st.Scenario == ScenarioAdminMissingScope {
		scopes = slices.DeleteFunc(scopes, func(sc string) bool { return sc == scopeMissingInScenario })
	}
	tok := randomToken()
	s.st.AdminTokens[hashOf(tok)] = &adminToken{Expires: s.opts.Now().Add(s.opts.AccessTTL), Scopes: scopes}
	s.stats.AccountTokens++
	return reply{status: http.StatusOK, body: accountTokenResponse{AccessToken: tok, TokenType: "bearer",
		ExpiresIn: int(s.opts.AccessTTL / time.Second), Scope: strings.Join(scopes, " "), APIURL: s.URL}}
}

// adminCall is one admin API handler: it runs under the lock, after the
// token was checked for scope.
type adminCall func(r *http.Request) reply

// admin serves an admin API endpoint: Bearer token of the demo admin app
// with scope, the rate-limit scenario's one 429, the state saved after.
func (s *Server) admin(scope string, h adminCall) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.lock()
		rep, ok := s.adminAuthLocked(r, scope)
		if ok {
			s.adminStateLocked()
			if rep = h(r); rep.status < 300 {
				s.stats.AdminCalls++
			}
		}
		if err := s.saveLocked(); err != nil {
			rep = saveFailed()
		}
		s.unlock()
		rep.write(w)
	}
}

// adminAuthLocked checks the call's token: an unexpired admin token with
// scope. A user's token gets 4711, as it lacks every admin scope.
func (s *Server) adminAuthLocked(r *http.Request, scope string) (reply, bool) {
	if r.URL.Query().Has("access_token") {
		return apiErr(http.StatusUnauthorized, 124, msgAccessQuery), false
	}
	tok := bearer(r.Header.Get("Authorization"))
	missing := apiErr(http.StatusBadRequest, 4711,
		"Invalid access token, does not contain scopes:["+scope+", "+classicScope(scope)+"].")
	s.adminStateLocked()
	at := s.st.AdminTokens[hashOf(tok)]
	switch {
	case tok == "":
		return apiErr(http.StatusUnauthorized, 124, msgAccessInvalid), false
	case at == nil:
		if _, g := s.lookupLocked(tok, kindAccess); g != nil {
			return missing, false
		}
		return apiErr(http.StatusUnauthorized, 124, msgAccessInvalid), false
	case !s.opts.Now().Before(at.Expires):
		return apiErr(http.StatusUnauthorized, 124, msgAccessExpired), false
	case !slices.Contains(at.Scopes, scope):
		return missing, false
	case s.st.Scenario == ScenarioRateLimit && !s.st.RateLimitedAdmin:
		s.st.RateLimitedAdmin = true
		return reply{status: http.StatusTooManyRequests, body: apiError{Code: 429, Message: msgRateLimit},
			retryAfter: strconv.Itoa(int(s.opts.RetryAfter.Seconds() + 0.999))}, false
	}
	return reply{}, true
}

// pageCursor is where a next_page_token continues a listing.
type pageCursor struct {
	list   string // the listing and its filters
	offset int
	issued time.Time
}

// pageLocked picks the page of a listing of n items that r asks for: its
// bounds and the next_page_token ("" on the last page), or a refusal of
// the page token.
func (s *Server) pageLocked(r *http.Request, list string, n int) (start, end int, next string, size int, fail *reply) {
	q := r.URL.Query()
	size = defaultPageSize
	if v, err := strconv.Atoi(q.Get("page_size")); err == nil && v > 0 {
		size = min(v, maxPageSize)
	}
	if s.st.Scenario == ScenarioExpiredPageToken {
		size = min(size, tinyPageSize)
	}
	if tok := q.Get("next_page_token"); tok != "" {
		c, ok := s.pageTokens[tok]
		refuse := s.st.Scenario == ScenarioExpiredPageToken && !s.st.PageTokenRefused
		if !ok || c.list != list || !s.opts.Now().Before(c.issued.Add(PageTokenTTL)) || refuse {
			s.st.PageTokenRefused = s.st.PageTokenRefused || refuse
			rep := apiErr(http.StatusBadRequest, 300, msgPageToken)
			return 0, 0, "", size, &rep
		}
		delete(s.pageTokens, tok)
		start = min(c.offset, n)
	}
	end = min(start+size, n)
	if end < n {
		next = randomToken()[:32]
		s.pageTokens[next] = pageCursor{list: list, offset: end, issued: s.opts.Now()}
	}
	return start, end, next, size, nil
}

// handleListApps serves GET /v2/marketplace/apps?type=.
func (s *Server) handleListApps(r *http.Request) reply {
	typ := r.URL.Query().Get("type")
	if typ == "" {
		typ = "active_requests"
	}
	if !knownAppListType(typ) {
		return apiErr(http.StatusBadRequest, 300, msgInvalidField)
	}
	var items []map[string]any
	for _, a := range s.apps() {
		if item, ok := s.appItemLocked(a, typ); ok {
			items = append(items, item)
		}
	}
	start, end, next, size, fail := s.pageLocked(r, "apps:"+typ, len(items))
	if fail != nil {
		return *fail
	}
	return reply{status: http.StatusOK, body: map[string]any{"next_page_token": next, "page_size": size, "apps": nonNil(items[start:end])}}
}

func knownAppListType(t string) bool {
	switch t {
	case "active_requests", "past_requests", "public", "account_created", "account_added", "approved_apps", "restricted_apps":
		return true
	}
	return false
}

// appItemLocked is app a as a listing of type typ shows it, and whether it
// belongs in that listing.
func (s *Server) appItemLocked(a sandboxApp, typ string) (map[string]any, bool) {
	counts := map[string]int{}
	var latest time.Time
	for _, r := range s.st.Requests[a.ID] {
		counts[r.Status]++
		if r.Status == statusPending && r.Date.After(latest) {
			latest = r.Date
		}
	}
	total := counts[statusPending] + counts[statusApproved] + counts[statusRejected]
	item := map[string]any{"app_id": a.ID, "app_name": a.Name, "app_type": "GeneralApp", "app_usage": a.Usage,
		"app_status": "PUBLISHED", "app_developer_type": "INTERNAL", "request_total_number": total,
		"request_pending_number": counts[statusPending]}
	ap := s.st.Approvals[a.ID]
	switch typ {
	case "active_requests":
		item["latest_request_date_time"] = latest.UTC().Format(time.RFC3339)
		return item, counts[statusPending] > 0
	case "past_requests":
		item["request_approved_number"], item["request_declined_number"] = counts[statusApproved], counts[statusRejected]
		item["reviewer_name"] = "Ana Admin"
		return item, counts[statusApproved]+counts[statusRejected] > 0
	case "account_created":
		return item, true
	case "approved_apps":
		kind := "forSpecificUser"
		if ap.Mode == modeAll {
			kind = "forAllUser"
		}
		item["approval_info"] = map[string]any{"approved_type": kind, "approver_id": "sbxUsr0AnaAdmin0000001",
			"approved_time": ap.Time.Format(time.RFC3339), "app_approval_closed": false}
		return item, ap.Mode != ""
	}
	return nil, false // public, account_added, restricted_apps: none in the sandbox
}

// nonNil keeps an empty list a JSON [] rather than null.
func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

// appLocked finds the app of the path's {appId}, or Zoom's 1401 answer.
func (s *Server) appLocked(r *http.Request, capital bool) (sandboxApp, *reply) {
	id := r.PathValue("appId")
	a, ok := s.findApp(id)
	if !ok {
		prefix := "App ID"
		if capital {
			prefix = "APP ID" // Get app info's wording
		}
		rep := apiErr(http.StatusNotFound, 1401, prefix+" does not exist: "+id)
		return a, &rep
	}
	return a, nil
}

// handleGetApp serves GET /v2/marketplace/apps/{appId}.
func (s *Server) handleGetApp(r *http.Request) reply {
	a, fail := s.appLocked(r, true)
	if fail != nil {
		return *fail
	}
	role := "user"
	if a.Usage == 1 {
		role = "admin"
	}
	return reply{status: http.StatusOK, body: map[string]any{
		"app_id": a.ID, "app_name": a.Name, "app_description": "A sandbox app of the zoomconnect demo account.",
		"app_type": "OAuthApp", "app_usage": a.Usage, "app_status": "PUBLISHED",
		"app_requirements": map[string]any{"user_role": role}, "app_scopes": Scenario("").grantedScopes(),
	}}
}

// handleListRequests serves GET /v2/marketplace/apps/{appId}/requests.
func (s *Server) handleListRequests(r *http.Request) reply {
	a, fail := s.appLocked(r, false)
	if fail != nil {
		return *fail
	}
	status := r.URL.Query().Get("status")
	if status == "" {
		status = statusPending
	}
	if status != statusPending && status != statusApproved && status != statusRejected {
		return apiErr(http.StatusBadRequest, 300, msgInvalidField)
	}
	var items []map[string]any
	for _, uid := range s.requestOrderLocked(a.ID) {
		req := s.st.Requests[a.ID][uid]
		if req.Status != status {
			continue
		}
		m, _ := s.findMember(uid)
		items = append(items, map[string]any{"request_user_id": uid, "request_user_name": m.DisplayName,
			"request_user_email": m.Email, "request_user_department": m.Dept,
			"request_date_time": req.Date.UTC().Format(time.RFC3339), "reason": req.Reason, "status": req.Status})
	}
	start, end, next, size, pfail := s.pageLocked(r, "requests:"+a.ID+":"+status, len(items))
	if pfail != nil {
		return *pfail
	}
	return reply{status: http.StatusOK, body: map[string]any{"next_page_token": next, "page_size": size, "requests": nonNil(items[start:end])}}
}

// requestOrderLocked is an app's requesters, oldest request first.
func (s *Server) requestOrderLocked(appID string) []string {
	reqs := s.st.Requests[appID]
	ids := make([]string, 0, len(reqs))
	for id := range reqs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := reqs[ids[i]], reqs[ids[j]]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return ids[i] < ids[j]
	})
	return ids
}

// readBody decodes a JSON body strictly: an unknown field is Zoom's
// validation error, which catches a client that sends what Zoom ignores.
func readBody(r *http.Request, v any) *reply {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		rep := apiErr(http.StatusBadRequest, 300, msgInvalidField)
		return &rep
	}
	return nil
}

// handleUpdateRequests serves PATCH /v2/marketplace/apps/{appId}/requests.
func (s *Server) handleUpdateRequests(r *http.Request) reply {
	a, fail := s.appLocked(r, false)
	if fail != nil {
		return *fail
	}
	var body struct {
		Action string   `json:"action"`
		IDs    []string `json:"request_user_ids"`
	}
	if fail := readBody(r, &body); fail != nil {
		return *fail
	}
	switch body.Action {
	case "approve", "decline", "cancel":
		if len(body.IDs) == 0 {
			return validation("request_user_ids", "must not be empty for "+body.Action)
		}
	case "approve_all", "decline_all":
	default:
		return validation("action", "must be one of approve, approve_all, decline, decline_all, cancel")
	}
	s.changeAccessLocked(a.ID, func() { s.updateRequestsLocked(a.ID, body.Action, body.IDs) })
	return reply{status: http.StatusNoContent}
}

// validation is Zoom's validation error body (code 300 with errors[]).
func validation(field, msg string) reply {
	return reply{status: http.StatusBadRequest, body: map[string]any{"code": 300, "message": "Validation Failed.",
		"errors": []map[string]string{{"field": field, "message": msg}}}}
}

// handlePreApprove serves POST /v2/marketplace/apps/{appId}/preApprove.
func (s *Server) handlePreApprove(r *http.Request) reply {
	a, fail := s.appLocked(r, false)
	if fail != nil {
		return *fail
	}
	var body struct {
		Action   string   `json:"action"`
		UserIDs  []string `json:"user_ids"`
		GroupIDs []string `json:"group_ids"`
	}
	if fail := readBody(r, &body); fail != nil {
		return *fail
	}
	switch {
	case a.Usage == 1:
		return apiErr(http.StatusBadRequest, 1500, msgCannotPreapprove)
	case s.st.Scenario == ScenarioPreapprovalOff:
		return apiErr(http.StatusBadRequest, 1404, msgStatusOff)
	}
	if rep, ok := s.checkPreApproveLocked(body.Action, body.UserIDs, body.GroupIDs); !ok {
		return rep
	}
	s.changeAccessLocked(a.ID, func() { s.setApprovalLocked(a.ID, body.Action, body.UserIDs, body.GroupIDs) })
	users, groups := []string{}, []string{}
	if strings.HasSuffix(body.Action, "_user") {
		users = body.UserIDs
	}
	if strings.HasSuffix(body.Action, "_group") {
		groups = body.GroupIDs
	}
	return reply{status: http.StatusCreated, body: map[string]any{
		"executed_at": s.opts.Now().UTC().Format(time.RFC3339), "user_ids": users, "group_ids": groups}}
}

// checkPreApproveLocked validates a preApprove body: the action, at most 20
// IDs of the kind the action takes and none of the other, known IDs (an
// email is not an ID: 1001).
func (s *Server) checkPreApproveLocked(action string, userIDs, groupIDs []string) (reply, bool) {
	switch action {
	case "approve_all", "disapprove_all":
		if len(userIDs)+len(groupIDs) > 0 {
			return validation("action", action+" takes no user_ids or group_ids"), false
		}
	case "approve_user", "disapprove_user":
		if len(groupIDs) > 0 || len(userIDs) > 20 {
			return validation("user_ids", "at most 20 user IDs, and no group_ids"), false
		}
		for _, id := range userIDs {
			if m, ok := s.findMember(id); !ok || m.ID != id {
				return apiErr(http.StatusNotFound, 1001, "User does not exist: "+id+"."), false
			}
		}
	case "approve_group", "disapprove_group":
		if len(userIDs) > 0 || len(groupIDs) > 20 {
			return validation("group_ids", "at most 20 group IDs, and no user_ids"), false
		}
		for _, id := range groupIDs {
			if !slices.ContainsFunc(directoryGroups(), func(g group) bool { return g.ID == id }) {
				return apiErr(http.StatusNotFound, 4130, "A group with this "+id+" does not exist."), false
			}
		}
	default:
		return validation("action", "must be one of approve_user, disapprove_user, approve_group, disapprove_group, approve_all, disapprove_all"), false
	}
	return reply{}, true
}

// handleGetUser serves GET /v2/users/{userId} (an ID or an email).
func (s *Server) handleGetUser(r *http.Request) reply {
	id := r.PathValue("userId")
	m, ok := s.findMember(id)
	switch {
	case !ok:
		return apiErr(http.StatusNotFound, 1001, "User does not exist: "+id+".")
	case m.Invited:
		return apiErr(http.StatusBadRequest, 1120, msgNoInvitation)
	}
	u := map[string]any{"email": m.Email, "first_name": m.FirstName, "last_name": m.LastName,
		"display_name": m.DisplayName, "type": m.Type, "role_name": m.RoleName, "dept": m.Dept,
		"status": m.Status, "account_id": DemoAccountID, "group_ids": nonNil(m.Groups), "timezone": m.Timezone}
	if m.ID != "" {
		u["id"] = m.ID
	}
	return reply{status: http.StatusOK, body: u}
}

// handleListGroups serves GET /v2/groups.
func (s *Server) handleListGroups(r *http.Request) reply {
	if s.st.Scenario == ScenarioFreeAccount {
		return apiErr(http.StatusBadRequest, 200, msgPaidOnly)
	}
	all := directoryGroups()
	start, end, next, size, fail := s.pageLocked(r, "groups", len(all))
	if fail != nil {
		return *fail
	}
	items := make([]map[string]any, 0, end-start)
	for _, g := range all[start:end] {
		n := 0
		for _, m := range directory(s.opts.User) {
			if slices.Contains(m.Groups, g.ID) {
				n++
			}
		}
		items = append(items, map[string]any{"id": g.ID, "name": g.Name, "total_members": n})
	}
	return reply{status: http.StatusOK, body: map[string]any{"total_records": len(all), "next_page_token": next,
		"page_size": size, "groups": items}}
}
