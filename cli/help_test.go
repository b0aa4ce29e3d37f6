package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/manpage"
	"github.com/zoomconnect/zoomconnect/internal/manpage/manpagetest"
)

// --help reads French under a French locale, before any flag is parsed
// (the tree's texts are built in the run's language), for the root and a
// command, through -h, --help and `help`; --lang en wins over the locale.
func TestHelpInTheRunsLanguage(t *testing.T) {
	french := map[string]string{"LANG": "fr_FR.UTF-8"}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"login", "--help"}, {"help", "login"}, {"admin", "request", "-h"}} {
		r := runCLI(t, testStore(t), french, "", args...)
		if r.code != 0 || !strings.Contains(r.stdout, "UTILISATION\n") || !strings.Contains(r.stdout, "OPTIONS\n") ||
			strings.Contains(r.stdout, "USAGE") || strings.Contains(r.stdout, "Show this help") {
			t.Errorf("LANG=fr_FR.UTF-8 %v: exit %d, stderr %q; want French help:\n%s", args, r.code, r.stderr, r.stdout)
		}
	}
	for _, args := range [][]string{{"--lang", "en", "--help"}, {"login", "--lang=en", "--help"}} {
		r := runCLI(t, testStore(t), french, "", args...)
		if r.code != 0 || !strings.Contains(r.stdout, "USAGE\n") || strings.Contains(r.stdout, "UTILISATION") {
			t.Errorf("LANG=fr_FR.UTF-8 %v: want English help:\n%s", args, r.stdout)
		}
	}
	r := runCLI(t, testStore(t), map[string]string{"ZOOMCONNECT_LANG": "fr", "LANG": "en_US.UTF-8"}, "", "status", "--help")
	if !strings.Contains(r.stdout, "Sauter la vérification en ligne") {
		t.Errorf("ZOOMCONNECT_LANG=fr status --help: want the flags' usages in French:\n%s", r.stdout)
	}
}

// A mistyped command suggests the nearest one, once, and is a usage error.
func TestMistypedCommandSuggestsTheNearestOnce(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"staus"}, "zoomconnect status"},
		{[]string{"admin", "aprove"}, "zoomconnect admin approve"},
		{[]string{"sandbox", "srve"}, "zoomconnect sandbox serve"},
		{[]string{"help", "staus"}, "zoomconnect status"},
	} {
		r := runCLI(t, testStore(t), nil, "", tc.args...)
		if r.code != ExitUsage || strings.Count(r.stderr, tc.want) != 1 || !strings.Contains(r.stderr, "did you mean") || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want one suggestion of %s", tc.args, r.code, r.stdout, r.stderr, tc.want)
		}
	}
	r := runCLI(t, testStore(t), nil, "", "frobnicate")
	if r.code != ExitUsage || strings.Contains(r.stderr, "did you mean") || !strings.Contains(r.stderr, "zoomconnect --help") {
		t.Errorf("frobnicate: exit %d, stderr %q; want the unknown command and where the list is", r.code, r.stderr)
	}
	if r := runCLI(t, testStore(t), nil, "", "sandbox"); r.code != 0 || !strings.Contains(r.stdout, "serve") {
		t.Errorf("sandbox with no command: exit %d; want its help:\n%s", r.code, r.stdout)
	}
}

// A flag's error says it in the catalog's words and names the command
// whose help lists the flags.
func TestFlagErrorsInTheCatalogsWords(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"token", "--port", "1"}, "`zoomconnect token --help` lists the flags it takes"},
		{[]string{"--timeout", "5"}, "a duration such as"},
		{[]string{"--port", "x"}, "a whole number"},
		{[]string{"--port"}, "--port needs a value"},
	} {
		r := runCLI(t, testStore(t), nil, "", tc.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, strings.ReplaceAll(tc.want, "`", "")) {
			t.Errorf("%v: exit %d, stderr %q; want %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	r := runCLI(t, testStore(t), map[string]string{"LANG": "fr_FR.UTF-8"}, "", "token", "--port", "1")
	if !strings.Contains(r.stderr, "option inconnue") {
		t.Errorf("in French: %q", r.stderr)
	}
}

// The man pages come from the same texts as --help, in the run's
// language, and render without warnings in French too.
func TestManPagesInFrench(t *testing.T) {
	opts := newRootOptions()
	opts.t = i18n.New(i18n.French)
	root := newRootCmd(opts)
	dir := t.TempDir()
	paths, err := manpage.WriteTree(root, dir, manOptions(opts))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		page := manpagetest.Render(t, b)
		for _, s := range []string{"NOM", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "CODE DE RETOUR", "ENVIRONNEMENT", "FICHIERS", "VOIR AUSSI"} {
			if !strings.Contains(page, "\n"+s+"\n") {
				t.Errorf("%s has no %s section", filepath.Base(p), s)
			}
		}
	}
	top, _ := os.ReadFile(filepath.Join(dir, "zoomconnect.1"))
	page := strings.Join(strings.Fields(manpagetest.Render(t, top)), " ")
	if !strings.Contains(page, "préapprobation par un administrateur nécessaire") || !strings.Contains(page, "Afficher cette aide") {
		t.Errorf("zoomconnect(1) in French lacks the exit codes or the flags in French:\n%s", page)
	}
}
