package steps

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// colourNames are lipgloss's and colour packages' names that make or name
// a colour.
var colourNames = map[string]bool{
	"Color": true, "RGBColor": true, "ANSIColor": true, "ANSI256Color": true, "RGBA": true, "NRGBA": true,
	"Black": true, "Red": true, "Green": true, "Yellow": true, "Blue": true, "Magenta": true, "Cyan": true, "White": true,
	"BrightBlack": true, "BrightRed": true, "BrightGreen": true, "BrightYellow": true, "BrightBlue": true,
	"BrightMagenta": true, "BrightCyan": true, "BrightWhite": true,
}

// hexColour is a "#rgb" or "#rrggbb" string; sgrColour an escape sequence
// that sets a colour by hand.
var (
	hexColour = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)
	sgrColour = regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`)
)

// TestColoursOnlyInStyles (one-place colours): no file of the packages
// that draw screens names a colour except steps/styles.go, so a palette
// change is one file and every screen follows it. A colour is a
// lipgloss/image/color constructor or constant, a "#rrggbb" string or a
// hand-written colour escape sequence.
func TestColoursOnlyInStyles(t *testing.T) {
	var bad []string
	for _, dir := range []string{".", "../tui", "../adminui", "../accessible", "../page", "../wizard"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") || filepath.Clean(path) == "styles.go" {
				continue
			}
			bad = append(bad, colourUses(t, path)...)
		}
	}
	for _, b := range bad {
		t.Errorf("a colour outside steps/styles.go: %s", b)
	}
}

// colourUses lists where the file at path names a colour.
func colourUses(t *testing.T, path string) []string {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkgs := map[string]bool{}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := filepath.Base(p)
		if strings.HasSuffix(p, "/v2") {
			name = filepath.Base(filepath.Dir(p))
		}
		if im.Name != nil {
			name = im.Name.Name
		}
		if p == "image/color" || strings.HasSuffix(p, "lipgloss/v2") || strings.HasSuffix(p, "x/ansi") || strings.HasSuffix(p, "/colorprofile") {
			pkgs[name] = true
		}
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && pkgs[id.Name] && colourNames[n.Sel.Name] {
				out = append(out, fset.Position(n.Pos()).String()+": "+id.Name+"."+n.Sel.Name)
			}
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(n.Value); err == nil && (hexColour.MatchString(s) || sgrColour.MatchString(s)) {
				out = append(out, fset.Position(n.Pos()).String()+": "+n.Value)
			}
		}
		return true
	})
	return out
}

// TestColourCheckFindsColours: the check above finds what it looks for
// (a file that names colours in each way), so its silence means something.
func TestColourCheckFindsColours(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.go")
	src := "package x\n\nimport (\n\t\"image/color\"\n\n\tlg \"charm.land/lipgloss/v2\"\n)\n\n" +
		"var a = lg.Color(\"1\")\nvar b = lg.BrightRed\nvar c = color.RGBA{}\nvar d = \"#0B5CFF\"\nvar e = \"\\x1b[31mred\"\nvar f = \"#1 not a colour\"\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := colourUses(t, path); len(got) != 5 {
		t.Fatalf("found %d colours, want 5: %q", len(got), got)
	}
	if got := colourUses(t, "styles.go"); len(got) < 10 {
		t.Fatalf("styles.go names only %d colours; the check does not see them", len(got))
	}
}
