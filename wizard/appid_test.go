package wizard

import (
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
