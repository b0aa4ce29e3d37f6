package manpage

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/internal/manpage/manpagetest"
)

// tree is a small command tree shaped like zoomconnect's.
func tree() *cobra.Command {
	root := &cobra.Command{
		Use:   "tool",
		Short: "Do things",
		Long: `tool does things with a paragraph that is wrapped the way --help
wraps it, over three lines, and must come out of the man page as one
paragraph.

A second paragraph: *stars*, _underscores_, <angles>, [brackets], a\b,
1. not a list, # not a heading, and ✗ outside ASCII.

.a line that starts with a dot

Exit codes:
  0    ok
  130  canceled, with a description long enough to wrap onto a second
       line under the first
Quitting says why.`,
		Example: "  tool --flag\n  tool sub | less",
		Run:     func(*cobra.Command, []string) {},
	}
	root.PersistentFlags().String("profile", "default", "saved connection to use")
	sub := &cobra.Command{
		Use:   "sub NAME",
		Short: "Do one thing",
		Long: `Do one thing.

Kinds:
  approve   grants everything
  deny      refuses

Literal:
	tool sub --x > out.txt`,
		Run: func(*cobra.Command, []string) {},
	}
	sub.Flags().Bool("json", false, "print JSON")
	sub.Flags().Duration("wait", 0, "how long to `WAIT`")
	sub.Flags().Bool("secret", false, "hidden")
	_ = sub.Flags().MarkHidden("secret")
	hidden := &cobra.Command{Use: "internal", Hidden: true, Run: func(*cobra.Command, []string) {}}
	root.AddCommand(sub, hidden)
	return root
}

func testOptions() Options {
	return Options{Source: "tool 1.2.3", Manual: "User Commands", Date: "2026-11-01", Sections: []Section{
		{Title: "EXIT STATUS", Label: "Exit codes:"},
		{Title: "ENVIRONMENT", Text: "Flags win.", Items: []Item{{Term: "TOOL_PROFILE", Text: "as --profile."}}},
		{Title: "FILES", Items: []Item{{Term: "~/.config/tool/app.json", Text: "the app."}}},
	}}
}

func render(t *testing.T, roff []byte) string {
	t.Helper()
	return manpagetest.Render(t, roff)
}

// sectionOf is the rendered text of one section (without its heading).
func sectionOf(page, title string) string {
	_, after, ok := strings.Cut(page, "\n"+title+"\n")
	if !ok {
		return ""
	}
	// The section ends at the next line at the left margin: a heading,
	// or the footer.
	if end := regexp.MustCompile(`\n\S`).FindStringIndex(after); end != nil {
		after = after[:end[0]]
	}
	return after
}

func TestWrappedLongStaysOneParagraph(t *testing.T) {
	roff := string(Page(tree(), testOptions()))
	if !strings.Contains(roff, "tool does things with a paragraph that is wrapped the way \\-\\-help wraps it, over three lines, and must come out of the man page as one paragraph\\&.\n") {
		t.Errorf("the first paragraph is not one roff line:\n%s", roff)
	}
	page := render(t, []byte(roff))
	desc := sectionOf(page, "DESCRIPTION")
	paras := strings.Split(strings.TrimSpace(desc), "\n\n")
	if len(paras) != 3 {
		t.Fatalf("DESCRIPTION has %d paragraphs, want 3 (the wrapped one, the second, the dot line):\n%s", len(paras), desc)
	}
	if first := strings.Join(strings.Fields(paras[0]), " "); first != "tool does things with a paragraph that is wrapped the way --help wraps it, over three lines, and must come out of the man page as one paragraph." {
		t.Errorf("first paragraph = %q", first)
	}
	if second := strings.Join(strings.Fields(paras[1]), " "); second != `A second paragraph: *stars*, _underscores_, <angles>, [brackets], a\b, 1. not a list, # not a heading, and ✗ outside ASCII.` {
		t.Errorf("special characters were not kept literally: %q", second)
	}
	if strings.TrimSpace(paras[2]) != ".a line that starts with a dot" {
		t.Errorf("the dot line = %q", paras[2])
	}
	if strings.Contains(desc, "Exit codes") || strings.Contains(desc, "Quitting") {
		t.Errorf("the Exit codes block should have moved to EXIT STATUS:\n%s", desc)
	}
}

