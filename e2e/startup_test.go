package e2e

import (
	"bufio"
	"strconv"
	"strings"
	"testing"
)

// lazyInitPackages are zoomconnect's packages on the start-up path of
// every command (--version, status, token) that used to compile regular
// expressions at package initialization (storage's profile-name pattern
// alone was the largest start-up step). They compile them on first use
// now, so initializing each allocates next to nothing.
var lazyInitPackages = []string{
	"storage", "oauthflow", "oauthflow/sandbox", "doctor", "marketplace", "internal/manpage",
}

// maxInitBytes is what a package's initialization may allocate: a few
// small maps or slices, far below one compiled pattern (storage's was
// 52 KB, the sandbox's 96 KB).
const maxInitBytes = 2048

// TestStartupPackagesInitializeLazily reads the Go runtime's own account
// of package initialization (GODEBUG=inittrace=1: bytes allocated per
// package, which do not depend on the machine's speed) of a --version run.
func TestStartupPackagesInitializeLazily(t *testing.T) {
	h := newHome(t)
	r := h.run(t.Context(), []string{"GODEBUG=inittrace=1"}, "--version")
	if r.code != 0 {
		t.Fatalf("--version exited %d: %s", r.code, r.stderr)
	}
	allocs := initAllocs(r.stderr)
	if len(allocs) == 0 {
		t.Fatalf("no init trace on stderr:\n%s", r.stderr)
	}
	for _, pkg := range lazyInitPackages {
		if b := allocs["github.com/zoomconnect/zoomconnect/"+pkg]; b > maxInitBytes {
			t.Errorf("initializing %s allocates %d bytes (at most %d): a package-level regexp.MustCompile or similar is back on the start-up path; compile it on first use (sync.OnceValue)",
				pkg, b, maxInitBytes)
		}
	}
}

// initAllocs parses "init PKG @T ms, D ms clock, N bytes, M allocs" lines.
func initAllocs(trace string) map[string]int {
	out := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(trace))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 10 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		if n, err := strconv.Atoi(f[7]); err == nil {
			out[f[1]] = n
		}
	}
	return out
}
