// Package screens holds the tests that keep docs/screens/render honest: its
// markers (markers/LANG.tsv) are words the screens really show, every
// screen it lists has a walk and a marker in every language, and (with tmux)
// every walk reaches every screen. The script itself is bash; this package
// has no code of its own.
package screens

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/i18n"
)

// langs are the languages the script renders, one markers file each.
var langs = []string{"en", "fr"}

// marker is one line of a markers file.
type marker struct {
	name, text string
	line       int
}

// readMarkers parses markers/LANG.tsv: NAME<TAB>TEXT lines, # comments.
func readMarkers(t *testing.T, lang string) []marker {
	t.Helper()
	f, err := os.Open(filepath.Join("markers", lang+".tsv"))
	if err != nil {
		t.Fatalf("markers of %s: %v", lang, err)
	}
	defer f.Close()
	var out []marker
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		name, text, ok := strings.Cut(l, "\t")
		if !ok || name == "" || strings.Contains(text, "\t") {
			t.Errorf("markers/%s.tsv:%d: want NAME<TAB>TEXT, got %q", lang, n, l)
			continue
		}
		out = append(out, marker{name: name, text: text, line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("markers of %s: %v", lang, err)
	}
	return out
}

// norm is the script's comparison rule (its norm function): lower case,
// each run of characters that are neither letters nor digits one space,
// with a space at both ends so that words match whole.
func norm(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return " " + strings.Join(f, " ") + " "
}

// action is a text/template action ({{.Key}}, {{- if …}}, {{/* … */}}):
// what it prints is not known here, so no marker may span one.
var action = regexp.MustCompile(`(?s)\{\{.*?\}\}`)

// segments splits a catalog text at its template actions, each piece
// normalized.
func segments(text string) []string {
	var out []string
	for _, p := range action.Split(text, -1) {
		if n := norm(p); n != " " && n != "  " {
			out = append(out, n)
		}
	}
	return out
}

// corpus is every text the screens of lang draw from: the catalog's
// messages (i18n/locales/*.LANG.toml) and the embedded guides and tables
// (assets/content/guides/LANG/, and the English-only scopes.json), as
// normalized segments.
func corpus(t *testing.T, lang string) []string {
	t.Helper()
	var out []string
	for _, name := range i18n.Files() {
		if !strings.HasSuffix(name, "."+lang+".toml") {
			continue
		}
		b, err := i18n.ReadFile(name)
		if err != nil {
			t.Fatalf("catalog %s: %v", name, err)
		}
		var v any
		if err := toml.Unmarshal(b, &v); err != nil {
			t.Fatalf("catalog %s: %v", name, err)
		}
		out = appendStrings(out, v)
	}
	files := []string{}
	guides := path.Join("guides", lang)
	err := fs.WalkDir(assets.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasPrefix(p, guides+"/") || (lang == "en" && p == "scopes.json")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("assets: %v", err)
	}
	if len(files) == 0 {
		t.Fatalf("assets: no guides under %s", guides)
	}
	for _, p := range files {
		b, err := fs.ReadFile(assets.FS(), p)
		if err != nil {
			t.Fatalf("assets %s: %v", p, err)
		}
		if strings.HasSuffix(p, ".json") {
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatalf("assets %s: %v", p, err)
			}
			out = appendStrings(out, v)
			continue
		}
		out = append(out, segments(string(b))...)
	}
	return out
}

// appendStrings adds the segments of every string in a parsed TOML or
// JSON value.
func appendStrings(out []string, v any) []string {
	switch v := v.(type) {
	case string:
		return append(out, segments(v)...)
	case map[string]any:
		for _, x := range v {
			out = appendStrings(out, x)
		}
	case []any:
		for _, x := range v {
			out = appendStrings(out, x)
		}
	case []map[string]any:
		for _, x := range v {
			out = appendStrings(out, x)
		}
	}
	return out
}

// TestMarkersAreScreenWords: every marker is words of one catalog or guide
// text of its language, outside any placeholder, so the screen that text
// is on can show it (a marker left behind by a wording change fails here,
// not minutes into a render).
func TestMarkersAreScreenWords(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			texts := corpus(t, lang)
			for _, m := range readMarkers(t, lang) {
				n := norm(m.text)
				if len(strings.Fields(n)) == 0 {
					t.Errorf("markers/%s.tsv:%d: %s: the text %q has no words", lang, m.line, m.name, m.text)
					continue
				}
				if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, n) }) {
					t.Errorf("markers/%s.tsv:%d: %s: %q is in no %s catalog or guide text (outside its {{placeholders}});"+
						" the wording changed? copy a few words the screen shows now", lang, m.line, m.name, m.text, lang)
				}
			}
		})
	}
}

// TestNormMatchesRestyles: the comparison ignores what a restyle changes
// (case, glyphs, borders, spacing, wraps, French no-break spaces) and keeps
// words whole.
func TestNormMatchesRestyles(t *testing.T) {
	screen := norm(" ┃ > Qu’affiche le\n │   navigateur\u202f? ✓ «\u00a0Press ENTER\u00a0» to-begin")
	for _, m := range []string{"Qu’affiche le navigateur ?", "press enter to begin", "navigateur"} {
		if !strings.Contains(screen, norm(m)) {
			t.Errorf("%q does not match %q", m, screen)
		}
	}
	for _, m := range []string{"naviga", "enter to begun"} {
		if strings.Contains(screen, norm(m)) {
			t.Errorf("%q matches %q, but its words are not there", m, screen)
		}
	}
}

// script reads the render script.
func script(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("render")
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	return string(b)
}

// code is the script without its comment lines.
func code(src string) string {
	var b strings.Builder
	for l := range strings.Lines(src) {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			b.WriteString(l)
		}
	}
	return b.String()
}

