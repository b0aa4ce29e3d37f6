package steps

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// AdminChecklist is the "Pre-approve an app for your users" screen of
// `zoomconnect admin preapproval`: the admin's steps in the Zoom App
// Marketplace, ticked off one by one, exportable as Markdown (s saves a
// file, c copies through OSC 52, which also works over SSH).
type AdminChecklist struct {
	env    *Env
	items  []assets.ChecklistItem
	done   map[string]bool
	cursor int
	width  int
	height int
	status string
	// ExportDir is where s saves wizard.ChecklistFileName; "" is the current directory.
	ExportDir string
}

// checklistSavedMsg reports the end of a save started by s.
type checklistSavedMsg struct {
	path string
	err  error
}

// NewAdminChecklist builds the screen with the checklist from assets.
func NewAdminChecklist(env *Env) *AdminChecklist {
	return &AdminChecklist{env: env, items: assets.AdminChecklist(), done: map[string]bool{}}
}

// Init implements Step.
func (s *AdminChecklist) Init() tea.Cmd { return nil }

// Title implements Step.
func (s *AdminChecklist) Title() string { return "Pre-approve an app for your users" }

// SetSize implements Step.
func (s *AdminChecklist) SetSize(width, height int) { s.width, s.height = width, height }

// Cursor is the index of the focused item.
func (s *AdminChecklist) Cursor() int { return s.cursor }

// Ticked reports whether the item with id is ticked.
func (s *AdminChecklist) Ticked(id string) bool { return s.done[id] }

// Markdown is the checklist, with its ticks, as Markdown.
func (s *AdminChecklist) Markdown() string { return assets.ChecklistMarkdown(s.items, s.done) }

// Update implements Step.
func (s *AdminChecklist) Update(msg tea.Msg) (Step, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.handleKey(msg)
	case checklistSavedMsg:
		s.status = s.env.Styles.OK.Render("✓ Saved to " + msg.path)
		if msg.err != nil {
			s.status = s.env.Styles.Error.Render("✗ Could not save. " + wizard.Reason(msg.err) +
				" Press c to copy it instead, or run zoomconnect from a directory you can write to.")
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
		s.status = s.env.Styles.Muted.Render("Saving…")
		return saveChecklistCmd(filepath.Join(s.ExportDir, wizard.ChecklistFileName), s.Markdown())
	case key.Matches(msg, k.Copy):
		s.status = s.env.Styles.OK.Render("✓ Sent to the clipboard (OSC 52). If nothing was copied, your " +
			"terminal does not support it: press s to save a file instead.")
		return tea.SetClipboard(s.Markdown())
	case key.Matches(msg, k.Close, s.env.Keys.AuthType.Back):
		return Emit(wizard.Quit{})
	}
	return nil
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

// View implements Step.
func (s *AdminChecklist) View() string {
	st := s.env.Styles
	head := Paragraph("Tick each step as you do it in the Zoom App Marketplace ("+st.Code.Render(assets.MarketplaceURL)+
		"), signed in as an account owner or admin.", s.width)
	foot := st.Muted.Render(fmt.Sprintf("%d of %d done", len(s.done), len(s.items)))
	if s.status != "" {
		foot += "\n" + Paragraph(s.status, s.width)
	}
	budget := 0
	if s.height > 0 {
		budget = max(1, s.height-lineCount(head)-lineCount(foot)-2)
	}
	return head + "\n\n" + s.itemsView(budget) + "\n\n" + foot
}

// itemsView renders the items; the focused one shows its detail. With a
// line budget (0 = none) it shows a window of items around the focus.
func (s *AdminChecklist) itemsView(budget int) string {
	blocks := make([]string, len(s.items))
	for i := range s.items {
		blocks[i] = s.itemView(i)
	}
	if budget == 0 {
		return strings.Join(blocks, "\n")
	}
	lo, hi, used := s.cursor, s.cursor+1, lineCount(blocks[s.cursor])
	for grew := true; grew; {
		grew = false
		if hi < len(blocks) && used+lineCount(blocks[hi]) <= budget {
			used, hi, grew = used+lineCount(blocks[hi]), hi+1, true
		}
		if lo > 0 && used+lineCount(blocks[lo-1]) <= budget {
			used, lo, grew = used+lineCount(blocks[lo-1]), lo-1, true
		}
	}
	return strings.Join(blocks[lo:hi], "\n")
}

func (s *AdminChecklist) itemView(i int) string {
	st := s.env.Styles
	it := s.items[i]
	box := "[ ]"
	if s.done[it.ID] {
		box = st.OK.Render("[x]")
	}
	line := st.ChoiceWrap(i == s.cursor, box+fmt.Sprintf(" %d. ", i+1)+it.Title, s.width)
	if i != s.cursor {
		return line
	}
	return line + "\n" + indentRows(Paragraph(st.Muted.Render(it.Detail), max(1, s.width-6)), "  ", true)
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
