package storage

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestLockExcludesAcrossStores(t *testing.T) {
	a, _ := newTestStore(t)
	b := *a // a second, independent Store on the same dirs
	unlock, err := a.Lock(t.Context(), "work")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(a.lockPath("work")); err != nil {
		t.Fatalf("no dedicated lock file: %v", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	if _, err := b.Lock(ctx, "work"); !errors.Is(err, ErrLockTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second lock while held: %v", err)
	}
	other, err := b.Lock(t.Context(), "other")
	if err != nil {
		t.Fatalf("a different profile's lock: %v", err)
	}
	other()
	got := make(chan error, 1)
	go func() {
		u, err := b.Lock(t.Context(), "work")
		if err == nil {
			u()
		}
		got <- err
	}()
	unlock()
	if err := <-got; err != nil {
		t.Fatalf("lock after release: %v", err)
	}
}

func TestLockCanceledWhileWaiting(t *testing.T) {
	s, _ := newTestStore(t)
	unlock, err := s.Lock(t.Context(), "work")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	ctx, cancel := context.WithCancel(t.Context())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	// Canceled is not a storage failure: nothing was held, nothing changed.
	if _, err := s.Lock(ctx, "work"); errors.Is(err, ErrLockTimeout) || IsLocal(err) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if _, err := s.Lock(t.Context(), "../work"); err == nil {
		t.Fatal("locked a path outside the store")
	}
}

func TestLockHolderNamesTheProcess(t *testing.T) {
	a, _ := newTestStore(t)
	b := *a
	unlock, err := a.Lock(t.Context(), "work")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, ok, err := b.TryLock("work"); ok || err != nil {
		t.Fatalf("TryLock of a held lock = %v, %v", ok, err)
	}
	h := b.LockHolder("work")
	if !strings.HasPrefix(h, "pid "+strconv.Itoa(os.Getpid())+" (") || !strings.Contains(h, filepath.Base(os.Args[0])) {
		t.Fatalf("holder = %q", h)
	}
	if err := os.WriteFile(a.lockPath("other"), []byte("12 evil\x1b[2J\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if h := b.LockHolder("other"); h != "pid 12 (evil[2J)" {
		t.Fatalf("holder with escapes = %q", h)
	}
}

// plantTemp leaves a temp file of target as a process killed mid-write
// does, with a token in it and a fresh mtime.
func plantTemp(t *testing.T, target string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".123456.tmp")
	if err := os.WriteFile(p, []byte(`{"refresh_token":"REFRESHTOKEN-plant-3"`), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func gone(path string) bool {
	_, err := os.Stat(path)
	return errors.Is(err, fs.ErrNotExist)
}

// A kill -9 between a temp file's creation and its rename leaves tokens in
// it. The next holder of the profile's lock removes them at once, whatever
// their age: every writer holds that lock, so none is in flight.
func TestLockRemovesTheProfilesTempFiles(t *testing.T) {
	s, _ := newTestStore(t)
	sec := plantTemp(t, s.SecretsFilePath("work"))
	prof := plantTemp(t, s.ProfilePath("work"))
	other := plantTemp(t, s.SecretsFilePath("other"))
	unlock, err := s.Lock(t.Context(), "work")
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	if !gone(sec) || !gone(prof) {
		t.Fatal("the profile's temp files were left")
	}
	if gone(other) {
		t.Fatal("another profile's temp file was removed by this profile's lock")
	}
}

// Commands that take no lock sweep temp files too, but only of profiles
// whose lock is free.
func TestSweepTempsSkipsProfilesInUse(t *testing.T) {
	s, _ := newTestStore(t)
	b := *s
	unlock, err := b.Lock(t.Context(), "busy")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	busy := plantTemp(t, s.SecretsFilePath("busy"))
	idle := plantTemp(t, s.SecretsFilePath("idle"))
	idleProfile := plantTemp(t, s.ProfilePath("idle"))
	s.SweepTemps()
	if !gone(idle) || !gone(idleProfile) {
		t.Fatal("an idle profile's temp files were left")
	}
	if gone(busy) {
		t.Fatal("the temp file of a profile whose lock is held was removed")
	}
}

func TestTempTarget(t *testing.T) {
	for file, want := range map[string]string{".work.json.123.tmp": "work", ".a.b.json.9.tmp": "a.b", "work.json": "", ".work.json.x.tmp": "", ".Bad.json.1.tmp": ""} {
		got, ok := tempTarget(file)
		if got != want || ok != (want != "") {
			t.Errorf("tempTarget(%q) = %q, %v; want %q", file, got, ok, want)
		}
	}
}
