package adminui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/steps"
)

// View implements tea.Model: a header, the screen's body and the help
// line, drawn inline like the wizard; the last frame stays in the
// scrollback without its help line.
func (m *Model) View() tea.View {
	title, body := m.body()
	if m.quitting {
		return tea.NewView(steps.Frame(m.env.Styles, title, "", body, "", m.width) + "\n")
	}
	return tea.NewView(steps.Frame(m.env.Styles, title, "", body, m.env.Styles.HelpView(m.help, m), m.width))
}

// inner is the body's width: the window's, no wider than the wizard's
// reading width.
func (m *Model) inner() int { return min(steps.ReadingWidth, m.full()) }

// full is the whole width inside the frame, the requests table's.
func (m *Model) full() int { return max(20, m.width-m.env.Styles.App.GetHorizontalFrameSize()) }

// body is the screen's title and drawn body.
func (m *Model) body() (string, string) {
	t := m.s.T
	render := func(blocks []page.Block, widgets map[string]string) string {
		return m.env.Styles.Render(append(append([]page.Block(nil), m.notice...), blocks...), m.inner(), widgets)
	}
	if m.busy != "" {
		return t.T("admin.console.title"), m.env.Styles.SpinnerView(&m.spin) + " " + m.busy
	}
	switch m.scr {
	case scrChecklist:
		if m.checklist != nil {
			return m.checklist.Title(), m.checklist.View()
		}
	case scrEnterID:
		f := page.Field("app", t.T("admin.console.ask_app"), "", "", false)
		f.Focused = true
		return t.T("admin.console.title"), render([]page.Block{f}, map[string]string{"app": m.env.Styles.InputView(&m.inputs[0])})
	case scrApp:
		p, _ := m.s.AppPage(m.app, len(m.pending), m.cursor)
		return p.Title, render(p.Blocks, nil)
	case scrRequests:
		return m.requestsView()
	case scrForm:
		p := m.s.FormPage(m.app)
		for i := range p.Blocks {
			if p.Blocks[i].Kind == page.KindField {
				p.Blocks[i].Focused = (p.Blocks[i].ID == "users") == (m.focus == 1)
			}
		}
		return p.Title, render(p.Blocks, map[string]string{"users": m.env.Styles.InputView(&m.inputs[1]), "groups": m.env.Styles.InputView(&m.inputs[2])})
	case scrConfirm:
		blocks := m.confirm
		if m.ask != "" {
			blocks = append(append([]page.Block(nil), blocks...), page.Heading(m.ask))
		}
		return t.T("admin.console.confirm_title"), render(blocks, nil)
	case scrResult:
		return t.T("admin.console.result_title"), render(m.s.ReportBlocks(m.report), nil)
	}
	p, _ := m.s.HomePage(m.apps, m.org, m.appsErr, m.cursor)
	return p.Title, render(p.Blocks, nil)
}

// requestsView is the table of pending requests, with how many are
// selected.
func (m *Model) requestsView() (string, string) {
	t := m.s.T
	p := m.s.RequestsPage(m.app, "pending", nil)
	head := append(append([]page.Block(nil), m.notice...), m.s.AppBlocks(m.app)...)
	if len(m.pending) == 0 {
		return p.Title, m.env.Styles.Render(p.Blocks, m.inner(), nil)
	}
	foot := page.Note(t.N("admin.console.selected", len(m.chosen())))
	return p.Title, m.env.Styles.Render(head, m.inner(), nil) + "\n\n" + m.tableView() + "\n\n" +
		m.env.Styles.Render([]page.Block{foot}, m.inner(), nil)
}

// fillTable puts the pending requests in the table, the selected ones
// marked.
func (m *Model) fillTable() {
	rows := make([]table.Row, len(m.pending))
	for i, r := range m.pending {
		mark := "[ ]"
		if m.selected[r.UserID] {
			mark = "[x]"
		}
		rows[i] = append(table.Row{mark}, m.s.RequestsTable(r)...)
	}
	m.table.SetRows(rows)
	m.tableChanged()
	m.layout()
}

// layout sizes the table's columns and the checklist to the window.
func (m *Model) layout() {
	w := m.full()
	heads := m.s.TableHeaders()
	// The mark, then name, email, department, asked, reason: the reason
	// takes what is left.
	widths := []int{3, 18, 26, 12, 10}
	used := 0
	for _, x := range widths {
		used += x + 2
	}
	cols := []table.Column{{Title: "", Width: widths[0]}}
	for i, h := range heads {
		cw := 0
		if i+1 < len(widths) {
			cw = widths[i+1]
		} else {
			cw = max(8, w-used-2)
		}
		cols = append(cols, table.Column{Title: h, Width: cw})
	}
	m.table.SetColumns(cols)
	m.table.SetWidth(w)
	h := 10
	if m.height > 0 {
		h = max(3, m.height-14)
	}
	m.table.SetHeight(min(h, len(m.pending)+2)) // the header and its rule, then the rows
	m.table.SetStyles(tableStyles(m.env.Styles))
	m.tableChanged()
	if m.checklist != nil {
		m.checklist.SetSize(m.inner(), max(0, m.height-6))
	}
}

// tableStyles draw the table with the console's styles: the header bold,
// the focused row in the choice style with no colour needed to see it.
func tableStyles(st *steps.Styles) table.Styles {
	s := table.DefaultStyles()
	s.Header = s.Header.Bold(true).BorderStyle(lipgloss.NormalBorder()).BorderBottom(true).BorderForeground(st.Muted.GetForeground())
	s.Selected = st.Selected.Reverse(true)
	return s
}

// ShortHelp implements help.KeyMap: the keys of the screen.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	var keys []key.Binding
	switch m.scr {
	case scrHome:
		keys = []key.Binding{k.Up, k.Down, k.Enter}
	case scrEnterID:
		keys = []key.Binding{k.Enter, k.Esc}
	case scrApp:
		keys = []key.Binding{k.Up, k.Down, k.Enter, k.Esc}
	case scrRequests:
		keys = []key.Binding{k.Toggle, k.All, k.Approve, k.Decline, k.Esc}
	case scrForm:
		keys = []key.Binding{k.NextField, k.Enter, k.Esc}
	case scrConfirm:
		keys = []key.Binding{k.Continue}
		if m.ask != "" {
			keys = []key.Binding{k.Yes, k.No}
		}
	case scrResult:
		keys = []key.Binding{k.Continue}
	case scrChecklist:
		if m.checklist != nil {
			return m.checklist.ShortHelp()
		}
	}
	if m.typing() {
		return append(keys, k.Cancel)
	}
	return append(keys, k.Quit)
}

// FullHelp implements help.KeyMap: the same keys in a column, without
// "? more keys" (every key is shown; ? still folds the list).
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// tableView is the requests table drawn, drawn again only after the table
// changed (its rows, size, styles, or a key it handled): the table's View
// measures and pads every row of every frame.
func (m *Model) tableView() string {
	if m.tableDrawn.gen != m.tableDrawn.drew || m.tableDrawn.view == "" {
		m.tableDrawn.view, m.tableDrawn.drew = m.table.View(), m.tableDrawn.gen
	}
	return m.tableDrawn.view
}

// tableChanged records that the table must be drawn again.
func (m *Model) tableChanged() { m.tableDrawn.gen++ }
