package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/internal/manpage"
	"github.com/zoomconnect/zoomconnect/internal/manpage/manpagetest"
	"github.com/zoomconnect/zoomconnect/page"
)

// fullTree is the command tree as a run sees it (help and completion
// included).
func fullTree() (*cobra.Command, *rootOptions) {
	opts := newRootOptions()
	root := newRootCmd(opts)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	return root, opts
}

// TestManPagesRender writes every command's page and renders each with
// groff -man -Tutf8 -ww: no warnings, every section, and the root's
// wrapped Long paragraphs re-joined.
func TestManPagesRender(t *testing.T) {
	root, opts := fullTree()
	dir := t.TempDir()
	paths, err := manpage.WriteTree(root, dir, manOptions(opts))
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, c := range manpage.Commands(root) {
		want = append(want, manpage.Name(c)+".1")
	}
	for _, p := range paths {
		got = append(got, filepath.Base(p))
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") || len(got) < 20 {
		t.Errorf("pages written: %v\nwant one per command: %v", got, want)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		page := manpagetest.Render(t, b)
		for _, s := range []string{"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO"} {
			if !strings.Contains(page, "\n"+s+"\n") {
				t.Errorf("%s has no %s section", filepath.Base(p), s)
			}
		}
	}
	top, err := os.ReadFile(filepath.Join(dir, "zoomconnect.1"))
	if err != nil {
		t.Fatal(err)
	}
	// The first paragraph of --help is one paragraph (its markup bold).
	firstBlock, _, _ := strings.Cut(root.Long, "\n\n")
	firstBlock = page.PlainText(firstBlock)
	rendered := manpagetest.Render(t, top)
	_, desc, _ := strings.Cut(rendered, "\nDESCRIPTION\n")
	firstPara, _, _ := strings.Cut(strings.TrimLeft(desc, "\n"), "\n\n")
	if strings.Join(strings.Fields(firstPara), " ") != strings.Join(strings.Fields(firstBlock), " ") {
		t.Errorf("the first paragraph of zoomconnect(1) is\n%s\nwant the first paragraph of --help:\n%s", firstPara, firstBlock)
	}
	_, exit, _ := strings.Cut(rendered, "\nEXIT STATUS")
	exit, _, _ = strings.Cut(exit, "\nENVIRONMENT\n")
	for _, code := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "130"} {
		if !strings.Contains(exit, "\n       "+code+" ") {
			t.Errorf("EXIT STATUS lacks %s:\n%s", code, exit)
		}
	}
	if strings.Contains(desc[:strings.Index(desc, "\nCOMMANDS\n")], "Exit codes") {
		t.Error("the exit codes are in DESCRIPTION as well as in EXIT STATUS")
	}
}

func TestManCommand(t *testing.T) {
	st := testStore(t)
	r := runCLI(t, st, nil, "", "man")
	if r.code != 0 || !strings.HasPrefix(r.stdout, `.TH "ZOOMCONNECT" "1"`) || r.stderr != "" {
		t.Fatalf("man: exit %d, stderr %q, stdout starts %q", r.code, r.stderr, r.stdout[:min(len(r.stdout), 40)])
	}
	dir := filepath.Join(t.TempDir(), "man1")
	r = runCLI(t, st, nil, "", "man", "--dir", dir)
	if r.code != 0 {
		t.Fatalf("man --dir: exit %d, stderr %s", r.code, r.stderr)
	}
	for _, name := range []string{"zoomconnect.1", "zoomconnect-status.1", "zoomconnect-admin-request.1", "zoomconnect-version.1"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("man --dir did not write %s: %v", name, err)
		}
	}
	if !strings.Contains(r.stdout, dir) {
		t.Errorf("man --dir should say where the pages went; stdout %q", r.stdout)
	}
}
