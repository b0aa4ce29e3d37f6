package assets

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// ErrorEntry is one row of the Zoom error table (content/errors.json): the
// facts that are the same in every language. Its words (what happened,
// why, what the user and an admin can do) are in the catalog, see Words.
// Command may contain a {profile} placeholder.
type ErrorEntry struct {
	Key string `json:"key"`
	// Command is the zoomconnect command that fixes it, if any.
	Command string `json:"command,omitempty"`
	// Preapproval means the fix goes through the admin pre-approval path.
	Preapproval bool `json:"preapproval,omitempty"`
	// Reconnect means only a new authorization fixes it.
	Reconnect bool `json:"reconnect,omitempty"`
}

// ErrorWords are the words of one row in one language, in the catalog's
// inline markup (`commands` and **strong**). Admin is empty for a row an
// admin cannot help with.
type ErrorWords struct {
	Title, Cause, User, Admin string
}

// Error-table parts: the catalog holds a row's words under
// "error.KEY.PART" (i18n/locales/errors.*.toml); title, cause and user
// are required, admin optional.
const (
	PartTitle = "title"
	PartCause = "cause"
	PartUser  = "user"
	PartAdmin = "admin"
)

// MessageID is the catalog ID of one part of the row.
func (e ErrorEntry) MessageID(part string) string { return "error." + e.Key + "." + part }

// Words renders the row's words with t (English when nil). args are the
// placeholders' name/value pairs ("Scopes", ..., "RetryAfter", ...), as for
// i18n.Printer.T.
func (e ErrorEntry) Words(t *i18n.Printer, args ...any) ErrorWords {
	w := ErrorWords{
		Title: t.T(e.MessageID(PartTitle), args...),
		Cause: t.T(e.MessageID(PartCause), args...),
		User:  t.T(e.MessageID(PartUser), args...),
	}
	if t.Has(e.MessageID(PartAdmin)) {
		w.Admin = t.T(e.MessageID(PartAdmin), args...)
	}
	return w
}

// errorTable parses errors.json once; the embedded file cannot change.
var errorTable = sync.OnceValues(func() ([]ErrorEntry, error) {
	var t []ErrorEntry
	if err := json.Unmarshal([]byte(Text("errors.json")), &t); err != nil {
		return nil, fmt.Errorf("assets: errors.json: %w", err)
	}
	return t, nil
})

// Errors returns a copy of the error table in file order. The table is
// embedded and checked by tests, so a parse failure is a programming error
// and panics.
func Errors() []ErrorEntry {
	t, err := errorTable()
	if err != nil {
		panic(err)
	}
	return append([]ErrorEntry(nil), t...)
}

// ErrorByKey returns the entry for key.
func ErrorByKey(key string) (ErrorEntry, bool) {
	t, err := errorTable()
	if err != nil {
		panic(err)
	}
	for _, e := range t {
		if e.Key == key {
			return e, true
		}
	}
	return ErrorEntry{}, false
}
