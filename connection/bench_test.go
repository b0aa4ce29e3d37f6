package connection

import (
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/storage"
)

// BenchmarkRefreshPersist measures lock → re-read → refresh → persist with
// the file backend against the local fake Zoom.
func BenchmarkRefreshPersist(b *testing.B) {
	e := newEnv(b)
	m := e.manager()
	p := &storage.Profile{Name: "work", ClientID: "cid", UserID: "u1"}
	sec := storage.Secrets{AccessToken: "at-0", RefreshToken: "rt-0", TokenType: "bearer", Expiry: e.now.Add(-time.Minute)}
	if err := m.Save(b.Context(), p, storage.BackendFile, sec); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := m.Refresh(b.Context(), "work"); err != nil {
			b.Fatal(err)
		}
	}
}
