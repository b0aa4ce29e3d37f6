package wizard

import (
	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/storage"
)

// AppIDFor is the Marketplace app ID of attempt c's app, when zoomconnect
// knows it: the organization's app.json names it (app_id; the built-in
// sandbox's demo app has one too) and the attempt uses that app. The
// request to the admin names it, with the command that approves the
// person (`zoomconnect admin approve --app ID EMAIL`). "" when unknown,
// as for a person's own app.
func AppIDFor(cfg *Config, c Creds) string {
	if cfg.OrgApp == nil || c.AuthType != storage.AuthOrgApp || c.App.ClientID != cfg.OrgApp.ClientID {
		return ""
	}
	return cfg.OrgApp.AppID
}

// AdminCommands are the commands the admin can run to let the person of
// attempt c through, for the request to the admin: approve their request,
// or pre-approve them (with --sandbox under the sandbox); when the
// person's email is not known, the command that lists the app's requests.
// None when the app ID is not known.
func AdminCommands(cfg *Config, c Creds) []string {
	return AdminCommandsFor(AppIDFor(cfg, c), c.ExpectedEmail, cfg.Sandbox != nil, assets.CauseRequired)
}

// AdminCommandsFor are AdminCommands for the app appID and the person
// with email, stopped by cause: after 4738 (CauseDisabled) only the
// pre-approval, since no request is pending then (none without the
// email); for an admin-managed app (CauseAdminApp), which people cannot
// be approved for, none. sandbox adds --sandbox.
func AdminCommandsFor(appID, email string, sandbox bool, cause assets.Cause) []string {
	if appID == "" || cause == assets.CauseAdminApp {
		return nil
	}
	sb := ""
	if sandbox {
		sb = "--sandbox "
	}
	preapprove := "zoomconnect admin preapprove " + sb + "--app " + appID + " --user " + email
	switch {
	case cause == assets.CauseDisabled && email == "":
		return nil
	case cause == assets.CauseDisabled:
		return []string{preapprove}
	case email == "":
		return []string{"zoomconnect admin requests " + sb + "--app " + appID}
	}
	return []string{"zoomconnect admin approve " + sb + "--app " + appID + " " + email, preapprove}
}
