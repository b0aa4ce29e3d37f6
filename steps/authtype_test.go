package steps

import (
	"errors"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func orgEnv(t testing.TB) *Env {
	env := testEnv(t)
	env.W.OrgApp = &storage.OrgApp{Name: "Acme Zoom", ClientID: "OrgClient1234567890ab", ClientSecret: "org-secret-value",
		Path: "/etc/xdg/zoomconnect/app.json", AuthBaseURL: "https://org.example/auth"}
	return env
}

func TestAuthTypeWithoutOrgAppExplainsProvisioning(t *testing.T) {
	s := NewAuthType(testEnv(t))
	s.SetSize(100, 30)
	v := plain(s)
	mustContain(t, v, "OAuth 2.0 authorization code — your organization's Zoom app",
		"Bring your own OAuth 2.0 app (client ID + secret)", "None is provisioned",
		wizard.OrgAppSystemPath, wizard.OrgAppUserPath, `"client_id"`, "--client-id")
	if s.Focused() != storage.AuthOwnApp || !strings.Contains(v, "> Bring your own") {
		t.Fatalf("focus should start on the only usable choice, got %s:\n%s", s.Focused(), v)
	}
	got := mustEmit[wizard.AuthTypeChosen](t, press(s, "enter"))
	if got.Type != storage.AuthOwnApp {
		t.Errorf("chose %s, want %s", got.Type, storage.AuthOwnApp)
	}
}

func TestAuthTypeDisabledOrgChoiceDoesNotContinue(t *testing.T) {
	s := NewAuthType(testEnv(t))
	s.SetSize(100, 30)
	noCmd(t, press(s, "up", "enter"), "enter on the disabled choice")
	mustContain(t, plain(s), "No organization app is provisioned", "Bring your own")
	press(s, "down")
	if strings.Contains(plain(s), "No organization app is provisioned on this computer.") {
		t.Error("notice stays after moving away")
	}
}

func TestAuthTypeWithOrgApp(t *testing.T) {
	s := NewAuthType(orgEnv(t))
	s.SetSize(100, 30)
	v := plain(s)
	mustContain(t, v, "Acme Zoom", "OrgClient1234567890ab", "/etc/xdg/zoomconnect/app.json")
	if strings.Contains(v, "None is provisioned") || strings.Contains(v, "org-secret-value") {
		t.Errorf("view wrong for a provisioned app:\n%s", v)
	}
	if !strings.Contains(v, "> OAuth 2.0 authorization code") {
		t.Errorf("org app not focused first:\n%s", v)
	}
	if got := mustEmit[wizard.AuthTypeChosen](t, press(s, "enter")); got.Type != storage.AuthOrgApp {
		t.Errorf("chose %s", got.Type)
	}
	if got := mustEmit[wizard.AuthTypeChosen](t, press(s, "down", "enter")); got.Type != storage.AuthOwnApp {
		t.Errorf("chose %s after down", got.Type)
	}
}

func TestAuthTypeShowsWhyOrgAppUnreadable(t *testing.T) {
	env := testEnv(t)
	env.W.OrgAppErr = errors.New("read /etc/xdg/zoomconnect/app.json: permission denied")
	s := NewAuthType(env)
	s.SetSize(120, 30)
	mustContain(t, plain(s), "cannot be used. Read /etc/xdg/zoomconnect/app.json: permission denied.")
}

func TestAuthTypeNamesTheSearchedPaths(t *testing.T) {
	env := testEnv(t)
	env.W.OrgAppErr = &storage.OrgAppNotFoundError{Searched: []string{"/etc/xdg/zoomconnect/app.json",
		"/opt/xdg/zoomconnect/app.json", "/home/ada/.config/zoomconnect/app.json"}}
	s := NewAuthType(env)
	s.SetSize(120, 30)
	v := plain(s)
	mustContain(t, v, "looked in /etc/xdg/zoomconnect/app.json, /opt/xdg/zoomconnect/app.json",
		"or /home/ada/.config/zoomconnect/app.json (one user)")
	if strings.Count(v, "Acme Zoom") != 1 {
		t.Errorf("provisioning advice repeated (the error's own text shown too?):\n%s", v)
	}
}

func TestAuthTypeBack(t *testing.T) {
	mustEmit[wizard.Back](t, press(NewAuthType(testEnv(t)), "esc"))
}

func TestAuthTypeSizes(t *testing.T) {
	checkSizes(t, NewAuthType(testEnv(t)))
	checkSizes(t, NewAuthType(orgEnv(t)))
}

func BenchmarkAuthTypeView(b *testing.B) { benchView(b, NewAuthType(testEnv(b))) }
