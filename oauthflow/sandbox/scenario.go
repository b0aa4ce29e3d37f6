package sandbox

import (
	"fmt"
	"strings"
)

// Scenario selects how the sandbox answers, so that every path a real Zoom
// account can take (consent, denial, pre-approval, a later 4738 or 4741, a
// rate limit ...) can be shown to a person and tested. The zero value means
// ScenarioApprove.
type Scenario string

// The scenarios. Their one-line descriptions come from [Scenarios].
const (
	ScenarioApprove          Scenario = "approve"
	ScenarioDeny             Scenario = "deny"
	ScenarioPreapproval      Scenario = "preapproval"
	ScenarioAdminApp         Scenario = "admin-app"
	ScenarioMissingScopes    Scenario = "missing-scopes"
	ScenarioInvalidClient    Scenario = "invalid-client"
	ScenarioRedirectMismatch Scenario = "redirect-mismatch"
	ScenarioDisabledByAdmin  Scenario = "disabled-by-admin"
	ScenarioRevoked          Scenario = "revoked"
	ScenarioRateLimit        Scenario = "rate-limit"
	ScenarioClassicScopes    Scenario = "classic-scopes"
	ScenarioAdminScopes      Scenario = "admin-scopes"
	ScenarioSlowToken        Scenario = "slow-token"

	// Account-wide errors of the admin side. The consent page is gated as
	// in ScenarioPreapproval, except under ScenarioPreapprovalOff.
	ScenarioPreapprovalOff    Scenario = "preapproval-off"
	ScenarioFreeAccount       Scenario = "free-account"
	ScenarioAdminMissingScope Scenario = "admin-missing-scope"
	ScenarioExpiredPageToken  Scenario = "expired-page-token"
)

// ScenarioInfo names a scenario and says in one line what it does, for
// --sandbox-scenario help and validation.
type ScenarioInfo struct {
	Name    Scenario
	Summary string
}

// Scenarios lists every scenario in a stable order, ScenarioApprove first.
// The slice is new on each call; callers may modify it.
func Scenarios() []ScenarioInfo {
	return []ScenarioInfo{
		{ScenarioApprove, "the consent page grants every scope (default)"},
		{ScenarioDeny, "every consent decision redirects back with error=access_denied"},
		{ScenarioPreapproval, `the page shows "Request pre-approval" instead of Allow and never redirects, until an admin lets the user through (approves the request, or pre-approves the user, a group of theirs or everyone)`},
		{ScenarioAdminApp, `the page says "An account admin is required to install this type of app" and never redirects`},
		{ScenarioMissingScopes, "consent grants only user:read:user"},
		{ScenarioInvalidClient, "the token endpoint answers invalid_client (wrong client ID or secret)"},
		{ScenarioRedirectMismatch, `the code exchange fails with 4709 "Redirect URI mismatch."`},
		{ScenarioDisabledByAdmin, `after the first users/me, every refresh and API call fails with 4738 "The token is disabled by admin."`},
		{ScenarioRevoked, `after the first users/me, every refresh and API call fails with 4741 "The token has been revoked."`},
		{ScenarioRateLimit, "the first API call, the first admin API call and the first refresh get 429 with Retry-After, then succeed"},
		{ScenarioClassicScopes, "consent grants classic scopes: meeting:write recording:read user:read"},
		{ScenarioAdminScopes, "consent grants the account-wide :admin variants of the scopes"},
		{ScenarioSlowToken, "the token endpoint answers only after a delay (" + DefaultTokenDelay.String() + " by default)"},
		{ScenarioPreapprovalOff, `the account does not require pre-approval: consent shows Allow, and preApprove answers 1404 "application_pre_approved_status_off"`},
		{ScenarioFreeAccount, `a Free account: GET /groups answers 400 code 200 "Only available for Paid account." (consent gated as in preapproval)`},
		{ScenarioAdminMissingScope, "the admin app's token lacks " + scopeMissingInScenario + ": preApprove answers 4711 naming it (consent gated as in preapproval)"},
		{ScenarioExpiredPageToken, "listings come 2 to a page and the first next_page_token sent is refused as expired, once (consent gated as in preapproval)"},
	}
}

// ParseScenario turns a --sandbox-scenario value into a Scenario. Case and
// surrounding space are ignored and "" means ScenarioApprove. An unknown name
// gives an error that lists the valid names.
func ParseScenario(name string) (Scenario, error) {
	want := Scenario(strings.ToLower(strings.TrimSpace(name)))
	if want == "" {
		return ScenarioApprove, nil
	}
	names := make([]string, 0, 16)
	for _, info := range Scenarios() {
		if info.Name == want {
			return want, nil
		}
		names = append(names, string(info.Name))
	}
	return "", fmt.Errorf("unknown sandbox scenario %q: use one of %s", name, strings.Join(names, ", "))
}

// String returns the scenario's name.
func (s Scenario) String() string { return string(s) }

// valid reports whether s is one of the named scenarios.
func (s Scenario) valid() bool {
	for _, info := range Scenarios() {
		if info.Name == s {
			return true
		}
	}
	return false
}

// Scope sets granted by the consent page.
const (
	granularScopes = "meeting:write:meeting cloud_recording:read:list_user_recordings user:read:user"
	subsetScopes   = "user:read:user"
	classicScopes  = "meeting:write recording:read user:read"
	adminScopes    = "meeting:write:meeting:admin cloud_recording:read:list_user_recordings:admin user:read:user:admin"
)

// grantedScopes returns the scopes consent grants under s.
func (s Scenario) grantedScopes() []string {
	switch s {
	case ScenarioMissingScopes:
		return strings.Fields(subsetScopes)
	case ScenarioClassicScopes:
		return strings.Fields(classicScopes)
	case ScenarioAdminScopes:
		return strings.Fields(adminScopes)
	default:
		return strings.Fields(granularScopes)
	}
}

// scopeDescription explains a scope in plain words for the consent page.
func scopeDescription(scope string) string {
	base, admin := strings.CutSuffix(scope, ":admin")
	own, all := "Use "+base+" for your own account", "Use "+base+" for every user on the account"
	switch base {
	case "meeting:write:meeting", "meeting:write":
		own, all = "Create and manage your meetings", "Create and manage meetings of every user on the account"
	case "cloud_recording:read:list_user_recordings", "recording:read":
		own, all = "View your cloud recordings", "View cloud recordings of every user on the account"
	case "user:read:user", "user_info:read":
		own, all = "View your profile: name, email and account", "View the profile of every user on the account"
	case "user:read":
		own, all = "View your user information, settings and permissions", "View information, settings and permissions of every user on the account"
	}
	if admin {
		return all
	}
	return own
}

// meScopes are the scopes any one of which lets a token call GET /v2/users/me.
func meScopes() []string {
	return []string{"user:read:user", "user:read:user:admin", "user:read", "user:read:admin", "user_info:read"}
}
