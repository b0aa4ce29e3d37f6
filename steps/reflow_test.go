package steps

import (
	"strings"
	"testing"
)

func TestReflowHangsListItems(t *testing.T) {
	got := reflow("1. alpha beta gamma delta epsilon\n    granted as one two three four\nshort", 16)
	want := "1. alpha beta\n   gamma delta\n   epsilon\n    granted as\n    one two\n    three four\nshort"
	if got != want {
		t.Fatalf("reflow =\n%s\nwant\n%s", got, want)
	}
}

func TestReflowCutsLongWordsWithoutLoss(t *testing.T) {
	url := "http://127.0.0.1:1234/callback?code=" + strings.Repeat("x", 60)
	got := reflow("Open "+url+" now", 20)
	rows := strings.Split(got, "\n")
	for _, r := range rows {
		if len(r) > 20 {
			t.Fatalf("row %q is wider than 20", r)
		}
	}
	if rows[0] != "Open" || !strings.Contains(unwrapped(got), url) || !strings.HasSuffix(got, " now") {
		t.Fatalf("URL not kept in order:\n%s", got)
	}
}

func TestReflowNoWidth(t *testing.T) {
	if got := reflow("a b", 0); got != "a b" {
		t.Fatalf("reflow at width 0 = %q", got)
	}
}

// Continuation rows of a "• " or "✓ " item start under its text: the
// markers are multi-byte, so the indent is measured in columns.
func TestReflowHangsUnderMultibyteMarkers(t *testing.T) {
	for _, marker := range []string{"• ", "✓ ", "✗ ", "- "} {
		got := strings.Split(reflow(marker+"alpha beta gamma delta epsilon", 14), "\n")
		if len(got) < 2 {
			t.Fatalf("%q: not wrapped: %q", marker, got)
		}
		for _, row := range got[1:] {
			if !strings.HasPrefix(row, "  ") || strings.HasPrefix(row, "   ") {
				t.Errorf("%q: continuation %q is not indented by exactly 2 columns", marker, row)
			}
		}
	}
}
