package steps

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

const goodID = "AbC123dEf456GhI789jK"

func ownCreds(t testing.TB) *Credentials {
	s := NewCredentials(testEnv(t), storage.AuthOwnApp)
	s.SetSize(100, 40)
	return s
}

func TestCredentialsOwnAppSubmits(t *testing.T) {
	s := ownCreds(t)
	if got := s.Fields(); len(got) != 3 || s.FocusedField() != wizard.FieldClientID {
		t.Fatalf("fields %v focused %v", got, s.FocusedField())
	}
	typeText(s, "  "+goodID+" ")
	press(s, "tab")
	typeText(s, "s3cr3tValue")
	press(s, "tab")
	typeText(s, "ada@example.com")
	got := mustEmit[wizard.CredsDone](t, press(s, "enter")).Creds
	if got.App.ClientID != goodID {
		t.Errorf("client ID %q, want it trimmed to %q", got.App.ClientID, goodID)
	}
	if got.App.ClientSecret != "s3cr3tValue" || got.ExpectedEmail != "ada@example.com" {
		t.Errorf("got %v, email %q", got.App, got.ExpectedEmail)
	}
	if got.App.Endpoints != testEnv(t).W.Endpoints {
		t.Errorf("endpoints %v, want the env's", got.App.Endpoints)
	}
	if got.AuthType != storage.AuthOwnApp {
		t.Errorf("auth type %q, want %q", got.AuthType, storage.AuthOwnApp)
	}
}

// TestCredentialsOwnAppWithOrgClientIDStaysOwnApp: typing the
// organization's client ID on the bring-your-own path is still the user's
// own choice; the auth type comes from the screen, not from comparing IDs.
func TestCredentialsOwnAppWithOrgClientIDStaysOwnApp(t *testing.T) {
	env := orgEnv(t)
	s := NewCredentials(env, storage.AuthOwnApp)
	typeText(s, env.W.OrgApp.ClientID)
	press(s, "tab")
	typeText(s, "typed-secret")
	press(s, "tab")
	got := mustEmit[wizard.CredsDone](t, press(s, "enter")).Creds
	if got.AuthType != storage.AuthOwnApp || got.App.ClientID != env.W.OrgApp.ClientID {
		t.Fatalf("auth type %q for client %q", got.AuthType, got.App.ClientID)
	}
}

func TestCredentialsEnterMovesThenSubmitsOnLast(t *testing.T) {
	s := ownCreds(t)
	typeText(s, goodID)
	noRootMsg(t, press(s, "enter"), "enter on the first field")
	if s.FocusedField() != wizard.FieldSecret {
		t.Fatalf("enter on the first field: focus %v", s.FocusedField())
	}
	press(s, "enter") // empty secret: a public client
	got := mustEmit[wizard.CredsDone](t, press(s, "enter")).Creds
	if !got.App.Public() {
		t.Errorf("empty secret should give a public client, got %v", got.App)
	}
}

func TestCredentialsEmptyClientIDIsRejectedAndNothingLost(t *testing.T) {
	s := ownCreds(t)
	press(s, "tab")
	typeText(s, "keepme")
	press(s, "tab")
	typeText(s, "ada@example.com")
	noRootMsg(t, press(s, "enter"), "enter without a client ID")
	if s.FocusedField() != wizard.FieldClientID {
		t.Errorf("focus %v, want the client ID field", s.FocusedField())
	}
	mustContain(t, plain(s), "✗ Enter the client ID", "App Credentials")
	if s.Value(wizard.FieldSecret) != "keepme" || s.Value(wizard.FieldEmail) != "ada@example.com" {
		t.Errorf("typed text lost: %q %q", s.Value(wizard.FieldSecret), s.Value(wizard.FieldEmail))
	}
}

func TestCredentialsBadCharactersExplainedAndFixedLive(t *testing.T) {
	s := ownCreds(t)
	typeText(s, "https://x")
	press(s, "tab")
	if e := s.Err(wizard.FieldClientID); !strings.Contains(e, `':'`) || !strings.Contains(e, "only letters, digits, _ and -") {
		t.Fatalf("message %q does not name the bad character and the rule", e)
	}
	if s.Value(wizard.FieldClientID) != "https://x" {
		t.Errorf("bad input was changed: %q", s.Value(wizard.FieldClientID))
	}
	press(s, "shift+tab")
	for range len("https://x") {
		press(s, "backspace")
	}
	typeText(s, goodID)
	if e := s.Err(wizard.FieldClientID); e != "" {
		t.Errorf("message stays after the fix: %q", e)
	}
}

func TestCredentialsEmailShape(t *testing.T) {
	s := ownCreds(t)
	typeText(s, goodID)
	press(s, "tab", "tab")
	typeText(s, "ada@")
	noRootMsg(t, press(s, "enter"), "enter with a bad email")
	mustContain(t, plain(s), "name@example.com")
	if s.FocusedField() != wizard.FieldEmail {
		t.Errorf("focus %v, want email", s.FocusedField())
	}
}

