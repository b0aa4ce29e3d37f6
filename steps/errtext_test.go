package steps

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/internal/cmdline"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func TestExplainViewPlainErrorIsNotBlamedOnZoom(t *testing.T) {
	out := ansi.Strip(strings.Join(explainView(testEnv(t), fmt.Errorf(`save "default": %w`, errors.New("disk full")), 80), "\n"))
	if !strings.Contains(out, "✗ Disk full") || strings.Contains(out, "Zoom") || strings.Contains(out, `save "default"`) {
		t.Fatalf("explainView = %q", out)
	}
}

// TestExplainViewFillsEveryPlaceholder renders every entry of the error
// table the way the screens do: no "{profile}" (or any other "{...}")
// reaches the screen, the profile is the wizard's, and under --sandbox the
// command to run carries --sandbox, when it takes it, so it reaches the
// sandbox profile.
func TestExplainViewFillsEveryPlaceholder(t *testing.T) {
	for _, sandboxed := range []bool{false, true} {
		env := testEnv(t)
		env.W.Profile = "work"
		if sandboxed {
			env.W.Sandbox = &wizard.Sandbox{}
		}
		for _, row := range oauthflow.ErrorTable() {
			ex, _ := oauthflow.ExplanationFor(row.Key)
			out := ansi.Strip(strings.Join(explanationView(env, wizard.FillExplanation(env.W, ex), 200), "\n"))
			if strings.ContainsAny(out, "{}") {
				t.Errorf("%s: a placeholder reaches the screen:\n%s", row.Key, out)
			}
			if strings.Contains(row.Command, "{profile}") && !strings.Contains(out, "--profile work") {
				t.Errorf("%s: the command does not name the profile:\n%s", row.Key, out)
			}
			if got := strings.Contains(out, "--sandbox"); row.Command != "" && got != (sandboxed && cmdline.TakesSandbox(row.Command)) {
				t.Errorf("%s (sandbox %v): command %q", row.Key, sandboxed, wizard.FillExplanation(env.W, ex).Command)
			}
		}
	}
	err := &oauthflow.Error{Kind: oauthflow.KindInvalidClient, Op: oauthflow.OpExchange, ErrorCode: "invalid_client", HTTPStatus: 401}
	env := testEnv(t)
	env.W.Sandbox = &wizard.Sandbox{}
	out := ansi.Strip(strings.Join(explainView(env, err, 80), "\n"))
	mustContain(t, out, "Run: zoomconnect login --profile default --sandbox")
	if strings.Contains(out, "{") {
		t.Errorf("placeholder shown:\n%s", out)
	}
}
