package cli

import (
	"encoding/json"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

var (
	frEnv = map[string]string{"LANG": "fr_FR.UTF-8"}
	enEnv = map[string]string{"LANG": "en_US.UTF-8"}
)

// frenchStore has a connection that fails in several ways: secrets in a
// plaintext file, a scope missing, and Zoom answering 4741.
func frenchStore(t *testing.T) *storage.Store {
	t.Helper()
	st := testStore(t)
	sandboxConnectionIn(t, st, "default", sandbox.ScenarioRevoked, storage.BackendFile)
	p, err := st.LoadProfile("default")
	if err != nil {
		t.Fatal(err)
	}
	p.GrantedScopes = []string{"user:read:user"}
	if err := st.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestFrenchRunReadsFrench: under LANG=fr_FR.UTF-8, errors, status and
// doctor read French, and no English sentence of the catalog is left in
// what they print (Zoom's own words and English UI labels may remain).
func TestFrenchRunReadsFrench(t *testing.T) {
	st := frenchStore(t)
	_ = runCLI(t, st, frEnv, "", "status") // the first users/me still works (see ScenarioRevoked)
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"errors"}, []string{"Zoom ne reconnaît pas cet identifiant client (4702)", "Que faire\u00a0: ",
			"Pour votre administrateur Zoom\u00a0: ", "Commande\u00a0: zoomconnect login --profile default"}},
		{[]string{"errors", "4741"}, []string{"Une autre connexion a remplacé celle-ci (4741)"}},
		{[]string{"status"}, []string{"✗ default (par défaut)", "Compte\u00a0:", "fichier en clair",
			"connexion à rétablir\u00a0: une autre connexion a remplacé celle-ci (4741)", "correction\u00a0: zoomconnect login --sandbox",
			"il manque à la connexion des scopes", "Vérification\u00a0:"}},
		{[]string{"doctor", "--offline"}, []string{"Un port local peut être ouvert", "non vérifié\u00a0: mode hors ligne",
			"Les fichiers enregistrés sont sains", "avertissements"}},
	}
	english := englishSentences(t)
	for _, c := range cases {
		r := runCLI(t, st, frEnv, "", c.args...)
		out := r.stdout + r.stderr
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: lacks %q:\n%s", c.args, w, out)
			}
		}
		flat := strings.Join(strings.Fields(out), " ")
		for _, e := range english {
			if strings.Contains(flat, e) {
				t.Errorf("%v: English catalog text %q in the French output:\n%s", c.args, e, out)
			}
		}
	}
}

// englishSentences are the catalog's English phrases that French says
// differently: the text between placeholders, markup removed, at least
// 24 characters long (shorter ones are labels and names both languages
// share).
func englishSentences(t *testing.T) []string {
	t.Helper()
	en, fr := catalogTexts(t, i18n.English), catalogTexts(t, i18n.French)
	placeholder := regexp.MustCompile(`\{\{[^}]*\}\}`)
	var out []string
	for id, text := range en {
		if fr[id] == text {
			continue
		}
		for _, frag := range placeholder.Split(page.PlainText(text), -1) {
			frag = strings.Join(strings.Fields(frag), " ")
			if len(frag) >= 24 && !slices.Contains(out, frag) {
				out = append(out, frag)
			}
		}
	}
	sort.Strings(out)
	if len(out) < 100 {
		t.Fatalf("only %d English phrases found in the catalog", len(out))
	}
	return out
}

// catalogTexts reads every message of lang (each plural form apart).
func catalogTexts(t *testing.T, lang i18n.Lang) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range i18n.Files() {
		if !strings.HasSuffix(path.Base(name), "."+string(lang)+".toml") {
			continue
		}
		data, err := i18n.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]any
		if err := toml.Unmarshal(data, &raw); err != nil {
			t.Fatal(err)
		}
		flattenTexts("", raw, out)
	}
	return out
}

func flattenTexts(prefix string, m map[string]any, out map[string]string) {
	for k, v := range m {
		id := strings.TrimPrefix(prefix+"."+k, ".")
		switch v := v.(type) {
		case string:
			out[id] = v
		case map[string]any:
			flattenTexts(id, v, out)
		}
	}
}

// TestLanguageChangesNeitherExitCodesNorJSONKeys: the same runs in English
// and in French exit alike and print JSON with the same keys, and the
// same values wherever a value is not meant for people.
func TestLanguageChangesNeitherExitCodesNorJSONKeys(t *testing.T) {
	enStore, frStore := frenchStore(t), frenchStore(t)
	_ = runCLI(t, enStore, enEnv, "", "status")
	_ = runCLI(t, frStore, frEnv, "", "status")
	for _, args := range [][]string{{"status", "--json"}, {"errors", "--json"}, {"errors", "4711", "--json"},
		{"doctor", "--offline", "--json"}, {"list", "--json"}, {"errors", "nope"}, {"status", "--quiet", "--json"}} {
		en, fr := runCLI(t, enStore, enEnv, "", args...), runCLI(t, frStore, frEnv, "", args...)
		if en.code != fr.code {
			t.Errorf("%v: exit %d in English, %d in French", args, en.code, fr.code)
		}
		if !strings.Contains(strings.Join(args, " "), "--json") || en.code == ExitUsage {
			continue
		}
		var a, b any
		if err := json.Unmarshal([]byte(en.stdout), &a); err != nil {
			t.Fatalf("%v: English JSON: %v\n%s", args, err, en.stdout)
		}
		if err := json.Unmarshal([]byte(fr.stdout), &b); err != nil {
			t.Fatalf("%v: French JSON: %v\n%s", args, err, fr.stdout)
		}
		ka, kb := jsonShape("", a, nil), jsonShape("", b, nil)
		if !slices.Equal(ka, kb) {
			t.Errorf("%v: JSON keys or enumerations differ:\nEnglish %v\nFrench  %v", args, ka, kb)
		}
	}
}

// people are the keys whose values are words for people, which may be
// in either language; every other string value must not change.
// Keys named *_text are for people too (the JSON contract, package schema).
var people = []string{"reason", "message", "error", "location", "secrets_location", "duration_ns", "started_at", "at", "expiry", "tracking_id",
	"last_refresh", "expires_in_seconds", "skew_seconds"}

// jsonShape lists v's key paths, with the values of the keys that are not
// for people (keys, enumerations, commands, flags).
func jsonShape(prefix string, v any, out []string) []string {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			p := prefix + "." + k
			out = append(out, p)
			if slices.Contains(people, k) || strings.HasSuffix(k, "_text") {
				continue
			}
			out = jsonShape(p, e, out)
		}
	case []any:
		for _, e := range v {
			out = jsonShape(prefix+"[]", e, out)
		}
	default:
		out = append(out, prefix+"="+strings.TrimSpace(strings.ReplaceAll(jsonText(v), "\n", " ")))
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
