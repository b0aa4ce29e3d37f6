package tui

import (
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
)

func TestRouterRetryDoesNotPileUp(t *testing.T) {
	m, _ := newFakeRoot(t, nil)
	send(m, steps.WelcomeDoneMsg{}, steps.AuthTypeChosenMsg{}, testCreds)
	depth := m.Depth()
	for range 3 {
		send(m, steps.PreapprovalMsg{}, steps.RetryMsg{})
	}
	if m.Depth() != depth || cur(t, m).name != "authorize" {
		t.Errorf("after retries: depth %d (want %d), on %s", m.Depth(), depth, cur(t, m).name)
	}
}

func TestRouterStartOverClearsData(t *testing.T) {
	m, fs := newFakeRoot(t, nil)
	send(m, steps.WelcomeDoneMsg{}, steps.AuthTypeChosenMsg{Type: storage.AuthOrgApp}, testCreds,
		steps.AuthorizedMsg{Result: &oauthflow.Result{}}, steps.ScopesAcceptedMsg{})
	identity := cur(t, m)
	send(m, steps.StartOverMsg{})
	if f := cur(t, m); f.name != "authtype" || f.inits != 1 || fs.count("authtype") != 2 {
		t.Fatalf("start over: on %s, %d auth-type screens built", f.name, fs.count("authtype"))
	}
	if m.data != (wizardData{}) {
		t.Errorf("data kept: %+v", m.data)
	}
	if m.Depth() != 1 || !canceled(identity.env.Ctx) {
		t.Errorf("depth %d (want only welcome behind), identity ctx canceled=%v", m.Depth(), canceled(identity.env.Ctx))
	}
	send(m, steps.PreapprovalMsg{}) // no credentials any more: dropped
	if cur(t, m).name != "authtype" {
		t.Errorf("a step message without data moved to %s", cur(t, m).name)
	}
}

func TestRouterDropsStaleMessages(t *testing.T) {
	m, fs := newFakeRoot(t, nil)
	send(m, steps.WelcomeDoneMsg{}, steps.WelcomeDoneMsg{}) // double enter
	if fs.count("authtype") != 1 || m.Depth() != 1 {
		t.Fatalf("double WelcomeDoneMsg built %d auth-type screens", fs.count("authtype"))
	}
	send(m, steps.SavedMsg{}, steps.ScopesAcceptedMsg{}, steps.CredentialsDoneMsg{})
	if cur(t, m).name != "authtype" {
		t.Errorf("out-of-order messages moved the wizard to %s", cur(t, m).name)
	}
}

func TestResumeGoesStraightToAuthorize(t *testing.T) {
	env := &steps.Env{
		Ctx:           t.Context(),
		Endpoints:     oauthflow.Endpoints{AuthBaseURL: "https://zoom.example", APIBaseURL: "https://api.zoom.example"},
		PendingSecret: "pending-secret",
		Pending: &storage.Pending{AuthType: storage.AuthOwnApp, AppName: "Acme", ClientID: "PendID1234567890",
			APIBaseURL: "https://api.other.example", ExpectedEmail: "ada@example.com", Stage: "preapproval"},
	}
	m, _ := newFakeRoot(t, env)
	send(m, steps.ResumeMsg{})
	f := cur(t, m)
	want := steps.CredentialsDoneMsg{AuthType: storage.AuthOwnApp, AppName: "Acme", ExpectedEmail: "ada@example.com", App: oauthflow.App{
		ClientID: "PendID1234567890", ClientSecret: "pending-secret",
		Endpoints: oauthflow.Endpoints{AuthBaseURL: "https://zoom.example", APIBaseURL: "https://api.other.example"},
	}}
	if f.name != "authorize" || f.creds != want || f.inits != 1 {
		t.Fatalf("resume: on %s with %+v", f.name, f.creds)
	}
	if m.data.authType != storage.AuthOwnApp {
		t.Errorf("auth type %q", m.data.authType)
	}
	send(m, steps.BackMsg{})
	if cur(t, m).name != "welcome" {
		t.Errorf("back from a resumed attempt goes to %s", cur(t, m).name)
	}
}

func TestResumeOrgAppTakesSecretFromAppFile(t *testing.T) {
	env := &steps.Env{
		Ctx:     t.Context(),
		OrgApp:  &storage.OrgApp{ClientID: "OrgID1234567890", ClientSecret: "org-secret"},
		Pending: &storage.Pending{AuthType: storage.AuthOrgApp, ClientID: "OrgID1234567890"},
	}
	m, _ := newFakeRoot(t, env)
	send(m, steps.ResumeMsg{})
	if got := cur(t, m).creds.App.ClientSecret; got != "org-secret" {
		t.Errorf("secret %q", got)
	}
	if got := cur(t, m).creds.AuthType; got != storage.AuthOrgApp {
		t.Errorf("resumed auth type %q, want the pending attempt's %q", got, storage.AuthOrgApp)
	}
}

func TestResumeInSandboxUsesThisRunsSandbox(t *testing.T) {
	now := oauthflow.Endpoints{AuthBaseURL: "http://127.0.0.1:2222", APIBaseURL: "http://127.0.0.1:2222"}
	env := &steps.Env{
		Ctx: t.Context(), Sandbox: true, Endpoints: now,
		Pending: &storage.Pending{ClientID: "zcSandboxDemoClient01", AuthBaseURL: "http://127.0.0.1:1111",
			APIBaseURL: "http://127.0.0.1:1111"},
	}
	m, _ := newFakeRoot(t, env)
	send(m, steps.ResumeMsg{})
	if got := cur(t, m).creds.App.Endpoints; got != now {
		t.Errorf("resumed against %v, want this run's sandbox %v", got, now)
	}
}
