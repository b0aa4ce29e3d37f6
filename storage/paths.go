package storage

import (
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"github.com/adrg/xdg"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// AppDirName is the subdirectory zoomconnect uses in each XDG base dir.
const AppDirName = "zoomconnect"

// DefaultProfileName is the profile used when none is named and no default
// has been set.
const DefaultProfileName = "default"

// nameRE is compiled on first use, not at package initialization, where it
// was the largest step of every command's start-up (--version included).
var nameRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)
})

// KeyringTimeoutEnv names the environment variable that, for tests and
// demos, sets the keyring timeout of the Store Default returns (a Go
// duration from 100ms to 1m; anything else leaves DefaultKeyringTimeout):
// the process-level fault tests drive a keyring slower than it without
// waiting 5 s a call.
const KeyringTimeoutEnv = "ZOOMCONNECT_KEYRING_TIMEOUT"

// Default returns a Store on the XDG directories: profiles under
// $XDG_CONFIG_HOME/zoomconnect, the file secret fallback under
// $XDG_DATA_HOME/zoomconnect, locks and pending attempts under
// $XDG_STATE_HOME/zoomconnect, with the keyring timeout of
// $ZOOMCONNECT_KEYRING_TIMEOUT. It creates nothing.
func Default() (*Store, error) {
	if xdg.ConfigHome == "" || xdg.DataHome == "" || xdg.StateHome == "" {
		return nil, i18n.NewError(nil, "storage.no_dirs")
	}
	return &Store{
		ConfigDir:      filepath.Join(xdg.ConfigHome, AppDirName),
		DataDir:        filepath.Join(xdg.DataHome, AppDirName),
		StateDir:       filepath.Join(xdg.StateHome, AppDirName),
		KeyringTimeout: keyringTimeoutFromEnv(os.Getenv(KeyringTimeoutEnv)),
	}, nil
}

// keyringTimeoutFromEnv parses $ZOOMCONNECT_KEYRING_TIMEOUT; 0 (the
// default) unless it is a duration from 100ms to 1m.
func keyringTimeoutFromEnv(v string) time.Duration {
	d, err := time.ParseDuration(v)
	if err != nil || d < 100*time.Millisecond || d > time.Minute {
		return 0
	}
	return d
}

// ValidateName checks a profile name: 1 to 64 characters, lower-case letters,
// digits, '.', '_' and '-', starting with a letter or digit.
func ValidateName(name string) error {
	if nameRE().MatchString(name) {
		return nil
	}
	return i18n.NewError(nil, "storage.invalid_name", "Name", name)
}

// ProfilePath is where the named profile's JSON file is (or would be)
// saved: ConfigDir/profiles/NAME.json. It does not validate name.
func (s *Store) ProfilePath(name string) string {
	return filepath.Join(s.ConfigDir, "profiles", name+".json")
}

func (s *Store) defaultPointerPath() string {
	return filepath.Join(s.ConfigDir, "default-profile")
}

// SecretsFilePath is where the named profile's plaintext secret file is
// (or would be) saved when it uses BackendFile: DataDir/secrets/NAME.json.
// SecretsLocation says where a saved profile's secrets actually are.
func (s *Store) SecretsFilePath(name string) string {
	return filepath.Join(s.DataDir, "secrets", name+".json")
}

func (s *Store) lockPath(name string) string {
	return filepath.Join(s.StateDir, "locks", name+".lock")
}

func (s *Store) pendingPath(name string) string {
	return filepath.Join(s.StateDir, "pending", name+".json")
}

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}
