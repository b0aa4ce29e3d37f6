package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// recorder writes a script that appends its arguments, one per line, to a
// file, and returns the script's path and the file's.
func recorder(t *testing.T, dir, name string) (script, log string) {
	t.Helper()
	log = filepath.Join(dir, name+".log")
	script = filepath.Join(dir, name)
	body := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + log + "'; done\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return script, log
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// A URL full of shell metacharacters must reach the browser unchanged.
const trickyURL = "http://127.0.0.1:1/oauth/authorize?a=1&b=$(touch pwned);c='x'|d"

func TestBrowserEnvAppendsURL(t *testing.T) {
	dir := t.TempDir()
	rec, log := recorder(t, dir, "rec")
	if err := newOpener(false, rec)(trickyURL); err != nil {
		t.Fatal(err)
	}
	if got := readLines(t, log); !reflect.DeepEqual(got, []string{trickyURL}) {
		t.Errorf("browser got %q, want the URL as its only argument", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "pwned")); err == nil {
		t.Error("the URL was interpreted by a shell")
	}
}

func TestBrowserEnvPercentS(t *testing.T) {
	dir := t.TempDir()
	rec, log := recorder(t, dir, "rec")
	if err := newOpener(false, rec+" --new-window %s --literal=100%%")(trickyURL); err != nil {
		t.Fatal(err)
	}
	want := []string{"--new-window", trickyURL, "--literal=100%"}
	if got := readLines(t, log); !reflect.DeepEqual(got, want) {
		t.Errorf("browser got %q, want %q", got, want)
	}
}

func TestBrowserEnvListFallsThrough(t *testing.T) {
	dir := t.TempDir()
	rec, log := recorder(t, dir, "rec")
	failing := filepath.Join(dir, "failing")
	if err := os.WriteFile(failing, []byte("#!/bin/sh\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := filepath.Join(dir, "does-not-exist") + ":" + failing + ":" + rec
	if err := newOpener(false, env)("https://example.com/x"); err != nil {
		t.Fatal(err)
	}
	if got := readLines(t, log); !reflect.DeepEqual(got, []string{"https://example.com/x"}) {
		t.Errorf("third browser got %q", got)
	}
}

func TestBrowserEnvAllFail(t *testing.T) {
	dir := t.TempDir()
	err := newOpener(false, filepath.Join(dir, "nope1")+":"+filepath.Join(dir, "nope2"))("https://example.com")
	if err == nil || !strings.Contains(err.Error(), "open the URL shown on screen yourself") {
		t.Fatalf("err = %v, want a failure that says to open the URL by hand", err)
	}
	err = newOpener(false, " : ")("https://example.com")
	if err == nil || !strings.Contains(err.Error(), "BROWSER=firefox") || !strings.Contains(err.Error(), "unset it") {
		t.Errorf("a $BROWSER with no command must fail and say how to fix it; got %v", err)
	}
}

func TestNoBrowserOpensNothing(t *testing.T) {
	dir := t.TempDir()
	rec, log := recorder(t, dir, "rec")
	if err := newOpener(true, rec)("https://example.com"); err != nil {
		t.Fatal(err)
	}
	if got := readLines(t, log); got != nil {
		t.Errorf("--no-browser still ran $BROWSER: %q", got)
	}
}

func TestExpandPercent(t *testing.T) {
	for in, want := range map[string]string{"%s": "U", "a%sb": "aUb", "%%s": "%s", "%": "%", "x%y": "x%y", "%s%s": "UU"} {
		if got := expandPercent(in, "U"); got != want {
			t.Errorf("expandPercent(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSystemOpenerUsesCLIBrowser checks that with no $BROWSER the URL goes
// to github.com/cli/browser's opener (xdg-open first on Linux) unchanged.
// That a printing opener never reaches stdout is tested in package main,
// which configures cli/browser's output (main_test.go).
func TestSystemOpenerUsesCLIBrowser(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the fake opener is a shell script named xdg-open")
	}
	dir := t.TempDir()
	_, log := recorder(t, dir, "xdg-open")
	t.Setenv("PATH", dir)
	if err := newOpener(false, "")(trickyURL); err != nil {
		t.Fatal(err)
	}
	if got := readLines(t, log); !reflect.DeepEqual(got, []string{trickyURL}) {
		t.Fatalf("xdg-open got %q, want the URL", got)
	}
}

func TestSystemOpenerReportsMissingBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	err := newOpener(false, "")("https://example.com")
	if err == nil || !strings.Contains(err.Error(), "open the URL shown on screen yourself") {
		t.Fatalf("err = %v, want a failure that says to open the URL by hand", err)
	}
}
