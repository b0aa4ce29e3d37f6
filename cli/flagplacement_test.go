package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/zoomconnect/zoomconnect/internal/cmdline"
)

// globalFlagNames are on every command.
var globalFlagNames = []string{"accessible", "help", "lang"}

// wizardFlagNames are the flags of the commands that run the wizard.
const wizardFlagNames = "profile sandbox gov auth-base-url api-base-url port client-id insecure-storage request-lang " +
	"sandbox-scenario timeout client-secret-stdin no-browser auth-type email yes device"

// commandFlags is, for every command, the flags it reads besides the
// global ones: the flags its help must list, and the only ones it takes.
// A new command, or a flag that a command starts to read, is added here.
var commandFlags = map[string]string{
	"zoomconnect":                       wizardFlagNames + " version",
	"zoomconnect login":                 wizardFlagNames,
	"zoomconnect list":                  "json jq",
	"zoomconnect status":                "profile json offline quiet jq",
	"zoomconnect token":                 "profile",
	"zoomconnect refresh":               "profile",
	"zoomconnect logout":                "profile keep-remote",
	"zoomconnect errors":                "profile json jq",
	"zoomconnect doctor":                "sandbox gov auth-base-url api-base-url port json offline bundle jq",
	"zoomconnect admin":                 "admin-profile sandbox",
	"zoomconnect admin preapproval":     "markdown",
	"zoomconnect admin request":         "profile sandbox gov auth-base-url api-base-url client-id request-lang markdown",
	"zoomconnect admin guide":           "",
	"zoomconnect admin login":           "admin-profile sandbox gov auth-base-url api-base-url insecure-storage account-id client-id client-secret-stdin json jq",
	"zoomconnect admin status":          "admin-profile sandbox offline json jq",
	"zoomconnect admin logout":          "admin-profile",
	"zoomconnect admin requests":        "admin-profile sandbox app status json jq",
	"zoomconnect admin approve":         "admin-profile sandbox app yes all json jq",
	"zoomconnect admin decline":         "admin-profile sandbox app yes all json jq",
	"zoomconnect admin preapprove":      "admin-profile sandbox app yes user group remove all off json jq",
	"zoomconnect api":                   "profile method raw-field field input paginate include jq",
	"zoomconnect switch":                "",
	"zoomconnect sandbox":               "",
	"zoomconnect sandbox serve":         "addr scenario state",
	"zoomconnect version":               "json jq",
	"zoomconnect man":                   "dir",
	"zoomconnect help":                  "",
	"zoomconnect completion":            "",
	"zoomconnect completion bash":       "no-descriptions",
	"zoomconnect completion zsh":        "no-descriptions",
	"zoomconnect completion fish":       "no-descriptions",
	"zoomconnect completion powershell": "no-descriptions",
}

// TestFlagsOnlyWhereTheyAct checks every command of the tree against
// commandFlags: the flags its help lists (local and inherited, hidden
// ones apart) are exactly the global ones and its own.
func TestFlagsOnlyWhereTheyAct(t *testing.T) {
	root, _ := fullTree()
	seen := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		path := c.CommandPath()
		seen[path] = true
		want, ok := commandFlags[path]
		if !ok {
			t.Errorf("%s is not in commandFlags: add it with the flags it reads", path)
		} else if got, want := listedFlags(c), sortedNames(want); !slices.Equal(got, want) {
			t.Errorf("%s --help lists the flags\n  %v\nwant\n  %v", path, got, want)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for path := range commandFlags {
		if !seen[path] {
			t.Errorf("commandFlags names %s, which is not a command", path)
		}
	}
}

// listedFlags are the names of the flags c's help lists, sorted.
func listedFlags(c *cobra.Command) []string {
	c.InitDefaultHelpFlag()
	var names []string
	add := func(f *pflag.Flag) {
		if !f.Hidden && !slices.Contains(names, f.Name) {
			names = append(names, f.Name)
		}
	}
	c.LocalFlags().VisitAll(add)
	c.InheritedFlags().VisitAll(add)
	slices.Sort(names)
	return names
}

// sortedNames are the global flags and the space-separated names, sorted.
func sortedNames(s string) []string {
	names := append(strings.Fields(s), globalFlagNames...)
	slices.Sort(names)
	return names
}

// A flag is refused where it does not act, as a usage error that names
// it: `token` takes no --port.
func TestFlagRefusedWhereItDoesNotAct(t *testing.T) {
	for _, args := range [][]string{
		{"token", "--port", "8765"},
		{"--port", "8765", "token"},
		{"list", "--profile", "work"},
		{"status", "--sandbox"},
		{"admin", "guide", "--admin-profile", "ops"},
	} {
		r := runCLI(t, testStore(t), nil, "", args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "unknown flag: --") {
			t.Errorf("%v: exit %d, stderr %q; want a usage error for the unknown flag", args, r.code, r.stderr)
		}
	}
}

// A flag given before the command's name still reaches the command that
// reads it.
func TestFlagBeforeTheCommand(t *testing.T) {
	r := runCLI(t, testStore(t), nil, "", "--profile", "work", "errors", "4702")
	if r.code != 0 || !strings.Contains(r.stdout, "--profile work") {
		t.Errorf("--profile work errors 4702: exit %d, stderr %s; want the profile in the commands:\n%s", r.code, r.stderr, r.stdout)
	}
}

// The commands that texts suggest with --sandbox (internal/cmdline) are
// the commands that take it.
func TestSandboxCommandsTakeSandbox(t *testing.T) {
	root, _ := fullTree()
	var got []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		if slices.Contains(listedFlags(c), "sandbox") {
			got = append(got, strings.TrimPrefix(strings.TrimPrefix(c.CommandPath(), "zoomconnect"), " "))
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	want := cmdline.SandboxCommands()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("commands with --sandbox: %q\ninternal/cmdline says %q", got, want)
	}
}
