//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package accessible

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// echoOff stops the terminal fd from echoing what is typed, keeping line
// editing and ctrl+c (canonical mode, signals), and returns the function
// that turns echo back on. Unlike term.ReadPassword it leaves the reading
// to the caller, whose read can be canceled.
func echoOff(fd uintptr) (restore func(), err error) {
	old, err := unix.IoctlGetTermios(int(fd), ioctlGetTermios)
	if err != nil {
		return nil, fmt.Errorf("read the terminal's settings: %w", err)
	}
	quiet := *old
	quiet.Lflag &^= unix.ECHO
	quiet.Lflag |= unix.ICANON | unix.ISIG
	if err := unix.IoctlSetTermios(int(fd), ioctlSetTermios, &quiet); err != nil {
		return nil, fmt.Errorf("turn the terminal's echo off: %w", err)
	}
	return func() { _ = unix.IoctlSetTermios(int(fd), ioctlSetTermios, old) }, nil
}
