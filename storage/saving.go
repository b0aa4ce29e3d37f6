package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// A save writes a profile's secrets, then its profile. A process killed
// between the two (kill -9, a crash, power loss) leaves secrets that no
// profile names: no command would show them, none would remove them. So
// a save first writes a mark, StateDir/saving/NAME.json (no secret in
// it), and removes it once the profile is written or the save undone.
// The profile's lock is held throughout, so whoever takes that lock next
// and still finds a mark knows that the saver died: if no connection is
// saved under the name, what the save wrote is removed (see held).

// savingMark is the content of a save's mark.
type savingMark struct {
	PID       int       `json:"pid"`
	StartedAt time.Time `json:"started_at"`
	// Backend is where the save writes the secrets: what an interrupted
	// one may have left.
	Backend SecretBackend `json:"backend"`
}

func (s *Store) savingPath(name string) string {
	return filepath.Join(s.StateDir, "saving", name+".json")
}

// BeginSave marks that a save of profile name's secrets to backend is
// under way; call it under the profile's lock before the save writes
// anything, and EndSave after. A mark that cannot be written is an error
// the caller may ignore: the save is all or nothing all the same, only a
// process killed midway would then leave its secrets for `zoomconnect
// logout --profile NAME`.
func (s *Store) BeginSave(name string, backend SecretBackend) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	data, err := json.Marshal(savingMark{PID: os.Getpid(), StartedAt: s.now().UTC(), Backend: backend})
	if err != nil {
		return fmt.Errorf("encode the mark of a save: %w", err)
	}
	return s.writePrivate(s.savingPath(name), data)
}

// EndSave removes the mark of a save of name that finished (written, or
// undone); a missing mark is not an error.
func (s *Store) EndSave(name string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	return s.remove(s.savingPath(name))
}

// savingNames lists the profiles with a save mark.
func (s *Store) savingNames() []string {
	entries, _ := os.ReadDir(filepath.Dir(s.savingPath("x")))
	var names []string
	for _, e := range entries {
		name, ok := stripJSON(e.Name())
		if ok && ValidateName(name) == nil {
			names = append(names, name)
		}
	}
	return names
}

func stripJSON(file string) (string, bool) {
	if filepath.Ext(file) != ".json" {
		return "", false
	}
	return file[:len(file)-len(".json")], true
}

// finishInterruptedSave runs when the lock of name is taken: a save mark
// there was left by a saver that died. When no connection is saved under
// name (none was, or only the note of a replaced one is), what the save
// may have written is removed (the secret file, and for a keyring save
// this config home's item of name), then the mark; when a connection is
// saved (the save finished, or it updated one), only the mark. A keyring
// that does not answer keeps the mark, for the next holder. It is best
// effort: nothing is returned.
func (s *Store) finishInterruptedSave(name string) {
	data, err := os.ReadFile(s.savingPath(name))
	if err != nil {
		return
	}
	var mark savingMark
	_ = json.Unmarshal(data, &mark) // a torn mark: clean as for the keyring
	_, err = s.LoadProfile(name)
	var replaced *ReplacedError
	if errors.Is(err, ErrNotFound) || errors.As(err, &replaced) {
		if s.removeSecretFile(s.SecretsFilePath(name)) != nil {
			return
		}
		if mark.Backend != BackendFile {
			ctx, cancel := context.WithTimeout(context.Background(), s.keyringTimeout())
			defer cancel()
			if s.keyringDelete(ctx, s.keyringUser(itemProfile, name)) != nil {
				return
			}
		}
	}
	_ = s.EndSave(name)
}
