// Package manpagetest renders man pages with groff in tests.
package manpagetest

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// Groff is the path of groff. It skips t when groff is not installed,
// unless ZOOMCONNECT_REQUIRE_REAL=1, when it fails t.
func Groff(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("groff")
	if err != nil {
		if os.Getenv("ZOOMCONNECT_REQUIRE_REAL") == "1" {
			t.Fatal("groff is not installed (ZOOMCONNECT_REQUIRE_REAL=1): apt-get install groff-base")
		}
		t.Skip("groff is not installed; install it (Debian: apt-get install groff-base) to check the man pages render")
	}
	return path
}

// Render formats roff as man(1) would with groff -man -Tutf8 -ww, 80
// columns wide, as plain text (no bold or underline), and fails t when
// groff warns or fails.
func Render(t testing.TB, roff []byte) string {
	t.Helper()
	cmd := exec.Command(Groff(t), "-man", "-Tutf8", "-ww", "-rLL=80n", "-rcR=1", "-P-c", "-P-b", "-P-u")
	cmd.Stdin = bytes.NewReader(roff)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("groff: %v\n%s", err, errb.String())
	}
	if errb.Len() > 0 {
		t.Errorf("groff warned:\n%s", errb.String())
	}
	return out.String()
}
