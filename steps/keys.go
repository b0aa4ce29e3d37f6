package steps

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// KeyMap holds every key binding of the wizard, one group per screen (as
// huh keeps one per field), so that a key means one thing in one place:
// "a" is the authorize screen's CopyCommand and the pre-approval screen's
// Admin, each in its own group. The root owns Quit and Help. Quit's
// printable key (q) quits only while no text field has the focus (see
// Typing and QuitKey); ctrl+c always quits. Help descriptions come from
// the catalog, in the person's language; key names are not translated.
type KeyMap struct {
	Quit, Help key.Binding
	// Scroll moves a body taller than the window.
	Scroll      ScrollKeys
	Welcome     WelcomeKeys
	AuthType    AuthTypeKeys
	Credentials CredentialsKeys
	Authorize   AuthorizeKeys
	// Paste is the authorize screen's paste box, while it has the focus.
	Paste       PasteKeys
	Preapproval PreapprovalKeys
	Scopes      ScopesKeys
	Identity    IdentityKeys
	Done        DoneKeys
	Checklist   ChecklistKeys
}

// ScrollKeys scroll a body taller than the window (viewport keys: a
// screen's own letters must not also scroll).
type ScrollKeys struct{ Up, Down, PageUp, PageDown key.Binding }

// WelcomeKeys: Begin goes on (or takes the focused choice when an earlier
// attempt is offered).
type WelcomeKeys struct{ Up, Down, Begin key.Binding }

// AuthTypeKeys choose how to connect.
type AuthTypeKeys struct{ Up, Down, Choose, Back key.Binding }

// CredentialsKeys: Next moves to the next field and submits on the last.
type CredentialsKeys struct{ Next, NextField, PrevField, Reveal, Back key.Binding }

// AuthorizeKeys: Continue confirms the warning about a saved connection on
// the same app; Preapproval and AdminApp say what the browser shows.
type AuthorizeKeys struct {
	Continue, Back, Copy, Open, CopyCommand, Paste, Preapproval, AdminApp, Retry key.Binding
}

// PasteKeys send the pasted address or close the box.
type PasteKeys struct{ Send, Close key.Binding }

// PreapprovalKeys: Admin switches to the admin's checklist and back.
type PreapprovalKeys struct{ Copy, Save, Retry, Admin, Back key.Binding }

// ScopesKeys go on or back from the scope review.
type ScopesKeys struct{ Continue, Back key.Binding }

// IdentityKeys: Save is y or enter; SaveAnyway (a different account than
// expected) and UseFile (tokens in a plaintext file) are y alone, answers
// enter must not give by accident.
type IdentityKeys struct{ Save, SaveAnyway, StartOver, Back, UseFile, NoFile, Retry key.Binding }

// DoneKeys end the wizard on its last screen.
type DoneKeys struct{ Finish key.Binding }

// ChecklistKeys tick the admin's checklist and export it.
type ChecklistKeys struct{ Up, Down, Toggle, Save, Copy, Close key.Binding }

