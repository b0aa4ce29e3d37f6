package sandbox

import (
	"strings"
	"time"
)

// The demo account's admin side: public, fixed values, like the Demo*
// credentials of the user app.
const (
	// DemoAccountID is the demo account's ID: DemoUser's account, and the
	// account_id the demo Server-to-Server app gets tokens for.
	DemoAccountID = "sbxAcct0DemoAccount001"
	// DemoAdminClientID and DemoAdminClientSecret are the demo admin's
	// Server-to-Server OAuth app (grant_type=account_credentials).
	DemoAdminClientID     = "zcSandboxAdminS2S01"
	DemoAdminClientSecret = "zcSandboxAdminSecret-not-a-real-secret"
	// DemoAppID is the Marketplace app ID of the demo user app (both its
	// client IDs): the app people request and admins pre-approve.
	DemoAppID = "zcSbxDemoUserApp000001"
	// DemoAdminOnlyAppID is an admin-managed app of the account: it has no
	// user requests and preApprove refuses it with 1500.
	DemoAdminOnlyAppID   = "zcSbxAdminOnlyApp00001"
	DemoAdminOnlyAppName = "zoomconnect Sandbox Admin Tool"
	// DemoGroup is the group DemoUser belongs to.
	DemoGroup = "Engineering"
	// DemoAmbiguousGroup names two groups, to exercise ambiguity.
	DemoAmbiguousGroup = "Marketing"
	// DemoPendingEmail is an invited user with no ID yet (status pending).
	DemoPendingEmail = "pat.pending@example.com"
	// DemoInvitedEmail is an invited user Zoom answers 1120 for.
	DemoInvitedEmail = "ivy.invited@example.com"
)

// AdminScopes are the granular scopes of the demo admin app's tokens: the
// minimum set for the admin commands (zoom-marketplace-admin.md §4).
func AdminScopes() []string {
	return []string{
		"marketplace:read:app_request:admin",
		"marketplace:update:app_request:admin",
		"marketplace:write:app_pre_approve:admin",
		"marketplace:read:app:admin",
		"marketplace:read:list_apps:admin",
		"user:read:user:admin",
		"group:read:list_groups:admin",
	}
}

// scopeMissingInScenario is the scope ScenarioAdminMissingScope leaves out.
const scopeMissingInScenario = "marketplace:write:app_pre_approve:admin"

// classicScope is the classic scope Zoom also accepts for each granular
// admin scope, named next to it in a 4711 message.
func classicScope(granular string) string {
	switch {
	case strings.HasPrefix(granular, "marketplace:read:"):
		return "marketplace_app:read:admin"
	case strings.HasPrefix(granular, "marketplace:"):
		return "marketplace_app:write:admin"
	case strings.HasPrefix(granular, "user:"):
		return "user:read:admin"
	}
	return "group:read:admin"
}

// member is one user of the demo account's directory.
type member struct {
	User
	Dept    string
	Groups  []string // group IDs
	Invited bool     // GET /users answers 1120
}

// group is one group of the demo account.
type group struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Group IDs of the directory.
const (
	groupEngineering = "sbxGrp0Engineering0001"
	groupMarketingA  = "sbxGrp0MarketingEMEA01"
	groupMarketingB  = "sbxGrp0MarketingAMER01"
	groupSupport     = "sbxGrp0Support00000001"
)

// directoryGroups are the demo account's groups; DemoAmbiguousGroup twice.
func directoryGroups() []group {
	return []group{
		{groupEngineering, DemoGroup}, {groupMarketingA, DemoAmbiguousGroup},
		{groupMarketingB, DemoAmbiguousGroup}, {groupSupport, "Support"},
	}
}

// directory is the demo account's users: the authorizing user u first.
func directory(u User) []member {
	acct := func(id, email, first, last, role string) User {
		return User{ID: id, Email: email, FirstName: first, LastName: last, DisplayName: first + " " + last,
			Type: 2, RoleName: role, AccountID: DemoAccountID, Status: "active", Timezone: "Europe/Paris"}
	}
	pending := acct("", DemoPendingEmail, "Pat", "Pending", "Member")
	pending.Status = "pending"
	return []member{
		{User: u, Dept: "Engineering", Groups: []string{groupEngineering}},
		{User: acct("sbxUsr0AnaAdmin0000001", "ana.admin@example.com", "Ana", "Admin", "Owner"), Dept: "IT"},
		{User: acct("sbxUsr0DeeDeveloper001", "dee.dev@example.com", "Dee", "Developer", "Member"), Dept: "Engineering",
			Groups: []string{groupEngineering}},
		{User: acct("sbxUsr0MoMarketing0001", "mo.marketing@example.com", "Mo", "Marketing", "Member"), Dept: "Marketing",
			Groups: []string{groupMarketingA}},
		{User: acct("sbxUsr0MaxMarket000001", "max.market@example.com", "Max", "Market", "Member"), Dept: "Marketing",
			Groups: []string{groupMarketingB}},
		{User: pending, Dept: "Support"},
		{User: acct("", DemoInvitedEmail, "Ivy", "Invited", "Member"), Invited: true},
	}
}

// findMember finds a user by ID or email (case ignored).
func (s *Server) findMember(idOrEmail string) (member, bool) {
	for _, m := range directory(s.opts.User) {
		if (m.ID != "" && m.ID == idOrEmail) || strings.EqualFold(m.Email, idOrEmail) {
			return m, true
		}
	}
	return member{}, false
}

// sandboxApp is one Marketplace app of the demo account.
type sandboxApp struct {
	ID, Name string
	Usage    int // 1 admin-managed, 2 user-managed
}

// apps are the account's apps: the demo user app and an admin-managed one.
func (s *Server) apps() []sandboxApp {
	return []sandboxApp{{DemoAppID, s.opts.AppName, 2}, {DemoAdminOnlyAppID, DemoAdminOnlyAppName, 1}}
}

// findApp finds an app by ID.
func (s *Server) findApp(id string) (sandboxApp, bool) {
	for _, a := range s.apps() {
		if a.ID == id {
			return a, true
		}
	}
	return sandboxApp{}, false
}

// seededRequests are the pending requests the demo account starts with, so
// that a listing has more than the demo user's own request.
func seededRequests(now time.Time) map[string]*appRequest {
	return map[string]*appRequest{
		"sbxUsr0DeeDeveloper001": {Reason: "For the sprint demo recordings", Date: now.Add(-26 * time.Hour), Status: statusPending},
		"sbxUsr0MoMarketing0001": {Reason: "", Date: now.Add(-3 * time.Hour), Status: statusPending},
	}
}
