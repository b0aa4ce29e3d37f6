//go:build unix

package storage

import (
	"os"
	"syscall"
)

// ownedByOther reports whether a file belongs to a user other than this
// process's (as ssh refuses such key files).
func ownedByOther(info os.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) != os.Getuid()
}
