package tui

import (
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func TestRouterRetryDoesNotPileUp(t *testing.T) {
	m, _ := newFakeRoot(t, nil)
	send(m, wizard.WelcomeDone{}, wizard.AuthTypeChosen{}, wizard.CredsDone{Creds: testCreds})
	depth := m.Depth()
	for range 3 {
		send(m, wizard.PreapprovalNeeded{}, wizard.Retry{})
	}
	if m.Depth() != depth || cur(t, m).name != "authorize" {
		t.Errorf("after retries: depth %d (want %d), on %s", m.Depth(), depth, cur(t, m).name)
	}
}

func TestRouterStartOverClearsData(t *testing.T) {
	m, fs := newFakeRoot(t, nil)
	send(m, wizard.WelcomeDone{}, wizard.AuthTypeChosen{Type: storage.AuthOrgApp}, wizard.CredsDone{Creds: testCreds},
		wizard.Authorized{Result: &oauthflow.Result{}}, wizard.ScopesAccepted{})
	identity := cur(t, m)
	send(m, wizard.StartOver{})
	if f := cur(t, m); f.name != "authtype" || f.inits != 1 || fs.count("authtype") != 2 {
		t.Fatalf("start over: on %s, %d auth-type screens built", f.name, fs.count("authtype"))
	}
	if d := m.flow.Data(); d.Creds != nil || d.Result != nil || d.AuthType != "" {
		t.Errorf("data kept: %+v", d)
	}
	if m.Depth() != 1 || !canceled(identity.env.Ctx) {
		t.Errorf("depth %d (want only welcome behind), identity ctx canceled=%v", m.Depth(), canceled(identity.env.Ctx))
	}
	send(m, wizard.PreapprovalNeeded{}) // no credentials any more: dropped
	if cur(t, m).name != "authtype" {
		t.Errorf("a step message without data moved to %s", cur(t, m).name)
	}
}

func TestRouterDropsStaleMessages(t *testing.T) {
	m, fs := newFakeRoot(t, nil)
	send(m, wizard.WelcomeDone{}, wizard.WelcomeDone{}) // double enter
	if fs.count("authtype") != 1 || m.Depth() != 1 {
		t.Fatalf("double WelcomeDoneMsg built %d auth-type screens", fs.count("authtype"))
	}
	send(m, wizard.SavedEvent{}, wizard.ScopesAccepted{}, wizard.CredsDone{})
	if cur(t, m).name != "authtype" {
		t.Errorf("out-of-order messages moved the wizard to %s", cur(t, m).name)
	}
}

func TestResumeGoesStraightToAuthorize(t *testing.T) {
	env := &steps.Env{Ctx: t.Context(), W: &wizard.Config{
		Endpoints: oauthflow.Endpoints{AuthBaseURL: "https://zoom.example", APIBaseURL: "https://api.zoom.example"}}}
	pending := &storage.Pending{AuthType: storage.AuthOwnApp, AppName: "Acme", ClientID: "PendID1234567890",
		APIBaseURL: "https://api.other.example", ExpectedEmail: "ada@example.com", Stage: "preapproval"}
	m, _ := newFakeRoot(t, env)
	send(m, wizard.Resume{Pending: pending, Secret: "pending-secret"})
	f := cur(t, m)
	want := wizard.Creds{AuthType: storage.AuthOwnApp, AppName: "Acme", ExpectedEmail: "ada@example.com", App: oauthflow.App{
		ClientID: "PendID1234567890", ClientSecret: "pending-secret",
		Endpoints: oauthflow.Endpoints{AuthBaseURL: "https://zoom.example", APIBaseURL: "https://api.other.example"},
	}}
	if f.name != "authorize" || f.creds != want || f.inits != 1 {
		t.Fatalf("resume: on %s with %+v", f.name, f.creds)
	}
	if got := m.flow.Data().AuthType; got != storage.AuthOwnApp {
		t.Errorf("auth type %q", got)
	}
	send(m, wizard.Back{})
	if cur(t, m).name != "welcome" {
		t.Errorf("back from a resumed attempt goes to %s", cur(t, m).name)
	}
}

func TestResumeOrgAppTakesSecretFromAppFile(t *testing.T) {
	env := &steps.Env{Ctx: t.Context(), W: &wizard.Config{
		OrgApp: &storage.OrgApp{ClientID: "OrgID1234567890", ClientSecret: "org-secret"}}}
	m, _ := newFakeRoot(t, env)
	send(m, wizard.Resume{Pending: &storage.Pending{AuthType: storage.AuthOrgApp, ClientID: "OrgID1234567890"}})
	if got := cur(t, m).creds.App.ClientSecret; got != "org-secret" {
		t.Errorf("secret %q", got)
	}
	if got := cur(t, m).creds.AuthType; got != storage.AuthOrgApp {
		t.Errorf("resumed auth type %q, want the pending attempt's %q", got, storage.AuthOrgApp)
	}
}

func TestResumeInSandboxUsesThisRunsSandbox(t *testing.T) {
	now := oauthflow.Endpoints{AuthBaseURL: "http://127.0.0.1:2222", APIBaseURL: "http://127.0.0.1:2222"}
	env := &steps.Env{Ctx: t.Context(), W: &wizard.Config{Sandbox: &wizard.Sandbox{}, Endpoints: now}}
	m, _ := newFakeRoot(t, env)
	send(m, wizard.Resume{Pending: &storage.Pending{ClientID: "zcSandboxDemoClient01", AuthBaseURL: "http://127.0.0.1:1111",
		APIBaseURL: "http://127.0.0.1:1111"}})
	if got := cur(t, m).creds.App.Endpoints; got != now {
		t.Errorf("resumed against %v, want this run's sandbox %v", got, now)
	}
}
