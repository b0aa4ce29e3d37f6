package cli

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// helpPaths are the command paths of the whole tree (the root is "").
func helpPaths(t *testing.T) []string {
	t.Helper()
	root, _ := fullTree()
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		out = append(out, strings.TrimSpace(strings.TrimPrefix(c.CommandPath(), "zoomconnect")))
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return out
}

// helpOf runs `zoomconnect PATH --help` in lang with env added.
func helpOf(t *testing.T, path string, lang i18n.Lang, env map[string]string) cliResult {
	t.Helper()
	e := map[string]string{"ZOOMCONNECT_LANG": string(lang)}
	for k, v := range env {
		e[k] = v
	}
	return runCLI(t, testStore(t), e, "", append(strings.Fields(path), "--help")...)
}

// TestHelpFitsEightyColumns draws every command's --help, in English and
// in French, as an 80-column terminal gets it: no row is wider, so
// nothing is cut or wrapped by the terminal, and no row ends in spaces
// (help piped to a file has no trailing padding). Examples are never
// wrapped (a command must stay copyable), so each must fit as written.
func TestHelpFitsEightyColumns(t *testing.T) {
	for _, lang := range i18n.Langs() {
		for _, path := range helpPaths(t) {
			r := helpOf(t, path, lang, map[string]string{"COLUMNS": "80"})
			if r.code != 0 || r.stderr != "" {
				t.Errorf("%s %q --help: exit %d, stderr %q", lang, path, r.code, r.stderr)
				continue
			}
			for i, line := range strings.Split(r.stdout, "\n") {
				if w := ansi.StringWidth(line); w > 80 {
					t.Errorf("%s %q --help, row %d is %d columns: %q", lang, path, i+1, w, line)
				}
				if strings.TrimRight(line, " \t") != line {
					t.Errorf("%s %q --help, row %d ends in spaces: %q", lang, path, i+1, line)
				}
				// A no-break space keeps French punctuation with its word:
				// no row starts with it.
				if rest := strings.TrimLeft(ansi.Strip(line), " "); strings.ContainsAny(firstRune(rest), ":;!?»") {
					t.Errorf("%s %q --help, row %d starts with punctuation cut from its word: %q", lang, path, i+1, line)
				}
			}
		}
	}
}

// Help piped to a file (no terminal, no COLUMNS) is wrapped at 80 columns
// and has no colour and no trailing padding.
func TestHelpPipedToAFile(t *testing.T) {
	r := helpOf(t, "status", i18n.English, nil)
	for i, line := range strings.Split(r.stdout, "\n") {
		if ansi.StringWidth(line) > 80 || strings.TrimRight(line, " ") != line || strings.Contains(line, "\x1b") {
			t.Errorf("row %d: %q", i+1, line)
		}
	}
}

// Every command has examples, and --help shows them.
func TestEveryCommandHasExamples(t *testing.T) {
	root, _ := fullTree()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		switch {
		case c.Name() == "help", c.HasParent() && c.Parent().Name() == "completion":
			// help's own help is its Long; a shell's script is its example
		case strings.TrimSpace(c.Example) == "":
			t.Errorf("%s has no Example", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	r := helpOf(t, "doctor", i18n.English, nil)
	if !strings.Contains(r.stdout, "EXAMPLES\n    zoomconnect doctor\n") {
		t.Errorf("doctor --help shows no examples:\n%s", r.stdout)
	}
}

// firstRune is s's first character, "" for "".
func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}
