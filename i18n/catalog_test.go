package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// pluralForms are the CLDR keys a message table may hold.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// catalogMessages parses every file of lang into id -> form -> text.
func catalogMessages(t *testing.T, lang Lang) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, name := range Files() {
		if fileLang(name) != lang {
			continue
		}
		data, err := ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]any
		if err := toml.Unmarshal(data, &raw); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		flatten(t, name, "", raw, out)
	}
	return out
}

func flatten(t *testing.T, file, prefix string, m map[string]any, out map[string]map[string]string) {
	t.Helper()
	for k, v := range m {
		id := k
		if prefix != "" {
			id = prefix + "." + k
		}
		switch v := v.(type) {
		case string:
			add(t, file, id, "other", v, out)
		case map[string]any:
			if isPlural(v) {
				for form, text := range v {
					s, _ := text.(string)
					add(t, file, id, form, s, out)
				}
				continue
			}
			flatten(t, file, id, v, out)
		default:
			t.Errorf("%s: %s is a %T, want a string or a table", file, id, v)
		}
	}
}

func isPlural(m map[string]any) bool {
	for k := range m {
		if !slices.Contains(pluralForms, k) {
			return false
		}
	}
	return len(m) > 0
}

func add(t *testing.T, file, id, form, text string, out map[string]map[string]string) {
	t.Helper()
	if out[id] == nil {
		out[id] = map[string]string{}
	}
	if _, dup := out[id][form]; dup {
		t.Errorf("%s: %s is defined twice", file, id)
	}
	out[id][form] = text
}

var placeholderRE = regexp.MustCompile(`\{\{-?\s*\.([A-Za-z0-9_]+)`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// TestEveryMessageInBothLanguages: the same IDs, the same placeholders in
// each, and French has every plural form English uses ("one" and "other").
func TestEveryMessageInBothLanguages(t *testing.T) {
	en, fr := catalogMessages(t, English), catalogMessages(t, French)
	if len(en) == 0 {
		t.Fatal("the English catalog is empty")
	}
	for id, forms := range en {
		frForms, ok := fr[id]
		if !ok {
			t.Errorf("%s: missing in French", id)
			continue
		}
		want := placeholders(strings.Join(mapValues(forms), " "))
		got := placeholders(strings.Join(mapValues(frForms), " "))
		if !slices.Equal(want, got) {
			t.Errorf("%s: placeholders differ: English %v, French %v", id, want, got)
		}
		if len(forms) > 1 {
			for _, f := range []string{"one", "other"} {
				if frForms[f] == "" {
					t.Errorf("%s: French lacks the plural form %q", id, f)
				}
			}
		}
	}
	for id := range fr {
		if _, ok := en[id]; !ok {
			t.Errorf("%s: in French but not in English", id)
		}
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// ignoredForTypography removes what French typography does not govern:
// `code spans` (commands, paths, Zoom's own English words), template
// actions, URLs and a leading outcome glyph ("! ", "✓ ").
var ignoredForTypography = regexp.MustCompile("`[^`]*`|\\{\\{[^}]*\\}\\}|[a-z][a-z0-9+.-]*://\\S+|(?m)^[!✓✗] ")

// TestFrenchTypography: a no-break space (U+00A0) before ":" and inside
// « », a narrow or ordinary no-break space before ";", "!" and "?", and
// the typographic apostrophe.
func TestFrenchTypography(t *testing.T) {
	const nbsp, nnbsp = '\u00a0', '\u202f'
	for id, forms := range catalogMessages(t, French) {
		for form, text := range forms {
			s := ignoredForTypography.ReplaceAllString(text, "")
			r := []rune(s)
			for i, c := range r {
				var prev, next rune = 0, 0
				if i > 0 {
					prev = r[i-1]
				}
				if i+1 < len(r) {
					next = r[i+1]
				}
				where := fmt.Sprintf("%s (%s): %q", id, form, context(r, i))
				switch c {
				case ':':
					if prev != nbsp && !isDigit(prev) {
						t.Errorf("%s: want a no-break space (U+00A0) before \":\"", where)
					}
				case ';', '!', '?':
					if prev != nbsp && prev != nnbsp {
						t.Errorf("%s: want a narrow no-break space (U+202F) before %q", where, c)
					}
				case '«':
					if next != nbsp {
						t.Errorf("%s: want a no-break space after «", where)
					}
				case '»':
					if prev != nbsp {
						t.Errorf("%s: want a no-break space before »", where)
					}
				case '\'':
					t.Errorf("%s: use the apostrophe ’ (U+2019), not '", where)
				case '"':
					t.Errorf("%s: use « » quotes, not \"", where)
				}
			}
		}
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func context(r []rune, i int) string {
	lo, hi := max(0, i-12), min(len(r), i+12)
	return string(r[lo:hi])
}

// TestCatalogParses: every file parses with go-i18n in its bundle, and
// every message renders (a template error would show at run time).
func TestCatalogParses(t *testing.T) {
	for _, l := range Langs() {
		p := New(l)
		for id := range catalogMessages(t, l) {
			if got := p.T(id); strings.HasPrefix(got, "[") && strings.HasSuffix(got, "]") && strings.Contains(got, id) {
				t.Errorf("%s: %s does not render", l, id)
			}
		}
	}
}
