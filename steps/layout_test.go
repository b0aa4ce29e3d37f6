package steps

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/page"
)

// A URL in a Code block is cut into rows, each an OSC 8 link to the whole
// URL; other code is never a link.
func TestRenderLinksURLCode(t *testing.T) {
	st := NewStyles(true)
	url := "https://zoom.us/oauth/authorize?client_id=abc&state=" + strings.Repeat("s", 60)
	out := st.Render([]page.Block{page.Code(url)}, 40, nil)
	rows := strings.Split(out, "\n")
	if len(rows) < 2 || ansi.Strip(strings.Join(rows, "")) != url {
		t.Fatalf("rows %q", rows)
	}
	for _, r := range rows {
		if !strings.Contains(r, ansi.SetHyperlink(url)) {
			t.Errorf("row %q is not a link to the whole URL", r)
		}
	}
	if cmd := st.Render([]page.Block{page.Code("curl -sSL https://x")}, 40, nil); strings.Contains(cmd, "\x1b]8;") {
		t.Errorf("a command became a link: %q", cmd)
	}
}

// A widget named by a block's ID goes before its first row; the text's
// other rows are indented beside it.
func TestRenderWidgetBeforeBlock(t *testing.T) {
	st := NewStyles(true)
	b := page.Para("one two three four five six seven")
	b.ID = "spin"
	out := ansi.Strip(st.Render([]page.Block{b}, 16, map[string]string{"spin": "@"}))
	if out != "@ one two three\n  four five six\n  seven" {
		t.Errorf("got %q", out)
	}
}
