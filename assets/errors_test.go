package assets

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/zoomconnect/zoomconnect/i18n"
)

func TestErrorTableParsesStrictly(t *testing.T) {
	dec := json.NewDecoder(strings.NewReader(Text("errors.json")))
	dec.DisallowUnknownFields()
	var entries []ErrorEntry
	if err := dec.Decode(&entries); err != nil {
		t.Fatalf("errors.json: %v", err)
	}
	if len(entries) < 50 {
		t.Fatalf("only %d entries", len(entries))
	}
	for _, e := range entries {
		if e.Key == "" {
			t.Errorf("entry without a key %+v", e)
		}
		if got, ok := ErrorByKey(e.Key); !ok || got != e {
			t.Errorf("ErrorByKey(%q) = %+v, %v", e.Key, got, ok)
		}
	}
	if _, ok := ErrorByKey("nope"); ok {
		t.Fatal("unknown key found")
	}
}

func TestErrorsReturnsACopy(t *testing.T) {
	a := Errors()
	a[0].Command = "changed"
	if Errors()[0].Command == "changed" {
		t.Fatal("Errors exposes the shared table")
	}
}

func TestScopesTable(t *testing.T) {
	dec := json.NewDecoder(strings.NewReader(Text("scopes.json")))
	dec.DisallowUnknownFields()
	var all []ScopeText
	if err := dec.Decode(&all); err != nil {
		t.Fatalf("scopes.json: %v", err)
	}
	for _, name := range []string{"meeting:write", "recording:read", "user_info:read", "user:read",
		"meeting:write:meeting", "cloud_recording:read:list_user_recordings", "user:read:user"} {
		s, ok := Scope(name)
		if !ok || s.Description == "" {
			t.Errorf("no description for %s", name)
		}
	}
	if _, ok := Scope("meeting:read"); ok {
		t.Error("unexpected scope")
	}
}

func TestCallbackPageTemplateExists(t *testing.T) {
	page := Text("pages/callback.html")
	for _, want := range []string{"{{.Title}}", "{{.Body}}", "{{.Detail}}"} {
		if !strings.Contains(page, want) {
			t.Errorf("callback.html lacks %s", want)
		}
	}
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") || strings.Contains(page, "<script") {
		t.Error("callback page links outside or runs script")
	}
}

// TestEveryRowHasItsWords: each row of errors.json has a title, a cause and
// what the user does in the catalog, in every language, and the catalog
// has no words for a row the table lacks (a row removed, or a key
// misspelled on one side). The i18n tests check that both languages have
// the same IDs and placeholders.
func TestEveryRowHasItsWords(t *testing.T) {
	keys := map[string]bool{}
	for _, e := range Errors() {
		keys[e.Key] = true
		for _, l := range i18n.Langs() {
			p := i18n.New(l)
			for _, part := range []string{PartTitle, PartCause, PartUser} {
				if !p.Has(e.MessageID(part)) {
					t.Errorf("%s: no %s in %s (i18n/locales/errors.%s.toml)", e.Key, part, l, l)
				}
			}
			w := e.Words(p, "Scopes", "a", "RetryAfter", "1 s")
			for _, s := range []string{w.Title, w.Cause, w.User, w.Admin} {
				if strings.Contains(s, "[error.") || strings.Contains(s, "{") {
					t.Errorf("%s (%s): unrendered text %q", e.Key, l, s)
				}
			}
		}
	}
	data, err := i18n.ReadFile("locales/errors.en.toml")
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Error map[string]map[string]string `toml:"error"`
	}
	if err := toml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for key, parts := range raw.Error {
		if !keys[key] {
			t.Errorf("errors.en.toml has words for %q, which errors.json lacks", key)
		}
		for part := range parts {
			if !slices.Contains([]string{PartTitle, PartCause, PartUser, PartAdmin}, part) {
				t.Errorf("%s: unknown part %q", key, part)
			}
		}
	}
}
