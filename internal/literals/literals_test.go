// Package literals holds one test: no sentence a person reads is written
// in the front ends' Go code; every one comes from the catalog (package
// i18n), in English and French.
package literals

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/internal/cmdline"
)

// frontEnds are the packages that put words in front of people.
var frontEnds = []string{"steps", "tui", "accessible", "wizard", "cli", "doctor", "connection", "admin", "adminui"}

// words matches text a person reads: two words of letters.
var words = regexp.MustCompile(`[\p{L}]{2,}[ \x{a0}]+[\p{L}]{2,}`)

// quiet are calls whose string arguments are not shown to people as they
// are: Go errors (shown, if ever, under "Details:"), panics of programming
// errors, logs, and what a terminal or a parser reads.
var quiet = map[string]bool{
	"errors.New": true, "fmt.Errorf": true, "panic": true, "regexp.MustCompile": true,
	"slog.Debug": true, "slog.Info": true, "slog.Warn": true, "slog.Error": true,
	"key.WithKeys": true, "strings.Contains": true, "strings.HasPrefix": true, "strings.HasSuffix": true,
	"strings.Cut": true, "strings.TrimPrefix": true, "strings.TrimSuffix": true, "strings.EqualFold": true,
	"strings.CutPrefix": true, "strings.CutSuffix": true,
}

// allowed are the few literals that are not sentences of ours, with why.
var allowed = map[string]string{
	`{"name": "Acme Zoom", "client_id": "AbCdEfGhIjKlMnOpQrSt", "admin_contact": "it@example.com"}`: "an app.json example: JSON, the same in every language",
	"Request pre-approval": "Zoom's own words on its page, matched in what the browser reports, never shown as ours",
	"An account admin is required to install this type of app": "Zoom's own words on its page, matched in what the browser reports, never shown as ours",
}

// allowedFuncs are functions whose literals are data, not sentences, with
// why.
var allowedFuncs = map[string]string{
	"doctor/env.go DefaultKnownIssuers": "the CAs' own organisation names, matched against certificates' issuers",
}

// TestNoUserVisibleLiteral walks the front ends' source (tests excluded)
// for string literals that read like words, outside the calls above and
// struct tags. Each one found is a sentence that bypasses the catalog:
// French readers would get English.
func TestNoUserVisibleLiteral(t *testing.T) {
	var found []string
	for _, dir := range frontEnds {
		files, err := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			found = append(found, literalsIn(t, f)...)
		}
	}
	sort.Strings(found)
	for _, f := range found {
		t.Error(f)
	}
	if len(found) > 0 {
		t.Logf("%d literals; move each into i18n/locales (both languages) and render it with a Printer", len(found))
	}
}

func literalsIn(t *testing.T, file string) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	skip := map[*ast.BasicLit]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			// A Go error's or a value's own text (Error, String,
			// GoString) is a fallback detail, not a sentence of ours.
			if n.Recv != nil && (n.Name.Name == "Error" || n.Name.Name == "String" || n.Name.Name == "GoString") {
				markLits(n.Body, skip)
			}
			if _, ok := allowedFuncs[strings.TrimPrefix(filepath.ToSlash(file), "../../")+" "+n.Name.Name]; ok {
				markLits(n.Body, skip)
			}
		case *ast.KeyValueExpr:
			// A command's Use is its synopsis: its name and its
			// arguments' placeholders, the same in every language.
			if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Use" {
				markLits(n.Value, skip)
			}
		case *ast.CallExpr:
			if quiet[callName(n.Fun)] {
				for _, a := range n.Args {
					markLits(a, skip)
				}
			}
		case *ast.Field:
			if n.Tag != nil {
				skip[n.Tag] = true
			}
		case *ast.ImportSpec:
			skip[n.Path] = true
		}
		return true
	})
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING || skip[lit] {
			return true
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil || !words.MatchString(s) {
			return true
		}
		if _, ok := allowed[s]; ok {
			return true
		}
		if cmdline.IsCommandLine(s) {
			return true // a command line reads the same in every language
		}
		pos := fset.Position(lit.Pos())
		out = append(out, filepath.ToSlash(strings.TrimPrefix(pos.Filename, "../../"))+":"+strconv.Itoa(pos.Line)+": "+abbrev(s))
		return true
	})
	return out
}

func markLits(n ast.Node, skip map[*ast.BasicLit]bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok {
			skip[lit] = true
		}
		return true
	})
}

func callName(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok {
			return x.Name + "." + f.Sel.Name
		}
	}
	return ""
}

func abbrev(s string) string {
	s = strings.ReplaceAll(s, "\n", `\n`)
	if len(s) > 70 {
		return s[:70] + "…"
	}
	return s
}