func TestCredentialsSecretMaskedUntilRevealed(t *testing.T) {
	s := ownCreds(t)
	press(s, "tab")
	typeText(s, "TopSecret42")
	if strings.Contains(plain(s), "TopSecret42") {
		t.Fatal("secret shown while masked")
	}
	mustContain(t, plain(s), "hidden, ctrl+r shows it")
	press(s, "ctrl+r")
	if !s.Revealed() || !strings.Contains(plain(s), "TopSecret42") {
		t.Fatal("ctrl+r did not reveal the secret")
	}
	press(s, "ctrl+r")
	if strings.Contains(plain(s), "TopSecret42") {
		t.Fatal("second ctrl+r did not hide the secret")
	}
}

func TestCredentialsGuideRedirectAndScopes(t *testing.T) {
	s := ownCreds(t)
	mustContain(t, plain(s), "http://127.0.0.1/callback", "ignores the loopback port", "--port",
		"user:read:user", "meeting:write:meeting", "cloud_recording:read:list_user_recordings",
		"user_info:read", "Use Public Client OAuth", "Allow List")
	env := testEnv(t)
	env.W.Port = 8765
	p := NewCredentials(env, storage.AuthOwnApp)
	p.SetSize(100, 40)
	v := plain(p)
	mustContain(t, v, "http://127.0.0.1:8765/callback")
	if strings.Contains(v, "ignores the loopback port") {
		t.Error("pinned port still explains the port-less URL")
	}
}

func TestCredentialsOrgAppAsksOnlyEmail(t *testing.T) {
	s := NewCredentials(orgEnv(t), storage.AuthOrgApp)
	s.SetSize(100, 40)
	v := plain(s)
	if len(s.Fields()) != 1 || s.FocusedField() != wizard.FieldEmail {
		t.Fatalf("fields %v", s.Fields())
	}
	mustContain(t, v, "Acme Zoom", "OrgClient1234567890ab", "/etc/xdg/zoomconnect/app.json", "not shown")
	if strings.Contains(v, "org-secret-value") || strings.Contains(v, "Client secret") {
		t.Errorf("org app view shows the secret or asks for it:\n%s", v)
	}
	got := mustEmit[wizard.CredsDone](t, press(s, "enter")).Creds
	if got.AuthType != storage.AuthOrgApp {
		t.Errorf("auth type %q, want %q", got.AuthType, storage.AuthOrgApp)
	}
	if got.App.ClientID != "OrgClient1234567890ab" || got.App.ClientSecret != "org-secret-value" || got.AppName != "Acme Zoom" {
		t.Errorf("got %v %q", got.App, got.AppName)
	}
	if got.App.Endpoints.AuthBaseURL != "https://org.example/auth" || got.App.Endpoints.APIBaseURL != testEnv(t).W.Endpoints.APIBaseURL {
		t.Errorf("endpoints %v: want the app's auth host and the env's API host", got.App.Endpoints)
	}
}

func TestCredentialsOrgTypeWithoutOrgAppAsksEverything(t *testing.T) {
	if n := len(NewCredentials(testEnv(t), storage.AuthOrgApp).Fields()); n != 3 {
		t.Errorf("%d fields", n)
	}
}

func TestCredentialsBackAndTyping(t *testing.T) {
	s := ownCreds(t)
	if !s.Typing() {
		t.Error("Typing() false on a text screen")
	}
	mustEmit[wizard.Back](t, press(s, "esc"))
	typeText(s, "q?")
	if s.Value(wizard.FieldClientID) != "q?" {
		t.Errorf("q and ? not typed into the field: %q", s.Value(wizard.FieldClientID))
	}
}

func TestCredentialsSizes(t *testing.T) {
	s := ownCreds(t)
	typeText(s, "bad id!")
	press(s, "tab")
	checkSizes(t, s)
	checkSizes(t, NewCredentials(orgEnv(t), storage.AuthOrgApp))
}

func BenchmarkCredentialsView(b *testing.B) { benchView(b, ownCreds(b)) }

// TestCredentialsRefocusRestartsBlinkAndKeepsText: when the root brings
// the screen back, Refocus restarts the focused field's cursor blink (a
// command whose blink message keeps the loop going) and nothing typed or
// the field in focus is lost.
func TestCredentialsRefocusRestartsBlinkAndKeepsText(t *testing.T) {
	s := ownCreds(t)
	typeText(s, goodID)
	press(s, "tab")
	typeText(s, "half-typed")
	cmd := s.Refocus()
	if cmd == nil {
		t.Fatal("Refocus returned no command: the cursor would stay frozen")
	}
	blink := cmd()
	if _, next := s.Update(blink); next == nil {
		t.Fatalf("the blink message %T did not continue the blink loop", blink)
	}
	if s.FocusedField() != wizard.FieldSecret || s.Value(wizard.FieldClientID) != goodID || s.Value(wizard.FieldSecret) != "half-typed" {
		t.Fatalf("focus %v, values %q %q", s.FocusedField(), s.Value(wizard.FieldClientID), s.Value(wizard.FieldSecret))
	}
}
