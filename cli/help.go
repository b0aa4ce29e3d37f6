package cli

import (
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/manpage"
	"github.com/zoomconnect/zoomconnect/page"
)

// --help is drawn here, not by fang: fang's help cannot say its headings
// ("usage", "flags", ...) in another language, pads every line to 120
// columns (help piped to a file ends each line in spaces) and capitalises
// the first word of every description ("En or fr", "Pre-Approval"). The
// page is made of page blocks and drawn by the command line's renderer
// (cli/text.go): wrapped at word boundaries to the terminal, commands and
// flags never broken, colour only on a terminal, words instead of layout
// in the accessible mode. Long is read as the man pages read it
// (manpage.Parse): one text, two renderings.

// helpMaxWidth is the widest --help wraps at, on a wide terminal; helpWidth
// is its width where there is no terminal to ask (a pipe, a file).
const (
	helpMaxWidth = 100
	helpWidth    = 80
)

// installHelp gives every command of the tree zoomconnect's help: the help
// function, the -h/--help flag's words and the help command. It runs once
// the tree is built.
func (o *rootOptions) installHelp(root *cobra.Command) {
	root.SetHelpCommand(o.newHelpCmd())
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		o.addHelpFlag(c)
		if c.HasParent() {
			c.SetHelpFunc(o.help)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// addHelpFlag defines -h/--help on c in the run's language (before cobra
// adds its English one). fang replaces the root's help function when the
// command runs, after the tree is built; the root's --help puts this one
// back as the flag is parsed, before cobra shows the help.
func (o *rootOptions) addHelpFlag(c *cobra.Command) {
	usage := o.t.T("help.flag.help", "Command", c.Name())
	if c.HasParent() {
		c.Flags().BoolP("help", "h", false, usage)
		return
	}
	f := c.Flags().VarPF(&helpFlag{install: func() { c.SetHelpFunc(o.help) }}, "help", "h", usage)
	f.NoOptDefVal = "true"
}

// helpFlag is the root's --help: a bool flag that, once set, installs the
// help function.
type helpFlag struct {
	on      bool
	install func()
}

// String implements pflag.Value.
func (f *helpFlag) String() string { return strconv.FormatBool(f.on) }

// Type implements pflag.Value: "bool", which cobra reads it as.
func (f *helpFlag) Type() string { return "bool" }

// Set implements pflag.Value.
func (f *helpFlag) Set(v string) error {
	on, err := strconv.ParseBool(v)
	if err != nil {
		return err
	}
	f.on = on
	if on {
		f.install()
	}
	return nil
}

// newHelpCmd is `zoomconnect help [command]`.
func (o *rootOptions) newHelpCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "help [command]",
		Short: o.t.T("help.help.short"),
		Long:  o.t.T("help.help.long"),
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			cmd, _, err := c.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			switch {
			case err != nil:
				return err
			case len(rest) > 0:
				return unknownCommand(target, rest[0])
			}
			o.help(target, nil)
			return nil
		},
	}
	cmd.SetHelpFunc(o.help)
	o.addHelpFlag(cmd)
	return cmd
}

// help is every command's help function: its help page on stdout.
func (o *rootOptions) help(c *cobra.Command, _ []string) {
	w := c.OutOrStdout()
	x := o.textFor(w)
	switch {
	case x.Words:
	case x.Width == 0:
		x.Width = helpWidth
	default:
		x.Width = min(x.Width, helpMaxWidth)
	}
	_, _ = lipgloss.Fprint(w, o.helpText(x, c))
}

// helpText is c's help page: its description, how to run it, examples,
// commands and flags, each section under a heading.
func (o *rootOptions) helpText(x textOut, c *cobra.Command) string {
	t := o.t
	sections := []string{descriptionText(x, c)}
	add := func(heading string, blocks []page.Block) {
		if len(blocks) == 0 {
			return
		}
		title := x.render("  ", []page.Block{page.Heading(strings.ToUpper(t.T(heading)))})
		sections = append(sections, title+"\n"+x.render("    ", blocks))
	}
	add("help.heading.usage", []page.Block{page.Para(monoWords(o.useLine(c)))})
	add("help.heading.examples", codeLines(c.Example))
	add("help.heading.commands", commandRows(c))
	add("help.heading.flags", flagRows(t, c.LocalFlags()))
	if c.HasParent() {
		add("help.heading.global_flags", flagRows(t, c.InheritedFlags()))
	}
	return "\n" + strings.Join(sections, "\n\n") + "\n\n"
}

