// Package testkit is the test support the packages' tests share, one copy
// of each helper they used to copy: a buffer safe to read while a program
// writes it, the in-process sandbox for one test, and private XDG
// directories. Key presses for Bubble Tea models are in testkit/keypress, so
// that the tests of UI-free packages do not import Bubble Tea.
package testkit

import (
	"bytes"
	"path/filepath"
	"sync"
	"testing"

	"github.com/adrg/xdg"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// Buffer is an io.Writer whose text a test reads while a program writes
// it (a bytes.Buffer under a lock). The zero value is ready to use.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write implements io.Writer.
func (l *Buffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String is what was written so far.
func (l *Buffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Sandbox starts the in-process Zoom sandbox with o for the test, which
// fails at once if it cannot start; it is closed when the test ends.
func Sandbox(t testing.TB, o sandbox.Options) *sandbox.Server {
	t.Helper()
	srv, err := sandbox.New(o)
	if err != nil {
		t.Fatalf("start the sandbox: %v", err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// Dirs are a test's private XDG base directories.
type Dirs struct {
	Config, Data, State string
	// ConfigDirs is $XDG_CONFIG_DIRS: where an admin's system-wide
	// app.json is searched.
	ConfigDirs string
}

// PrivateXDG points the XDG base directories (config, data, state and the
// system config directories) at new directories of the test, for the
// test's duration: $XDG_* are set with t.Setenv and the xdg package
// re-reads them, then again once they are restored. Tests that call it
// cannot run in parallel (t.Setenv forbids it).
func PrivateXDG(t *testing.T) Dirs {
	t.Helper()
	t.Cleanup(xdg.Reload) // runs after t.Setenv restores the environment (cleanups are LIFO)
	root := t.TempDir()
	d := Dirs{Config: filepath.Join(root, "config"), Data: filepath.Join(root, "data"),
		State: filepath.Join(root, "state"), ConfigDirs: filepath.Join(root, "etc-xdg")}
	t.Setenv("XDG_CONFIG_HOME", d.Config)
	t.Setenv("XDG_DATA_HOME", d.Data)
	t.Setenv("XDG_STATE_HOME", d.State)
	t.Setenv("XDG_CONFIG_DIRS", d.ConfigDirs)
	xdg.Reload()
	return d
}
