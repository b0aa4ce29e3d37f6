package steps

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

func TestReasonPicksInnermostMeaningfulCause(t *testing.T) {
	noBus := errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret Service can answer")
	_, statErr := os.Stat(filepath.Join(t.TempDir(), "missing.json"))
	zoom := &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Op: oauthflow.OpRefresh, Code: 4738, Reason: "disabled"}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"keyring chain", fmt.Errorf(`save "default": %w`, fmt.Errorf(`save secrets of "default": %w`,
			fmt.Errorf("keyring write: %w: %w", storage.ErrKeyringUnavailable, noBus))),
			"No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret Service can answer."},
		{"sentinel alone", fmt.Errorf("keyring write: %w", storage.ErrKeyringUnavailable), "The system keyring is not available."},
		{"timeout", fmt.Errorf("save: %w", fmt.Errorf("keyring set: %w (waited 5s)", storage.ErrKeyringTimeout)),
			"The system keyring did not answer in time."},
		{"file error keeps its path", fmt.Errorf("load: %w", statErr), "Stat " + statErr.(*fs.PathError).Path + ": no such file or directory."},
		{"zoom error uses Explain", fmt.Errorf("refresh: %w", zoom), oauthflow.Explain(zoom).Title},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Reason(tc.err)
			if !strings.HasPrefix(got, strings.TrimSuffix(tc.want, ".")) || !strings.HasSuffix(got, ".") {
				t.Fatalf("Reason = %q, want %q", got, tc.want)
			}
		})
	}
	if Reason(nil) != "" {
		t.Fatal("Reason(nil) is not empty")
	}
}

// TestExplainViewPlainErrorIsNotBlamedOnZoom: a local failure (a save)
// shows its own cause, not "Something went wrong talking to Zoom".
func TestExplainViewPlainErrorIsNotBlamedOnZoom(t *testing.T) {
	out := strings.Join(explainView(testEnv(t), fmt.Errorf(`save "default": %w`, errors.New("disk full")), 80), "\n")
	if !strings.Contains(out, "✗ Disk full") || strings.Contains(out, "Zoom") || strings.Contains(out, `save "default"`) {
		t.Fatalf("explainView = %q", out)
	}
}

// TestExplainViewFillsEveryPlaceholder renders every entry of the error
// table the way the screens do: no "{profile}" (or any other "{...}")
// reaches the screen, the profile is the wizard's, and under --sandbox the
// command to run carries --sandbox so it reaches the sandbox profile.
func TestExplainViewFillsEveryPlaceholder(t *testing.T) {
	for _, sandboxed := range []bool{false, true} {
		env := testEnv(t)
		env.ProfileName, env.Sandbox = "work", sandboxed
		for _, row := range oauthflow.ErrorTable() {
			ex, _ := oauthflow.ExplanationFor(row.Key)
			out := ansi.Strip(strings.Join(explanationView(env.Styles, forEnv(env, ex), 200), "\n"))
			if strings.ContainsAny(out, "{}") {
				t.Errorf("%s: a placeholder reaches the screen:\n%s", row.Key, out)
			}
			if strings.Contains(row.Command, "{profile}") && !strings.Contains(out, "--profile work") {
				t.Errorf("%s: the command does not name the profile:\n%s", row.Key, out)
			}
			if got := strings.Contains(out, "--sandbox"); row.Command != "" && got != sandboxed {
				t.Errorf("%s (sandbox %v): command %q", row.Key, sandboxed, forEnv(env, ex).Command)
			}
		}
	}
	err := &oauthflow.Error{Kind: oauthflow.KindInvalidClient, Op: oauthflow.OpExchange, ErrorCode: "invalid_client", HTTPStatus: 401}
	env := testEnv(t)
	env.Sandbox = true
	out := ansi.Strip(strings.Join(explainView(env, err, 80), "\n"))
	mustContain(t, out, "Run: zoomconnect login --profile default --sandbox")
	if strings.Contains(out, "{") {
		t.Errorf("placeholder shown:\n%s", out)
	}
}
