package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

const rev = "0123456789abcdef0123456789abcdef01234567"

func vcsBuild(version string, modified bool) *debug.BuildInfo {
	mod := "false"
	if modified {
		mod = "true"
	}
	return &debug.BuildInfo{GoVersion: "go1.99.1", Main: debug.Module{Version: version}, Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev},
		{Key: "vcs.time", Value: "2026-11-01T12:00:00Z"}, {Key: "vcs.modified", Value: mod},
	}}
}

func TestFrom(t *testing.T) {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	for _, tc := range []struct {
		name  string
		stamp Stamp
		bi    *debug.BuildInfo
		want  Info
		line  string
	}{
		{"a release stamp wins over the toolchain's", Stamp{"1.2.3", "fedcba9876543210", "2026-10-01T00:00:00Z"}, vcsBuild("v0.0.0-x", true),
			Info{"1.2.3", "fedcba9876543210", "2026-10-01T00:00:00Z", "go1.99.1", platform},
			"zoomconnect 1.2.3 (commit fedcba987654, 2026-10-01T00:00:00Z; go1.99.1 " + platform + ")"},
		{"only the version stamped", Stamp{Version: "1.2.3"}, vcsBuild("(devel)", false),
			Info{"1.2.3", rev, "2026-11-01T12:00:00Z", "go1.99.1", platform},
			"zoomconnect 1.2.3 (commit 0123456789ab, 2026-11-01T12:00:00Z; go1.99.1 " + platform + ")"},
		{"go install …@v1.4.0 (module version, no VCS)", Stamp{}, &debug.BuildInfo{GoVersion: "go1.99.1", Main: debug.Module{Version: "v1.4.0"}},
			Info{"v1.4.0", "", "", "go1.99.1", platform},
			"zoomconnect v1.4.0 (go1.99.1 " + platform + ")"},
		{"go build in a modified clone", Stamp{}, vcsBuild("v0.0.0-20261101120000-0123456789ab+dirty", true),
			Info{"v0.0.0-20261101120000-0123456789ab+dirty", rev + "-dirty", "2026-11-01T12:00:00Z", "go1.99.1", platform},
			"zoomconnect v0.0.0-20261101120000-0123456789ab+dirty (commit 0123456789ab-dirty, 2026-11-01T12:00:00Z; go1.99.1 " + platform + ")"},
		{"an old toolchain: (devel) with VCS", Stamp{}, vcsBuild("(devel)", false),
			Info{Devel, rev, "2026-11-01T12:00:00Z", "go1.99.1", platform},
			"zoomconnect devel (commit 0123456789ab, 2026-11-01T12:00:00Z; go1.99.1 " + platform + ")"},
		{"go run: nothing recorded", Stamp{}, &debug.BuildInfo{GoVersion: "go1.99.1", Main: debug.Module{Version: "(devel)"}},
			Info{Devel, "", "", "go1.99.1", platform},
			"zoomconnect devel (built from source, no commit recorded: go run, -buildvcs=false or a git worktree; go1.99.1 " + platform + ")"},
		{"no build information at all", Stamp{}, nil,
			Info{Devel, "", "", runtime.Version(), platform}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := From(tc.stamp, tc.bi)
			if got != tc.want {
				t.Errorf("From = %+v\nwant   %+v", got, tc.want)
			}
			if tc.line != "" && got.String() != tc.line {
				t.Errorf("String = %q\nwant     %q", got.String(), tc.line)
			}
			if strings.Contains(got.String(), "unknown") {
				t.Errorf("String says unknown: %q", got.String())
			}
		})
	}
}

func TestReadIsTheRunningBinary(t *testing.T) {
	got := Read(Stamp{Version: "9.9.9"})
	if got.Version != "9.9.9" || got.Go != runtime.Version() || got.Platform != runtime.GOOS+"/"+runtime.GOARCH {
		t.Errorf("Read = %+v", got)
	}
}
