package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// zoomconnect errors CODE shows the errors CODE names: a table key, a
// bare Zoom code or a kind; an unknown one is a usage error that says how
// to see them all (issue 10).
func TestErrorsCommandShowsOne(t *testing.T) {
	st := testStore(t)
	keys := func(args ...string) []string {
		r := runCLI(t, st, nil, "", append([]string{"errors", "--jq", ".errors"}, args...)...)
		var rows []oauthflow.Explanation
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &rows) != nil {
			t.Fatalf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
		var out []string
		for _, ex := range rows {
			out = append(out, ex.Key)
			if strings.Contains(ex.Title+ex.Cause+ex.User+ex.Admin, "`") {
				t.Errorf("%s: markup in --json: %+v", ex.Key, ex)
			}
		}
		return out
	}
	for arg, want := range map[string]string{
		"oauth:4702":     "oauth:4702",
		"OAUTH:4702":     "oauth:4702",
		"4711":           "oauth:4711 api:4711 marketplace:4711",
		"124":            "api:124 api:124:expired api:124:query marketplace:124",
		"1500":           "marketplace:1500",
		"invalid_client": "token:invalid_client marketplace:token:invalid_client org_app:invalid_client kind:invalid_client",
		"kind:timeout":   "kind:timeout",
	} {
		if got := strings.Join(keys(arg), " "); got != want {
			t.Errorf("errors %s = %s, want %s", arg, got, want)
		}
	}
	if n := len(keys()); n < 50 {
		t.Errorf("errors lists %d rows", n)
	}
	r := runCLI(t, st, nil, "", "errors", "4741")
	if r.code != 0 || !strings.Contains(r.stdout, "oauth:4741  Another sign-in replaced this connection (4741)") ||
		strings.Contains(r.stdout, "oauth:4702") || strings.Count(r.stdout, "Another sign-in replaced this connection (4741)") != 1 {
		t.Errorf("errors 4741: exit %d\n%s", r.code, r.stdout)
	}
	r = runCLI(t, st, nil, "", "errors", "9999")
	if r.code != ExitUsage || !strings.Contains(r.stderr, `no error matches "9999"`) || !strings.Contains(r.stderr, "zoomconnect errors lists them all") {
		t.Errorf("unknown code: exit %d\n%s", r.code, r.stderr)
	}
}

// status at 80 columns wraps at spaces only: no row is wider unless it is
// one unbreakable word, and the words are those of the unwrapped report.
func TestStatusFitsEightyColumns(t *testing.T) {
	for _, env := range []map[string]string{enEnv, frEnv} {
		st := frenchStore(t)
		_ = runCLI(t, st, env, "", "status")
		wide := runCLI(t, st, env, "", "status", "--offline")
		narrow := runCLI(t, st, map[string]string{"LANG": env["LANG"], "COLUMNS": "80"}, "", "status", "--offline")
		for _, row := range strings.Split(narrow.stdout, "\n") {
			if page.Width(row) > 80 && strings.Contains(strings.TrimSpace(row), " ") {
				t.Errorf("%s: row of %d columns: %q", env["LANG"], page.Width(row), row)
			}
		}
		if got, want := strings.Fields(narrow.stdout), strings.Fields(wide.stdout); strings.Join(got, " ") != strings.Join(want, " ") {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("%s: wrapping changed the words at %q / %q:\n%s", env["LANG"], got[i], want[i], narrow.stdout)
					break
				}
			}
		}
		if !strings.Contains(narrow.stdout, "zoomconnect login --sandbox\n") {
			t.Errorf("%s: the fix's command is broken or missing:\n%s", env["LANG"], narrow.stdout)
		}
	}
}

// On a colour terminal status marks failures and commands in colour; in
// a pipe it prints no escape sequence.
func TestStatusIsColouredOnAColourTerminal(t *testing.T) {
	st := frenchStore(t)
	if r := runCLI(t, st, nil, "", "status", "--offline"); strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("escape sequences in a pipe:\n%q", r.stdout)
	}
	t.Setenv("CLICOLOR_FORCE", "1")
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("NO_COLOR", "")
	r := runCLI(t, st, nil, "", "status", "--offline")
	if !strings.Contains(r.stdout, "\x1b[31m✗") || !strings.Contains(r.stdout, "\x1b[34mzoomconnect login --sandbox") {
		t.Errorf("no red failure or blue command on a colour terminal:\n%q", r.stdout)
	}
}

// The line after quitting at the admin-app wall says to have an admin
// install the app; it does not send the person to the pre-approval
// checklist, which does not apply to such an app (issue 8).
func TestQuitAfterAdminAppWall(t *testing.T) {
	opts := newRootOptions()
	lines := strings.Split(opts.describeError(&wizard.FailedError{Err: wizard.PreapprovalError(wizard.AdminAppError())}), "\n")
	if len(lines) != 2 || lines[0] != "Quit: only an account admin can install this app; no connection was saved." ||
		!strings.Contains(lines[1], "install it for the account") || !strings.Contains(lines[1], "zoomconnect admin request --markdown request.md") ||
		!strings.Contains(lines[1], "run: zoomconnect login") || strings.Contains(lines[1], "preapproval") {
		t.Errorf("quit text:\n%s", strings.Join(lines, "\n"))
	}
}

// A local failure says its cause in the person's language first, then
// what to do, then the Go chain (English) as details, never the chain
// first.
func TestLocalErrorSaysItsCauseFirstThenDetails(t *testing.T) {
	opts := newRootOptions()
	opts.t = i18n.New(i18n.French)
	err := fmt.Errorf(`save "work": %w`, fmt.Errorf("keyring write: %w: %w", storage.ErrKeyringUnavailable, errors.New("dbus: no reply")))
	lines := strings.Split(opts.describeError(err), "\n")
	if len(lines) != 4 || lines[0] != "le trousseau du système n’est pas disponible" ||
		!strings.HasPrefix(lines[1], "Le trousseau du système n’a pas pu servir.") || strings.Contains(lines[1], "--insecure-storage") || lines[2] != "Vérifiez avec\u00a0: zoomconnect doctor" ||
		lines[3] != "Détails\u00a0: "+err.Error() {
		t.Errorf("description:\n%s", strings.Join(lines, "\n"))
	}
	// The wizard's own failure may point at the flag that consents to the
	// file; a timeout says so and how to wait longer.
	opts.isWizard = true
	if got := opts.describeError(err); !strings.Contains(got, "--insecure-storage") {
		t.Errorf("login description lacks the consent flag:\n%s", got)
	}
	timeout := fmt.Errorf("refresh: %w", storage.ErrKeyringTimeout)
	if got := opts.describeError(timeout); !strings.Contains(got, "n’a pas répondu à temps") || !strings.Contains(got, "ZOOMCONNECT_KEYRING_TIMEOUT=30s") {
		t.Errorf("timeout description:\n%s", got)
	}
	opts.isWizard = false
	opts.t = nil
	// Details that would only add the steps before the words are left out.
	if got := opts.describeError(fmt.Errorf("token: %w", storage.ErrNotFound)); got != "no saved connection" {
		t.Errorf("English: %q", got)
	}
}
