package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
)

// The closed loop of issue 9, end to end with the built binary against the
// sandbox: a user hits the pre-approval wall in the (accessible) wizard,
// presses "Request pre-approval" on the consent page and leaves (exit 9);
// the admin sees the request and approves it, with the command line or the
// console; the user's login resumes the attempt and connects.

// lineRun is the binary run with piped stdin, its stderr collected, as a
// person typing answers line by line.
type lineRun struct {
	t    *testing.T
	cmd  *exec.Cmd
	in   io.WriteCloser
	mu   sync.Mutex
	errb bytes.Buffer
	done chan struct{}
	code int
}

func (l *lineRun) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.errb.Write(p)
}

func (l *lineRun) stderr() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.errb.String()
}

// startLines starts zoomconnect args in h with env added.
func startLines(ctx context.Context, t *testing.T, h *home, env []string, args ...string) *lineRun {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, args...)
	l := &lineRun{t: t, cmd: cmd, done: make(chan struct{})}
	cmd.Env = append(append([]string{}, h.env...), env...)
	cmd.Dir = h.root
	cmd.Stderr, cmd.Stdout = l, io.Discard
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	l.in = in
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		err := cmd.Wait()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			l.code = ee.ExitCode()
		case err != nil:
			l.code = -1
		}
		close(l.done)
	}()
	t.Cleanup(func() { in.Close(); <-l.done })
	return l
}

// send types lines.
func (l *lineRun) send(lines ...string) {
	l.t.Helper()
	for _, s := range lines {
		if _, err := io.WriteString(l.in, s+"\n"); err != nil {
			l.t.Fatalf("type %q: %v\n%s", s, err, l.stderr())
		}
	}
}

// waitFor waits until stderr holds a match of re and returns it.
func (l *lineRun) waitFor(ctx context.Context, re *regexp.Regexp) string {
	l.t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	for {
		if m := re.FindString(l.stderr()); m != "" {
			return m
		}
		select {
		case <-ctx.Done():
			l.t.Fatalf("stderr never showed %s:\n%s", re, l.stderr())
		case <-l.done:
			if m := re.FindString(l.stderr()); m != "" {
				return m
			}
			l.t.Fatalf("zoomconnect exited (%d) before showing %s:\n%s", l.code, re, l.stderr())
		case <-time.After(30 * time.Millisecond):
		}
	}
}

// exit waits for the process and returns its status.
func (l *lineRun) exit(ctx context.Context) int {
	l.t.Helper()
	select {
	case <-l.done:
		return l.code
	case <-time.After(30 * time.Second):
		l.t.Fatalf("zoomconnect did not exit:\n%s", l.stderr())
	case <-ctx.Done():
	}
	return -1
}

var (
	authorizeRE = regexp.MustCompile(`http://127\.0\.0\.1:\d+/oauth/authorize\?\S+`)
	// lettersRE is the last of the letters the wizard reads while it
	// waits for the browser ("  q  quit" in every language).
	lettersRE = regexp.MustCompile(`(?m)^  q  \S`)
)

