package cli

import (
	"os"
	"testing"
)

func TestDarkBackgroundFromCOLORFGBG(t *testing.T) {
	for v, want := range map[string]bool{
		"":             true, // not set: dark, without asking the terminal
		"15;0":         true,
		"0;15":         false,
		"0;default;15": false,
		"0;7":          false,
		"15;8":         true,
		"7;9":          false,
		"junk":         true,
	} {
		if got := darkBackground(v); got != want {
			t.Errorf("darkBackground(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestHideStdinFromFangRestoresStdin(t *testing.T) {
	before := os.Stdin
	restore := hideStdinFromFang()
	if os.Stdin == before {
		t.Error("os.Stdin is still the process's stdin while fang runs")
	}
	restore()
	if os.Stdin != before {
		t.Error("os.Stdin was not restored")
	}
}
