package steps

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/page"
)

// TestRenderMarkedListItems: a list item with a Mark has the mark's glyph
// instead of the bullet, its rows hang under its text, and its Detail is
// muted two columns further in, wrapped there too.
func TestRenderMarkedListItems(t *testing.T) {
	st := NewStyles(true)
	bl := page.Block{Kind: page.KindList, Items: []page.Item{
		{Text: "`meeting:write` — Create, change and delete your meetings.", Detail: "granted as `meeting:write:meeting` and more words here", Mark: page.KindOK},
		{Text: "plain item"},
	}}
	got := ansi.Strip(st.Render([]page.Block{bl}, 30, nil))
	rows := strings.Split(got, "\n")
	if !strings.HasPrefix(rows[0], "✓ meeting:write") {
		t.Fatalf("first row %q, want the OK glyph before the text:\n%s", rows[0], got)
	}
	var details, bullets int
	for _, r := range rows[1:] {
		switch {
		case strings.HasPrefix(r, "    ") && !strings.HasPrefix(r, "     "):
			details++
		case strings.HasPrefix(r, "• "):
			bullets++
		case !strings.HasPrefix(r, "  ") || strings.HasPrefix(r, "   "):
			t.Errorf("row %q neither hangs under the text (2) nor is the detail (4):\n%s", r, got)
		}
		if page.Width(r) > 30 {
			t.Errorf("row %q is wider than 30", r)
		}
	}
	if details < 2 || bullets != 1 || !strings.Contains(got, "granted as") {
		t.Errorf("want the detail wrapped on 4-space rows and one plain bullet:\n%s", got)
	}
}