// get fetches u (following redirects, as a browser would) and returns the
// page.
func get(ctx context.Context, t *testing.T, u string) string {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// hitTheWall is the user's first run: the wall, the request on the
// consent page, leaving with exit 9.
func hitTheWall(ctx context.Context, t *testing.T, h *home, env []string) {
	t.Helper()
	user := startLines(ctx, t, h, env, "--sandbox-scenario", "preapproval", "--accessible", "--no-browser")
	user.send("1", sandbox.DemoUser().Email, "") // the organization's (sandbox) app; the expected account; authorize now
	u := user.waitFor(ctx, authorizeRE)
	if page := get(ctx, t, u+"&"+sandbox.ApproveParam+"=request_preapproval"); !strings.Contains(page, sandbox.PreapprovalSent) {
		t.Fatalf("the consent page did not record the request:\n%s", page)
	}
	user.send("p", "n", "n") // the browser shows "Request pre-approval"; no file; do not retry
	if code := user.exit(ctx); code != 9 {
		t.Fatalf("the user left with exit %d, want 9:\n%s", code, user.stderr())
	}
}

// seesTheRequest is the admin listing the apps, then the app's requests.
func seesTheRequest(ctx context.Context, t *testing.T, h *home, env []string) {
	t.Helper()
	r := h.run(ctx, env, "admin", "requests", "--sandbox")
	if r.code != 0 || !strings.Contains(r.stdout, sandbox.DemoAppID) {
		t.Fatalf("admin requests: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = h.run(ctx, env, "admin", "requests", "--sandbox", "--app", sandbox.DemoAppID, "--json")
	var rep struct {
		Schema   int `json:"schema"`
		Requests []struct{ Email, Status string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Schema != 1 {
		t.Fatalf("admin requests --json: %v\n%s%s", err, r.stdout, r.stderr)
	}
	for _, q := range rep.Requests {
		if q.Email == sandbox.DemoUser().Email && q.Status == "pending" {
			return
		}
	}
	t.Fatalf("the user's request is not listed: %+v", rep.Requests)
}

// resumes is the user's login after the approval: Resume, the browser
// allows now, save; then status works.
func resumes(ctx context.Context, t *testing.T, h *home, env []string, lang i18n.Lang) {
	t.Helper()
	tr := i18n.New(lang)
	user := startLines(ctx, t, h, env, "login", "--sandbox", "--accessible", "--no-browser", "--insecure-storage")
	user.send("1", "") // Resume where you stopped; authorize now
	u := user.waitFor(ctx, authorizeRE)
	user.waitFor(ctx, lettersRE)                     // it waits for the browser now
	get(ctx, t, u+"&"+sandbox.ApproveParam+"=allow") // follows the redirect to the wizard's loopback
	// Each answer waits for its question: a line typed earlier may be
	// taken by the wait for the browser.
	user.waitFor(ctx, regexp.MustCompile(regexp.QuoteMeta(tr.T("scopes.ask_continue", "Enter", tr.T("keyname.enter"), "Quit", "q"))))
	user.send("") // the scope review
	user.waitFor(ctx, regexp.MustCompile(regexp.QuoteMeta(page.PlainText(tr.T("identity.question", "Profile", "default")))))
	user.send("y") // save the connection
	if code := user.exit(ctx); code != 0 {
		t.Fatalf("the resumed login exited %d:\n%s", code, user.stderr())
	}
	st := h.run(ctx, env, "status", "--offline")
	if st.code != 0 || !strings.Contains(st.stdout, sandbox.DemoUser().Email) {
		t.Errorf("status --offline after the loop: exit %d\n%s%s", st.code, st.stdout, st.stderr)
	}
}

// approvedLine is how the report names the approved user, in lang.
func approvedLine(lang i18n.Lang) string {
	t := i18n.New(lang)
	who := t.T("admin.who", "Name", sandbox.DemoUser().DisplayName, "Email", sandbox.DemoUser().Email)
	return t.T("admin.result.item", "Who", i18n.Raw(who), "Outcome", i18n.Raw(t.T("admin.outcome.done_approve")))
}

func TestClosedLoopCLI(t *testing.T) {
	for _, c := range []struct {
		name string
		lang i18n.Lang
		env  []string
	}{{"english", i18n.English, nil}, {"french", i18n.French, []string{"LANG=fr_FR.UTF-8"}}} {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			h := newHome(t)
			hitTheWall(ctx, t, h, c.env)
			seesTheRequest(ctx, t, h, c.env)
			r := h.run(ctx, c.env, "admin", "approve", "--sandbox", "--app", sandbox.DemoAppID, sandbox.DemoUser().Email)
			if r.code != 0 || !strings.Contains(r.stdout, approvedLine(c.lang)) {
				t.Fatalf("admin approve: exit %d, want 0 and %q\n%s%s", r.code, approvedLine(c.lang), r.stdout, r.stderr)
			}
			resumes(ctx, t, h, c.env, c.lang)
		})
	}
}

// The same loop with the admin in the full-screen console, in tmux: the
// app, its requests' table, select the user, approve, confirm.
func TestClosedLoopConsole(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	h := newHome(t)
	hitTheWall(ctx, t, h, nil)
	tr := i18n.New(i18n.English)
	w := startWizard(t, h, browserRecord, "admin", "--sandbox")
	w.waitFor(ctx, sandbox.DemoAppID)
	w.keys("Enter") // the demo app, first
	w.waitFor(ctx, tr.N("admin.console.act_requests", 3))
	w.keys("Enter") // its requests
	w.waitFor(ctx, sandbox.DemoUser().Email)
	w.keys("Down", "Down", "Space") // the oldest first: the user's is the third
	w.waitFor(ctx, tr.N("admin.console.selected", 1))
	w.keys("Enter") // approve
	w.waitFor(ctx, page.PlainText(tr.N("admin.confirm.approve", 1, "App", sandbox.DemoAppName)))
	if s := w.screen(); !strings.Contains(s, sandbox.DemoUser().Email) || strings.Contains(s, "dee.dev@example.com") {
		t.Fatalf("the confirmation does not name just the user:\n%s", s)
	}
	w.keys("y")
	w.waitFor(ctx, approvedLine(i18n.English))
	w.keys("Enter")
	w.waitFor(ctx, tr.N("admin.console.act_requests", 2))
	w.keys("q")
	if code := w.exitCode(ctx); code != 0 {
		t.Fatalf("the console exited %d", code)
	}
	resumes(ctx, t, h, nil, i18n.English)
}
