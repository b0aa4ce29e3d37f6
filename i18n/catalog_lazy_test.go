package i18n

import (
	"slices"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// TestAreaIndexCoversEveryFile: every area a catalog file defines (the
// first part of its message IDs, as the full TOML decoder reads the file)
// is in the file's index, so a message is always looked for in its file.
func TestAreaIndexCoversEveryFile(t *testing.T) {
	for _, name := range Files() {
		data, raw := rawFile(t, name)
		index := areaIndex(string(data))
		for key := range raw {
			area, _, _ := strings.Cut(key, ".")
			if !slices.Contains(index, area) {
				t.Errorf("%s: defines area %q, which its index %v lacks", name, area, index)
			}
		}
	}
}

// TestAreaIndexFindsTopLevelKeysAndQuotedHeaders: keys before the first
// header, quoted headers with a dot and indented headers are indexed by
// the first part of the ID go-i18n gives them.
func TestAreaIndexFindsTopLevelKeysAndQuotedHeaders(t *testing.T) {
	got := areaIndex("# c\ntop = \"x\"\n\"q.r\" = \"y\"\n[a.b]\nk = \"v\"\n  [\"c.d\".e]\nm = \"\"\"\n[not a header]\n\"\"\"\n")
	for _, want := range []string{"top", "q", "a", "c"} {
		if !slices.Contains(got, want) {
			t.Errorf("areaIndex lacks %q: %v", want, got)
		}
	}
	if slices.Contains(got, "k") || slices.Contains(got, "m") {
		t.Errorf("areaIndex took a key under a header for an area: %v", got)
	}
}

// TestCatalogReadsOnlyTheAreaAsked: a message parses the files of its
// area, in English and in the printer's language, and no other file; a
// message of an unknown area parses nothing and renders as its ID.
func TestCatalogReadsOnlyTheAreaAsked(t *testing.T) {
	c := newCatalog(French)
	if s, _ := c.localize(&goi18n.LocalizeConfig{MessageID: "welcome.title"}); s == "" || strings.HasPrefix(s, "[") {
		t.Fatalf("welcome.title = %q", s)
	}
	for name := range c.loaded {
		if !strings.HasPrefix(name, "locales/welcome.") {
			t.Errorf("asking for welcome.title parsed %s", name)
		}
	}
	if !c.loaded["locales/welcome.en.toml"] || !c.loaded["locales/welcome.fr.toml"] {
		t.Errorf("the welcome files were not both parsed: %v", c.loaded)
	}
	n := len(c.loaded)
	if _, err := c.localize(&goi18n.LocalizeConfig{MessageID: "nosucharea.title"}); err == nil {
		t.Error("a message of no area rendered")
	}
	if len(c.loaded) != n {
		t.Errorf("an unknown area parsed files: %v", c.loaded)
	}
}

// BenchmarkCatalogFirstMessage: what the first message of a run costs
// (the index, then the welcome area's files).
func BenchmarkCatalogFirstMessage(b *testing.B) {
	for b.Loop() {
		c := newCatalog(English)
		if _, err := c.localize(&goi18n.LocalizeConfig{MessageID: "welcome.title"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCatalogEveryArea: parsing the whole catalog of a language, as
// every start did before areas were read on demand.
func BenchmarkCatalogEveryArea(b *testing.B) {
	for _, l := range Langs() {
		b.Run(string(l), func(b *testing.B) {
			for b.Loop() {
				c := newCatalog(l)
				c.mu.Lock()
				for area := range c.files {
					c.loadArea(area)
				}
				c.mu.Unlock()
			}
		})
	}
}
