package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// ErrInsecureFile: a secret file is readable or writable by other users, so
// zoomconnect refuses to use it until its mode is fixed.
var ErrInsecureFile error = i18n.NewError(nil, "storage.insecure_file")

// writeSecretFile writes the plaintext fallback (0600 in 0700) and reads it
// back.
func (s *Store) writeSecretFile(path string, data []byte) error {
	if err := s.writePrivate(path, data); err != nil {
		return err
	}
	got, err := s.readSecretFile(path)
	if err != nil {
		return fmt.Errorf("read back: %w", err)
	}
	if !bytes.Equal(got, data) {
		return fmt.Errorf("%w: %s", ErrReadBack, path)
	}
	return nil
}

// readSecretFile reads the plaintext fallback, refusing a file that others
// can read (as ssh does with private keys).
func (s *Store) readSecretFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, i18n.NewError(ErrSecretsMissing, "storage.secrets_missing_file", "Path", path)
	}
	if err != nil {
		return nil, fileErr("read", path, err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		return nil, i18n.NewError(ErrInsecureFile, "storage.insecure_mode", "Path", path, "Mode", fmt.Sprintf("%04o", info.Mode().Perm()))
	}
	if ownedByOther(info) {
		return nil, i18n.NewError(ErrInsecureFile, "storage.insecure_owner", "Path", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fileErr("read", path, err)
	}
	return data, nil
}

func (s *Store) removeSecretFile(path string) error { return s.remove(path) }
