package cli

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Widths that keep `--help` whole in an 80-column terminal: fang indents
// the command and flag lists by 4 and pads their names to 23 columns,
// Long by 2 and Example by 4 (plus 2 of padding), and cuts what is longer.
const (
	helpDescMax    = 52
	helpLongMax    = 76
	helpExampleMax = 74
)

// TestHelpFitsEightyColumns checks every command's short description,
// flag usages (with their defaults), Long and Example lines.
func TestHelpFitsEightyColumns(t *testing.T) {
	root := newRootCmd(newRootOptions())
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		path := c.CommandPath()
		if c.HasParent() && c.Parent().Name() == "completion" {
			return // cobra's text; fang wraps its Long at word boundaries
		}
		if n := utf8.RuneCountInString(c.Short); n > helpDescMax {
			t.Errorf("%s: Short is %d columns (max %d): %q", path, n, helpDescMax, c.Short)
		}
		checkLines(t, path+" Long", c.Long, helpLongMax)
		checkLines(t, path+" Example", c.Example, helpExampleMax)
		c.LocalFlags().VisitAll(func(f *pflag.Flag) { checkFlag(t, path, f) })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func checkLines(t *testing.T, what, text string, max int) {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if n := utf8.RuneCountInString(line); n > max {
			t.Errorf("%s: line of %d columns (max %d): %q", what, n, max, line)
		}
	}
}

func checkFlag(t *testing.T, path string, f *pflag.Flag) {
	t.Helper()
	if f.Hidden {
		return
	}
	_, usage := pflag.UnquoteUsage(f)
	if d := f.DefValue; d != "" && d != "false" && d != "0" && d != "[]" {
		usage += " (" + d + ")"
	}
	if n := utf8.RuneCountInString(usage); n > helpDescMax {
		t.Errorf("%s --%s: usage is %d columns (max %d): %q", path, f.Name, n, helpDescMax, usage)
	}
}
