//go:build !unix

package storage

import "os"

// ownedByOther relies on the per-user profile ACL where there are no Unix
// owners (Windows).
func ownedByOther(os.FileInfo) bool { return false }
