//go:build !unix || darwin

package storage

// checkSessionBus is a Linux/BSD concern; other systems' keyrings need no
// session bus.
func checkSessionBus() error { return nil }
