package wizard

import (
	"regexp"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
)

// testConfig is a run's configuration in lang, with a fixed profile.
func testConfig(lang i18n.Lang) *Config {
	return Config{T: i18n.New(lang), Profile: "default"}.WithDefaults()
}

// blocksText is what blocks say, as plain text, one line a text: block
// texts, then each item's text, detail and note.
func blocksText(blocks []page.Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		if bl.Text != "" {
			b.WriteString(page.PlainText(bl.Text) + "\n")
		}
		for _, it := range bl.Items {
			for _, s := range []string{it.Text, it.Detail, it.Note} {
				if s != "" {
					b.WriteString(page.PlainText(s) + "\n")
				}
			}
		}
	}
	return b.String()
}

// missingID matches what the catalog renders for an unknown message ID.
var missingID = regexp.MustCompile(`\[[a-z_]+\.[a-z_.:]+\]`)

// nested matches a bracket opened inside another, "(a (b) c)", or two
// in a row, "(a) (b)".
var nested = regexp.MustCompile(`\([^()]*\(|\)\s*\(`)

// checkText fails when text shows a missing catalog ID, nested brackets,
// or, in French, an English word it should not.
func checkText(t *testing.T, what, text string, lang i18n.Lang) {
	t.Helper()
	if m := missingID.FindString(text); m != "" {
		t.Errorf("%s (%s): unknown catalog ID %s in:\n%s", what, lang, m, text)
	}
	for _, line := range strings.Split(text, "\n") {
		if m := nested.FindString(line); m != "" {
			t.Errorf("%s (%s): brackets in brackets or in a row %q in:\n%s", what, lang, m, line)
		}
	}
	if lang == i18n.French {
		for _, w := range []string{" the ", " and ", " was ", "Press ", " your "} {
			if strings.Contains(text, w) {
				t.Errorf("%s (French): English %q in:\n%s", what, w, text)
			}
		}
	}
}

func mustHave(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

func mustNotHave(t *testing.T, what, text string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text, w) {
			t.Errorf("%s has %q:\n%s", what, w, text)
		}
	}
}
