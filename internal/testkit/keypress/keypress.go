// Package keypress builds Bubble Tea key presses for tests, from the names
// key bindings use.
package keypress

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// special are the named keys, as key.Matches spells them.
var special = map[string]tea.Key{
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"left":      {Code: tea.KeyLeft},
	"right":     {Code: tea.KeyRight},
	"pgup":      {Code: tea.KeyPgUp},
	"pgdown":    {Code: tea.KeyPgDown},
	"home":      {Code: tea.KeyHome},
	"end":       {Code: tea.KeyEnd},
	"space":     {Code: tea.KeySpace, Text: " "},
	"backspace": {Code: tea.KeyBackspace},
}

// Of is the key press of name: a named key ("enter", "esc", "tab",
// "shift+tab", "up", "down", "space", ...), "ctrl+" and a letter, or a
// single printable character.
func Of(name string) tea.KeyPressMsg {
	if k, ok := special[name]; ok {
		return tea.KeyPressMsg(k)
	}
	if rest, ok := strings.CutPrefix(name, "ctrl+"); ok && rest != "" {
		return tea.KeyPressMsg{Code: rune(rest[0]), Mod: tea.ModCtrl}
	}
	return Rune([]rune(name)[0])
}

// Rune is the key press that types r.
func Rune(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// Type is the key presses that type text, one per character.
func Type(text string) []tea.KeyPressMsg {
	var out []tea.KeyPressMsg
	for _, r := range text {
		out = append(out, Rune(r))
	}
	return out
}
