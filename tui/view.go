package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// View implements tea.Model: a header, the active screen's body and the
// help line.
//
// AltScreen stays false: the wizard draws inline, below the shell prompt,
// so when it ends the last frame (the done screen with the saved paths and
// next commands, or the authorize URL and admin request of an attempt that
// stopped) stays in the scrollback where it can be read and copied. The
// wizard is short-lived and its frames fit a normal terminal; the root
// clips the body to the window height so a frame never scrolls. The last
// frame drops the help line and ends with a newline, so what the shell or
// the caller prints next starts below it instead of over its last line.
func (m *Model) View() tea.View {
	if m.quitting && m.canceled && m.flow.Data().Saved == nil && m.failure == nil {
		return tea.NewView(m.canceledText())
	}
	title := m.env.W.T.T("tui.step", "N", m.cur.stage.Number(), "Of", wizard.StageCount)
	if m.quitting {
		// The last frame stays in the scrollback: after a failure it is
		// the explanation of what went wrong and what to do. The outcome
		// line itself ("Quit: …; no connection was saved.") is the
		// caller's to print, once, with the exit status it maps to.
		return tea.NewView(frame(m.env.Styles, m.cur.step.Title(), title, m.cur.step.View(), "", m.width, m.height) + "\n")
	}
	helpView := m.env.Styles.HelpView(m.help, m.helpKeys())
	if m.quitPending {
		helpView = m.env.Styles.Muted.Render(m.env.W.T.T("tui.quit_after_save"))
	}
	return tea.NewView(frame(m.env.Styles, m.cur.step.Title(), title, m.cur.step.View(), helpView, m.width, m.height))
}

// canceledText is the last frame of a ctrl+c away from a failure screen.
// After a failed attempt it is empty: the outcome reports that attempt and
// the caller prints it once (cli: "Quit: …; no connection was saved.").
func (m *Model) canceledText() string {
	if m.flow.LastFailure() != nil {
		return ""
	}
	return m.env.W.T.T("tui.canceled") + "\n"
}

// frame lays out a screen, the same on every screen (the admin console
// draws the same with steps.Frame): header, blank line, body, blank line,
// key help. The body is clipped to what the window leaves for it.
func frame(st *steps.Styles, title, progress, body, helpView string, width, height int) string {
	_, bodyH := frameBody(st, helpView, width, height)
	return steps.Frame(st, title, progress, steps.Clip(body, bodyH), helpView, width)
}

// frameBody is the body's size inside frame: the window minus the App
// padding, the header and the help line (each with its blank line), no
// wider than steps.ReadingWidth. Unknown sizes (0) stay 0, meaning "no
// limit".
func frameBody(st *steps.Styles, helpView string, width, height int) (int, int) {
	w := min(max(0, width-st.App.GetHorizontalFrameSize()), steps.ReadingWidth)
	if height <= 0 {
		return w, 0
	}
	used := st.App.GetVerticalFrameSize() + 2 // header + blank
	if helpView != "" {
		used += 1 + lipgloss.Height(helpView)
	}
	return w, max(1, height-used)
}

// bodySize is the size the active screen gets.
func (m *Model) bodySize() (int, int) {
	return frameBody(m.env.Styles, m.env.Styles.HelpView(m.help, m.helpKeys()), m.width, m.height)
}

// helpKeys joins the global bindings with the active screen's. Quit comes
// first, so a narrow terminal, which cuts the help line at its end, never
// hides how to leave. While the screen is typing, "?" is left out (it types
// a "?") and quit is shown as ctrl+c alone (q types a "q").
func (m *Model) helpKeys() help.KeyMap {
	h := helpKeys{quit: m.env.Keys.Quit, more: m.env.Keys.Help, step: m.cur.step}
	if m.typing() {
		h.quit.SetHelp("ctrl+c", h.quit.Help().Desc) // a copy: the KeyMap keeps its help
		h.more.SetEnabled(false)
	}
	if m.cur.step == nil {
		h.step = nil // a nil *Step in the interface would be called
	}
	return h
}

// helpKeys is a help.KeyMap of a screen's bindings after the global ones:
// quit, then "? more keys" while the short help shows.
type helpKeys struct {
	step       help.KeyMap
	quit, more key.Binding
}

// ShortHelp implements help.KeyMap: the global bindings first.
func (h helpKeys) ShortHelp() []key.Binding {
	out := []key.Binding{h.quit, h.more}
	if h.step == nil {
		return out
	}
	return append(out, h.step.ShortHelp()...)
}

// FullHelp implements help.KeyMap: the global column first, without
// "? more keys": every key is shown already (? still folds the list).
func (h helpKeys) FullHelp() [][]key.Binding {
	out := [][]key.Binding{{h.quit}}
	if h.step == nil {
		return out
	}
	return append(out, h.step.FullHelp()...)
}
