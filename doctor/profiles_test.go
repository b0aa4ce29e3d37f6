package doctor

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

func profiles(ps ...storage.Profile) func() ([]storage.Profile, error) {
	return func() ([]storage.Profile, error) { return ps, nil }
}

func TestKeyring(t *testing.T) {
	kr := storage.Profile{Name: "work", SecretBackend: storage.BackendKeyring}
	cases := []struct {
		name  string
		probe func(context.Context) error
		ps    []storage.Profile
		want  Status
		words string
	}{
		{"ok", func(context.Context) error { return nil }, nil, Pass, "stores"},
		{"unavailable, unused", func(context.Context) error { return fmt.Errorf("probe: %w", storage.ErrKeyringUnavailable) }, nil, Warn, "--insecure-storage"},
		{"unavailable, used", func(context.Context) error { return storage.ErrKeyringUnavailable }, []storage.Profile{kr}, Fail, "--insecure-storage"},
		{"timeout", func(context.Context) error { return storage.ErrKeyringTimeout }, []storage.Profile{kr}, Fail, "unlock"},
		{"hangs", func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }, nil, Warn, "unlock"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := quietEnv()
			env.ProbeKeyring, env.ListProfiles = c.probe, profiles(c.ps...)
			check := Check{ID: "keyring", Timeout: 50 * time.Millisecond, Run: checkKeyring}
			r := Run(context.Background(), env, []Check{check}).Results[0]
			if r.Status != c.want || !strings.Contains(r.Summary+r.Fix, c.words) {
				t.Errorf("%s %q fix %q; want %s mentioning %q", r.Status, r.Summary, r.Fix, c.want, c.words)
			}
		})
	}
}

func TestFiles(t *testing.T) {
	root := t.TempDir()
	cfg, data, state := filepath.Join(root, "c"), filepath.Join(root, "d"), filepath.Join(root, "s")
	for _, d := range []string{cfg, data, state} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string, mode os.FileMode) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
	env := quietEnv()
	env.ConfigDir, env.DataDir, env.StateDir = cfg, data, state
	// The storage layout: profiles/ and secrets/ subdirectories.
	cfg, data = filepath.Join(cfg, "profiles"), filepath.Join(data, "secrets")
	for _, d := range []string{cfg, data} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(cfg, "work.json"), `{"name":"work"}`, 0o600)
	if r := runCheck(env, "profiles"); r.Status != Pass {
		t.Fatalf("clean dirs: %s %q", r.Status, r.Summary)
	}
	write(filepath.Join(data, "work.json"), `{"access_token":"x"}`, 0o600)
	if r := runCheck(env, "profiles"); r.Status != Warn || !strings.Contains(r.Summary, "plaintext") ||
		!strings.Contains(r.Summary, "chosen when no keyring was available") || strings.Contains(r.Summary, "--insecure-storage") ||
		!strings.Contains(r.Fix, "zoomconnect login --profile work") {
		t.Errorf("plaintext secrets: %s %q fix %q", r.Status, r.Summary, r.Fix)
	} else if r.Detail != "" {
		t.Errorf("a single issue is repeated in Detail: %q", r.Detail)
	}
	write(filepath.Join(data, "work.json"), `{"access_token":"x"}`, 0o644)
	if r := runCheck(env, "profiles"); r.Status != Fail || !strings.Contains(r.Fix, "chmod 600 "+filepath.Join(data, "work.json")) {
		t.Errorf("world-readable secrets: %s %q fix %q", r.Status, r.Summary, r.Fix)
	}
	write(filepath.Join(data, "work.json"), `{}`, 0o600)
	write(filepath.Join(cfg, "home.json"), `{"name":`, 0o600)
	if r := runCheck(env, "profiles"); r.Status != Fail || !strings.Contains(r.Summary, "home.json is not valid JSON") {
		t.Errorf("torn profile: %s %q", r.Status, r.Summary)
	}
	os.Remove(filepath.Join(cfg, "home.json"))
	os.Chmod(cfg, 0o755)
	if r := runCheck(env, "profiles"); r.Status != Warn || !strings.Contains(r.Fix, "chmod 700 "+cfg) {
		t.Errorf("open dir: %s %q fix %q", r.Status, r.Summary, r.Fix)
	}
}

