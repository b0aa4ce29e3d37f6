package e2e

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wizard is the real binary running in a detached tmux session on a
// private tmux socket, so nothing touches the user's tmux.
type wizard struct {
	t    *testing.T
	h    *home
	dir  string // scripts, recorded URLs, exit status
	sock string
}

// Browser scripts: record the URL; or record it and approve it the way the
// sandbox documents (curl with sandbox_decision=allow).
const (
	browserRecord  = "#!/bin/sh\nprintf '%s\\n' \"$1\" >> \"$(dirname \"$0\")/urls\"\n"
	browserApprove = browserRecord + "curl -sSL -o /dev/null \"$1&sandbox_decision=allow\" >/dev/null 2>&1 &\n"
)

// startWizard runs `zoomconnect args...` in tmux (100x30) for h, with
// BROWSER set to the given script.
func startWizard(t *testing.T, h *home, browserScript string, args ...string) *wizard {
	t.Helper()
	tmux := requireTool(t, "tmux")
	requireTool(t, "curl")
	w := &wizard{t: t, h: h, dir: t.TempDir()}
	w.sock = fmt.Sprintf("zc-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())
	browser := filepath.Join(w.dir, "browser.sh")
	w.write(browser, browserScript, 0o700)
	var sh strings.Builder
	sh.WriteString("#!/bin/sh\ncd " + shq(h.root) + "\nenv -i")
	for _, kv := range append(append([]string{}, h.env...), "BROWSER="+browser) {
		sh.WriteString(" " + shq(kv))
	}
	sh.WriteString(" " + shq(bin))
	for _, a := range args {
		sh.WriteString(" " + shq(a))
	}
	sh.WriteString("\necho $? > " + shq(filepath.Join(w.dir, "exit")) + "\nexec sleep 600\n")
	run := filepath.Join(w.dir, "run.sh")
	w.write(run, sh.String(), 0o700)
	if out, err := exec.Command(tmux, "-L", w.sock, "new-session", "-d", "-s", "w", "-x", "100", "-y", "30", run).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command(tmux, "-L", w.sock, "kill-server").Run() })
	return w
}

func (w *wizard) write(path, s string, mode os.FileMode) {
	w.t.Helper()
	if err := os.WriteFile(path, []byte(s), mode); err != nil {
		w.t.Fatal(err)
	}
}