func TestSectionsInOrder(t *testing.T) {
	root := tree()
	page := render(t, Page(root, testOptions()))
	want := []string{"NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXAMPLES", "EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO"}
	var got []string
	for _, line := range strings.Split(page, "\n") {
		if regexp.MustCompile(`^[A-Z][A-Z ]+$`).MatchString(line) {
			got = append(got, line)
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sections = %v\nwant       %v", got, want)
	}
	if s := oneLineOf(sectionOf(page, "NAME")); s != "tool - Do things" {
		t.Errorf("NAME = %q", s)
	}
	if s := oneLineOf(sectionOf(page, "SYNOPSIS")); s != "tool [command] [flags]" {
		t.Errorf("SYNOPSIS = %q", s)
	}
	if s := oneLineOf(sectionOf(page, "COMMANDS")); s != "sub Do one thing" {
		t.Errorf("COMMANDS = %q (hidden commands must not be listed)", s)
	}
	if s := sectionOf(page, "EXAMPLES"); s != "           tool --flag\n           tool sub | less\n" {
		t.Errorf("EXAMPLES lost its lines or indentation:\n%q", s)
	}
	exit := oneLineOf(sectionOf(page, "EXIT STATUS"))
	if exit != "0 ok 130 canceled, with a description long enough to wrap onto a second line under the first Quitting says why." {
		t.Errorf("EXIT STATUS = %q", exit)
	}
	if env := oneLineOf(sectionOf(page, "ENVIRONMENT")); env != "Flags win. TOOL_PROFILE as --profile." {
		t.Errorf("ENVIRONMENT = %q", env)
	}
	if s := oneLineOf(sectionOf(page, "SEE ALSO")); s != "tool-sub(1)" {
		t.Errorf("SEE ALSO = %q", s)
	}
}

func oneLineOf(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestSubcommandPage(t *testing.T) {
	root := tree()
	sub, _, err := root.Find([]string{"sub"})
	if err != nil {
		t.Fatal(err)
	}
	roff := Page(sub, testOptions())
	page := render(t, roff)
	if s := oneLineOf(sectionOf(page, "SYNOPSIS")); s != "tool sub NAME [flags]" {
		t.Errorf("SYNOPSIS = %q", s)
	}
	// An indented "TERM  text" run is a list (.TP); any other indented run
	// stays literal (.EX).
	if !bytes.Contains(roff, []byte(".TP\n\\fBapprove\\fP\ngrants everything\n")) {
		t.Errorf("the Kinds list is not a tagged list:\n%s", roff)
	}
	if !bytes.Contains(roff, []byte(".EX\n    tool sub \\-\\-x > out.txt\n.EE")) {
		t.Errorf("the literal line is not kept as it is:\n%s", roff)
	}
	opts := oneLineOf(sectionOf(page, "OPTIONS"))
	if opts != "-h, --help help for sub --json print JSON --wait WAIT how long to WAIT" {
		t.Errorf("OPTIONS = %q (hidden flags must not be listed)", opts)
	}
	if g := oneLineOf(sectionOf(page, "GLOBAL OPTIONS")); g != `--profile string saved connection to use (default "default")` {
		t.Errorf("GLOBAL OPTIONS = %q", g)
	}
	// EXIT STATUS comes from the nearest ancestor's Exit codes block.
	if !strings.Contains(sectionOf(page, "EXIT STATUS"), "130") {
		t.Errorf("EXIT STATUS was not taken from the root:\n%s", page)
	}
	if s := oneLineOf(sectionOf(page, "SEE ALSO")); s != "tool(1)" {
		t.Errorf("SEE ALSO = %q", s)
	}
}

func TestPagesAreASCIIWithNoHyphenation(t *testing.T) {
	roff := Page(tree(), testOptions())
	for i, c := range roff {
		if c >= 0x80 {
			t.Fatalf("byte %d is not ASCII: %q", i, roff[max(0, i-20):i+1])
		}
	}
	if !bytes.Contains(roff, []byte("and \\[u2717] outside ASCII")) {
		t.Error("✗ is not written as \\[u2717]")
	}
	head, _, _ := bytes.Cut(roff, []byte(".SH NAME"))
	if !bytes.Contains(head, []byte(".TH \"TOOL\" \"1\" \"2026-11-01\" \"tool 1.2.3\" \"User Commands\"\n.nh\n.nr HY 0\n")) {
		t.Errorf("header:\n%s", head)
	}
}

func TestWriteTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man1")
	paths, err := WriteTree(tree(), dir, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, p := range paths {
		names = append(names, filepath.Base(p))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		render(t, b)
	}
	if strings.Join(names, " ") != "tool.1 tool-sub.1" {
		t.Errorf("pages = %v, want tool.1 and tool-sub.1 (no page for the hidden command)", names)
	}
}
