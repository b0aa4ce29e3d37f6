package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/internal/testkit"
)

func writeApp(t *testing.T, dir, body string) string {
	t.Helper()
	path := filepath.Join(dir, OrgAppFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadOrgAppValidation(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ body, want string }{
		{`{"name":"Acme","client_id":" abc123 ","auth_base_url":"https://zoom.us/"}`, ""},
		{`{"name":"Acme"}`, `no "client_id"`},
		{"{\n  \"name\": \"Acme\",\n  \"client_id\": \"x\"\n  \"oops\": 1\n}", "line 4"},
		{`{"client_id": 42}`, "not valid JSON"},
		{`{"client_id":"a b"}`, "characters a Zoom client ID never has"},
		{`{"client_id":"abc","api_base_url":"ftp://x"}`, "https://"},
		{`{"client_id":"abc","app_id":"https://marketplace.zoom.us/apps/x"}`, "not a Marketplace app ID"},
		{`{"client_id":"abc","app_id":"short"}`, "not a Marketplace app ID"},
	}
	for _, c := range cases {
		path := writeApp(t, dir, c.body)
		app, err := LoadOrgApp(path)
		if c.want == "" {
			if err != nil || app.ClientID != "abc123" || app.Path != path || app.AuthBaseURL != "https://zoom.us" {
				t.Errorf("%s: %+v, %v", c.body, app, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: err = %v, want %q and the path", c.body, err, c.want)
		}
	}
}

// An app_id is kept, trimmed, when it is a Marketplace app ID.
func TestLoadOrgAppAppID(t *testing.T) {
	path := writeApp(t, t.TempDir(), `{"client_id":"abc123","app_id":" HwSqvKE3RX6fR_k_nOqi7g "}`)
	app, err := LoadOrgApp(path)
	if err != nil || app.AppID != "HwSqvKE3RX6fR_k_nOqi7g" {
		t.Fatalf("app %+v, err %v", app, err)
	}
}

func TestFindOrgAppSystemDirsFirst(t *testing.T) {
	sys, user := t.TempDir(), t.TempDir()
	writeApp(t, user, `{"name":"User","client_id":"user1"}`)
	app, err := FindOrgAppIn([]string{sys, user})
	if err != nil || app.ClientID != "user1" {
		t.Fatalf("user app: %+v, %v", app, err)
	}
	writeApp(t, sys, `{"name":"Org","client_id":"org1"}`)
	if app, err := FindOrgAppIn([]string{sys, user}); err != nil || app.ClientID != "org1" {
		t.Fatalf("system app should win: %+v, %v", app, err)
	}
}

func TestFindOrgAppNotFoundExplainsProvisioning(t *testing.T) {
	d := testkit.PrivateXDG(t)
	sys, user := d.ConfigDirs, d.Config
	_, err := FindOrgApp()
	var nf *OrgAppNotFoundError
	if !errors.As(err, &nf) || len(nf.Searched) != 2 || nf.Searched[0] != filepath.Join(sys, OrgAppFile) {
		t.Fatalf("err = %#v", err)
	}
	for _, want := range []string{filepath.Join(sys, OrgAppFile), `"client_id"`, "admin"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %s", want, err)
		}
	}
	writeApp(t, user, `{"name":"Mine","client_id":"mine"}`)
	if app, err := FindOrgApp(); err != nil || app.ClientID != "mine" {
		t.Fatalf("user config app: %+v, %v", app, err)
	}
}
