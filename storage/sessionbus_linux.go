//go:build unix && !darwin

package storage

import (
	"os"
	"path/filepath"
	"strconv"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// errNoSessionBus: go-keyring would otherwise ask godbus to autolaunch a
// session bus (dbus-launch), leaving a dbus-daemon and a gnome-keyring-daemon
// running after zoomconnect exits, on every headless run.
var errNoSessionBus = i18n.NewError(nil, "storage.no_session_bus")

// checkSessionBus returns errNoSessionBus unless a session bus can be found
// the way godbus finds one without autolaunching it.
func checkSessionBus() error {
	if a := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return nil
	}
	dirs := []string{filepath.Join("/run/user", strconv.Itoa(os.Getuid()))}
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		for _, f := range []string{"bus", "dbus-session"} {
			if _, err := os.Stat(filepath.Join(d, f)); err == nil {
				return nil
			}
		}
	}
	return errNoSessionBus
}
