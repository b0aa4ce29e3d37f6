package steps

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestEveryBindingIsInKeyMap fails when a screen builds its own key.Binding
// instead of taking it from the KeyMap (remapping a key in keys.go would
// then miss that screen, and help could show a key that no longer works).
func TestEveryBindingIsInKeyMap(t *testing.T) {
	for _, dir := range []string{".", "../tui"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") || filepath.Base(f) == "keys.go" {
				continue
			}
			for _, pos := range newBindingCalls(t, f) {
				t.Errorf("%s: key.NewBinding outside steps/keys.go; add the binding to KeyMap", pos)
			}
		}
	}
}

func newBindingCalls(t *testing.T, file string) []token.Position {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []token.Position
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "NewBinding" {
			out = append(out, fset.Position(sel.Pos()))
		}
		return true
	})
	return out
}

// TestRemappedAdminKeyIsUsed: the pre-approval screen answers the Admin
// binding of Env.Keys, not a private "a".
func TestRemappedAdminKeyIsUsed(t *testing.T) {
	d, p, env := newTestPreapproval(t, nil)
	env.Keys.Preapproval.Admin = key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "admin checklist"))
	d.key("a")
	if p.admin {
		t.Fatal(`"a" still opens the admin view after Admin was remapped`)
	}
	d.send(keypress.Of("A"))
	if !p.admin {
		t.Fatal("the remapped Admin key did not open the admin view")
	}
	if !hasHelp(p.ShortHelp(), "A") {
		t.Fatalf("help does not show the remapped key: %v", p.ShortHelp())
	}
}

// TestRemappedPasteKeyIsUsed: the authorize screen answers Keys.Paste.
func TestRemappedPasteKeyIsUsed(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	env := ubEnv(t, sb, &ubOpener{})
	env.Keys.Authorize.Paste = key.NewBinding(key.WithKeys("U"), key.WithHelp("U", "paste redirected URL"))
	d, a := startAuthorize(t, env, ubCreds(sb))
	d.key("u")
	if a.Typing() {
		t.Fatal(`"u" still opens the paste box after Paste was remapped`)
	}
	d.send(keypress.Of("U"))
	if !a.Typing() {
		t.Fatal("the remapped Paste key did not open the paste box")
	}
}

func TestRelabelKeepsKeys(t *testing.T) {
	k := DefaultKeyMap(nil)
	b := Relabel(k.Credentials.Next, "next field")
	if got := b.Help(); got.Key != "enter" || got.Desc != "next field" {
		t.Fatalf("help = %+v", got)
	}
	if strings.Join(b.Keys(), ",") != strings.Join(k.Credentials.Next.Keys(), ",") || k.Credentials.Next.Help().Desc != "continue" {
		t.Fatal("Relabel changed the keys or the original binding")
	}
}

func hasHelp(bs []key.Binding, k string) bool {
	for _, b := range bs {
		if b.Help().Key == k {
			return true
		}
	}
	return false
}

func TestMoveCursorStopsAtTheEnds(t *testing.T) {
	k := DefaultKeyMap(nil)
	tests := []struct {
		key         string
		cursor, n   int
		want        int
		wantMatched bool
	}{
		{"down", 0, 2, 1, true},
		{"down", 1, 2, 1, true},
		{"j", 0, 3, 1, true},
		{"up", 1, 2, 0, true},
		{"up", 0, 2, 0, true},
		{"k", 2, 3, 1, true},
		{"down", 0, 1, 0, true}, // a single choice never moves
		{"enter", 1, 2, 1, false},
	}
	for _, tc := range tests {
		got, ok := moveCursor(keypress.Of(tc.key), k.Welcome.Up, k.Welcome.Down, tc.cursor, tc.n)
		if got != tc.want || ok != tc.wantMatched {
			t.Errorf("%s from %d of %d: %d %v, want %d %v", tc.key, tc.cursor, tc.n, got, ok, tc.want, tc.wantMatched)
		}
	}
}

// TestWriteExportIsAbsoluteAndReplaces: both exports (checklist and
// pre-approval request) report an absolute path and replace an earlier
// file whole.
func TestWriteExportIsAbsoluteAndReplaces(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, text := range []string{"first, longer version\n", "second\n"} {
		p, err := wizard.WriteExport("export.md", text)
		if err != nil || !filepath.IsAbs(p) {
			t.Fatalf("writeExport = %q, %v", p, err)
		}
		b, err := os.ReadFile(p)
		if err != nil || string(b) != text {
			t.Fatalf("file holds %q, want %q", b, text)
		}
	}
	if _, err := wizard.WriteExport(filepath.Join("missing-dir", "x.md"), "x"); err == nil || !strings.Contains(err.Error(), "missing-dir") {
		t.Fatalf("a failed write does not name the path: %v", err)
	}
}
