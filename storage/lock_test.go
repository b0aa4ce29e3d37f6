package storage

import (
	"context"
	"errors"
	"os"
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
	if _, err := s.Lock(ctx, "work"); !errors.Is(err, ErrLockTimeout) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if _, err := s.Lock(t.Context(), "../work"); err == nil {
		t.Fatal("locked a path outside the store")
	}
}