func TestConnections(t *testing.T) {
	env := quietEnv()
	env.RequiredScopes = []string{"user:read:user", "meeting:write:meeting"}
	env.ListProfiles = profiles(
		storage.Profile{Name: "good", GrantedScopes: []string{"user:read:user", "meeting:write:meeting"}},
		storage.Profile{Name: "narrow", GrantedScopes: []string{"user:read:user"}},
		storage.Profile{Name: "dead"},
	)
	env.Me = func(_ context.Context, name string) (*oauthflow.User, error) {
		if name == "dead" {
			return nil, fmt.Errorf("users/me: %w", &oauthflow.Error{Kind: oauthflow.KindRevoked, Code: 4741, TrackingID: "v=2.0;clid=us05;rid=WEB_123"})
		}
		return &oauthflow.User{Email: name + "@example.com"}, nil
	}
	r := runCheck(env, "connection")
	if r.Status != Fail || !strings.Contains(r.Summary, "dead") || !strings.Contains(r.Fix, "zoomconnect login --profile dead") {
		t.Errorf("%s %q fix %q", r.Status, r.Summary, r.Fix)
	}
	if !strings.Contains(r.Detail, "narrow: connected as narrow@example.com, but missing scopes meeting:write:meeting") {
		t.Errorf("missing scope not reported: %q", r.Detail)
	}
	if r.TrackingID != "v=2.0;clid=us05;rid=WEB_123" || r.Code == "" {
		t.Errorf("code %q tracking %q not kept", r.Code, r.TrackingID)
	}
	env.ListProfiles = profiles()
	if r := runCheck(env, "connection"); r.Status != Skip || !strings.Contains(r.Fix, "zoomconnect") {
		t.Errorf("no profiles: %s %q", r.Status, r.Fix)
	}
}

// A logout that could not delete the secrets leaves the profile marked:
// doctor names what remains where and the command that finishes it,
// without calling Zoom for it.
func TestConnectionWithIncompleteLogout(t *testing.T) {
	env := quietEnv()
	env.RequiredScopes = []string{}
	env.ListProfiles = profiles(storage.Profile{Name: "work", LogoutIncomplete: &storage.LogoutIncomplete{
		At: time.Now(), Where: "system keyring (Secret Service)"}})
	env.Me = func(context.Context, string) (*oauthflow.User, error) {
		t.Error("doctor called users/me for a connection being logged out")
		return nil, errors.New("unexpected")
	}
	r := runCheck(env, "connection")
	if r.Status != Fail || !strings.Contains(r.Summary, "logout") || !strings.Contains(r.Summary, "system keyring (Secret Service)") ||
		!strings.Contains(r.Fix, "zoomconnect logout --profile work") {
		t.Errorf("%s %q fix %q", r.Status, r.Summary, r.Fix)
	}
}

// Under --offline the connection check still reports what the records
// know (a logout left incomplete, a connection needing reconnecting) and
// skips the rest, never asking Zoom.
func TestOfflineConnectionReportsRecords(t *testing.T) {
	env := quietEnv()
	env.Offline = true
	env.Me = func(context.Context, string) (*oauthflow.User, error) {
		t.Error("doctor --offline called users/me")
		return nil, errors.New("unexpected")
	}
	env.ListProfiles = profiles(storage.Profile{Name: "fine"})
	if r := runCheck(env, "connection"); r.Status != Skip || !strings.Contains(r.Summary, "offline") {
		t.Errorf("healthy records: %s %q", r.Status, r.Summary)
	}
	env.ListProfiles = profiles(storage.Profile{Name: "fine"},
		storage.Profile{Name: "work", LogoutIncomplete: &storage.LogoutIncomplete{At: time.Now(), Where: "system keyring (Secret Service)"}},
		storage.Profile{Name: "old", LastRefreshResult: "oauth:4741", ReconnectReason: "another sign-in replaced this connection (4741)"})
	r := runCheck(env, "connection")
	if r.Status != Fail || !strings.Contains(r.Detail, "work: ") || !strings.Contains(r.Detail, "system keyring (Secret Service)") ||
		!strings.Contains(r.Detail, "old: another sign-in replaced") || strings.Contains(r.Detail, "fine") ||
		!strings.Contains(r.Fix, "zoomconnect logout --profile work") || !strings.Contains(r.Fix, "zoomconnect login --profile old") {
		t.Errorf("%s %q\ndetail %q\nfix %q", r.Status, r.Summary, r.Detail, r.Fix)
	}
}

