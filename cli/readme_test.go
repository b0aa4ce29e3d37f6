package cli

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// The README is the user's reference: it must document what the code does.
func TestREADMEDocumentsTheCLI(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	_, afterFence, _ := strings.Cut(readme, "```sh\n")
	first, _, _ := strings.Cut(afterFence, "```")
	var cmds []string
	for _, line := range strings.Split(strings.TrimSpace(first), "\n") {
		cmds = append(cmds, strings.TrimSpace(strings.SplitN(line, "#", 2)[0]))
	}
	if fmt.Sprint(cmds) != "[go run . --sandbox go test ./...]" {
		t.Errorf("the first code block must be exactly the two set-up commands, got %q", cmds)
	}
	codes := map[int]string{ExitOK: "ok", ExitFailure: "", ExitUsage: "", ExitDeclined: "", ExitTimeout: "", ExitNetwork: "",
		ExitRateLimited: "", ExitStorage: "", ExitReconnect: "", ExitPreapproval: "", ExitCanceled: ""}
	for code := range codes {
		if !strings.Contains(readme, fmt.Sprintf("| %d |", code)) {
			t.Errorf("README's exit-code table lacks %d", code)
		}
		if !strings.Contains(rootLong, fmt.Sprintf("  %d ", code)) {
			t.Errorf("zoomconnect --help lacks exit code %d", code)
		}
	}
	_, table, _ := strings.Cut(readme, "## Exit codes")
	table, _, _ = strings.Cut(table, "\n## ")
	if strings.Contains(table, "reserved") {
		t.Error("README's exit-code table still calls a code reserved; the wizard returns every code now")
	}
	for _, s := range sandbox.Scenarios(nil) {
		if !strings.Contains(readme, "| `"+string(s.Name)+"` |") {
			t.Errorf("README's scenario table lacks %s", s.Name)
		}
	}
	root := newRootCmd(newRootOptions())
	for _, c := range root.Commands() {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		if !strings.Contains(readme, "`"+c.Name()) && !strings.Contains(readme, "/ `"+c.Name()+"`") {
			t.Errorf("README does not document the %s command", c.Name())
		}
	}
	for _, f := range []string{"profile", "sandbox", "sandbox-scenario", "gov", "auth-base-url", "api-base-url", "port",
		"timeout", "no-browser", "insecure-storage", "client-id", "client-secret-stdin", "accessible"} {
		if root.Flags().Lookup(f) == nil && root.PersistentFlags().Lookup(f) == nil || !strings.Contains(readme, "`--"+f) {
			t.Errorf("flag --%s is missing from the command or the README", f)
		}
	}
}
