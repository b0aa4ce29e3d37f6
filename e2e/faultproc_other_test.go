//go:build !linux

package e2e

import "os/exec"

// dieWithTest does nothing where the OS cannot tie a child's life to its
// parent's: the test's cleanups stop the daemons.
func dieWithTest(*exec.Cmd) {}