// A connection an admin disabled (4738) needs the admin's pre-approval
// before a reconnect helps; a sandbox connection reconnects with --sandbox.
func TestConnectionFixes(t *testing.T) {
	env := quietEnv()
	env.RequiredScopes = []string{}
	disabled := &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Code: 4738, Op: oauthflow.OpMe}
	cases := []struct {
		p            storage.Profile
		err          error
		want, unwant string
	}{
		{storage.Profile{Name: "work"}, fmt.Errorf("users/me: %w", disabled), "`zoomconnect admin request --profile work --markdown request.md`", ""},
		{storage.Profile{Name: "work", LastRefreshResult: "oauth:4738", ReconnectReason: "an admin disabled it (4738)"},
			errors.New("needs reconnecting"), "pre-approve the app again", ""},
		{storage.Profile{Name: "demo", AuthBaseURL: storage.SandboxMarker, APIBaseURL: storage.SandboxMarker},
			&oauthflow.Error{Kind: oauthflow.KindRevoked, Code: 4741}, "`zoomconnect login --sandbox --profile demo`", "preapproval"},
		{storage.Profile{Name: "work"}, &oauthflow.Error{Kind: oauthflow.KindRevoked, Code: 4741}, "`zoomconnect login --profile work`", "preapproval"},
	}
	for _, c := range cases {
		env.ListProfiles = profiles(c.p)
		env.Me = func(context.Context, string) (*oauthflow.User, error) { return nil, c.err }
		r := runCheck(env, "connection")
		if r.Status != Fail || !strings.Contains(r.Fix, c.want) || (c.unwant != "" && strings.Contains(r.Fix, c.unwant)) {
			t.Errorf("%s (%v): %s fix %q; want %q", c.p.Name, c.err, r.Status, r.Fix, c.want)
		}
		if r.Detail != "" {
			t.Errorf("a single issue is repeated in Detail: %q", r.Detail)
		}
	}
}

func TestSameApp(t *testing.T) {
	a := storage.Profile{Name: "a", ClientID: "cid", AuthBaseURL: "https://zoom.us"}
	b := storage.Profile{Name: "b", ClientID: "cid", AuthBaseURL: "https://ZOOM.us/"}
	other := storage.Profile{Name: "c", ClientID: "cid", AuthBaseURL: "https://zoomgov.com"}
	env := quietEnv()
	env.ListProfiles = profiles(a, b, other)
	r := runCheck(env, "same-app")
	if r.Status != Warn || !strings.Contains(r.Summary, "a, b") || strings.Contains(r.Summary, "c") && strings.Contains(r.Summary, "a, b, c") {
		t.Errorf("%s %q", r.Status, r.Summary)
	}
	if !strings.Contains(r.Summary, "4741") || !strings.Contains(r.Fix, "zoomconnect logout --profile b") {
		t.Errorf("summary %q fix %q", r.Summary, r.Fix)
	}
	a.UserID, b.UserID = "u1", "u2"
	env.ListProfiles = profiles(a, b, other)
	if r := runCheck(env, "same-app"); r.Status != Pass {
		t.Errorf("different users: %s %q", r.Status, r.Summary)
	}
}

// The reconnect command for plaintext secrets fits the profile: a sandbox
// profile reconnects with --sandbox (a plain login would go to zoom.us).
func TestPlaintextSecretsFixUsesProfileLoginCommand(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(filepath.Join(data, "secrets"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(data, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "secrets", "demo.json"), []byte(`{"access_token":"x"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := quietEnv()
	env.DataDir = data
	env.ListProfiles = func() ([]storage.Profile, error) {
		return []storage.Profile{{Name: "demo", AuthBaseURL: storage.SandboxMarker, APIBaseURL: storage.SandboxMarker}}, nil
	}
	r := runCheck(env, "profiles")
	if r.Status != Warn || !strings.Contains(r.Fix, "`zoomconnect login --sandbox --profile demo`") {
		t.Errorf("sandbox plaintext secrets: %s %q fix %q", r.Status, r.Summary, r.Fix)
	}
}

// A connection already known to need reconnecting (recorded by an earlier
// refresh, so no Zoom error comes with it) is named as such, not as "an
// unexpected error"; in French the check reads French.
func TestConnectionsNameAKnownReconnect(t *testing.T) {
	env := quietEnv()
	env.ListProfiles = profiles(storage.Profile{Name: "old"})
	env.Me = func(context.Context, string) (*oauthflow.User, error) {
		return nil, &connection.ReconnectError{Profile: "old", Reason: connection.ReasonWords(&oauthflow.Error{Code: 4741})}
	}
	r := runCheck(env, "connection")
	if r.Status != Fail || strings.Contains(r.Summary, "unexpected") || !strings.Contains(r.Summary, "needs reconnecting") ||
		!strings.Contains(r.Fix, "zoomconnect login --profile old") {
		t.Errorf("%s %q fix %q", r.Status, r.Summary, r.Fix)
	}
	env.T = i18n.New(i18n.French)
	for _, c := range Checks(env.T) {
		if c.ID != "connection" {
			continue
		}
		fr := Run(context.Background(), env, []Check{c}).Results[0]
		if fr.Title != "Les connexions enregistrées fonctionnent" || !strings.Contains(fr.Summary, "doit être rétablie") ||
			!strings.Contains(fr.Fix, "reconnectez-vous\u00a0: `zoomconnect login --profile old`") || fr.Status != Fail {
			t.Errorf("French: %+v", fr)
		}
	}
}
