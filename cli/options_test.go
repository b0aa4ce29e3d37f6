package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func TestProfileAndEndpointPrecedence(t *testing.T) {
	tests := []struct {
		name        string
		env         map[string]string
		args        []string
		pointer     string // default profile set in the store
		wantProfile string
		wantAuth    string
		wantAPI     string
	}{
		{name: "defaults", wantProfile: "default", wantAuth: "https://zoom.us", wantAPI: "https://api.zoom.us"},
		{name: "store default pointer", pointer: "team", wantProfile: "team", wantAuth: "https://zoom.us", wantAPI: "https://api.zoom.us"},
		{name: "env beats store pointer", pointer: "team", env: map[string]string{envProfile: "work"}, wantProfile: "work",
			wantAuth: "https://zoom.us", wantAPI: "https://api.zoom.us"},
		{name: "flag beats env", env: map[string]string{envProfile: "work"}, args: []string{"--profile", "home"}, wantProfile: "home",
			wantAuth: "https://zoom.us", wantAPI: "https://api.zoom.us"},
		{name: "gov", args: []string{"--gov"}, wantProfile: "default", wantAuth: oauthflow.GovAuthBaseURL, wantAPI: oauthflow.GovAPIBaseURL},
		{name: "env URLs", env: map[string]string{envAuthBaseURL: "https://auth.example/", envAPIBaseURL: "https://api.example"},
			wantProfile: "default", wantAuth: "https://auth.example", wantAPI: "https://api.example"},
		{name: "flag URL beats env URL", env: map[string]string{envAuthBaseURL: "https://auth.example", envAPIBaseURL: "https://api.example"},
			args: []string{"--auth-base-url", "https://flag.example"}, wantProfile: "default", wantAuth: "https://flag.example", wantAPI: "https://api.example"},
		{name: "URL flag beats gov", args: []string{"--gov", "--api-base-url", "http://127.0.0.1:9999"}, wantProfile: "default",
			wantAuth: oauthflow.GovAuthBaseURL, wantAPI: "http://127.0.0.1:9999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := testStore(t)
			if tt.pointer != "" {
				if err := st.SetDefaultProfile(tt.pointer); err != nil {
					t.Fatal(err)
				}
			}
			cfg, r := captureWizard(t, st, tt.env, "", append(tt.args, "login")...)
			if cfg == nil {
				t.Fatalf("the wizard did not run: exit %d, stderr:\n%s", r.code, r.stderr)
			}
			if cfg.Profile != tt.wantProfile {
				t.Errorf("profile = %q, want %q", cfg.Profile, tt.wantProfile)
			}
			if ep := cfg.Endpoints; ep.AuthBaseURL != tt.wantAuth || ep.APIBaseURL != tt.wantAPI {
				t.Errorf("endpoints = %+v, want %s %s", ep, tt.wantAuth, tt.wantAPI)
			}
		})
	}
}

func TestPlainHTTPRefusedExceptLoopback(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"https://zoom.us", true},
		{"https://zoom.us/", true},
		{"http://127.0.0.1:8080", true},
		{"http://localhost:8080", true},
		{"http://[::1]:8080", true},
		{"http://zoom.us", false},
		{"http://127.0.0.1.evil.example", false},
		{"http://10.0.0.1", false},
		{"ftp://zoom.us", false},
		{"zoom.us", false},
		{"https://zoom.us?x=1", false},
		{"https://user@zoom.us", false},
	}
	for _, tt := range tests {
		_, err := checkBaseURL("--auth-base-url", tt.url)
		if (err == nil) != tt.ok {
			t.Errorf("checkBaseURL(%q) error = %v, want ok=%v", tt.url, err, tt.ok)
		}
		if err != nil && ExitCode(err) != ExitUsage {
			t.Errorf("checkBaseURL(%q): exit code %d, want %d", tt.url, ExitCode(err), ExitUsage)
		}
	}
}