// shq single-quotes s for sh.
func shq(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// screen returns the visible pane.
func (w *wizard) screen() string {
	out, err := exec.Command("tmux", "-L", w.sock, "capture-pane", "-p", "-t", "w").Output()
	if err != nil {
		return "(capture-pane failed: " + err.Error() + ")"
	}
	return string(out)
}

// keys sends tmux key names ("Enter", "C-c", "y").
func (w *wizard) keys(k ...string) {
	w.t.Helper()
	if out, err := exec.Command("tmux", append([]string{"-L", w.sock, "send-keys", "-t", "w"}, k...)...).CombinedOutput(); err != nil {
		w.t.Fatalf("tmux send-keys %v: %v: %s", k, err, out)
	}
}

// waitFor polls the screen until it shows one of texts and returns which.
func (w *wizard) waitFor(ctx context.Context, texts ...string) string {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	for {
		s := w.screen()
		for _, x := range texts {
			if strings.Contains(s, x) {
				return x
			}
		}
		select {
		case <-ctx.Done():
			w.t.Fatalf("the screen never showed %q; it shows:\n%s", texts, s)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// exitCode waits for the process to exit and returns its status.
func (w *wizard) exitCode(ctx context.Context) int {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for {
		if b, err := os.ReadFile(filepath.Join(w.dir, "exit")); err == nil && strings.HasSuffix(string(b), "\n") {
			n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
			return n
		}
		select {
		case <-ctx.Done():
			w.t.Fatalf("zoomconnect did not exit; the screen shows:\n%s", w.screen())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// authURL returns the last URL given to the browser.
func (w *wizard) authURL() string {
	b, _ := os.ReadFile(filepath.Join(w.dir, "urls"))
	lines := strings.Fields(string(b))
	if len(lines) == 0 {
		return ""
	}
	return lines[len(lines)-1]
}

// Screen texts that identify each wizard step.
const (
	scrWelcome     = "Press enter to begin"
	scrAuthType    = "Choose how to connect"
	scrCredentials = "Your organization's app"
	scrAuthorize   = "Waiting for Zoom"
	scrScopes      = "What zoomconnect needs"
	scrIdentity    = "Save this connection"
	scrFileConsent = "Store the tokens in this file?"
	scrDone        = "Connected  step"
	scrPreapproval = "Admin pre-approval needed"
)

// advance moves the wizard from the welcome screen to step (one of the
// scr* texts up to scrFileConsent), approving in the sandbox when needed.
func (w *wizard) advance(ctx context.Context, step string) {
	w.t.Helper()
	enter := func() { w.keys("Enter") }
	path := []struct {
		screen string
		act    func() // what gets there from the previous screen
	}{
		{scrAuthType, enter}, {scrCredentials, enter}, {scrAuthorize, enter},
		{scrScopes, func() { w.approve(ctx) }}, {scrIdentity, enter}, {scrFileConsent, func() { w.keys("y") }},
	}
	cur := scrWelcome
	w.waitFor(ctx, cur)
	for _, p := range path {
		if cur == step {
			return
		}
		p.act()
		w.waitFor(ctx, p.screen)
		cur = p.screen
	}
	if cur != step {
		w.t.Fatalf("advance: unknown step %q", step)
	}
}

// waitURL waits for the BROWSER script to record a URL and returns it.
func (w *wizard) waitURL(ctx context.Context) string {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for {
		if u := w.authURL(); u != "" {
			return u
		}
		select {
		case <-ctx.Done():
			w.t.Fatalf("the wizard gave no URL to BROWSER; screen:\n%s", w.screen())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// approve opens the recorded authorize URL with the sandbox's approve flag.
func (w *wizard) approve(ctx context.Context) {
	w.t.Helper()
	u := w.waitURL(ctx)
	cmd := exec.CommandContext(ctx, "curl", "-sSL", "-o", "/dev/null", u+"&sandbox_decision=allow")
	if out, err := cmd.CombinedOutput(); err != nil {
		w.t.Fatalf("curl the approve URL: %v: %s", err, out)
	}
}

// loopbackPorts returns the sandbox port and the loopback redirect port of
// an authorize URL.
func loopbackPorts(t *testing.T, authURL string) []string {
	t.Helper()
	u, err := url.Parse(authURL)
	if err != nil {
		t.Fatalf("authorize URL %q: %v", authURL, err)
	}
	r, err := url.Parse(u.Query().Get("redirect_uri"))
	if err != nil || r.Port() == "" {
		t.Fatalf("authorize URL without a loopback redirect_uri: %q", authURL)
	}
	return []string{u.Port(), r.Port()}
}

// assertNothingLeft checks that a canceled wizard saved nothing, freed its
// ports and released the profile lock.
func assertNothingLeft(ctx context.Context, t *testing.T, h *home, ports []string) {
	t.Helper()
	for _, pattern := range []string{
		filepath.Join(h.store.ConfigDir, "profiles", "*"), filepath.Join(h.store.DataDir, "secrets", "*"),
		filepath.Join(h.store.StateDir, "pending", "*"), filepath.Join(h.store.ConfigDir, "default-profile"),
	} {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			t.Errorf("canceled wizard left %v", m)
		}
	}
	for _, p := range ports {
		if c, err := net.DialTimeout("tcp", "127.0.0.1:"+p, time.Second); err == nil {
			c.Close()
			t.Errorf("port %s still accepts connections after exit", p)
		}
	}
	lctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	unlock, err := h.store.Lock(lctx, "default")
	if err != nil {
		t.Errorf("the profile lock cannot be taken after exit: %v", err)
		return
	}
	unlock()
}

// Ctrl+C at every wizard step exits and leaves no profile, no secret, no
// pending attempt, no open port and no held lock.
func TestWizardCtrlCAtEveryStep(t *testing.T) {
	for _, step := range []string{scrWelcome, scrAuthType, scrCredentials, scrAuthorize, scrScopes, scrIdentity, scrFileConsent} {
		t.Run(strings.Fields(step)[0]+"-"+strings.Fields(step)[1], func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			h := newHome(t)
			w := startWizard(t, h, browserRecord, "--sandbox")
			w.advance(ctx, step)
			w.keys("C-c")
			code := w.exitCode(ctx)
			if code == 0 {
				t.Errorf("ctrl+c at %q exited 0", step)
			}
			var ports []string
			if u := w.authURL(); u != "" {
				ports = loopbackPorts(t, u)
			}
			assertNothingLeft(ctx, t, h, ports)
			t.Logf("ctrl+c at %q: exit %d, checked ports %v", step, code, ports)
		})
	}
}

// The whole wizard in a terminal: welcome → auth type (sandbox org app) →
// credentials → authorize (the BROWSER script approves with curl) → scopes
// → identity (y) → done; then status and token work.
func TestWizardHappyPath(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	h := newHome(t)
	w := startWizard(t, h, browserApprove, "--sandbox")
	for _, s := range []string{scrWelcome, scrAuthType, scrCredentials} {
		w.waitFor(ctx, s)
		w.keys("Enter")
	}
	w.waitFor(ctx, scrScopes)
	w.keys("Enter")
	w.waitFor(ctx, scrIdentity)
	w.keys("y")
	if w.waitFor(ctx, scrFileConsent, scrDone) == scrFileConsent {
		w.keys("y") // no keyring in the test home: consent to the 0600 file
	}
	w.waitFor(ctx, scrDone)
	if !strings.Contains(w.screen(), "sam.sandbox@example.com") {
		t.Errorf("done screen does not name the account:\n%s", w.screen())
	}
	w.keys("Enter")
	if code := w.exitCode(ctx); code != 0 {
		t.Fatalf("wizard exited %d", code)
	}
	st := h.run(ctx, nil, "status", "--offline")
	if !strings.Contains(st.stdout, "sam.sandbox@example.com") || !strings.Contains(st.stdout, "default") {
		t.Errorf("status --offline (exit %d) does not show the connection:\n%s%s", st.code, st.stdout, st.stderr)
	}
	tok := h.run(ctx, nil, "token")
	if tok.code != 0 || len(firstLine(tok.stdout)) < 20 {
		t.Errorf("token: exit %d, %q %q", tok.code, tok.stdout, tok.stderr)
	}
}

// The pre-approval scenario: the browser shows "Request pre-approval" and
// never redirects; p on the authorize screen leads to the pre-approval
// screen, and nothing is saved as a connection.
func TestWizardPreapproval(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	h := newHome(t)
	// --nudge-after shortens the 45 s wait before the authorize screen asks
	// whether the browser shows "Request pre-approval"; p is pressed only
	// once the question is on screen, as a user would.
	w := startWizard(t, h, browserApprove, "--sandbox-scenario", "preapproval", "--nudge-after", "2s")
	w.advance(ctx, scrAuthorize)
	w.waitFor(ctx, "Taking a while") // waitFor gives up after 15 s, far below 45 s
	w.keys("p")
	w.waitFor(ctx, scrPreapproval)
	screen := w.screen()
	for _, want := range []string{"Request pre-approval", "no connection was saved", "Request for your admin"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the pre-approval screen lacks %q", want)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(h.store.ConfigDir, "profiles", "*.json")); len(m) > 0 {
		t.Errorf("a profile was saved at the pre-approval wall: %v", m)
	}
}
