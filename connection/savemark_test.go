package connection

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A save marks itself under way (storage.BeginSave) and removes the mark
// when it ends, saved or undone: only a save killed midway leaves one.
func TestSaveLeavesNoMarkWhenItEnds(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	marks := func() []string {
		got, _ := filepath.Glob(filepath.Join(m.Store.StateDir, "saving", "*"))
		return got
	}
	p, sec := newLogin("work", "u1", e)
	if _, err := m.SaveLogin(t.Context(), p, "", sec); err != nil {
		t.Fatal(err)
	}
	if got := marks(); len(got) != 0 {
		t.Fatalf("a finished save left %v", got)
	}
	q, sec := newLogin("other", "u2", e)
	m.Store.FileFault = failStep("create", m.Store.ConfigDir, syscall.EROFS)
	if _, err := m.SaveLogin(t.Context(), q, "", sec); err == nil {
		t.Fatal("the save did not fail")
	}
	m.Store.FileFault = nil
	if got := marks(); len(got) != 0 {
		t.Fatalf("an undone save left %v", got)
	}
	if _, err := os.Stat(m.Store.ProfilePath("other")); !os.IsNotExist(err) || e.kr.Len() != 1 {
		t.Fatalf("the undone save left its profile (%v) or keyring item (%d items)", err, e.kr.Len())
	}
}
