package assets

import (
	"encoding/json"
	"fmt"
	"sync"
)

// ScopeText describes one Zoom scope in plain language (content/scopes.json).
type ScopeText struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// Why says why zoomconnect needs it; empty for scopes it does not need.
	Why string `json:"why,omitempty"`
}

var scopeTable = sync.OnceValues(func() ([]ScopeText, error) {
	var t []ScopeText
	if err := json.Unmarshal([]byte(Text("scopes.json")), &t); err != nil {
		return nil, fmt.Errorf("assets: scopes.json: %w", err)
	}
	return t, nil
})

// Scopes returns a copy of the scope descriptions in file order. A parse
// failure of the embedded file is a programming error and panics.
func Scopes() []ScopeText {
	t, err := scopeTable()
	if err != nil {
		panic(err)
	}
	return append([]ScopeText(nil), t...)
}

// Scope returns the description of one scope name.
func Scope(name string) (ScopeText, bool) {
	for _, s := range Scopes() {
		if s.Name == name {
			return s, true
		}
	}
	return ScopeText{}, false
}
