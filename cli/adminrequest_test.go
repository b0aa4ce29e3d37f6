package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"

	"github.com/zoomconnect/zoomconnect/storage"
)

// `admin request` renders the request for the selected profile's app: its
// name, client ID and email, worded "again" after an admin's 4738.
func TestAdminRequestForDisabledConnection(t *testing.T) {
	st := testStore(t)
	p := &storage.Profile{Name: "work", AuthType: storage.AuthOrgApp, AppName: "Acme Zoom Bridge", ClientID: "AcmeClient123",
		AuthBaseURL: "https://zoom.us", APIBaseURL: "https://api.zoom.us", Email: "pat@example.com", DisplayName: "Pat Doe",
		LastRefreshResult: "oauth:4738", ReconnectReason: "a Zoom admin disabled this app's token (4738)"}
	if err := st.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, st, nil, "", "admin", "request", "--profile", "work")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{`pre-approve the Zoom app "Acme Zoom Bridge" for me again`, "`AcmeClient123`",
		"pat@example.com", "Pat Doe", "4738", "marketplace.zoom.us"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("request lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "Zoom host:") {
		t.Errorf("zoom.us named as an unusual host:\n%s", r.stdout)
	}
	path := filepath.Join(t.TempDir(), "request.md")
	r = runCLI(t, st, nil, "", "admin", "request", "--profile", "work", "--markdown", path)
	b, err := os.ReadFile(path)
	if r.code != 0 || err != nil || !strings.Contains(string(b), "AcmeClient123") || r.stdout != "" {
		t.Fatalf("--markdown: exit %d, %v, stdout %q, stderr %s", r.code, err, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, path) {
		t.Errorf("does not say where it wrote: %s", r.stderr)
	}
}

// A working connection (no 4738) asks for pre-approval, not "again"; with
// no connection, the --client-id app is named; with nothing known, it
// fails and says what to do instead of naming no app.
func TestAdminRequestCausesAndFallbacks(t *testing.T) {
	st := testStore(t)
	if err := st.SaveProfile(&storage.Profile{Name: "default", AppName: "Acme", ClientID: "C1", Email: "a@example.com"}); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, st, nil, "", "admin", "request")
	if r.code != 0 || !strings.Contains(r.stdout, `please pre-approve the Zoom app "Acme"`) || strings.Contains(r.stdout, "for me again") {
		t.Errorf("plain request: exit %d\n%s", r.code, r.stdout)
	}
	empty := testStore(t)
	r = runCLI(t, empty, nil, "", "admin", "request", "--client-id", "OrgClient9")
	if r.code != 0 || !strings.Contains(r.stdout, "`OrgClient9`") {
		t.Errorf("--client-id: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, empty, map[string]string{"XDG_CONFIG_DIRS": t.TempDir()}, "", "admin", "request")
	if r.code == 0 || !strings.Contains(r.stderr, "--client-id") || !strings.Contains(r.stderr, "zoomconnect login") {
		t.Errorf("nothing known: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
}

// `admin request` for a saved connection or an attempt names the app's
// Marketplace ID, from app.json when its client ID is the connection's,
// and the commands that let the person through (issue 9's leftover); a
// connection of another app gets none.
func TestAdminRequestNamesTheAppIDFromAppJSON(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("XDG_CONFIG_DIRS", filepath.Join(t.TempDir(), "none"))
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	const id = "HwSqvKE3RX6fR_k_nOqi7g"
	if err := os.MkdirAll(filepath.Join(cfg, "zoomconnect"), 0o700); err != nil {
		t.Fatal(err)
	}
	app := `{"name": "Acme Zoom", "client_id": "AcmeClient123", "app_id": "` + id + `"}`
	if err := os.WriteFile(filepath.Join(cfg, "zoomconnect", "app.json"), []byte(app), 0o600); err != nil {
		t.Fatal(err)
	}
	st := testStore(t)
	for _, p := range []*storage.Profile{
		{Name: "work", AuthType: storage.AuthOrgApp, AppName: "Acme Zoom", ClientID: "AcmeClient123", Email: "pat@example.com"},
		{Name: "mine", AuthType: storage.AuthOwnApp, AppName: "Mine", ClientID: "MyOwnClient99", Email: "pat@example.com"},
	} {
		if err := st.SaveProfile(p); err != nil {
			t.Fatal(err)
		}
	}
	r := runCLI(t, st, nil, "", "admin", "request", "--profile", "work")
	for _, want := range []string{"App ID: `" + id + "`", "- `zoomconnect admin approve --app " + id + " pat@example.com`",
		"- `zoomconnect admin preapprove --app " + id + " --user pat@example.com`"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("exit %d; the request lacks %q:\n%s%s", r.code, want, r.stdout, r.stderr)
		}
	}
	r = runCLI(t, st, nil, "", "admin", "request", "--profile", "mine")
	if r.code != 0 || strings.Contains(r.stdout, id) || strings.Contains(r.stdout, "--app") {
		t.Errorf("another app's connection: exit %d, names the org app's ID:\n%s", r.code, r.stdout)
	}
}
