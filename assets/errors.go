package assets

import (
	"encoding/json"
	"fmt"
	"sync"
)

// ErrorEntry is one row of the Zoom error table (content/errors.json): what
// happened and what the user, an admin, and a command can do about it.
// Text may contain {profile}, {scopes} and {retry_after} placeholders.
type ErrorEntry struct {
	Key         string `json:"key"`
	Title       string `json:"title"`
	Cause       string `json:"cause"`
	User        string `json:"user"`
	Admin       string `json:"admin,omitempty"`
	Command     string `json:"command,omitempty"`
	Preapproval bool   `json:"preapproval,omitempty"`
	Reconnect   bool   `json:"reconnect,omitempty"`
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
