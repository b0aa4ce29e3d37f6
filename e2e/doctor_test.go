package e2e

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/doctor"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// doctorJSON runs `zoomconnect doctor --json` with args and decodes stdout.
func doctorJSON(ctx context.Context, t *testing.T, h *home, env []string, args ...string) (doctor.Report, result) {
	t.Helper()
	r := h.run(ctx, env, append([]string{"doctor", "--json"}, args...)...)
	if strings.Contains(r.stderr, "unknown flag: --json") {
		t.Fatal("`zoomconnect doctor` is not a command of this binary: cli/root.go must add newDoctorCmd(opts)")
	}
	var rep doctor.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("doctor --json printed no report (exit %d): %v\nstdout %q\nstderr %q", r.code, err, r.stdout, r.stderr)
	}
	return rep, r
}

// Offline, doctor runs every local check, skips the network ones with a
// fix, and its exit status follows the failures.
func TestDoctorOfflineExitStatus(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	h := newHome(t)
	rep, r := doctorJSON(ctx, t, h, nil, "--offline")
	if r.code != 0 || rep.Failed() {
		t.Fatalf("clean home: exit %d, failed=%v: %s", r.code, rep.Failed(), r.stdout)
	}
	for _, id := range []string{"zoom-reachable", "clock", "connection"} {
		if c, ok := rep.Get(id); !ok || c.Status != doctor.Skip || c.Fix == "" {
			t.Errorf("%s: %+v, want skip with a fix", id, c)
		}
	}
	if c, _ := rep.Get("loopback-port"); c.Status != doctor.Pass {
		t.Errorf("loopback-port: %+v", c)
	}
	dir := filepath.Join(h.store.ConfigDir, "profiles")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "work.json"), []byte(`{"name":"wo`), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, r = doctorJSON(ctx, t, h, nil, "--offline")
	if c, _ := rep.Get("profiles"); r.code != 1 || c.Status != doctor.Fail || !strings.Contains(c.Summary, "work.json") {
		t.Errorf("torn profile: exit %d, profiles check %+v", r.code, c)
	}
}

// plant returns a random token-shaped secret with a recognisable prefix.
func plant(prefix string) string {
	return prefix + strings.ToUpper(rand.Text()) + rand.Text()
}

// The support bundle holds no secret: not the stored tokens or client
// secret, not secret environment variables, not a token quoted in an error.
func TestDoctorBundleHoldsNoSecret(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	h := newHome(t)
	if err := connect(ctx, h, srv, "default"); err != nil {
		t.Fatal(err)
	}
	p, _ := h.store.LoadProfile("default")
	sec, err := h.store.LoadSecrets(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	inError := plant("tokInErr")
	p.LastRefreshResult = "refresh failed: Zoom said token " + inError + " is invalid"
	if err := h.store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	envSecret, envToken := plant("envSecret"), plant("envTok")
	srv.SetScenario(sandbox.ScenarioRevoked) // after the next users/me, 4741 with a tracking ID
	meOK(ctx, srv, sec.AccessToken)
	bundle := filepath.Join(h.root, "support.json")
	env := []string{"ZOOMCONNECT_CLIENT_ID=OrgApp22CharClientIdX", "ZOOMCONNECT_CLIENT_SECRET=" + envSecret, "CI_JOB_TOKEN=" + envToken, "SSH_CONNECTION=10.0.0.1 5 10.0.0.2 22"}
	rep, r := doctorJSON(ctx, t, h, env, "--auth-base-url", srv.URL, "--api-base-url", srv.URL, "--bundle", bundle)
	if r.code == 0 && rep.Failed() {
		t.Errorf("a failed check but exit status 0")
	}
	b, err := os.ReadFile(bundle)
	if err != nil {
		t.Fatalf("no bundle (exit %d, stderr %q): %v", r.code, r.stderr, err)
	}
	for name, s := range map[string]string{"access token": sec.AccessToken, "refresh token": sec.RefreshToken,
		"client secret": sec.ClientSecret, "ZOOMCONNECT_CLIENT_SECRET": envSecret, "CI_JOB_TOKEN": envToken, "token in an error": inError} {
		if s == "" {
			t.Fatalf("planted %s is empty", name)
		}
		if strings.Contains(string(b), s) {
			t.Errorf("the bundle contains the %s", name)
		}
	}
	var got doctor.Bundle
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("bundle is not JSON: %v", err)
	}
	if fi, _ := os.Stat(bundle); fi.Mode().Perm() != 0o600 {
		t.Errorf("bundle mode %04o, want 0600", fi.Mode().Perm())
	}
	if got.Flags["ssh"] != "true" || got.GoVersion == "" || len(got.Profiles) != 1 || got.Profiles[0].ClientID != sandbox.DemoClientID {
		t.Errorf("bundle lacks facts: flags %v go %q profiles %+v", got.Flags, got.GoVersion, got.Profiles)
	}
	if len(got.Errors) == 0 || got.Errors[0].TrackingID == "" || got.Errors[0].Code == "" {
		t.Errorf("the bundle lost the Zoom error code or tracking ID: %+v", got.Errors)
	}
	if c, _ := rep.Get("connection"); c.Status != doctor.Fail || r.code != 1 {
		t.Errorf("revoked connection: exit %d, check %+v", r.code, c)
	}
}

// A pinned port that another process holds fails the port check, names the
// holder and gives the commands; the exit status is 1.
func TestDoctorBusyPinnedPort(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	h := newHome(t)
	rep, r := doctorJSON(ctx, t, h, nil, "--offline", "--port", port)
	c, _ := rep.Get("loopback-port")
	if r.code != 1 || c.Status != doctor.Fail || !strings.Contains(c.Summary, port) || !strings.Contains(c.Fix, "ss -ltnp") {
		t.Errorf("exit %d, check %+v", r.code, c)
	}
	if runtime.GOOS == "linux" && !strings.Contains(c.Summary, "pid "+strconv.Itoa(os.Getpid())) {
		t.Errorf("the holder (this test, pid %d) is not named: %q", os.Getpid(), c.Summary)
	}
	text := h.run(ctx, nil, "doctor", "--offline", "--port", port)
	if text.code != 1 || !strings.Contains(text.stdout, "[FAIL] Loopback port can be bound") || !strings.Contains(text.stdout, "fix: ") {
		t.Errorf("text output (exit %d):\n%s", text.code, text.stdout)
	}
}
