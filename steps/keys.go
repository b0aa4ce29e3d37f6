package steps

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// KeyMap holds every key binding of the wizard. Steps pick the bindings they
// use for their help line; the root owns Quit and Help. Quit's printable
// key (q) quits only while no text field has the focus (see Typing and
// QuitKey); ctrl+c always quits.
type KeyMap struct {
	Quit      key.Binding
	Help      key.Binding
	Back      key.Binding
	Next      key.Binding
	Up        key.Binding
	Down      key.Binding
	NextField key.Binding
	PrevField key.Binding
	Reveal    key.Binding
	Open      key.Binding // open the URL in the browser again
	Copy      key.Binding // copy (OSC 52)
	// CopyCommand copies the sandbox's no-browser approve command (OSC 52)
	// on the authorize screen.
	CopyCommand key.Binding
	// PageUp and PageDown scroll a screen whose text is taller than the
	// window, along with Up and Down (see ScrollKeys).
	PageUp      key.Binding
	PageDown    key.Binding
	Preapproval key.Binding
	// AdminApp is the other answer to the authorize screen's "taking a
	// while": the browser says an account admin is required.
	AdminApp  key.Binding
	Retry     key.Binding
	Save      key.Binding // save to a file (Markdown export)
	Yes       key.Binding
	No        key.Binding
	StartOver key.Binding
	Toggle    key.Binding // tick or untick a checklist item
	Close     key.Binding // "q": leave a screen that has no text field
	Admin     key.Binding // "a": switch to the admin checklist view
	Paste     key.Binding // "u": paste the URL the browser was redirected to
	// Confirm is "y" alone, for answers enter must not give by accident
	// (saving a different account, storing tokens in a file).
	Confirm key.Binding
	// Finish quits from the last screen.
	Finish key.Binding
}

// DefaultKeyMap returns the wizard's bindings.
func DefaultKeyMap() *KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return &KeyMap{
		Quit:        b([]string{"q", "ctrl+c"}, "q/ctrl+c", "quit"),
		Help:        b([]string{"?"}, "?", "more keys"),
		Back:        b([]string{"esc"}, "esc", "back"),
		Next:        b([]string{"enter"}, "enter", "continue"),
		Up:          b([]string{"up", "k"}, "↑/k", "up"),
		Down:        b([]string{"down", "j"}, "↓/j", "down"),
		NextField:   b([]string{"tab", "down"}, "tab", "next field"),
		PrevField:   b([]string{"shift+tab", "up"}, "shift+tab", "previous field"),
		Reveal:      b([]string{"ctrl+r"}, "ctrl+r", "show/hide secret"),
		Open:        b([]string{"o"}, "o", "open browser again"),
		Copy:        b([]string{"c"}, "c", "copy"),
		CopyCommand: b([]string{"a"}, "a", "copy approve command"),
		PageUp:      b([]string{"pgup"}, "pgup", "page up"),
		PageDown:    b([]string{"pgdown"}, "pgdn", "page down"),
		Preapproval: b([]string{"p"}, "p", "I see 'Request pre-approval' / 'You cannot authorize this app'"),
		AdminApp:    b([]string{"m"}, "m", "I see 'An account admin is required'"),
		Retry:       b([]string{"r"}, "r", "retry"),
		Save:        b([]string{"s"}, "s", "save as Markdown"),
		Yes:         b([]string{"y", "enter"}, "y/enter", "yes"),
		No:          b([]string{"n"}, "n", "no"),
		StartOver:   b([]string{"ctrl+n"}, "ctrl+n", "start over"),
		Toggle:      b([]string{"space", "x"}, "space", "tick/untick"),
		Close:       b([]string{"q"}, "q", "quit"),
		Admin:       b([]string{"a"}, "a", "admin checklist"),
		Paste:       b([]string{"u"}, "u", "paste redirected URL"),
		Confirm:     b([]string{"y"}, "y", "yes"),
		Finish:      b([]string{"enter", "q"}, "enter/q", "quit"),
	}
}

// MoveCursor is the one menu movement every list screen shares: Up and
// Down move cursor by one within n choices, stopping at the ends. ok
// reports that msg was Up or Down (so a screen can also clear a notice).
func (k *KeyMap) MoveCursor(msg tea.KeyPressMsg, cursor, n int) (next int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return max(0, cursor-1), true
	case key.Matches(msg, k.Down):
		return max(0, min(n-1, cursor+1)), true
	}
	return cursor, false
}

// onKeys is the Update of a screen that reacts to key presses only.
func onKeys(s Step, msg tea.Msg, handle func(tea.KeyPressMsg) tea.Cmd) (Step, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		return s, handle(msg)
	}
	return s, nil
}

// Relabel returns a copy of b with the same keys and another help
// description, for a screen where the key means something more specific
// ("enter: next field", "y: save anyway"). The binding still comes from the
// KeyMap, so remapping a key there remaps it everywhere.
func Relabel(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// QuitKey reports whether msg quits: ctrl+c always, q (a printable Quit
// key) only when typing is false, since a text field takes it as a letter.
func (k *KeyMap) QuitKey(msg tea.KeyPressMsg, typing bool) bool {
	return key.Matches(msg, k.Quit) && (!typing || msg.Text == "")
}

// ScrollKeys is a viewport.KeyMap of Up, Down, PageUp and PageDown only:
// a screen's own letters (u pastes, c copies) must not also scroll.
func (k *KeyMap) ScrollKeys() viewport.KeyMap {
	return viewport.KeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown}
}

// Scrolls reports whether msg is one of ScrollKeys.
func (k *KeyMap) Scrolls(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown)
}
