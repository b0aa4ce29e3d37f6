package e2e

import (
	"os/exec"
	"syscall"
)

// dieWithTest makes cmd (a daemon a fault test starts) get SIGKILL when
// the test process dies, so a test binary killed by its -timeout leaves
// no dbus-daemon or gnome-keyring-daemon behind (its cleanups do not run).
func dieWithTest(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
