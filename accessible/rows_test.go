package accessible

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// A table row said as a line follows the language's punctuation: French
// puts a no-break space before the colon.
func TestRowsSaidInTheLanguagesPunctuation(t *testing.T) {
	for lang, want := range map[i18n.Lang]string{i18n.English: "zoomconnect status: check it\n", i18n.French: "zoomconnect status\u00a0: check it\n"} {
		var out strings.Builder
		w := &conversation{env: (&wizard.Config{T: i18n.New(lang)}).WithDefaults(), out: &out}
		w.show([]page.Block{page.Rows(page.Item{Text: "`zoomconnect status`", Detail: "check it"})})
		if out.String() != want {
			t.Errorf("%s: said %q, want %q", lang, out.String(), want)
		}
	}
}
