package cli

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/storage"
)

// completions runs `zoomconnect __complete args...` (what the shells'
// completion scripts run) and returns the values offered, without their
// descriptions, and the whole output.
func completions(t *testing.T, st *storage.Store, env map[string]string, args ...string) ([]string, string) {
	t.Helper()
	r := runCLI(t, st, env, "", append([]string{"__complete"}, args...)...)
	if r.code != 0 {
		t.Fatalf("__complete %v: exit %d, stderr %s", args, r.code, r.stderr)
	}
	var values []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if strings.HasPrefix(line, ":") {
			continue // the directive
		}
		v, _, _ := strings.Cut(line, "\t")
		values = append(values, v)
	}
	return values, r.stdout
}

func TestCompleteProfileNames(t *testing.T) {
	st := testStore(t)
	for _, name := range []string{"work", "home"} {
		p := &storage.Profile{Name: name, AuthType: storage.AuthOrgApp, ClientID: "c", Email: name + "@example.com"}
		if err := st.SaveProfile(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetDefaultProfile("work"); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"token", "--profile", ""}, {"logout", "--profile", ""}, {"status", "--profile", ""},
		{"errors", "4702", "--profile", ""}, {"switch", ""}} {
		got, out := completions(t, st, nil, args...)
		if strings.Join(got, " ") != "home work" {
			t.Errorf("%v: completions %q, want home work:\n%s", args, got, out)
		}
	}
	got, out := completions(t, st, nil, "token", "--profile", "w")
	if strings.Join(got, " ") != "work" || !strings.Contains(out, "work@example.com (the default)") {
		t.Errorf("--profile w: %q\n%s", got, out)
	}
	if got, _ := completions(t, st, nil, "switch", "work", ""); len(got) != 0 {
		t.Errorf("switch takes one profile: %q", got)
	}
}

func TestCompleteScenariosAndLanguages(t *testing.T) {
	got, _ := completions(t, testStore(t), nil, "--sandbox-scenario", "pre")
	if strings.Join(got, " ") != "preapproval preapproval-off" {
		t.Errorf("--sandbox-scenario pre: %q", got)
	}
	got, _ = completions(t, testStore(t), nil, "sandbox", "serve", "--scenario", "rev")
	if strings.Join(got, " ") != "revoked" {
		t.Errorf("serve --scenario rev: %q", got)
	}
	for _, args := range [][]string{{"status", "--lang", ""}, {"--request-lang", ""}, {"admin", "request", "--request-lang", ""}} {
		got, out := completions(t, testStore(t), nil, args...)
		if strings.Join(got, " ") != "en fr" || !strings.Contains(out, "fr\tFrançais") {
			t.Errorf("%v: %q\n%s", args, got, out)
		}
	}
	_, out := completions(t, testStore(t), map[string]string{"LANG": "fr_FR.UTF-8"}, "--sandbox-scenario", "deny")
	if !strings.Contains(out, "deny\t") || strings.Contains(out, "every consent decision") {
		t.Errorf("a scenario's summary is in the run's language:\n%s", out)
	}
}

// admin --app completes the apps people asked for, from Zoom through the
// saved admin profile, and nothing (quietly) without one.
func TestCompleteAppIDsFromTheAdminProfile(t *testing.T) {
	z := newFakeZoom(t)
	for _, args := range [][]string{{"admin", "approve", "--app", ""}, {"admin", "requests", "--app", ""}, {"admin", "preapprove", "--app", ""}} {
		got, out := completions(t, adminStore(t, z), nil, args...)
		if strings.Join(got, " ") != fakeAppID || !strings.Contains(out, fakeAppID+"\t") {
			t.Errorf("%v: %q\n%s", args, got, out)
		}
	}
	if got, _ := completions(t, testStore(t), nil, "admin", "approve", "--app", ""); len(got) != 0 {
		t.Errorf("no admin profile, no app.json: %q", got)
	}
	got, _ := completions(t, testStore(t), nil, "admin", "requests", "--status", "")
	if strings.Join(got, " ") != "pending approved rejected" {
		t.Errorf("--status: %q", got)
	}
}
