// Package manpage renders a man page in section 1 for every command of a
// cobra tree: NAME, SYNOPSIS, DESCRIPTION, COMMANDS, OPTIONS, GLOBAL
// OPTIONS, EXAMPLES, the caller's sections (EXIT STATUS, ENVIRONMENT,
// FILES, ...) and SEE ALSO.
//
// The page is assembled as Markdown and turned into roff by go-md2man, the
// renderer behind cobra's own doc package; cobra/doc's GenMan is not used
// because its sections are fixed and it reads Long as Markdown, while
// zoomconnect writes Long as plain text for --help. So Long is read here
// the way --help shows it: lines wrapped to fit the terminal are re-joined
// into one paragraph, a blank line starts a new one, and an indented block
// is a list ("  TERM  text", continuation lines under the text) or, failing
// that, kept as it is (indented). The roff is then adjusted for man(7)
// readers (see finish): pages render without warnings in any locale.
package manpage

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cpuguy83/go-md2man/v2/md2man"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/zoomconnect/zoomconnect/page"
)

// Options apply to every page of a tree.
type Options struct {
	// Source is the footer's left part, e.g. "zoomconnect 1.2.3".
	Source string
	// Manual is the header's centre, e.g. "User Commands".
	Manual string
	// Date is the footer's date, e.g. the commit's "2026-11-01"; empty for
	// none (a page is then the same whenever it is generated).
	Date string
	// Sections follow EXAMPLES on every page, in this order.
	Sections []Section
	// Labels are the page's own headings and words, in the pages'
	// language; a zero field is its English default (see Labels).
	Labels Labels
}

// Labels are the headings and words every page has.
type Labels struct {
	Name, Synopsis, Description, Commands, Options, GlobalOptions, Examples, SeeAlso string
	// Default is the word before a flag's default value: "default".
	Default string
	// CommandArg and FlagsArg are the synopsis's "[command]" and "[flags]".
	CommandArg, FlagsArg string
}

// withDefaults fills the zero fields of l with English.
func (l Labels) withDefaults() Labels {
	or := func(s *string, def string) {
		if *s == "" {
			*s = def
		}
	}
	or(&l.Name, "NAME")
	or(&l.Synopsis, "SYNOPSIS")
	or(&l.Description, "DESCRIPTION")
	or(&l.Commands, "COMMANDS")
	or(&l.Options, "OPTIONS")
	or(&l.GlobalOptions, "GLOBAL OPTIONS")
	or(&l.Examples, "EXAMPLES")
	or(&l.SeeAlso, "SEE ALSO")
	or(&l.Default, "default")
	or(&l.CommandArg, "[command]")
	or(&l.FlagsArg, "[flags]")
	return l
}

// Section is a section of every page, such as EXIT STATUS.
type Section struct {
	// Title is the heading, e.g. "EXIT STATUS".
	Title string
	// Label, when set, names a block of Long text that starts with this
	// line (e.g. "Exit codes:"). The block in the command's own Long, else
	// in its nearest ancestor's, is the section's text; on its own page the
	// block is moved out of DESCRIPTION.
	Label string
	// Text is the section's text when no labelled block is found: plain
	// text, read like Long.
	Text string
	// Items follow the text as a list of terms, e.g. environment variables.
	Items []Item
}

// Item is one term of a section's list and what it means.
type Item struct {
	Term string
	Text string
}

// Name is the page name of cmd: its command path joined with "-", e.g.
// "zoomconnect-admin-guide".
func Name(cmd *cobra.Command) string {
	return strings.ReplaceAll(cmd.CommandPath(), " ", "-")
}

// Commands is cmd and every command under it that gets a page (not hidden,
// not help), parents first.
func Commands(cmd *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{cmd}
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() && !c.IsAdditionalHelpTopicCommand() {
			out = append(out, Commands(c)...)
		}
	}
	return out
}

