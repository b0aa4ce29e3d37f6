package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// Replaced is the note a save leaves in place of a profile it replaced:
// a later login of the same Zoom user with the same app was saved as By,
// and Zoom keeps only the latest authorization, so the old connection was
// dead. It is kept at the old profile's path so that the old name is not
// a dead end; LoadProfile of it returns a *ReplacedError.
type Replaced struct {
	Name string    `json:"name"`
	By   string    `json:"replaced_by"`
	At   time.Time `json:"replaced_at"`
	// Email is the Zoom account of both connections, for list.
	Email string `json:"email,omitempty"`
}

// ReplacedError is LoadProfile's error for a profile that was replaced.
// It wraps ErrNotFound.
type ReplacedError struct {
	Replaced
}

// Error names the profile that replaced it, when, and what to use.
func (e *ReplacedError) Error() string { return e.message().Error() }

// Say is Error in t's language.
func (e *ReplacedError) Say(t *i18n.Printer) string { return e.message().Say(t) }

func (e *ReplacedError) message() *i18n.Error {
	return i18n.NewError(nil, "storage.replaced", "Name", e.Name, "By", e.By, "At", e.At.Local().Format("2006-01-02 15:04"))
}

// Unwrap returns ErrNotFound: there is no connection of that name.
func (e *ReplacedError) Unwrap() error { return ErrNotFound }

// SaveReplaced writes r in place of profile r.Name (atomic, 0600).
// Callers hold r.Name's lock.
func (s *Store) SaveReplaced(r Replaced) error {
	if err := ValidateName(r.Name); err != nil {
		return err
	}
	if err := ValidateName(r.By); err != nil {
		return err
	}
	r.At = r.At.UTC()
	if err := s.writeJSON(s.ProfilePath(r.Name), r); err != nil {
		return fmt.Errorf("save the note that %q was replaced: %w", r.Name, err)
	}
	return nil
}

// ListReplaced returns the notes of replaced profiles, sorted by name.
func (s *Store) ListReplaced() ([]Replaced, error) {
	names, err := jsonNames(filepath.Join(s.ConfigDir, "profiles"), "profiles")
	if err != nil {
		return nil, err
	}
	var out []Replaced
	for _, name := range names {
		var re *ReplacedError
		if _, err := s.LoadProfile(name); errors.As(err, &re) {
			out = append(out, re.Replaced)
		}
	}
	return out, nil
}

// replacedNote reads the note in data, if data is one.
func replacedNote(name string, data []byte) (*ReplacedError, bool) {
	var r Replaced
	if json.Unmarshal(data, &r) != nil || r.By == "" {
		return nil, false
	}
	r.Name = name
	return &ReplacedError{Replaced: r}, true
}
