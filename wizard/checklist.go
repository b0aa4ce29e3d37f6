package wizard

import (
	"strconv"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/page"
)

// Checklist is the admin's pre-approval checklist in c's language (see
// assets.AdminChecklist; the IDs are the same in every language).
func Checklist(c *Config) []assets.ChecklistItem { return assets.AdminChecklistIn(c.T.Lang()) }

// ChecklistMarkdown is items as a Markdown task list in c's language,
// the items whose ID is true in done ticked: what the checklist screen
// and the pre-approval screen's admin view copy and save.
func ChecklistMarkdown(c *Config, items []assets.ChecklistItem, done map[string]bool) string {
	return assets.ChecklistMarkdown(c.T.Lang(), items, done)
}

// ChecklistPage is the checklist screen of `zoomconnect admin
// preapproval`: how to use it, the steps as a menu (each with its box,
// ticked when done, and its number; the focused one, at cursor, with its
// detail), then how many are done. Its blocks are, in order, the intro,
// the menu and the count, for a front end that shows only part of the menu.
func ChecklistPage(c *Config, items []assets.ChecklistItem, done map[string]bool, cursor int) page.Page {
	t := c.T
	menu := page.Choices(cursor)
	ticked := 0
	for i, it := range items {
		box := "[ ] "
		if done[it.ID] {
			box, ticked = "[x] ", ticked+1
		}
		item := page.Item{Text: box + strconv.Itoa(i+1) + ". " + it.Title}
		if i == cursor {
			item.Detail = it.Detail
		}
		menu.Items = append(menu.Items, item)
	}
	p := page.Page{Title: t.T("checklist.title")}
	p.Add(page.Para(t.T("checklist.intro", "URL", assets.MarketplaceURL)), menu,
		page.Note(t.N("checklist.progress", ticked, "Total", len(items))))
	return p
}
