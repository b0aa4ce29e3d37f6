package tui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

func TestSharedProfileDetectsOnceForTheSameTerminal(t *testing.T) {
	dir := t.TempDir()
	a, err := os.Create(filepath.Join(dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	same, err := os.OpenFile(a.Name(), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer same.Close()
	other, err := os.Create(filepath.Join(dir, "b"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	detected := 0
	detect := func() colorprofile.Profile { detected++; return colorprofile.ANSI }
	if p := sharedProfile(a, same, colorprofile.TrueColor, detect); p != colorprofile.TrueColor || detected != 0 {
		t.Errorf("same file: profile %v after %d detections; want stdout's, with none", p, detected)
	}
	if p := sharedProfile(a, other, colorprofile.TrueColor, detect); p != colorprofile.ANSI || detected != 1 {
		t.Errorf("another file: profile %v after %d detections; want its own, detected once", p, detected)
	}
}
