package keypress

import (
	"testing"

	"charm.land/bubbles/v2/key"
)

// Each press matches the binding of its name, as the screens' key maps
// define them.
func TestOfMatchesBindings(t *testing.T) {
	for _, name := range []string{"enter", "esc", "tab", "shift+tab", "up", "down", "space", "backspace", "ctrl+c", "ctrl+n", "q", "?", "é"} {
		if b := key.NewBinding(key.WithKeys(name)); !key.Matches(Of(name), b) {
			t.Errorf("Of(%q) = %v does not match the binding %q", name, Of(name), name)
		}
	}
	if got := Type("ab"); len(got) != 2 || got[1].Text != "b" {
		t.Errorf("Type(ab) = %v", got)
	}
}
