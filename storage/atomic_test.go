package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestWriteFileAtomicSetsModeOverExisting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.json")
	if err := os.WriteFile(path, []byte(`{"old":true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte(`{"new":true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != `{"new":true}` {
		t.Fatalf("content %q", got)
	}
	assertMode(t, path, 0o600)
	if tmp := tempFiles(t, dir); len(tmp) != 0 {
		t.Fatalf("temp files left: %v", tmp)
	}
}

func TestWriteFileAtomicFaultsKeepOldContent(t *testing.T) {
	injected := errors.New("injected fault")
	cases := map[string]fileOps{
		"half write": {write: func(f *os.File, b []byte) (int, error) {
			n, _ := f.Write(b[:len(b)/2])
			return n, injected
		}},
		"short write": {write: func(f *os.File, b []byte) (int, error) { return f.Write(b[:len(b)/2]) }},
		"rename":      {fault: failStep("rename", injected)},
		"sync":        {fault: failStep("sync", injected)},
		"create":      {fault: failStep("create", injected)},
	}
	for name, ops := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "p.json")
			old := []byte(`{"name":"old"}`)
			if err := WriteFileAtomic(path, old, 0o600); err != nil {
				t.Fatal(err)
			}
			err := ops.writeAtomic(path, []byte(`{"name":"new and longer"}`), 0o600)
			if err == nil {
				t.Fatal("fault not reported")
			}
			if got, _ := os.ReadFile(path); string(got) != string(old) {
				t.Fatalf("target changed to %q", got)
			}
			if tmp := tempFiles(t, dir); len(tmp) != 0 {
				t.Fatalf("temp files left: %v", tmp)
			}
		})
	}
}

func TestSaveProfileFaultKeepsOldProfile(t *testing.T) {
	s, _ := newTestStore(t)
	p := testProfile("work")
	if err := s.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	s.FileFault = failStep("rename", errors.New("disk full"))
	p.Email = "changed@example.com"
	if err := s.SaveProfile(p); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v", err)
	}
	got, err := s.LoadProfile("work")
	if err != nil || got.Email != "ann@example.com" {
		t.Fatalf("old profile not intact: %+v, %v", got, err)
	}
}

// failStep is a fault hook that fails step with err.
func failStep(step string, err error) func(string, string) error {
	return func(s, _ string) error {
		if s == step {
			return err
		}
		return nil
	}
}

func TestConcurrentReaderNeverSeesTornJSON(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.json")
	if err := WriteFileAtomic(path, []byte(`{"n":0}`), 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	var bad []string
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			b, err := os.ReadFile(path)
			if err != nil || !json.Valid(b) {
				bad = append(bad, fmt.Sprintf("%q %v", b, err))
			}
		}
	}()
	pad := strings.Repeat("x", 4096)
	for i := 1; i <= 300; i++ {
		if err := WriteFileAtomic(path, []byte(fmt.Sprintf(`{"n":%d,"pad":"%s"}`, i, pad[:i*13%4096])), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	if len(bad) > 0 {
		t.Fatalf("%d torn reads, first: %s", len(bad), bad[0])
	}
	if tmp := tempFiles(t, dir); len(tmp) != 0 {
		t.Fatalf("temp files left: %v", tmp)
	}
}

func TestWriteFileAtomicRemovesOnlyStaleTempsOfItsTarget(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.json")
	old := time.Now().Add(-StaleTempAge - time.Minute)
	plant := func(name string, mtime time.Time) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := plant(".a.json.1234567.tmp", old)
	fresh := plant(".a.json.7654321.tmp", time.Now()) // a concurrent writer's
	otherTarget := plant(".b.json.1234567.tmp", old)
	lookalike := plant(".a.json.x.json.42.tmp", old) // a temp of "a.json.x.json"
	if err := WriteFileAtomic(path, []byte(`{}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("stale temp of the target left: %v", err)
	}
	for _, p := range []string{fresh, otherTarget, lookalike} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}

func TestIsTempOf(t *testing.T) {
	cases := map[string]bool{
		".p.json.123.tmp": true, ".p.json.tmp": false, ".p.json..tmp": false, "p.json.123.tmp": false,
		".p.json.12a.tmp": false, ".p.json.1.2.tmp": false, ".p.json.123.tmpx": false,
	}
	for name, want := range cases {
		if got := isTempOf(name, "p.json"); got != want {
			t.Errorf("isTempOf(%q) = %v, want %v", name, got, want)
		}
	}
}
