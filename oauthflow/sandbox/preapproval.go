package sandbox

import (
	"slices"
	"strings"
	"time"
	"unicode"
)

// Request states and pre-approval modes of the admin side.
const (
	statusPending  = "pending"
	statusApproved = "approved"
	statusRejected = "rejected"

	modeAll      = "all"      // pre-approved for the whole account
	modeSpecific = "specific" // for the listed users and groups
)

// appRequest is one user's request for an app ("Request pre-approval").
type appRequest struct {
	Reason string    `json:"reason,omitempty"`
	Date   time.Time `json:"date"`
	Status string    `json:"status"`
}

// approval is an app's pre-approval setting.
type approval struct {
	Mode   string    `json:"mode,omitempty"` // "", modeAll or modeSpecific
	Users  []string  `json:"users,omitempty"`
	Groups []string  `json:"groups,omitempty"`
	Time   time.Time `json:"time,omitzero"`
}

// adminToken is one Server-to-Server access token.
type adminToken struct {
	Expires time.Time `json:"expires"`
	Scopes  []string  `json:"scopes"`
}

// maxReasonRunes bounds the reason a user types on the pre-approval page.
const maxReasonRunes = 500

// gated reports whether the consent page shows the pre-approval wall to a
// user the admin has not let through: the preapproval scenario and the
// admin-side error scenarios built on it.
func (sc Scenario) gated() bool {
	switch sc {
	case ScenarioPreapproval, ScenarioFreeAccount, ScenarioAdminMissingScope, ScenarioExpiredPageToken:
		return true
	}
	return false
}

// adminStateLocked makes the admin side's maps and seeds the demo
// account's pending requests once per state file.
func (s *Server) adminStateLocked() {
	st := s.st
	if st.Requests == nil {
		st.Requests = map[string]map[string]*appRequest{}
	}
	if st.Approvals == nil {
		st.Approvals = map[string]*approval{}
	}
	if st.AdminTokens == nil {
		st.AdminTokens = map[string]*adminToken{}
	}
	if !st.Seeded {
		st.Requests[DemoAppID] = seededRequests(s.opts.Now())
		st.Seeded = true
	}
	for _, a := range s.apps() {
		if st.Requests[a.ID] == nil {
			st.Requests[a.ID] = map[string]*appRequest{}
		}
		if st.Approvals[a.ID] == nil {
			st.Approvals[a.ID] = &approval{}
		}
	}
}

// allowedLocked reports whether the admin let userID through for appID: the
// app is pre-approved for everyone, for the user or one of their groups,
// or the user's request was approved.
func (s *Server) allowedLocked(appID, userID string) bool {
	s.adminStateLocked()
	if r := s.st.Requests[appID][userID]; r != nil && r.Status == statusApproved {
		return true
	}
	a := s.st.Approvals[appID]
	switch a.Mode {
	case modeAll:
		return true
	case modeSpecific:
		if slices.Contains(a.Users, userID) {
			return true
		}
		m, _ := s.findMember(userID)
		return slices.ContainsFunc(m.Groups, func(g string) bool { return slices.Contains(a.Groups, g) })
	}
	return false
}

// blocked reports whether the demo user meets the pre-approval wall for
// the app of clientID under the current scenario.
func (s *Server) blocked(clientID string) bool {
	s.lock()
	defer s.unlock()
	return s.st.Scenario.gated() && !s.allowedLocked(s.appOf(clientID), s.opts.User.ID)
}

// appOf is the app a client ID belongs to: both demo clients are DemoAppID.
func (s *Server) appOf(string) string { return DemoAppID }

// recordRequest records the demo user's pending request for the app of
// clientID, as the "Request pre-approval" button does at Zoom. A request
// made again replaces the earlier one (a declined one becomes pending).
func (s *Server) recordRequest(clientID, reason string) error {
	s.lock()
	defer s.unlock()
	s.adminStateLocked()
	s.st.Requests[s.appOf(clientID)][s.opts.User.ID] = &appRequest{
		Reason: cleanReason(reason), Date: s.opts.Now().UTC().Truncate(time.Second), Status: statusPending,
	}
	s.stats.PreapprovalRequests++
	return s.saveLocked()
}

// cleanReason keeps a typed reason printable and short.
func cleanReason(r string) string {
	r = strings.Map(func(c rune) rune {
		if unicode.IsControl(c) {
			return ' '
		}
		return c
	}, r)
	r = strings.Join(strings.Fields(r), " ")
	if runes := []rune(r); len(runes) > maxReasonRunes {
		r = string(runes[:maxReasonRunes])
	}
	return r
}

// changeAccessLocked runs change on appID's requests or pre-approval and
// then ends, as disabled by admin (4738), the live grants of every user
// who was let through before and is not any more: Zoom's answer to tokens
// of an app an admin stopped approving (zoom-oauth.md §6.1).
func (s *Server) changeAccessLocked(appID string, change func()) {
	s.adminStateLocked()
	members := directory(s.opts.User)
	before := make([]bool, len(members))
	for i, m := range members {
		before[i] = m.ID != "" && s.allowedLocked(appID, m.ID)
	}
	change()
	for i, m := range members {
		if before[i] && !s.allowedLocked(appID, m.ID) {
			s.disableGrantsLocked(appID, m.ID)
		}
	}
}

// disableGrantsLocked ends userID's live grants of the app's clients.
func (s *Server) disableGrantsLocked(appID, userID string) {
	for _, g := range s.st.Grants {
		if g.Ended == "" && g.UserID == userID && s.appOf(g.ClientID) == appID {
			g.Ended = endDisabled
		}
	}
}

// setApprovalLocked applies a preApprove action to appID.
func (s *Server) setApprovalLocked(appID, action string, userIDs, groupIDs []string) {
	a := s.st.Approvals[appID]
	add := func(list, ids []string) []string {
		for _, id := range ids {
			if !slices.Contains(list, id) {
				list = append(list, id)
			}
		}
		return list
	}
	remove := func(list, ids []string) []string {
		return slices.DeleteFunc(list, func(id string) bool { return slices.Contains(ids, id) })
	}
	switch action {
	case "approve_all":
		a.Mode = modeAll
	case "disapprove_all":
		*a = approval{}
	case "approve_user":
		a.Mode, a.Users = modeSpecific, add(a.Users, userIDs)
	case "approve_group":
		a.Mode, a.Groups = modeSpecific, add(a.Groups, groupIDs)
	case "disapprove_user":
		a.Users = remove(a.Users, userIDs)
	case "disapprove_group":
		a.Groups = remove(a.Groups, groupIDs)
	}
	a.Time = s.opts.Now().UTC().Truncate(time.Second)
}

// updateRequestsLocked applies a PATCH requests action to appID.
func (s *Server) updateRequestsLocked(appID, action string, ids []string) {
	for uid, r := range s.st.Requests[appID] {
		listed := slices.Contains(ids, uid)
		switch {
		case action == "approve_all" && r.Status == statusPending, action == "approve" && listed && r.Status == statusPending:
			r.Status = statusApproved
		case action == "decline_all", action == "decline" && listed:
			r.Status = statusRejected
		case action == "cancel" && listed && r.Status == statusPending:
			delete(s.st.Requests[appID], uid)
		}
	}
}
