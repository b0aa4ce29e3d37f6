package sandbox_test

import (
	"path/filepath"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// BenchmarkFlow is one whole in-process authorization: approve, exchange,
// users/me.
func BenchmarkFlow(b *testing.B) {
	s := start(b, sandbox.Options{})
	for b.Loop() {
		r := connect(b, s)
		if m := me(b, s, r.str("access_token")); m.status != 200 {
			b.Fatalf("users/me: %d", m.status)
		}
	}
}

// BenchmarkRefreshWithStateFile is one rotation persisted under the file
// lock, the path `zoomconnect token` takes against the sandbox.
func BenchmarkRefreshWithStateFile(b *testing.B) {
	s := start(b, sandbox.Options{StateFile: filepath.Join(b.TempDir(), "state.json")})
	rt := connect(b, s).str("refresh_token")
	for b.Loop() {
		r := refresh(b, s, rt)
		if r.status != 200 {
			b.Fatalf("refresh: %d %s", r.status, r.raw)
		}
		rt = r.str("refresh_token")
	}
}
