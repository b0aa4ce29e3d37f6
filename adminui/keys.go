package adminui

import (
	"charm.land/bubbles/v2/key"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// keyMap is the console's bindings, described in the admin's language.
type keyMap struct {
	Quit, Cancel, Help   key.Binding
	Up, Down, Enter, Esc key.Binding
	Toggle, All          key.Binding
	Approve, Decline     key.Binding
	Yes, No              key.Binding
	NextField            key.Binding
	Continue             key.Binding
}

// newKeyMap builds the bindings; key names and what they do come from the
// catalog (keys.*.toml for the wizard's words, admin.*.toml for the
// console's own).
func newKeyMap(t *i18n.Printer) keyMap {
	name := func(id string) string { return t.T("keyname." + id) }
	b := func(keys []string, helpKey, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
	}
	yes := []string{"y"}
	if y := name("yes"); y != "y" {
		yes = append(yes, y)
	}
	return keyMap{
		Quit:      b([]string{"q", "ctrl+c"}, "q/ctrl+c", t.T("key.quit")),
		Cancel:    b([]string{"ctrl+c"}, "ctrl+c", t.T("key.quit")),
		Help:      b([]string{"?"}, "?", t.T("key.help")),
		Up:        b([]string{"up", "k"}, "↑/k", t.T("key.up")),
		Down:      b([]string{"down", "j"}, "↓/j", t.T("key.down")),
		Enter:     b([]string{"enter"}, name("enter"), t.T("key.continue")),
		Esc:       b([]string{"esc"}, name("esc"), t.T("key.back")),
		Toggle:    b([]string{"space", "x"}, name("space"), t.T("admin.key.select")),
		All:       b([]string{"a"}, "a", t.T("admin.key.select_all")),
		Approve:   b([]string{"enter"}, name("enter"), t.T("admin.key.approve")),
		Decline:   b([]string{"d"}, "d", t.T("admin.key.decline")),
		Yes:       b(yes, name("yes"), t.T("admin.key.yes")),
		No:        b([]string{"n", "esc"}, "n/"+name("esc"), t.T("admin.key.no")),
		NextField: b([]string{"tab", "shift+tab"}, "tab", t.T("key.next_field")),
		Continue:  b([]string{"enter", "esc"}, name("enter"), t.T("key.continue")),
	}
}
