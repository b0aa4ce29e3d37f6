package cli

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/wizard"
)

// Accessible mode comes from --accessible, then ACCESSIBLE
// (strconv.ParseBool), then TERM=dumb; it runs with piped stdin, where the
// TUI refuses to start.
func TestAccessibleModeSources(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want bool // the wizard runs, in accessible mode
		code int
	}{
		{"flag", nil, []string{"--accessible"}, true, ExitCanceled},
		{"env", map[string]string{"ACCESSIBLE": "1"}, nil, true, ExitCanceled},
		{"dumb terminal", map[string]string{"TERM": "dumb"}, nil, true, ExitCanceled},
		{"env wins over TERM", map[string]string{"ACCESSIBLE": "false", "TERM": "dumb"}, nil, false, ExitUsage},
		{"flag false wins", map[string]string{"ACCESSIBLE": "1"}, []string{"--accessible=false"}, false, ExitUsage},
		{"bad env", map[string]string{"ACCESSIBLE": "maybe"}, nil, false, ExitUsage},
		{"no tty, no accessible", nil, nil, false, ExitUsage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ran := false
			r := runCLIWith(t, testStore(t), c.env, "", func(o *rootOptions) {
				o.hooks.wizard = func(context.Context, *wizard.Config) (wizard.Saved, error) {
					ran = o.Accessible
					return wizard.Saved{}, wizard.ErrCanceled
				}
			}, append([]string{"--sandbox", "--no-browser"}, c.args...)...)
			if ran != c.want || r.code != c.code {
				t.Errorf("accessible wizard ran %v, exit %d; want %v, %d\n%s", ran, r.code, c.want, c.code, r.stderr)
			}
		})
	}
}

// A bad ACCESSIBLE value does not break the commands that are not the
// wizard.
func TestBadAccessibleEnvIgnoredOutsideWizard(t *testing.T) {
	r := runCLI(t, testStore(t), map[string]string{"ACCESSIBLE": "maybe"}, "", "list")
	if r.code == ExitUsage {
		t.Errorf("list failed on ACCESSIBLE=maybe:\n%s", r.stderr)
	}
}

// The real accessible wizard runs on piped stdin with the sandbox; end of
// input while it waits for the browser cancels (130) with plain output.
// The answers: the organization's app, no expected email, authorize now.
func TestAccessibleWizardOnPipedStdin(t *testing.T) {
	st := testStore(t)
	r := runCLIWith(t, st, nil, "1\n\n\n", func(o *rootOptions) { o.hooks.wizard = nil },
		"--sandbox", "--no-browser", "--accessible")
	if r.code != ExitCanceled {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"== Authorize in the browser ==", "http://127.0.0.1:", "No browser? In another terminal run"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.ContainsRune(r.stderr, 0x1b) || r.stdout != "" {
		t.Errorf("escape bytes on stderr, or output on stdout %q", r.stdout)
	}
}

// --client-secret-stdin reads only the first line, leaving the rest of
// stdin to the accessible wizard's answers.
func TestClientSecretStdinLeavesTheRestOfStdin(t *testing.T) {
	in := strings.NewReader("s3cr3t-value\n1\n\n")
	s, err := readSecretLine(in)
	if err != nil || s != "s3cr3t-value" {
		t.Fatalf("readSecretLine = %q, %v", s, err)
	}
	rest, _ := io.ReadAll(in)
	if string(rest) != "1\n\n" {
		t.Errorf("left %q on stdin, want the answers", rest)
	}
}