// descriptionText is c's Long (else Short), read as manpage.Parse reads
// it: paragraphs wrapped, lists and literal lines indented under them.
func descriptionText(x textOut, c *cobra.Command) string {
	text := c.Long
	if strings.TrimSpace(text) == "" {
		text = c.Short
	}
	var out []string
	for _, p := range manpage.Parse(text) {
		switch p.Kind {
		case manpage.Paragraph:
			out = append(out, x.render("  ", []page.Block{page.Para(p.Text)}))
		case manpage.Terms:
			items := make([]page.Item, len(p.Items))
			for i, it := range p.Items {
				items[i] = page.Item{Text: it.Term, Detail: it.Text}
			}
			out = append(out, x.render("    ", []page.Block{page.Rows(items...)}))
		default:
			out = append(out, x.render("    ", codeLines(strings.Join(p.Lines, "\n"))))
		}
	}
	return joinUnderLabels(out)
}

// joinUnderLabels joins the parts of a description with a blank line
// between them, except after a label (a paragraph that ends with ":"),
// which its list follows at once.
func joinUnderLabels(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString("\n")
			if !strings.HasSuffix(strings.TrimSpace(ansi.Strip(parts[i-1])), ":") {
				b.WriteString("\n")
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// codeLines are lines of commands, each a mono line (never wrapped).
func codeLines(text string) []page.Block {
	var out []page.Block
	for _, l := range strings.Split(strings.Trim(text, "\n"), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		b := page.Code(strings.TrimRight(l, " "))
		if len(out) > 0 {
			b = b.Under()
		}
		out = append(out, b)
	}
	return out
}

// monoWords is s with each word in mono: a line of a command that wraps
// between its words, never inside one.
func monoWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = "`" + w + "`"
	}
	return strings.Join(words, " ")
}

// useLine is how to run c: its path and arguments, then [command] when it
// has subcommands and [flags], in the run's language.
func (o *rootOptions) useLine(c *cobra.Command) string {
	line := c.CommandPath() + strings.TrimPrefix(c.Use, c.Name())
	if c.HasAvailableSubCommands() {
		line += " " + o.t.T("help.arg.command")
	}
	if c.HasAvailableFlags() {
		line += " " + o.t.T("help.arg.flags")
	}
	return line
}

// commandRows are c's subcommands and what each does.
func commandRows(c *cobra.Command) []page.Block {
	var items []page.Item
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() || sub.Name() == "help" {
			items = append(items, page.Item{Text: sub.Name(), Detail: sub.Short})
		}
	}
	if len(items) == 0 {
		return nil
	}
	return []page.Block{page.Rows(items...)}
}

// flagRows are the visible flags of fs, each with its usage and non-zero
// default, in t's language.
func flagRows(t *i18n.Printer, fs *pflag.FlagSet) []page.Block {
	var items []page.Item
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name := "--" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + ", " + name
		}
		usage := f.Usage
		if d := flagDefault(t, f); d != "" {
			usage = t.T("help.with_default", "Usage", i18n.Raw(usage), "Default", i18n.Raw("`"+d+"`"))
		}
		items = append(items, page.Item{Text: name, Detail: usage})
	})
	if len(items) == 0 {
		return nil
	}
	return []page.Block{page.Rows(items...)}
}

// flagDefault is f's default as help shows it, in t's language ("10 min"
// for a duration), "" for a zero value.
func flagDefault(t *i18n.Printer, f *pflag.Flag) string {
	switch f.DefValue {
	case "", "false", "0", "[]", "0s":
		return ""
	}
	if d, err := time.ParseDuration(f.DefValue); err == nil && f.Value.Type() == "duration" {
		return t.Duration(d)
	}
	return f.DefValue
}

// describe sets cmd's Short, Long and Example from the catalog's
// help.cmd.ID: .short, .long and .example (a fenced code block), filled in
// with args (name/value pairs, as for i18n.Printer.T). A text the catalog
// does not have stays empty.
func (o *rootOptions) describe(cmd *cobra.Command, id string, args ...any) {
	t, key := o.t, "help.cmd."+id
	cmd.Short = t.T(key+".short", args...)
	if t.Has(key + ".long") {
		cmd.Long = t.T(key+".long", args...)
	}
	if t.Has(key + ".example") {
		cmd.Example = unfence(t.T(key+".example", args...))
	}
}

// unfence is the code of a fenced block ("```\n...\n```").
func unfence(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "```")
	s = strings.TrimSuffix(s, "```")
	return strings.Trim(s, "\n")
}

// flagUsage is a flag's usage from the catalog (help.flag.ID).
func (o *rootOptions) flagUsage(id string, args ...any) string {
	return o.t.T("help.flag."+id, args...)
}