// listed is the script's screens=( … ) array.
func listed(t *testing.T, src string) []string {
	t.Helper()
	m := regexp.MustCompile(`(?s)\nscreens=\((.*?)\)`).FindStringSubmatch(src)
	if m == nil {
		t.Fatal("render: no screens=( … ) list")
	}
	return strings.Fields(strings.ReplaceAll(m[1], "'", ""))
}

// TestEveryScreenHasAWalkAndMarkers: each screen the script lists is
// captured by a walk (shot SCREEN MARKER), is in WALK_OF, and every marker
// a walk waits for is in every language's file, with no extra names.
func TestEveryScreenHasAWalkAndMarkers(t *testing.T) {
	src := code(script(t))
	screens := listed(t, src)
	if len(screens) < 20 {
		t.Fatalf("render lists %d screens: the screens=( … ) list was not parsed", len(screens))
	}
	used := map[string]bool{}
	shot := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)(?:^|&&|\|\||;)\s*shot ([a-z_']+) ([a-z_']+)`).FindAllStringSubmatch(src, -1) {
		shot[strings.Trim(m[1], "'")] = true
		used[strings.Trim(m[2], "'")] = true
	}
	for _, m := range regexp.MustCompile(`(?m)(?:^|&&|\|\|)\s*(?:see|gone) ([a-z_]+)`).FindAllStringSubmatch(src, -1) {
		used[m[1]] = true
	}
	delete(used, "exec") // the --exec walk's marker comes from its flags
	for _, s := range screens {
		if !shot[s] {
			t.Errorf("render lists %s but no walk captures it (shot %s MARKER)", s, s)
		}
		if !regexp.MustCompile(`\[` + regexp.QuoteMeta(s) + `\]=[a-z_]+`).MatchString(src) {
			t.Errorf("render lists %s but WALK_OF does not say which walk captures it", s)
		}
	}
	for _, lang := range langs {
		have := map[string]bool{}
		for _, m := range readMarkers(t, lang) {
			have[m.name] = true
		}
		for name := range used {
			if !have[name] {
				t.Errorf("markers/%s.tsv has no %s, which render waits for", lang, name)
			}
		}
		for name := range have {
			if !used[name] {
				t.Errorf("markers/%s.tsv: %s is not used by render", lang, name)
			}
		}
	}
}

// needReal skips the test when a tool is missing, or fails it under
// ZOOMCONNECT_REQUIRE_REAL=1.
func needReal(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			msg := fmt.Sprintf("%s not found (%v): the render walks need tmux, curl, dbus and gnome-keyring", tool, err)
			if os.Getenv("ZOOMCONNECT_REQUIRE_REAL") == "1" {
				t.Fatal(msg + " (ZOOMCONNECT_REQUIRE_REAL=1)")
			}
			t.Skip(msg + "; set ZOOMCONNECT_REQUIRE_REAL=1 to fail instead")
		}
	}
}

// TestRenderWalksReachEveryScreen runs `render --check` (the walks in tmux,
// text only: no aha, no Chromium) in both languages on one theme and size,
// and wants every listed screen to come: a screen whose marker no longer
// shows, or a walk that no longer reaches it, fails here. It takes about a
// minute, so -short skips it.
func TestRenderWalksReachEveryScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the render walks take about a minute")
	}
	needReal(t, "tmux", "curl", "dbus-run-session", "gnome-keyring-daemon", "go")
	out := t.TempDir()
	cmd := exec.Command("./render", "--check", "--lang", "both", "--theme", "dark", "--size", "80x24", "--out", out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("render --check did not run: %v", err)
	}
	if err != nil {
		t.Fatalf("render --check: %v; it said:\n%s", err, stderr.String())
	}
	want := len(listed(t, script(t))) * len(langs)
	if !strings.Contains(stderr.String(), fmt.Sprintf("%d of %d screens came", want, want)) {
		t.Fatalf("render --check: want all %d screens; it said:\n%s", want, stderr.String())
	}
	for _, lang := range langs {
		for _, s := range listed(t, script(t)) {
			if _, err := os.Stat(filepath.Join(out, lang, "dark", "80x24", s+".txt")); err != nil {
				t.Errorf("%s/%s: no text capture: %v", lang, s, err)
			}
		}
	}
}

// TestREADMEShowsTheRenderedPictures: the README shows each picture that
// `render --readme` makes, in both themes, and each picture it shows is
// committed.
func TestREADMEShowsTheRenderedPictures(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatalf("README: %v", err)
	}
	m := regexp.MustCompile(`(?s)declare -A README_NAME=\((.*?)\)`).FindStringSubmatch(code(script(t)))
	if m == nil {
		t.Fatal("render: no README_NAME=( … )")
	}
	names := regexp.MustCompile(`\]=([a-z-]+)`).FindAllStringSubmatch(m[1], -1)
	if len(names) < 4 {
		t.Fatalf("render: README_NAME has %d pictures, want welcome, scopes, preapproval, admin-console", len(names))
	}
	for _, n := range names {
		for _, theme := range []string{"dark", "light"} {
			p := "docs/img/" + n[1] + "-" + theme + ".png"
			if !strings.Contains(string(readme), p) {
				t.Errorf("README does not show %s, which render --readme makes", p)
			}
		}
	}
	shown := regexp.MustCompile(`docs/img/[A-Za-z0-9_.-]+\.png`).FindAllString(string(readme), -1)
	if len(shown) == 0 {
		t.Fatal("README shows no picture under docs/img/")
	}
	for _, p := range shown {
		if _, err := os.Stat(filepath.Join("..", "..", p)); err != nil {
			t.Errorf("README shows %s: %v (run docs/screens/render --readme)", p, err)
		}
	}
}
