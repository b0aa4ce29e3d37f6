package sandbox

import (
	"fmt"
	"strings"

	"github.com/zoomconnect/zoomconnect/i18n"
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
	// ScenarioDevice offers the device sign-in (device.go); every other
	// scenario refuses it, as for an app without the grant.
	ScenarioDevice Scenario = "device"

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

// Scenarios lists every scenario in a stable order, ScenarioApprove first,
// each with its summary in t's language (English for a nil t). The slice
// is new on each call; callers may modify it.
func Scenarios(t *i18n.Printer) []ScenarioInfo {
	names := []Scenario{
		ScenarioApprove, ScenarioDeny, ScenarioPreapproval, ScenarioAdminApp, ScenarioMissingScopes, ScenarioInvalidClient, ScenarioRedirectMismatch, ScenarioDisabledByAdmin, ScenarioRevoked, ScenarioRateLimit, ScenarioClassicScopes, ScenarioAdminScopes, ScenarioSlowToken, ScenarioDevice, ScenarioPreapprovalOff, ScenarioFreeAccount, ScenarioAdminMissingScope, ScenarioExpiredPageToken,
	}
	out := make([]ScenarioInfo, len(names))
	for i, n := range names {
		out[i] = ScenarioInfo{Name: n, Summary: n.Summary(t)}
	}
	return out
}

// Summary says what s does, in t's language (English for a nil t).
func (s Scenario) Summary(t *i18n.Printer) string {
	return t.T("scenario."+strings.ReplaceAll(string(s), "-", "_"), "Delay", t.Duration(DefaultTokenDelay), "Scope", scopeMissingInScenario)
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
	for _, info := range Scenarios(nil) {
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
	for _, info := range Scenarios(nil) {
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
func (s *Server) scopeDescription(scope string) string {
	base, admin := strings.CutSuffix(scope, ":admin")
	id := "other"
	switch base {
	case "meeting:write:meeting", "meeting:write":
		id = "meetings"
	case "cloud_recording:read:list_user_recordings", "recording:read":
		id = "recordings"
	case "user:read:user", "user_info:read":
		id = "profile"
	case "user:read":
		id = "user"
	}
	whose := "own"
	if admin {
		whose = "all"
	}
	return s.t.T("sandboxpage.scope."+id+"."+whose, "Scope", base)
}

// meScopes are the scopes any one of which lets a token call GET /v2/users/me.
func meScopes() []string {
	return []string{"user:read:user", "user:read:user:admin", "user:read", "user:read:admin", "user_info:read"}
}
