package main

import (
	"strings"
	"testing"
)

// readShots takes "WIDTH HEIGHT HTML PNG" lines, skips blank ones, and
// refuses a line it cannot use, naming it.
func TestReadShots(t *testing.T) {
	got, err := readShots(strings.NewReader("751 484 /o/a.html /o/a.png\n\n1117 788 /o/b.html /o/b.png\n"))
	if err != nil {
		t.Fatalf("readShots: %v", err)
	}
	want := []shot{{751, 484, "/o/a.html", "/o/a.png"}, {1117, 788, "/o/b.html", "/o/b.png"}}
	if len(got) != len(want) {
		t.Fatalf("got %d shots, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("shot %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, bad := range []string{"751 484 /o/a.html", "0 484 /o/a.html /o/a.png", "w 484 /o/a.html /o/a.png", "751 484 /a b /o/a.png"} {
		if _, err := readShots(strings.NewReader("751 484 /o/ok.html /o/ok.png\n" + bad + "\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("readShots(%q) = %v, want an error naming line 2", bad, err)
		}
	}
}
