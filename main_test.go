package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/cli/browser"
)

// envOpenerHelper makes the test binary act as zoomconnect opening a URL
// with the system opener, configured as main configures it.
const envOpenerHelper = "ZOOMCONNECT_TEST_OPENER_HELPER"

// A URL full of shell metacharacters must reach the opener unchanged.
const trickyURL = "http://127.0.0.1:1/oauth/authorize?a=1&b=$(touch pwned);c='x'|d"

// TestPrintingOpenerNeverReachesStdout runs, in a child process, what main
// does before anything else (quietBrowser) and then cli/browser's OpenURL,
// with PATH holding only a fake opener that prints to stdout and stderr:
// the fake must get the URL, and none of its output may reach the
// process's stdout (machine output) or stderr (the wizard's screen).
func TestPrintingOpenerNeverReachesStdout(t *testing.T) {
	if url := os.Getenv(envOpenerHelper); url != "" {
		if os.Getenv(envOpenerHelper+"_RAW") == "" {
			quietBrowser()
		}
		if err := browser.OpenURL(url); err != nil {
			os.Exit(3)
		}
		os.Exit(0)
	}
	if runtime.GOOS != "linux" {
		t.Skip("the fake opener is a shell script named xdg-open")
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "opened.log")
	body := "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + log + "'\necho BROWSER-SAYS-STDOUT\necho BROWSER-SAYS-STDERR >&2\n"
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	child := func(extra ...string) (stdout, stderr string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPrintingOpenerNeverReachesStdout$")
		cmd.Env = append([]string{"PATH=" + dir, "HOME=" + dir, envOpenerHelper + "=" + trickyURL}, extra...)
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("helper: %v\nstdout: %s\nstderr: %s", err, out.String(), errb.String())
		}
		return out.String(), errb.String()
	}
	// Without quietBrowser the fake's output does leak: the check below can fail.
	if out, _ := child(envOpenerHelper + "_RAW=1"); !strings.Contains(out, "BROWSER-SAYS-STDOUT") {
		t.Fatalf("the unconfigured library should pass the opener's stdout through; got %q", out)
	}
	out, errOut := child()
	b, err := os.ReadFile(log)
	if err != nil || strings.Count(string(b), trickyURL+"\n") != 2 {
		t.Fatalf("the fake xdg-open got %q (%v), want the URL twice", b, err)
	}
	if strings.Contains(out, "BROWSER-SAYS") || strings.Contains(errOut, "BROWSER-SAYS") {
		t.Errorf("the opener's output leaked:\nstdout: %q\nstderr: %q", out, errOut)
	}
}
