package wizard

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

func TestAppIDFor(t *testing.T) {
	cfg := &Config{OrgApp: &storage.OrgApp{ClientID: "org1", AppID: "HwSqvKE3RX6fR_k_nOqi7g"}}
	org := Creds{AuthType: storage.AuthOrgApp, App: oauthflow.App{ClientID: "org1"}, ExpectedEmail: "jill@example.com"}
	if got := AppIDFor(cfg, org); got != "HwSqvKE3RX6fR_k_nOqi7g" {
		t.Errorf("org app: %q", got)
	}
	own := Creds{AuthType: storage.AuthOwnApp, App: oauthflow.App{ClientID: "mine"}}
	if got := AppIDFor(cfg, own); got != "" {
		t.Errorf("own app: %q", got)
	}
	cmds := AdminCommands(cfg, org)
	if len(cmds) != 2 || cmds[0] != "zoomconnect admin approve --app HwSqvKE3RX6fR_k_nOqi7g jill@example.com" {
		t.Errorf("commands %q", cmds)
	}
	cfg.Sandbox = &Sandbox{}
	if cmds := AdminCommands(cfg, org); cmds[1] != "zoomconnect admin preapprove --sandbox --app HwSqvKE3RX6fR_k_nOqi7g --user jill@example.com" {
		t.Errorf("sandbox commands %q", cmds)
	}
	if cmds := AdminCommands(cfg, Creds{AuthType: storage.AuthOrgApp, App: oauthflow.App{ClientID: "org1"}}); len(cmds) != 1 ||
		cmds[0] != "zoomconnect admin requests --sandbox --app HwSqvKE3RX6fR_k_nOqi7g" {
		t.Errorf("commands without the person's email: %q", cmds)
	}
	if AdminCommands(cfg, own) != nil {
		t.Error("commands for an app with no known ID")
	}
}

// The request the wizard writes names the app ID and the commands
// (issue 9's leftover): in the sandbox with --sandbox, only the
// pre-approval after 4738, nothing for the person's own app.
func TestAdminRequestDataNamesAppIDAndCommands(t *testing.T) {
	cfg := (&Config{OrgApp: &storage.OrgApp{ClientID: "org1", AppID: "HwSqvKE3RX6fR_k_nOqi7g"}, Sandbox: &Sandbox{}}).WithDefaults()
	org := Creds{AuthType: storage.AuthOrgApp, App: oauthflow.App{ClientID: "org1"}, ExpectedEmail: "jill@example.com"}
	d := AdminRequestData(cfg, org, nil)
	if d.AppID != "HwSqvKE3RX6fR_k_nOqi7g" || len(d.AdminCommands) != 2 ||
		d.AdminCommands[0] != "zoomconnect admin approve --sandbox --app HwSqvKE3RX6fR_k_nOqi7g jill@example.com" {
		t.Errorf("data %q %q", d.AppID, d.AdminCommands)
	}
	md := AdminRequest(cfg, org, nil)
	for _, want := range []string{"App ID: `HwSqvKE3RX6fR_k_nOqi7g`", "- `" + d.AdminCommands[0] + "`", "- `" + d.AdminCommands[1] + "`"} {
		if !strings.Contains(md, want) {
			t.Errorf("the request lacks %q:\n%s", want, md)
		}
	}
	disabled := &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Code: 4738, Reason: "The token is disabled by admin."}
	if d := AdminRequestData(cfg, org, disabled); len(d.AdminCommands) != 1 || !strings.Contains(d.AdminCommands[0], "admin preapprove") {
		t.Errorf("after 4738: %q", d.AdminCommands)
	}
	own := Creds{AuthType: storage.AuthOwnApp, App: oauthflow.App{ClientID: "mine"}, ExpectedEmail: "jill@example.com"}
	if d := AdminRequestData(cfg, own, nil); d.AppID != "" || d.AdminCommands != nil {
		t.Errorf("own app: %q %q", d.AppID, d.AdminCommands)
	}
}
