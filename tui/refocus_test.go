package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestBackToRealCredentialsRefocuses: the real credentials screen, left
// for Authorize and restored by Back, gets a command that restarts its
// cursor blink, and keeps the typed client ID.
func TestBackToRealCredentialsRefocuses(t *testing.T) {
	fs := &fakes{}
	sc := DefaultScreens()
	sc.Authorize = fs.screens().Authorize
	m := New(&steps.Env{Ctx: t.Context()}, WithScreens(sc))
	m.Init()
	send(m, tea.WindowSizeMsg{Width: 100, Height: 40}, wizard.WelcomeDone{}, wizard.AuthTypeChosen{Type: storage.AuthOwnApp})
	creds, ok := m.Step().(*steps.Credentials)
	if !ok {
		t.Fatalf("on %T, want *steps.Credentials", m.Step())
	}
	for _, r := range "AbC123dEf456GhI789jK" {
		send(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	send(m, wizard.CredsDone{Creds: wizard.Creds{AuthType: storage.AuthOwnApp}})
	if cur(t, m).name != "authorize" {
		t.Fatal("did not reach authorize")
	}
	cmd := send(m, wizard.Back{})
	if m.Step() != creds {
		t.Fatalf("back went to %T", m.Step())
	}
	if cmd == nil {
		t.Fatal("the restored credentials screen got no command: its cursor stays frozen")
	}
	if got := creds.Value(wizard.FieldClientID); got != "AbC123dEf456GhI789jK" {
		t.Fatalf("typed client ID lost: %q", got)
	}
}
