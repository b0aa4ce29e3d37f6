package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
)

// bin is the zoomconnect binary TestMain built for this run.
var bin string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

// buildAndRun builds the binary into a temp dir (or uses
// $ZOOMCONNECT_E2E_BIN, a binary built elsewhere), runs the tests and
// cleans up.
func buildAndRun(m *testing.M) int {
	if b := os.Getenv("ZOOMCONNECT_E2E_BIN"); b != "" {
		bin = b
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "zoomconnect-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: temp dir:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin = filepath.Join(dir, "zoomconnect")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/zoomconnect/zoomconnect")
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: go build failed: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// requireTool skips (or, with ZOOMCONNECT_REQUIRE_REAL=1, fails) when a
// tool is not on PATH, and returns its path.
func requireTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, fmt.Sprintf("%s is not installed (apt install %s)", name, name))
	}
	return p
}

// missing skips or fails for an absent real service.
func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("ZOOMCONNECT_REQUIRE_REAL") == "1" {
		t.Fatalf("%s, and ZOOMCONNECT_REQUIRE_REAL=1", why)
	}
	t.Skipf("skipping: %s (set ZOOMCONNECT_REQUIRE_REAL=1 to make this a failure)", why)
}

// home is one isolated user: XDG directories for child processes and a
// Store on the same directories for the test.
type home struct {
	root  string
	env   []string
	store *storage.Store
}

// newHome makes a home under t.TempDir with no keyring (no D-Bus).
func newHome(t testing.TB) *home {
	t.Helper()
	root := t.TempDir()
	h := &home{root: root, store: &storage.Store{
		ConfigDir: filepath.Join(root, "config", storage.AppDirName),
		DataDir:   filepath.Join(root, "data", storage.AppDirName),
		StateDir:  filepath.Join(root, "state", storage.AppDirName),
	}}
	h.env = []string{
		"HOME=" + root, "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color", "LANG=C.UTF-8",
		"XDG_CONFIG_HOME=" + filepath.Join(root, "config"),
		"XDG_DATA_HOME=" + filepath.Join(root, "data"),
		"XDG_STATE_HOME=" + filepath.Join(root, "state"),
		"XDG_RUNTIME_DIR=" + filepath.Join(root, "run"),
		"NO_COLOR=1",
	}
	return h
}

// result is one finished process.
type result struct {
	stdout, stderr string
	code           int
}

// run runs the binary with args in h, bounded by ctx.
func (h *home) run(ctx context.Context, extraEnv []string, args ...string) result {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(append([]string{}, h.env...), extraEnv...)
	cmd.Dir = h.root
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		code = -1
		errb.WriteString(err.Error())
	}
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

// manager returns a connection.Manager on h's store.
func (h *home) manager() *connection.Manager {
	return &connection.Manager{Store: h.store, HTTPClient: oauthflow.NewHTTPClient(10 * time.Second)}
}

// authorize runs one real authorization against srv in this process:
// loopback flow, approve with the sandbox flag (as curl would), exchange.
func authorize(ctx context.Context, srv *sandbox.Server) (*oauthflow.Result, error) {
	cl := &oauthflow.Client{App: oauthflow.App{ClientID: sandbox.DemoClientID, ClientSecret: sandbox.DemoClientSecret,
		Endpoints: oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}}}
	f := &oauthflow.Flow{Client: cl, Timeout: 30 * time.Second}
	sess, err := f.Start(ctx)
	if err != nil {
		return nil, fmt.Errorf("start flow: %w", err)
	}
	defer sess.Close()
	errc := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.ApproveURL(sess.AuthURL), nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	res, err := sess.Wait(ctx)
	if err != nil {
		return nil, fmt.Errorf("wait for callback: %w", err)
	}
	if err := <-errc; err != nil {
		return nil, fmt.Errorf("approve: %w", err)
	}
	return res, nil
}

// connect authorizes against srv and saves profile name with file-backed
// secrets, as `zoomconnect --insecure-storage` would.
func connect(ctx context.Context, h *home, srv *sandbox.Server, name string) error {
	res, err := authorize(ctx, srv)
	if err != nil {
		return err
	}
	return save(ctx, h, srv, name, res)
}

// save stores an authorization result as profile name with file secrets.
func save(ctx context.Context, h *home, srv *sandbox.Server, name string, res *oauthflow.Result) error {
	now := time.Now().UTC()
	p := &storage.Profile{Name: name, AuthType: storage.AuthOrgApp, AppName: "Sandbox", ClientID: sandbox.DemoClientID,
		AuthBaseURL: srv.URL, APIBaseURL: srv.URL, GrantedScopes: res.Scopes, SecretBackend: storage.BackendFile,
		CreatedAt: now, UpdatedAt: now, AccessExpiry: res.Token.Expiry.UTC()}
	sec := storage.Secrets{ClientSecret: sandbox.DemoClientSecret, AccessToken: res.Token.AccessToken,
		RefreshToken: res.Token.RefreshToken, TokenType: res.Token.TokenType, Expiry: res.Token.Expiry.UTC()}
	if err := h.manager().Save(ctx, p, storage.BackendFile, sec); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	return nil
}

// expire marks the stored access token of name as expired, so the next
// `zoomconnect token` must refresh.
func expire(ctx context.Context, h *home, name string) error {
	p, err := h.store.LoadProfile(name)
	if err != nil {
		return err
	}
	sec, err := h.store.LoadSecrets(ctx, p)
	if err != nil {
		return err
	}
	past := time.Now().Add(-time.Minute).UTC()
	sec.Expiry, p.AccessExpiry = past, past
	if err := h.store.SaveSecrets(ctx, p, storage.BackendFile, sec); err != nil {
		return err
	}
	return h.store.SaveProfile(p)
}

// meOK reports whether srv's users/me accepts token.
func meOK(ctx context.Context, srv *sandbox.Server, token string) bool {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v2/users/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// firstLine trims s to its first line.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