// DefaultKeyMap returns the wizard's bindings, described in t's language
// (English when t is nil).
func DefaultKeyMap(t *i18n.Printer) *KeyMap {
	if t == nil {
		t = i18n.New(i18n.English)
	}
	// name is how the help line spells a key: "enter" is "entrée" in
	// French; yes is the letter of "yes" (y, or o for "oui", which French
	// answers also accept).
	name := func(id string) string { return t.T("keyname." + id) }
	enterK, escK, yesK := name("enter"), name("esc"), name("yes")
	b := func(keys []string, help, id string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T("key."+id)))
	}
	yes := []string{"y"}
	if yesK != "y" {
		yes = append(yes, yesK)
	}
	up := func() key.Binding { return b([]string{"up", "k"}, "↑/k", "up") }
	down := func() key.Binding { return b([]string{"down", "j"}, "↓/j", "down") }
	esc := func() key.Binding { return b([]string{"esc"}, escK, "back") }
	enter := func(id string) key.Binding { return b([]string{"enter"}, enterK, id) }
	yesOrEnter := func(id string) key.Binding { return b(append(yes, "enter"), yesK+"/"+enterK, id) }
	return &KeyMap{
		Quit: b([]string{"q", "ctrl+c"}, "q/ctrl+c", "quit"),
		Help: b([]string{"?"}, "?", "help"),
		Scroll: ScrollKeys{Up: up(), Down: down(),
			PageUp: b([]string{"pgup"}, name("pgup"), "page_up"), PageDown: b([]string{"pgdown"}, name("pgdn"), "page_down")},
		Welcome:  WelcomeKeys{Up: up(), Down: down(), Begin: enter("continue")},
		AuthType: AuthTypeKeys{Up: up(), Down: down(), Choose: enter("continue"), Back: esc()},
		Credentials: CredentialsKeys{Next: enter("continue"), NextField: b([]string{"tab", "down"}, "tab", "next_field"),
			PrevField: b([]string{"shift+tab", "up"}, name("shift_tab"), "prev_field"),
			Reveal:    b([]string{"ctrl+r"}, "ctrl+r", "reveal"), Back: esc()},
		Authorize: AuthorizeKeys{
			Continue: yesOrEnter("yes"), Back: esc(),
			Copy: b([]string{"c"}, "c", "copy"), Open: b([]string{"o"}, "o", "open"),
			CopyCommand: b([]string{"a"}, "a", "copy_command"), Paste: b([]string{"u"}, "u", "paste"),
			Preapproval: b([]string{"p"}, "p", "preapproval"), AdminApp: b([]string{"m"}, "m", "admin_app"),
			Retry: b([]string{"r"}, "r", "retry")},
		Paste: PasteKeys{Send: enter("send"), Close: b([]string{"esc"}, escK, "close_paste")},
		Preapproval: PreapprovalKeys{Copy: b([]string{"c"}, "c", "copy"), Save: b([]string{"s"}, "s", "save_markdown"),
			Retry: b([]string{"r"}, "r", "retry"), Admin: b([]string{"a"}, "a", "admin"), Back: esc()},
		Scopes: ScopesKeys{Continue: enter("continue"), Back: esc()},
		Identity: IdentityKeys{Save: yesOrEnter("save"),
			SaveAnyway: b(yes, yesK, "save_anyway"), StartOver: b([]string{"ctrl+n"}, "ctrl+n", "start_over"),
			Back: esc(), UseFile: b(yes, yesK, "use_file"), NoFile: b([]string{"n"}, "n", "no"),
			Retry: b([]string{"r"}, "r", "retry")},
		Done: DoneKeys{Finish: b([]string{"enter", "q"}, enterK+"/q", "quit")},
		Checklist: ChecklistKeys{Up: up(), Down: down(), Toggle: b([]string{"space", "x"}, name("space"), "toggle"),
			Save: b([]string{"s"}, "s", "save_markdown"), Copy: b([]string{"c"}, "c", "copy"),
			Close: b([]string{"q"}, "q", "quit")},
	}
}

// moveCursor is the one menu movement every list screen shares: up and
// down move cursor by one within n choices, stopping at the ends. ok
// reports that msg was up or down (so a screen can also clear a notice).
func moveCursor(msg tea.KeyPressMsg, up, down key.Binding, cursor, n int) (next int, ok bool) {
	switch {
	case key.Matches(msg, up):
		return max(0, cursor-1), true
	case key.Matches(msg, down):
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
// ("enter: next field"). The binding still comes from the KeyMap, so
// remapping a key there remaps it everywhere.
func Relabel(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// QuitKey reports whether msg quits: ctrl+c always, q (a printable Quit
// key) only when typing is false, since a text field takes it as a letter.
func (k *KeyMap) QuitKey(msg tea.KeyPressMsg, typing bool) bool {
	return key.Matches(msg, k.Quit) && (!typing || msg.Text == "")
}

// Viewport is s as a viewport.KeyMap.
func (s ScrollKeys) Viewport() viewport.KeyMap {
	return viewport.KeyMap{Up: s.Up, Down: s.Down, PageUp: s.PageUp, PageDown: s.PageDown}
}

// Matches reports whether msg is one of the scroll keys.
func (s ScrollKeys) Matches(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, s.Up, s.Down, s.PageUp, s.PageDown)
}

// All lists the scroll keys, for a help column.
func (s ScrollKeys) All() []key.Binding { return []key.Binding{s.Up, s.Down, s.PageUp, s.PageDown} }