// WriteTree writes NAME.1 for root and every command under it into dir,
// creating dir, and returns the paths written.
func WriteTree(root *cobra.Command, dir string, o Options) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create the man page directory: %w", err)
	}
	var paths []string
	for _, c := range Commands(root) {
		path := filepath.Join(dir, Name(c)+".1")
		if err := os.WriteFile(path, Page(c, o), 0o644); err != nil {
			return paths, fmt.Errorf("write the man page: %w", err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// Page renders cmd's page as roff.
func Page(cmd *cobra.Command, o Options) []byte {
	cmd.InitDefaultHelpFlag()
	if !cmd.HasParent() {
		cmd.InitDefaultVersionFlag()
	}
	l := o.Labels.withDefaults()
	var b strings.Builder
	title := strings.ToUpper(Name(cmd))
	fmt.Fprintf(&b, "%% %q \"1\" %q %q %q\n", title, o.Date, o.Source, o.Manual)
	heading(&b, l.Name)
	// md2man turns the " - " of the NAME paragraph into roff's "\-".
	fmt.Fprintf(&b, "%s - %s\n", escape(Name(cmd)), escape(page.PlainText(cmd.Short)))
	heading(&b, l.Synopsis)
	synopsis(&b, cmd, l)
	description, lifted := liftSections(cmd, o.Sections)
	heading(&b, l.Description)
	writeText(&b, description)
	commands(&b, cmd, l.Commands)
	flags(&b, l.Options, cmd.NonInheritedFlags(), l.Default)
	if cmd.HasParent() {
		flags(&b, l.GlobalOptions, cmd.InheritedFlags(), l.Default)
	}
	if ex := strings.TrimRight(cmd.Example, " \n"); ex != "" {
		heading(&b, l.Examples)
		code(&b, strings.Split(ex, "\n"))
	}
	for i, s := range o.Sections {
		heading(&b, s.Title)
		writeText(&b, lifted[i])
		items(&b, s.Items)
	}
	seeAlso(&b, cmd, l.SeeAlso)
	return finish(md2man.Render([]byte(b.String())))
}

func heading(b *strings.Builder, title string) {
	fmt.Fprintf(b, "\n# %s\n", title)
}

// synopsis is the command path in bold and the rest of the use line: its
// arguments, then [command] when it has subcommands and [flags].
func synopsis(b *strings.Builder, cmd *cobra.Command, l Labels) {
	rest := strings.TrimPrefix(cmd.Use, cmd.Name())
	if cmd.HasAvailableSubCommands() {
		rest += " " + l.CommandArg
	}
	if cmd.HasAvailableFlags() {
		rest += " " + l.FlagsArg
	}
	fmt.Fprintf(b, "**%s**%s\n", escape(cmd.CommandPath()), escape(rest))
}

// liftSections returns cmd's description (Long, else Short) without the
// blocks that sections take, and each section's text.
func liftSections(cmd *cobra.Command, sections []Section) (string, []string) {
	description := cmd.Long
	if strings.TrimSpace(description) == "" {
		description = cmd.Short
	}
	texts := make([]string, len(sections))
	for i, s := range sections {
		texts[i] = s.Text
		if s.Label == "" {
			continue
		}
		if rest, block, ok := cutBlock(description, s.Label); ok {
			description, texts[i] = rest, block
			continue
		}
		for p := cmd.Parent(); p != nil; p = p.Parent() {
			if _, block, ok := cutBlock(p.Long, s.Label); ok {
				texts[i] = block
				break
			}
		}
	}
	return description, texts
}

// cutBlock finds the block of text (up to the next blank line) whose first
// line starts with label, and returns text without it and the block
// without the label.
func cutBlock(text, label string) (rest, block string, ok bool) {
	blocks := splitBlocks(text)
	for i, bl := range blocks {
		if !strings.HasPrefix(bl[0], label) {
			continue
		}
		first := strings.TrimSpace(strings.TrimPrefix(bl[0], label))
		lines := bl[1:]
		if first != "" {
			lines = append([]string{first}, lines...)
		}
		blocks = append(blocks[:i:i], blocks[i+1:]...)
		return joinBlocks(blocks), strings.Join(lines, "\n"), true
	}
	return text, "", false
}

// commands lists the subcommands that have pages, with their Short.
func commands(b *strings.Builder, cmd *cobra.Command, title string) {
	var list []Item
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() && !c.IsAdditionalHelpTopicCommand() {
			list = append(list, Item{Term: c.Name(), Text: c.Short})
		}
	}
	if len(list) == 0 {
		return
	}
	heading(b, title)
	items(b, list)
}

// flags lists the visible flags of fs under title, as --help shows them:
// the value's placeholder, the usage and a non-zero default.
func flags(b *strings.Builder, title string, fs *pflag.FlagSet, defaultWord string) {
	var list []Item
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Deprecated != "" {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		term := "**--" + escape(f.Name) + "**"
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			term = "**-" + escape(f.Shorthand) + "**, " + term
		}
		if name != "" {
			term += " *" + escape(name) + "*"
		}
		if d := defaultText(f); d != "" {
			usage += " (" + defaultWord + " " + d + ")"
		}
		list = append(list, Item{Term: term, Text: usage})
	})
	if len(list) == 0 {
		return
	}
	heading(b, title)
	for _, it := range list {
		fmt.Fprintf(b, "\n%s\n: %s\n", it.Term, inline(it.Text))
	}
}

// defaultText is f's default as pflag prints it, or "" for a zero value.
func defaultText(f *pflag.Flag) string {
	switch f.DefValue {
	case "", "false", "0", "[]", "0s":
		return ""
	}
	if f.Value.Type() == "string" {
		return fmt.Sprintf("%q", f.DefValue)
	}
	return f.DefValue
}

// items writes a list of terms (escaped) and their texts.
func items(b *strings.Builder, list []Item) {
	for _, it := range list {
		fmt.Fprintf(b, "\n**%s**\n: %s\n", escape(page.PlainText(it.Term)), inline(oneLine(it.Text)))
	}
}

// seeAlso names the root's page, the parent's and the children's.
func seeAlso(b *strings.Builder, cmd *cobra.Command, title string) {
	var refs []string
	seen := map[string]bool{Name(cmd): true}
	add := func(c *cobra.Command) {
		if n := Name(c); !seen[n] {
			seen[n] = true
			refs = append(refs, "**"+escape(n)+"**(1)")
		}
	}
	add(cmd.Root())
	if cmd.HasParent() {
		add(cmd.Parent())
	}
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() && !c.IsAdditionalHelpTopicCommand() {
			add(c)
		}
	}
	if len(refs) == 0 {
		return
	}
	heading(b, title)
	b.WriteString(strings.Join(refs, ", ") + "\n")
}
