package steps

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/page"
)

// TestRenderListDetailAndMark: a list item's detail is drawn under its
// text, indented like its continuation rows; a ticked task (Mark OK) has
// the OK glyph instead of the bullet; numbered steps keep their numbers.
func TestRenderListDetailAndMark(t *testing.T) {
	st := NewStyles(true)
	list := page.Block{Kind: page.KindList, Items: []page.Item{
		{Text: "**Open** the page", Detail: "It is on the left, under the long menu that wraps here."},
		{Text: "Done already", Mark: page.KindOK},
	}}
	steps := page.Block{Kind: page.KindSteps, Start: 9, Items: []page.Item{{Text: "Nine", Detail: "nine's detail"}, {Text: "Ten"}}}
	got := ansi.Strip(st.Render([]page.Block{list, steps}, 40, nil))
	want := strings.Join([]string{
		"• Open the page",
		"  It is on the left, under the long menu",
		"  that wraps here.",
		"✓ Done already",
		"",
		"9. Nine",
		"   nine's detail",
		"10. Ten",
	}, "\n")
	if got != want {
		t.Errorf("Render:\n%s\nwant:\n%s", got, want)
	}
}
