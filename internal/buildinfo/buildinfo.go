// Package buildinfo says which build of zoomconnect is running: the
// version, commit and date a release stamps with -ldflags -X (as GoReleaser
// sets main.version, main.commit and main.date), or else what the Go
// toolchain recorded in the binary (runtime/debug.ReadBuildInfo: the module
// version of `go install …@vX`, and vcs.revision, vcs.time and vcs.modified
// of a `go build` in a git checkout).
package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// Devel is the version of a build that has no release or module version.
const Devel = "devel"

// dirtySuffix marks a commit built with uncommitted changes.
const dirtySuffix = "-dirty"

// Stamp is what a release build sets with -ldflags -X; empty fields were
// not set.
type Stamp struct {
	Version string
	Commit  string
	Date    string
}

// Info identifies a build. Its JSON is the `zoomconnect version --json`
// document.
type Info struct {
	// Version is the release version, the module version, or Devel.
	Version string `json:"version"`
	// Commit is the full git revision, with "-dirty" when the tree had
	// uncommitted changes; empty when unknown.
	Commit string `json:"commit"`
	// Date is the commit's time, RFC 3339 UTC; empty when unknown.
	Date string `json:"date"`
	// Go is the toolchain that built the binary, e.g. "go1.26.8".
	Go string `json:"go"`
	// Platform is GOOS/GOARCH, e.g. "linux/amd64".
	Platform string `json:"platform"`
}

// Read combines s with the running binary's build information.
func Read(s Stamp) Info {
	bi, _ := debug.ReadBuildInfo()
	return From(s, bi)
}

// From combines s with bi (nil when the binary has none). Stamped fields
// win; the rest come from bi.
func From(s Stamp, bi *debug.BuildInfo) Info {
	info := Info{Version: s.Version, Commit: s.Commit, Date: s.Date,
		Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi == nil {
		if info.Version == "" {
			info.Version = Devel
		}
		return info
	}
	if bi.GoVersion != "" {
		info.Go = bi.GoVersion
	}
	vcs := settings(bi)
	if info.Version == "" {
		info.Version = moduleVersion(bi.Main.Version)
	}
	if info.Commit == "" && vcs["vcs.revision"] != "" {
		info.Commit = vcs["vcs.revision"]
		if vcs["vcs.modified"] == "true" {
			info.Commit += dirtySuffix
		}
	}
	if info.Date == "" {
		info.Date = vcs["vcs.time"]
	}
	return info
}

// moduleVersion is v unless it is empty or "(devel)", the toolchain's
// word for a build with no version.
func moduleVersion(v string) string {
	if v == "" || v == "(devel)" {
		return Devel
	}
	return v
}

// settings indexes bi's build settings by key.
func settings(bi *debug.BuildInfo) map[string]string {
	m := make(map[string]string, len(bi.Settings))
	for _, s := range bi.Settings {
		m[s.Key] = s.Value
	}
	return m
}

// Known reports whether the build says where it came from: a version, or
// a commit.
func (i Info) Known() bool {
	return i.Version != Devel || i.Commit != ""
}

// String is the one-line summary that --version and `version` print, e.g.
// "zoomconnect 1.2.3 (commit 0123abc, 2026-11-01T12:00:00Z; go1.26.8 linux/amd64)".
// A build that recorded neither a version nor a commit says so, and how
// that happens: the toolchain stamps git information only in a `go build`
// or `go install` of a checkout whose .git is a directory.
func (i Info) String() string {
	tail := i.Go + " " + i.Platform
	if !i.Known() {
		return "zoomconnect " + Devel + " (built from source, no commit recorded: " +
			"go run, -buildvcs=false or a git worktree; " + tail + ")"
	}
	var where string
	if i.Commit != "" {
		where = "commit " + short(i.Commit)
		if i.Date != "" {
			where += ", " + i.Date
		}
		where += "; "
	}
	return "zoomconnect " + i.Version + " (" + where + tail + ")"
}

// short abbreviates a full revision to 12 characters, keeping "-dirty".
func short(commit string) string {
	const n = 12
	rev, dirty := strings.CutSuffix(commit, dirtySuffix)
	if len(rev) > n {
		rev = rev[:n]
	}
	if dirty {
		rev += dirtySuffix
	}
	return rev
}
