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
