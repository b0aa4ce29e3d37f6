package steps

import (
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// AdminChecklist is the "Pre-approve an app for your users" screen of
// `zoomconnect admin preapproval`: the admin's steps in the Zoom App
// Marketplace, ticked off one by one, exportable as Markdown (s saves a
// file; c copies through OSC 52, which also works over SSH but which many
// terminals ignore, so the Markdown is also printed above the screen). It
// draws wizard.ChecklistPage.
type AdminChecklist struct {
	env    *Env
	items  []assets.ChecklistItem
	done   map[string]bool
	cursor int
	width  int
	height int
	status []page.Block
	// printed is the Markdown last printed above the screen by a copy.
	printed string
	// ExportDir is where s saves wizard.ChecklistFileName; "" is the current directory.
	ExportDir string
}

// checklistSavedMsg reports the end of a save started by s.
type checklistSavedMsg struct {
	path string
	err  error
}

// NewAdminChecklist builds the screen with the checklist in the wizard's
// language.
func NewAdminChecklist(env *Env) *AdminChecklist {
	return &AdminChecklist{env: env, items: wizard.Checklist(env.W), done: map[string]bool{}}
}

// Init implements Step.
func (s *AdminChecklist) Init() tea.Cmd { return nil }

// Title implements Step.
func (s *AdminChecklist) Title() string { return s.page().Title }

// SetSize implements Step.
func (s *AdminChecklist) SetSize(width, height int) { s.width, s.height = width, height }

// Cursor is the index of the focused item.
func (s *AdminChecklist) Cursor() int { return s.cursor }

// Ticked reports whether the item with id is ticked.
func (s *AdminChecklist) Ticked(id string) bool { return s.done[id] }

// Markdown is the checklist, with its ticks, as Markdown.
func (s *AdminChecklist) Markdown() string { return wizard.ChecklistMarkdown(s.env.W, s.items, s.done) }

// page is the screen's text model for its state.
func (s *AdminChecklist) page() page.Page {
	return wizard.ChecklistPage(s.env.W, s.items, s.done, s.cursor)
}

// Update implements Step.
func (s *AdminChecklist) Update(msg tea.Msg) (Step, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.handleKey(msg)
	case checklistSavedMsg:
		s.status = wizard.SavedBlocks(s.env.W, wizard.ExportChecklist, msg.path)
		if msg.err != nil {
			s.status = wizard.ExportFailedBlocks(s.env.W, msg.err, s.env.Keys.Checklist.Copy.Help().Key)
		}
	}
	return s, nil
}

func (s *AdminChecklist) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys.Checklist
	if c, ok := moveCursor(msg, k.Up, k.Down, s.cursor, len(s.items)); ok {
		s.cursor = c
		return nil
	}
	switch {
	case key.Matches(msg, k.Toggle):
		if id := s.items[s.cursor].ID; s.done[id] {
			delete(s.done, id)
		} else {
			s.done[id] = true
		}
	case key.Matches(msg, k.Save):
		s.status = wizard.SavingBlocks(s.env.W)
		return saveChecklistCmd(filepath.Join(s.ExportDir, wizard.ChecklistFileName), s.Markdown())
	case key.Matches(msg, k.Copy):
		s.status = wizard.CopiedBlocks(s.env.W, wizard.ExportChecklist, k.Save.Help().Key)
		return copyCmd(s.Markdown(), &s.printed)
	case key.Matches(msg, k.Close, s.env.Keys.AuthType.Back):
		return Emit(wizard.Quit{})
	}
	return nil
}

// copyCmd sends text to the clipboard through the terminal (OSC 52) and,
// since many terminals ignore that, also prints it above the screen,
// where it stays in the scrollback to copy by hand; a text already
// printed (printed holds the last one) is not printed again. The screen
// is then repainted: Bubble Tea's inline renderer (v2.1.1) draws the
// frame out of place after printing above a frame as tall as the window.
func copyCmd(text string, printed *string) tea.Cmd {
	if *printed == text {
		return tea.SetClipboard(text)
	}
	*printed = text
	return tea.Batch(tea.SetClipboard(text), tea.Sequence(tea.Println(strings.TrimRight(text, "\n")), tea.ClearScreen))
}

// saveChecklistCmd writes md to path and reports the absolute path. The
// file holds no secret; it is written whole to a temp file and renamed, so
// an earlier export is replaced, never torn.
func saveChecklistCmd(path, md string) tea.Cmd {
	return func() tea.Msg {
		abs, err := wizard.WriteExport(path, md)
		return checklistSavedMsg{path: abs, err: err}
	}
}

// View implements Step: the intro, the items (a window of them around the
// focus when they do not all fit), the count and the status of the last
// copy or save.
func (s *AdminChecklist) View() string {
	st := s.env.Styles
	blocks := s.page().Blocks // intro, menu, count
	head := st.Render(blocks[:1], s.width, nil)
	foot := st.Render(append(blocks[2:], under(s.status)...), s.width, nil)
	budget := 0
	if s.height > 0 {
		budget = max(1, s.height-lineCount(head)-lineCount(foot)-2)
	}
	return head + "\n\n" + s.itemsView(blocks[1], budget) + "\n\n" + foot
}

// itemsView draws the menu, a blank line between items as in every menu;
// with a line budget (0 = none) only a window of items around the focus,
// as many as fit.
func (s *AdminChecklist) itemsView(menu page.Block, budget int) string {
	rows := make([]string, len(menu.Items))
	for i := range menu.Items {
		one := page.Choices(-1, menu.Items[i])
		if i == menu.Cursor {
			one.Cursor = 0
		}
		rows[i] = s.env.Styles.Render([]page.Block{one}, s.width, nil)
	}
	if budget == 0 {
		return strings.Join(rows, "\n\n")
	}
	lo, hi, used := s.cursor, s.cursor+1, lineCount(rows[s.cursor])
	for grew := true; grew; {
		grew = false
		if hi < len(rows) && used+1+lineCount(rows[hi]) <= budget {
			used, hi, grew = used+1+lineCount(rows[hi]), hi+1, true
		}
		if lo > 0 && used+1+lineCount(rows[lo-1]) <= budget {
			used, lo, grew = used+1+lineCount(rows[lo-1]), lo-1, true
		}
	}
	return strings.Join(rows[lo:hi], "\n\n")
}

// under returns blocks with the first one Tight: right under the block
// before it.
func under(blocks []page.Block) []page.Block {
	if len(blocks) == 0 {
		return nil
	}
	out := append([]page.Block(nil), blocks...)
	out[0].Tight = true
	return out
}

// lineCount is the number of lines s takes.
func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

// ShortHelp implements help.KeyMap.
func (s *AdminChecklist) ShortHelp() []key.Binding {
	k := s.env.Keys.Checklist
	return []key.Binding{k.Up, k.Down, k.Toggle, k.Save, k.Copy, k.Close}
}

// FullHelp implements help.KeyMap.
func (s *AdminChecklist) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
