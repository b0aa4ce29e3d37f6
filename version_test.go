package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// built is a zoomconnect binary built for a test, and how to run it.
type built struct {
	t    *testing.T
	path string
}

// buildZoomconnect runs go build on this module with args and returns the
// binary. The module's own directory is the working directory, as for a
// developer in a clone.
func buildZoomconnect(t *testing.T, name string, args ...string) built {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("ZOOMCONNECT_REQUIRE_REAL") == "1" {
			t.Fatal("the go command is not on PATH (ZOOMCONNECT_REQUIRE_REAL=1)")
		}
		t.Skip("the go command is not on PATH; these tests build the binary")
	}
	path := filepath.Join(t.TempDir(), name)
	cmd := exec.Command(gobin, append(append([]string{"build", "-o", path}, args...), ".")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %v: %v\n%s", args, err, out)
	}
	return built{t, path}
}

// run runs the binary with args in an empty environment and returns its
// stdout; it fails the test on a non-zero exit or any stderr.
func (b built) run(args ...string) string {
	b.t.Helper()
	cmd := exec.Command(b.path, args...)
	cmd.Env = []string{"HOME=" + b.t.TempDir(), "PATH=/usr/bin:/bin"}
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil || errb.Len() > 0 {
		b.t.Fatalf("%s %v: %v\nstdout %s\nstderr %s", filepath.Base(b.path), args, err, out.String(), errb.String())
	}
	return out.String()
}

// versionJSON is `version --json` decoded, after checking that --version
// and `version` print the same line.
func (b built) versionJSON() map[string]any {
	b.t.Helper()
	line := b.run("--version")
	if again := b.run("version"); again != line {
		b.t.Errorf("--version printed %q but version printed %q", line, again)
	}
	if strings.Contains(line, "unknown") || strings.Count(line, "\n") != 1 {
		b.t.Errorf("--version = %q, want one line that never says unknown", line)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(b.run("version", "--json")), &doc); err != nil {
		b.t.Fatal(err)
	}
	return doc
}

// A release build: GoReleaser's -X main.version, main.commit, main.date.
func TestVersionFromReleaseLdflags(t *testing.T) {
	const commit = "0123456789abcdef0123456789abcdef01234567"
	bin := buildZoomconnect(t, "release", "-buildvcs=false",
		"-ldflags=-X main.version=1.2.3 -X main.commit="+commit+" -X main.date=2026-11-01T12:00:00Z")
	doc := bin.versionJSON()
	if doc["version"] != "1.2.3" || doc["commit"] != commit || doc["date"] != "2026-11-01T12:00:00Z" {
		t.Errorf("version --json = %v", doc)
	}
	if line := bin.run("--version"); !strings.HasPrefix(line, "zoomconnect 1.2.3 (commit 0123456789ab, 2026-11-01T12:00:00Z; go") {
		t.Errorf("--version = %q", line)
	}
}

// go build -buildvcs=false (and go run) record no commit: the version says
// so instead of "unknown".
func TestVersionWithoutVCS(t *testing.T) {
	bin := buildZoomconnect(t, "novcs", "-buildvcs=false")
	doc := bin.versionJSON()
	if doc["version"] != "devel" || doc["commit"] != "" || doc["date"] != "" {
		t.Errorf("version --json = %v", doc)
	}
	if line := bin.run("version"); !strings.Contains(line, "no commit recorded: go run, -buildvcs=false") {
		t.Errorf("version = %q, want it to say why it has no commit", line)
	}
}

// go build in a clone stamps the commit, its time and whether the tree was
// modified (-dirty); the version is the toolchain's pseudo-version or tag.
func TestVersionFromVCS(t *testing.T) {
	if fi, err := os.Stat(".git"); err != nil || !fi.IsDir() {
		// The toolchain stamps VCS information only where .git is a
		// directory: not in a git worktree (.git is a file) or a tarball.
		t.Skip("not a git clone (.git is not a directory here): go build records no commit; run the tests in a clone")
	}
	git := func(args ...string) string {
		out, err := exec.Command("git", args...).Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return strings.TrimSpace(string(out))
	}
	dirtyBefore := git("status", "--porcelain") != ""
	bin := buildZoomconnect(t, "vcs", "-buildvcs=true")
	dirtyAfter := git("status", "--porcelain") != ""
	head := git("rev-parse", "HEAD")
	ct, err := strconv.ParseInt(git("log", "-1", "--format=%ct"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	doc := bin.versionJSON()
	rev, dirty := strings.CutSuffix(fmt.Sprint(doc["commit"]), "-dirty")
	if rev != head || (dirty != dirtyBefore && dirty != dirtyAfter) {
		t.Errorf("commit = %q, want %s (with -dirty when git status shows changes: %v)", doc["commit"], head, dirtyAfter)
	}
	if want := time.Unix(ct, 0).UTC().Format(time.RFC3339); doc["date"] != want {
		t.Errorf("date = %q, want the commit's time %s", doc["date"], want)
	}
	if !strings.HasPrefix(fmt.Sprint(doc["version"]), "v") {
		t.Errorf("version = %q, want the toolchain's version from git (a tag or a v0.0.0- pseudo-version)", doc["version"])
	}
}
