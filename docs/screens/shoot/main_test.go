package main

import (
	"strings"
	"testing"
)

// readShots takes WIDTH<TAB>HEIGHT<TAB>HTML<TAB>PNG lines (paths may hold
// spaces), skips blank ones, and refuses a line it cannot use, naming it.
func TestReadShots(t *testing.T) {
	got, err := readShots(strings.NewReader("751\t484\t/o/a.html\t/o/a.png\n\n1117\t788\t/my out/b.html\t/my out/b.png\n"))
	if err != nil {
		t.Fatalf("readShots: %v", err)
	}
	want := []shot{{751, 484, "/o/a.html", "/o/a.png"}, {1117, 788, "/my out/b.html", "/my out/b.png"}}
	if len(got) != len(want) {
		t.Fatalf("got %d shots, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("shot %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, bad := range []string{"751\t484\t/o/a.html", "0\t484\t/o/a.html\t/o/a.png", "w\t484\t/o/a.html\t/o/a.png", "751 484 /o/a.html /o/a.png", "751\t484\t\t/o/a.png"} {
		if _, err := readShots(strings.NewReader("751\t484\t/o/ok.html\t/o/ok.png\n" + bad + "\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("readShots(%q) = %v, want an error naming line 2", bad, err)
		}
	}
}
