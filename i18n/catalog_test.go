package i18n

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// pluralForms are the CLDR keys a message table may hold.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// rawFile reads the catalog file name and decodes it with the general
// TOML decoder: its bytes and its tables.
func rawFile(t *testing.T, name string) ([]byte, map[string]any) {
	t.Helper()
	data, err := ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return data, raw
}

// catalogMessages parses every file of lang into id -> form -> text.
func catalogMessages(t *testing.T, lang Lang) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, name := range Files() {
		if fileLang(name) != lang {
			continue
		}
		_, raw := rawFile(t, name)
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

// TestFrenchTypography: every French message passes CheckTypography (a
// no-break space before ":" and inside « », a narrow or ordinary no-break
// space before ";", "!" and "?", the typographic apostrophe).
func TestFrenchTypography(t *testing.T) {
	for id, forms := range catalogMessages(t, French) {
		for form, text := range forms {
			for _, p := range CheckTypography(text) {
				t.Errorf("%s (%s): %s", id, form, p)
			}
		}
	}
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