func TestPlainHTTPFromEnvIsAUsageError(t *testing.T) {
	r := runCLI(t, testStore(t), map[string]string{envAPIBaseURL: "http://api.example"}, "", "login")
	if r.code != ExitUsage {
		t.Fatalf("exit %d, want %d", r.code, ExitUsage)
	}
	if !strings.Contains(r.stderr, "plain http") || !strings.Contains(r.stderr, "--api-base-url") {
		t.Errorf("stderr does not explain the refusal:\n%s", r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout should be empty, got %q", r.stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unknown command", nil, []string{"bogus"}, `unknown command "bogus"`},
		{"extra argument", nil, []string{"token", "extra"}, "takes no arguments"},
		{"unknown flag", nil, []string{"--nope"}, "unknown flag"},
		{"bad profile name", nil, []string{"--profile", "Bad Name", "login"}, "invalid profile name"},
		{"bad scenario lists names", nil, []string{"--sandbox-scenario", "nope", "login"}, "preapproval"},
		{"sandbox with URL", nil, []string{"--sandbox", "--auth-base-url", "https://x.example", "login"}, "--sandbox runs its own Zoom"},
		{"port out of range", nil, []string{"--port", "70000", "login"}, "out of range"},
		{"zero timeout", nil, []string{"--timeout", "0s", "login"}, "--timeout must be positive"},
		{"secret without client ID", map[string]string{envClientSecret: "s3cr3t-value"}, []string{"login"}, "no client ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, testStore(t), tt.env, "", tt.args...)
			if r.code != ExitUsage {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, ExitUsage, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, r.stderr)
			}
			if strings.Contains(r.stderr, "s3cr3t-value") {
				t.Errorf("stderr leaks the secret:\n%s", r.stderr)
			}
		})
	}
}

func TestClientSecretFromStdinOrEnv(t *testing.T) {
	cfg, r := captureWizard(t, testStore(t), nil, "from-stdin-secret\nignored\n", "--client-id", "OrgClient123", "--client-secret-stdin", "login")
	if cfg == nil {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if r.opts.ClientID != "OrgClient123" || r.opts.clientSecret != "from-stdin-secret" {
		t.Errorf("client = %q / secret %q", r.opts.ClientID, r.opts.clientSecret)
	}
	_, r = captureWizard(t, testStore(t), map[string]string{envClientID: "EnvClient", envClientSecret: "env-secret"}, "", "login")
	if r.opts.ClientID != "EnvClient" || r.opts.clientSecret != "env-secret" {
		t.Errorf("from env: client = %q / secret %q", r.opts.ClientID, r.opts.clientSecret)
	}
	r = runCLI(t, testStore(t), nil, "", "--client-id", "X", "--client-secret-stdin", "login")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "stdin is empty") {
		t.Errorf("empty stdin: exit %d, stderr %s", r.code, r.stderr)
	}
	app, err := r.opts.orgApp(oauthflow.DefaultEndpoints())
	if err != nil || app.ClientID != "X" {
		t.Errorf("orgApp from flags = %+v, %v", app, err)
	}
}

func TestNudgeAfterReachesTheWizard(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want time.Duration
	}{
		{name: "default", want: 0},
		{name: "flag", args: []string{"--nudge-after", "2s"}, want: 2 * time.Second},
		{name: "env", env: map[string]string{envNudgeAfter: "1500ms"}, want: 1500 * time.Millisecond},
		{name: "flag beats env", env: map[string]string{envNudgeAfter: "9s"}, args: []string{"login", "--nudge-after", "3s"}, want: 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got time.Duration
			r := runCLIWith(t, testStore(t), tt.env, "", func(o *rootOptions) {
				o.hooks.assumeTerminal = true
				o.hooks.wizard = func(_ context.Context, env *wizard.Config) (wizard.Saved, error) {
					got = env.NudgeAfter
					return wizard.Saved{}, wizard.ErrCanceled
				}
			}, append([]string{"--sandbox"}, tt.args...)...)
			if r.code != ExitCanceled {
				t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			if got != tt.want {
				t.Errorf("wizard.Config.NudgeAfter = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNudgeAfterRejectsBadValues(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
	}{
		{env: map[string]string{envNudgeAfter: "soon"}, args: []string{"login"}},
		{args: []string{"--nudge-after", "-1s", "login"}},
	} {
		r := runCLI(t, testStore(t), tc.env, "", tc.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "nudge-after") && !strings.Contains(r.stderr, envNudgeAfter) {
			t.Errorf("%v %v: exit %d, stderr %s; want a usage error naming the setting", tc.env, tc.args, r.code, r.stderr)
		}
	}
}

func TestNudgeAfterIsHidden(t *testing.T) {
	r := runCLI(t, testStore(t), nil, "", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "--no-browser") || strings.Contains(r.stdout, "nudge-after") {
		t.Errorf("--help (exit %d) shows the hidden --nudge-after:\n%s", r.code, r.stdout)
	}
}

// A refused base URL says what a good one looks like.
func TestNotPlainBaseURLShowsAnExample(t *testing.T) {
	for in, want := range map[string]string{
		"https://zoom.us/?x=1":             "use e.g. https://zoom.us",
		"https://user@api.zoom.us/v2#frag": "use e.g. https://api.zoom.us",
	} {
		_, err := checkBaseURL("--api-base-url", in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("checkBaseURL(%q) = %v, want an error with %q", in, err, want)
		}
	}
}
