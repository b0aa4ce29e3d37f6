package connection

import (
	"fmt"
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

// BenchmarkRefreshPersistKeyring is BenchmarkRefreshPersist with the
// secrets in the (in-memory) keyring: the expired token is served by a
// refresh whose read, write and read-back share one keyring session.
func BenchmarkRefreshPersistKeyring(b *testing.B) {
	e := newEnv(b)
	m := e.manager()
	p := &storage.Profile{Name: "work", ClientID: "cid", UserID: "u1"}
	sec := storage.Secrets{AccessToken: "at-0", RefreshToken: "rt-0", TokenType: "bearer", Expiry: e.now.Add(-time.Minute)}
	if err := m.Save(b.Context(), p, storage.BackendKeyring, sec); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := m.Refresh(b.Context(), "work"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStatusAllOffline is status --offline's work for 100 keyring
// profiles, in process: one listing, one keyring session.
func BenchmarkStatusAllOffline(b *testing.B) {
	e := newEnv(b)
	for i := range 100 {
		e.save(fmt.Sprintf("p%03d", i), storage.BackendKeyring, e.now.Add(time.Hour))
	}
	m := e.manager()
	for b.Loop() {
		if sts, err := m.StatusAll(b.Context(), true); err != nil || len(sts) != 100 {
			b.Fatalf("%d statuses, %v", len(sts), err)
		}
	}
}
