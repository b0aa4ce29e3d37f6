package storage

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// FileError is a local file operation of the store that failed: which
// (Op: "write", "create", "remove", "read", "lock"), on which Path, and the
// OS error. Its text names the path and says the cause in words ("the disk
// is full"), so that a full disk or a read-only directory is never taken
// for a network problem: syscall.Errno satisfies net.Error, so only this
// type, not the errno, tells a caller what failed.
type FileError struct {
	Op   string
	Path string
	Err  error
}

// Error says what could not be done to which path, and why in words.
func (e *FileError) Error() string { return e.message(nil).Error() }

// Say is Error in t's language.
func (e *FileError) Say(t *i18n.Printer) string { return e.message(t).Say(t) }

// message is the catalog message of e, its cause said in t's language.
func (e *FileError) message(t *i18n.Printer) *i18n.Error {
	id := "storage.file." + e.Op
	if e.Op == "set the mode of" {
		id = "storage.file.chmod"
	}
	return i18n.NewError(e.Err, id, "Path", e.Path, "Cause", CauseWordsIn(t, e.Err))
}

// Unwrap returns the OS error.
func (e *FileError) Unwrap() error { return e.Err }

// Fix is what to do about e, by its cause, in t's language: free space,
// make the directory writable or yours, or check it. Every front end
// says this sentence.
func (e *FileError) Fix(t *i18n.Printer) string {
	id := "unknown"
	switch causeID(e.Err) {
	case "no_space", "quota":
		id = "no_space"
	case "read_only":
		id = "read_only"
	case "permission":
		id = "permission"
	}
	return t.T("storage.fix."+id, "Dir", filepath.Dir(e.Path))
}

// fileErr wraps err as a *FileError of op on path; nil stays nil and an
// error that already is one is returned as it is.
func fileErr(op, path string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return err
	}
	return &FileError{Op: op, Path: path, Err: err}
}

// CauseWords says in words why a local file operation failed: "the disk
// is full", "the file system is read-only", "permission denied", ... An
// error it does not know is given as the OS said it (in English).
func CauseWords(err error) string { return CauseWordsIn(nil, err) }

// CauseWordsIn is CauseWords in t's language.
func CauseWordsIn(t *i18n.Printer, err error) string {
	if err == nil {
		return ""
	}
	if id := causeID(err); id != "" {
		return t.T("storage.cause." + id)
	}
	return osText(err)
}

// causeID names the causes CauseWords knows, "" for another.
func causeID(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "no_space"
	case errors.Is(err, syscall.EDQUOT):
		return "quota"
	case errors.Is(err, syscall.EROFS):
		return "read_only"
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return "permission"
	case errors.Is(err, fs.ErrNotExist):
		return "not_exist"
	case errors.Is(err, syscall.ENOTDIR):
		return "not_dir"
	case errors.Is(err, syscall.EIO):
		return "io"
	}
	return ""
}

// osText is the innermost OS message of err ("bad file descriptor"),
// without the op and path that *FileError already says.
func osText(err error) string {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &pe):
		return pe.Err.Error()
	case errors.As(err, &le):
		return le.Err.Error()
	case errors.As(err, &se):
		return se.Err.Error()
	}
	return err.Error()
}

// IsLocal reports whether err is a failure of this computer's storage,
// not of Zoom or the network: a local file operation (*FileError), the
// keyring unavailable or timing out, a write that did not read back, a
// secret file open to others, or the profile lock held too long. The CLI
// gives all of them the storage exit code.
func IsLocal(err error) bool {
	var fe *FileError
	return errors.As(err, &fe) ||
		errors.Is(err, ErrKeyringUnavailable) ||
		errors.Is(err, ErrKeyringTimeout) ||
		errors.Is(err, ErrReadBack) ||
		errors.Is(err, ErrInsecureFile) ||
		errors.Is(err, ErrLockTimeout)
}
