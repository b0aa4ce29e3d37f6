package cli

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
)

func TestTokenPrintsOnlyTheToken(t *testing.T) {
	st := testStore(t)
	sec := sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	r := runCLI(t, st, nil, "", "token")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if r.stdout != sec.AccessToken+"\n" {
		t.Errorf("stdout = %q, want exactly the access token and a newline", r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("stderr should be empty, got %q", r.stderr)
	}
}

func TestRefreshThenTokenUsesRotatedToken(t *testing.T) {
	st := testStore(t)
	old := sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	r := runCLI(t, st, nil, "", "refresh")
	if r.code != 0 || !strings.Contains(r.stdout, "Refreshed") {
		t.Fatalf("refresh: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	p, err := st.LoadProfile("default")
	if err != nil {
		t.Fatal(err)
	}
	sec, err := st.LoadSecrets(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if sec.RefreshToken == old.RefreshToken || sec.AccessToken == old.AccessToken {
		t.Fatal("refresh did not rotate and persist the tokens")
	}
	if p.AuthBaseURL != sandboxMarker {
		t.Errorf("the profile lost its sandbox marker: %q", p.AuthBaseURL)
	}
	// A new process (a new in-process sandbox on the same state file) must
	// accept the rotated token and print it.
	r = runCLI(t, st, nil, "", "token")
	if r.code != 0 || r.stdout != sec.AccessToken+"\n" {
		t.Fatalf("token after refresh: exit %d stdout %q stderr %s", r.code, r.stdout, r.stderr)
	}
}

func TestTokenReconnectNeededGoesToStderr(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	p, err := st.LoadProfile("default")
	if err != nil {
		t.Fatal(err)
	}
	p.ReconnectReason = "another install took over (4741)"
	if err := st.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, st, nil, "", "token")
	if r.code != ExitReconnect {
		t.Fatalf("exit %d, want %d; stderr %s", r.code, ExitReconnect, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout must stay empty on failure, got %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "zoomconnect login") || !strings.Contains(r.stderr, "another install took over") {
		t.Errorf("stderr does not say why and what to run:\n%s", r.stderr)
	}
}

func TestStatusOfflineJSONShape(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	r := runCLI(t, st, nil, "", "status", "--offline", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s\nstdout:\n%s", r.code, r.stderr, r.stdout)
	}
	var doc struct {
		OK          bool `json:"ok"`
		Connections []struct {
			Name    string `json:"name"`
			Default bool   `json:"default"`
			OK      bool   `json:"ok"`
			Host    string `json:"host"`
			Account struct {
				Email string `json:"email"`
			} `json:"account"`
			Secrets struct {
				Backend  string `json:"backend"`
				Location string `json:"location"`
			} `json:"secrets"`
			Scopes struct {
				Items []struct {
					Need string `json:"need"`
					OK   bool   `json:"ok"`
				} `json:"items"`
			} `json:"scopes"`
			AccessToken struct {
				Expiry           time.Time `json:"expiry"`
				ExpiresInSeconds int64     `json:"expires_in_seconds"`
			} `json:"access_token"`
			Live struct {
				Checked bool `json:"checked"`
			} `json:"live"`
			Problems []struct {
				Text string `json:"summary_text"`
				Fix  string `json:"fix_text"`
			} `json:"problems"`
		} `json:"connections"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if !doc.OK || len(doc.Connections) != 1 {
		t.Fatalf("doc = %+v", doc)
	}
	c := doc.Connections[0]
	if c.Name != "default" || !c.Default || !c.OK || c.Live.Checked || len(c.Problems) != 0 {
		t.Errorf("connection = %+v", c)
	}
	if c.Secrets.Backend != "keyring" || !strings.Contains(c.Secrets.Location, "keyring") {
		t.Errorf("secrets = %+v, want the keyring", c.Secrets)
	}
	if c.Account.Email != sandbox.DemoUser().Email || c.Host != "sandbox (built-in)" {
		t.Errorf("account/host = %+v / %q", c.Account, c.Host)
	}
	if len(c.Scopes.Items) != 3 || c.AccessToken.Expiry.IsZero() || c.AccessToken.ExpiresInSeconds <= 0 {
		t.Errorf("scopes/expiry = %+v / %+v", c.Scopes, c.AccessToken)
	}
	if strings.Contains(r.stdout, "access_token\":\"") {
		t.Error("status printed a token")
	}
}

func TestStatusProblemsEndWithFixAndExitNonZero(t *testing.T) {
	st := testStore(t)
	sandboxConnectionIn(t, st, "default", sandbox.ScenarioMissingScopes, storage.BackendFile)
	r := runCLI(t, st, nil, "", "status", "--offline")
	if r.code == 0 {
		t.Fatalf("status with a missing scope exited 0:\n%s", r.stdout)
	}
	// The missing scope is a failure (✗); the plaintext file beside it is a
	// warning (!); one failure fails the report.
	for _, want := range []string{"✗ default (default)", "lacks scopes zoomconnect needs: meeting:write", "fix: ",
		"plaintext file " + st.DataDir, "Secrets:", "\n  ✗ ", "\n  ! "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("status lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runCLI(t, st, nil, "", "status", "--offline", "--json")
	if r.code == 0 || !strings.Contains(r.stdout, `"ok": false`) {
		t.Errorf("--json: exit %d, want ok false:\n%s", r.code, r.stdout)
	}
}

func TestStatusLiveExplains4741(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioRevoked)
	// ScenarioRevoked fails every call after the first users/me.
	_ = runCLI(t, st, nil, "", "status")
	r := runCLI(t, st, nil, "", "status")
	if r.code != ExitReconnect {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, ExitReconnect, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "another sign-in replaced this connection (4741)") || !strings.Contains(r.stdout, "fix: zoomconnect login") {
		t.Errorf("status does not explain 4741 with its fix:\n%s", r.stdout)
	}
}

func TestLogoutRevokeFailureStillDeletesLocally(t *testing.T) {
	var revokes int
	zoom := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/revoke" {
			revokes++
		}
		http.Error(w, `{"reason":"internal error"}`, http.StatusInternalServerError)
	}))
	defer zoom.Close()
	st := testStore(t)
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := authorizeSandbox(t, srv)
	srv.Close()
	saveConnection(t, st, "work", zoom.URL, storage.BackendFile, res)
	secretFile := filepath.Join(st.DataDir, "secrets", "work.json")
	if _, err := os.Stat(secretFile); err != nil {
		t.Fatalf("setup: no secret file: %v", err)
	}
	r := runCLI(t, st, nil, "", "logout", "--profile", "work")
	if r.code != 0 {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	if revokes == 0 {
		t.Error("logout did not try to revoke")
	}
	if !strings.Contains(r.stderr, "Could not revoke") || !strings.Contains(r.stderr, "deleted anyway") {
		t.Errorf("stderr does not report the failed revoke:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout, "Added Apps") {
		t.Errorf("stdout does not say where to remove the app:\n%s", r.stdout)
	}
	if _, err := st.LoadProfile("work"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("profile still there: %v", err)
	}
	if _, err := os.Stat(secretFile); !os.IsNotExist(err) {
		t.Errorf("secret file still there: %v", err)
	}
	if strings.Contains(r.stdout+r.stderr, res.Token.RefreshToken) {
		t.Error("logout printed the refresh token")
	}
	r = runCLI(t, st, nil, "", "logout", "--profile", "work")
	if r.code != 0 || !strings.Contains(r.stdout, "nothing to delete") {
		t.Errorf("second logout: exit %d stdout %s", r.code, r.stdout)
	}
}

func TestLogoutRevokesAtSandbox(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	r := runCLI(t, st, nil, "", "logout")
	if r.code != 0 || !strings.Contains(r.stdout, "Revoked the authorization at the built-in sandbox") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	// A sandbox connection never reached a Zoom account: nothing to remove
	// in the Marketplace.
	if strings.Contains(r.stdout+r.stderr, "Marketplace") || strings.Contains(r.stdout+r.stderr, "Added Apps") {
		t.Errorf("sandbox logout sends the user to the Marketplace:\n%s%s", r.stdout, r.stderr)
	}
}

func TestListOutput(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	sandboxConnectionIn(t, st, "work", sandbox.ScenarioApprove, storage.BackendFile)
	if err := st.SetDefaultProfile("work"); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, st, nil, "", "list")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "NAME") {
		t.Fatalf("list =\n%s", r.stdout)
	}
	if strings.HasPrefix(lines[1], "*") || !strings.HasPrefix(lines[2], "*") || !strings.Contains(lines[2], "work") {
		t.Errorf("the default marker is not on work:\n%s", r.stdout)
	}
	if !strings.Contains(lines[1], sandbox.DemoUser().Email) || !strings.Contains(lines[1], "keyring") || !strings.Contains(lines[2], "file") {
		t.Errorf("list lacks email or backend:\n%s", r.stdout)
	}
	fr := runCLI(t, st, map[string]string{"LANG": "fr_FR.UTF-8"}, "", "list")
	if !strings.Contains(fr.stdout, "SECRETS DANS") || !strings.Contains(fr.stdout, "trousseau") || !strings.Contains(fr.stdout, "fichier") ||
		strings.Contains(fr.stdout, " file ") {
		t.Errorf("the French list keeps English words:\n%s", fr.stdout)
	}
	r = runCLI(t, st, nil, "", "list", "--json")
	var doc listDoc // issue 10: one JSON contract, {"schema": 1, "profiles": [...]}, no longer a bare array
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	entries := doc.Profiles
	if doc.Schema != 1 || len(entries) != 2 || entries[0].Default || !entries[1].Default || entries[1].Secrets.Backend != "file" ||
		!strings.HasPrefix(entries[1].Secrets.Location, st.DataDir) || doc.Default != entries[1].Name {
		t.Errorf("list --json = %+v", doc)
	}
}

func TestLoginRefusesWithoutTerminal(t *testing.T) {
	for _, args := range [][]string{nil, {"login"}} {
		r := runCLI(t, testStore(t), nil, "", args...)
		if r.code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, r.code, ExitUsage)
		}
		if !strings.Contains(r.stderr, "interactive terminal") || !strings.Contains(r.stderr, "zoomconnect token") {
			t.Errorf("%v: stderr does not say to use a terminal or zoomconnect token:\n%s", args, r.stderr)
		}
		if r.stdout != "" {
			t.Errorf("%v: stdout = %q", args, r.stdout)
		}
	}
}

func TestErrorsJSONIsTheTable(t *testing.T) {
	r := runCLI(t, testStore(t), nil, "", "errors", "--json")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	var doc struct { // issue 10: {"schema": 1, "errors": [...]}, words named *_text
		Schema int              `json:"schema"`
		Errors []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc.Schema != 1 {
		t.Fatal(err)
	}
	table := doc.Errors
	keys := map[string]bool{}
	for _, e := range table {
		keys[e["key"].(string)] = true
		if e["cause_text"] == "" || e["user_text"] == "" {
			t.Errorf("entry without text: %v", e)
		}
	}
	for _, k := range []string{"oauth:4738", "oauth:4741", "oauth:4709", "token:invalid_grant", "http:429"} {
		if !keys[k] {
			t.Errorf("errors --json lacks %s", k)
		}
	}
	r = runCLI(t, testStore(t), nil, "", "errors")
	if !strings.Contains(r.stdout, "oauth:4741") || !strings.Contains(r.stdout, "What to do: ") {
		t.Errorf("errors text output:\n%.500s", r.stdout)
	}
}

// No placeholder ({scopes}, {retry_after}, {profile}) reaches the output
// of `zoomconnect errors`, text or JSON.
func TestErrorsCommandFillsPlaceholders(t *testing.T) {
	for _, args := range [][]string{{"errors"}, {"errors", "--profile", "work"}} {
		r := runCLI(t, testStore(t), nil, "", args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		if i := strings.IndexAny(r.stdout, "{}"); i >= 0 {
			t.Errorf("%v: placeholder left: %q", args, r.stdout[max(i-60, 0):min(i+60, len(r.stdout))])
		}
	}
	r := runCLI(t, testStore(t), nil, "", "errors", "--json", "--jq", ".errors")
	var table []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &table); err != nil || len(table) == 0 {
		t.Fatalf("errors --json: %v\n%.300s", err, r.stdout)
	}
	for _, row := range table {
		for field, v := range row {
			if s, ok := v.(string); ok && strings.ContainsAny(s, "{}") {
				t.Errorf("errors --json %v.%s: placeholder left: %q", row["key"], field, s)
			}
		}
	}
}

func TestAdminPreapprovalMarkdownAndGuide(t *testing.T) {
	path := filepath.Join(t.TempDir(), "checklist.md")
	r := runCLI(t, testStore(t), nil, "", "admin", "preapproval", "--markdown", path)
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"- [ ] ", "Pre-approve", "Permissions"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("checklist lacks %q", want)
		}
	}
	r = runCLI(t, testStore(t), nil, "", "admin", "guide")
	for _, want := range []string{"app.json", "/etc/xdg/zoomconnect/app.json", "client_id", "- [ ] ", "zoomconnect doctor"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("admin guide lacks %q", want)
		}
	}
	r = runCLI(t, testStore(t), nil, "", "admin", "preapproval")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "--markdown") {
		t.Errorf("checklist without a terminal: exit %d, stderr %s", r.code, r.stderr)
	}
}

func TestStatusAndToken4738LeadToPreapproval(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioDisabledByAdmin)
	_ = runCLI(t, st, nil, "", "status") // the first users/me still succeeds
	r := runCLI(t, st, nil, "", "refresh")
	if r.code != ExitReconnect {
		t.Fatalf("refresh after 4738: exit %d, want %d; stderr %s", r.code, ExitReconnect, r.stderr)
	}
	if !strings.Contains(r.stderr, "4738") && !strings.Contains(r.stderr, "disabled") {
		t.Errorf("refresh does not name the cause:\n%s", r.stderr)
	}
	r = runCLI(t, st, nil, "", "status")
	if r.code != ExitReconnect || !strings.Contains(r.stdout, "zoomconnect admin request --markdown request.md") {
		t.Errorf("status after 4738: exit %d\n%s", r.code, r.stdout)
	}
	r = runCLI(t, st, nil, "", "token")
	if r.code != ExitReconnect || r.stdout != "" {
		t.Errorf("token after 4738: exit %d stdout %q", r.code, r.stdout)
	}
	// token and refresh, on the recorded state, lead to the admin's
	// pre-approval too, and to a login that reconnects the sandbox.
	for _, cmd := range []string{"token", "refresh"} {
		r = runCLI(t, st, nil, "", cmd)
		for _, want := range []string{"pre-approve the app again", "zoomconnect admin request --markdown request.md", "zoomconnect login --sandbox"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s after 4738 lacks %q:\n%s", cmd, want, r.stderr)
			}
		}
		if r.code != ExitReconnect {
			t.Errorf("%s after 4738: exit %d, want %d", cmd, r.code, ExitReconnect)
		}
	}
}

// A sandbox connection's fixes start the wizard against the sandbox
// (--sandbox), with --profile when it is not the default one.
func TestSandboxReconnectSuggestsSandboxLogin(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "demo", sandbox.ScenarioRevoked)
	_ = runCLI(t, st, nil, "", "status", "--profile", "demo") // the first users/me succeeds
	r := runCLI(t, st, nil, "", "status", "--profile", "demo")
	if r.code != ExitReconnect || !strings.Contains(r.stdout, "fix: zoomconnect login --sandbox --profile demo") {
		t.Errorf("status: exit %d\n%s", r.code, r.stdout)
	}
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.Contains(line, "zoomconnect login") && !strings.Contains(line, "--sandbox") {
			t.Errorf("a suggestion would start the wizard against zoom.us: %q", line)
		}
	}
	r = runCLI(t, st, nil, "", "token", "--profile", "demo")
	if r.code != ExitReconnect || !strings.Contains(r.stderr, "zoomconnect login --sandbox --profile demo") {
		t.Errorf("token: exit %d\n%s", r.code, r.stderr)
	}
	r = runCLI(t, st, nil, "", "list")
	if !strings.Contains(r.stdout, "reconnect needed: zoomconnect login --sandbox --profile demo") {
		t.Errorf("list:\n%s", r.stdout)
	}
}

// status speaks words, not error keys; a dead connection's token is not
// "valid"; --json has no zero times.
func TestStatusWordsAndNoZeroTimes(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioApprove)
	r := runCLI(t, st, nil, "", "status", "--offline", "--json")
	if strings.Contains(r.stdout, "0001-01-01") || strings.Contains(r.stdout, `"last_refresh"`) {
		t.Errorf("--json shows a zero time or a never-made refresh:\n%s", r.stdout)
	}
	p, err := st.LoadProfile("default")
	if err != nil {
		t.Fatal(err)
	}
	p.LastRefresh, p.LastRefreshResult = time.Now(), "oauth:4741"
	p.ReconnectReason = connection.ReasonWords(nil)
	if err := st.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, st, nil, "", "status", "--offline")
	if strings.Contains(r.stdout, "oauth:4741") || !strings.Contains(r.stdout, "Another sign-in replaced this connection") {
		t.Errorf("the last refresh is not in words:\n%s", r.stdout)
	}
	// The reason is said once, by the problem (issue 8: status repeated the
	// first failing cause three times); the token's row only says it no
	// longer works.
	if strings.Contains(r.stdout, "valid until") || !strings.Contains(r.stdout, "no longer works") ||
		strings.Count(r.stdout, p.ReconnectReason) != 1 {
		t.Errorf("a dead connection's token is shown as valid, or its reason not said once:\n%s", r.stdout)
	}
	r = runCLI(t, st, nil, "", "status", "--offline", "--json")
	if !strings.Contains(r.stdout, `"no_longer_works": true`) || !strings.Contains(r.stdout, `"result": "oauth:4741"`) {
		t.Errorf("--json:\n%s", r.stdout)
	}
}

func TestTokenRetriesARateLimit(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioRateLimit)
	r := runCLI(t, st, nil, "", "refresh")
	if r.code != 0 {
		t.Fatalf("refresh with one 429 then success: exit %d, stderr %s", r.code, r.stderr)
	}
	// The 429 really happened, and the refresh was retried after it.
	if stats := r.opts.svc.sandbox.Server().Stats(); stats.FailedRefreshes != 1 || stats.Refreshes != 1 {
		t.Errorf("sandbox stats %+v, want one refused (429) and one successful refresh", stats)
	}
	r = runCLI(t, st, nil, "", "token")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("token: exit %d stdout %q", r.code, r.stdout)
	}
}

// tooManyCounter counts 429 answers and notes when the first came and when
// the next request after it left.
type tooManyCounter struct {
	next http.RoundTripper

	mu          sync.Mutex
	n           int
	at, retryAt time.Time
	retryAfter  string
}

func (c *tooManyCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	if c.n > 0 && c.retryAt.IsZero() {
		c.retryAt = time.Now()
	}
	c.mu.Unlock()
	resp, err := c.next.RoundTrip(req)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		c.mu.Lock()
		c.n++
		c.at, c.retryAfter = time.Now(), resp.Header.Get("Retry-After")
		c.mu.Unlock()
	}
	return resp, err
}

// status in the rate-limit scenario: the first users/me gets 429 with
// Retry-After; status waits as asked, retries, and reports a working
// connection.
func TestStatusUnderARateLimit(t *testing.T) {
	st := testStore(t)
	sandboxConnection(t, st, "default", sandbox.ScenarioRateLimit)
	var seen *tooManyCounter
	r := runCLIWith(t, st, nil, "", func(o *rootOptions) {
		o.hooks.wrapTransport = func(next http.RoundTripper) http.RoundTripper {
			seen = &tooManyCounter{next: next}
			return seen
		}
	}, "status")
	if r.code != 0 || !strings.Contains(r.stdout, "✓ users/me answered for "+sandbox.DemoUser().Email) {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if seen == nil || seen.n != 1 || seen.retryAfter == "" {
		t.Fatalf("want exactly one 429 with Retry-After on the way; saw %+v", seen)
	}
	wait, err := time.ParseDuration(seen.retryAfter + "s")
	if err != nil {
		t.Fatalf("Retry-After %q: %v", seen.retryAfter, err)
	}
	// A lower bound only (a sleep is never shorter): the retry honoured
	// Retry-After instead of hammering Zoom.
	if gap := seen.retryAt.Sub(seen.at); seen.retryAt.IsZero() || gap < wait-100*time.Millisecond {
		t.Errorf("retried %s after the 429, want at least Retry-After %s", gap, wait)
	}
}

func TestStatusWithNoConnections(t *testing.T) {
	r := runCLI(t, testStore(t), nil, "", "status", "--json")
	// issue 10: the JSON contract's header (schema, default) and the pending attempts
	want := "{\n  \"schema\": 1,\n  \"ok\": false,\n  \"default\": \"default\",\n  \"connections\": [],\n  \"pending\": []\n}"
	if r.code != ExitFailure || strings.TrimSpace(r.stdout) != want {
		t.Errorf("exit %d stdout %q", r.code, r.stdout)
	}
	if !strings.Contains(r.stderr, "zoomconnect login") {
		t.Errorf("stderr does not say how to connect: %s", r.stderr)
	}
}

// A working connection whose secrets are in a plaintext file the user
// agreed to has a warning, not a failure: status says so with "!" and
// exits 0, and --json reports ok with the problem's severity.
func TestStatusPlaintextFileIsAWarning(t *testing.T) {
	st := testStore(t)
	sandboxConnectionIn(t, st, "default", sandbox.ScenarioApprove, storage.BackendFile)
	r := runCLI(t, st, nil, "", "status")
	if r.code != 0 {
		t.Fatalf("status of a working plaintext-file connection: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "! default (default)") || !strings.Contains(r.stdout, "\n  ! ") || strings.Contains(r.stdout, "✗") {
		t.Errorf("want the connection and its problem marked with !, and no ✗:\n%s", r.stdout)
	}
	r = runCLI(t, st, nil, "", "status", "--json")
	var doc struct {
		OK          bool `json:"ok"`
		Connections []struct {
			OK       bool                 `json:"ok"`
			Problems []connection.Problem `json:"problems"`
		} `json:"connections"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || r.code != 0 {
		t.Fatalf("exit %d, err %v:\n%s", r.code, err, r.stdout)
	}
	if !doc.OK || len(doc.Connections) != 1 || !doc.Connections[0].OK || len(doc.Connections[0].Problems) == 0 {
		t.Fatalf("doc = %+v, want ok with a warning", doc)
	}
	for _, p := range doc.Connections[0].Problems {
		if p.Severity != connection.SeverityWarn {
			t.Errorf("problem %+v, want severity %q", p, connection.SeverityWarn)
		}
	}
}
