package cli

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"

	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// The answer flags reach the wizard as its Answers, on login and on the
// root command: --auth-type own takes --client-id and the secret as the
// person's own app (not the organization's).
func TestAnswerFlagsReachTheWizard(t *testing.T) {
	for _, args := range [][]string{
		{"--auth-type", "own", "--client-id", "OwnClient12345", "--email", "pat@example.com", "--yes"},
		{"login", "--auth-type", "OWN", "--client-id", "OwnClient12345", "--email", "pat@example.com", "-y"},
	} {
		var got *wizard.Config
		r := runCLIWith(t, testStore(t), map[string]string{envClientSecret: "own-secret"}, "", func(o *rootOptions) {
			o.hooks.assumeTerminal = true
			o.hooks.wizard = func(_ context.Context, env *wizard.Config) (wizard.Saved, error) {
				got = env
				return wizard.Saved{}, wizard.ErrCanceled
			}
		}, append([]string{"--sandbox", "--no-browser"}, args...)...)
		if got == nil {
			t.Fatalf("%v: the wizard did not run: exit %d\n%s", args, r.code, r.stderr)
		}
		want := wizard.Answers{AuthType: storage.AuthOwnApp, ClientID: "OwnClient12345", ClientSecret: "own-secret", Email: "pat@example.com", Yes: true}
		if got.Answers != want {
			t.Errorf("%v: answers %+v, want %+v", args, got.Answers, want)
		}
		if got.OrgApp == nil || got.OrgApp.ClientID == "OwnClient12345" {
			t.Errorf("%v: --client-id of --auth-type own became the organization's app: %+v", args, got.OrgApp)
		}
	}
}

// A wrong answer is a usage error (exit 2) that says what to use, in the
// run's language, and the wizard does not start.
func TestWrongAnswerFlagsAreUsageErrors(t *testing.T) {
	cases := []struct {
		args  []string
		lang  string
		wants []string
	}{
		{[]string{"--auth-type", "foo"}, "en", []string{"--auth-type foo", "is not a way to connect", "--auth-type org", "--auth-type own"}},
		{[]string{"login", "--auth-type", "foo"}, "fr", []string{"--auth-type foo", "n’est pas une façon de se connecter"}},
		{[]string{"--email", "nobody"}, "en", []string{"--email"}},
		{[]string{"--auth-type", "own", "--client-id", "bad id!"}, "en", []string{"--client-id"}},
	}
	for _, c := range cases {
		r := runCLIWith(t, testStore(t), nil, "", func(o *rootOptions) { o.hooks.assumeTerminal = true },
			append([]string{"--sandbox", "--lang", c.lang}, c.args...)...)
		if r.code != ExitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", c.args, r.code, ExitUsage, r.stderr)
		}
		for _, w := range c.wants {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: stderr lacks %q:\n%s", c.args, w, r.stderr)
			}
		}
	}
}

// --auth-type org with no organization app known is refused before the
// wizard starts, with the ways to give one.
func TestAuthTypeOrgWithoutAnApp(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_DIRS", filepath.Join(t.TempDir(), "none"))
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	r := runCLIWith(t, testStore(t), nil, "", func(o *rootOptions) { o.hooks.assumeTerminal = true }, "--auth-type", "org", "--no-browser")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "--auth-type org") || !strings.Contains(r.stderr, "--client-id ID") {
		t.Errorf("exit %d, want %d\n%s", r.code, ExitUsage, r.stderr)
	}
}

// fakeTTY is the terminal the full-screen wizard is given.
type fakeTTY struct {
	io.Reader
	closed bool
}

func (f *fakeTTY) Close() error { f.closed = true; return nil }

// --client-secret-stdin with the full-screen wizard: the secret is read
// from stdin (a pipe), then the keys come from the terminal (/dev/tty),
// where it used to exit 2 because stdin is not a terminal.
func TestClientSecretStdinWithTheFullScreenWizard(t *testing.T) {
	tty := &fakeTTY{Reader: strings.NewReader("")}
	var got *wizard.Config
	var in io.Reader
	r := runCLIWith(t, testStore(t), nil, "org-secret\n", func(o *rootOptions) {
		o.hooks.isTerm = func(s any) bool { return s == o.Stderr } // stdin is a pipe, stderr a terminal
		o.hooks.ttyOpener = func() (io.ReadCloser, error) { return tty, nil }
		o.hooks.wizard = func(_ context.Context, env *wizard.Config) (wizard.Saved, error) {
			got = env
			in, _, _ = o.wizardInput()
			return wizard.Saved{}, wizard.ErrCanceled
		}
	}, "--client-id", "OrgClient12345", "--client-secret-stdin", "--no-browser", "--auth-type", "org", "--yes")
	if got == nil {
		t.Fatalf("the wizard did not run: exit %d\n%s", r.code, r.stderr)
	}
	if got.OrgApp == nil || got.OrgApp.ClientSecret != "org-secret" || got.Answers.AuthType != storage.AuthOrgApp {
		t.Errorf("org app %+v, answers %+v", got.OrgApp, got.Answers)
	}
	if in != io.Reader(tty) {
		t.Errorf("the wizard reads %T, want the terminal", in)
	}
	if !tty.closed {
		t.Error("the terminal was not closed after the wizard")
	}
	// No terminal to open: a usage error that says what to do.
	r = runCLIWith(t, testStore(t), nil, "org-secret\n", func(o *rootOptions) {
		o.hooks.isTerm = func(s any) bool { return s == o.Stderr }
		o.hooks.ttyOpener = func() (io.ReadCloser, error) { return nil, errors.New("no such device") }
	}, "--client-id", "OrgClient12345", "--client-secret-stdin", "--no-browser")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "/dev/tty") || !strings.Contains(r.stderr, "--accessible") {
		t.Errorf("without a terminal: exit %d\n%s", r.code, r.stderr)
	}
}

// login --device against the sandbox's device scenario, in the line
// mode with every question answered: the code is approved through the
// sandbox's approve file (as curl would), and the connection is saved.
func TestDeviceLoginInTheSandbox(t *testing.T) {
	st := testStore(t)
	approved := make(chan error, 1)
	go func() {
		path := filepath.Join(st.StateDir, sandboxApproveName)
		for i := 0; i < 400; i++ { // a wait for the file, not a speed check
			if b, err := os.ReadFile(path); err == nil && strings.Contains(string(b), "/oauth/device?") {
				resp, err := http.Get(strings.TrimSpace(string(b)))
				if err == nil {
					resp.Body.Close()
				}
				approved <- err
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		approved <- errors.New("no approve file")
	}()
	r := runCLIWith(t, st, nil, "", func(o *rootOptions) { o.hooks.wizard = nil },
		"login", "--sandbox-scenario", "device", "--device", "--accessible", "--no-browser", "--auth-type", "org", "--yes", "--insecure-storage")
	if err := <-approved; err != nil {
		t.Fatalf("approving: %v\n%s", err, r.stderr)
	}
	if r.code != 0 || !strings.Contains(r.stderr, "== Sign in with a code ==") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if p, err := st.LoadProfile("default"); err != nil || p.Email == "" {
		t.Errorf("profile %+v, %v", p, err)
	}
}
