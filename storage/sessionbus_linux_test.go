//go:build unix && !darwin

package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestNoSessionBusMeansUnavailableWithoutAutolaunch: with no bus address,
// the real keyring reports "unavailable" at once instead of letting godbus
// run dbus-launch (which leaves daemons behind).
func TestNoSessionBusMeansUnavailableWithoutAutolaunch(t *testing.T) {
	if _, err := os.Stat(filepath.Join("/run/user", strconv.Itoa(os.Getuid()), "bus")); err == nil {
		t.Skip("this machine has a systemd user bus; the no-bus path cannot be shown here")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	s, _ := newTestStore(t)
	s.Keyring = nil // the real go-keyring
	err := s.ProbeKeyring(t.Context())
	if !errors.Is(err, ErrKeyringUnavailable) || !errors.Is(err, errNoSessionBus) {
		t.Fatalf("err = %v", err)
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		t.Fatal("a session bus was autolaunched")
	}
}
