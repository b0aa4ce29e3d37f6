package steps

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// View implements Step.
func (s *Credentials) View() string {
	widgets := make(map[string]string, len(s.fields))
	for i, f := range s.fields {
		widgets[string(f)] = s.env.Styles.InputView(&s.inputs[i])
	}
	return s.env.Styles.Render(s.page().Blocks, s.width, widgets)
}

// page is the screen's page, built again only when the focus, the reveal
// or a field's problem changed (its sentences go through the catalog's
// templates, which cost more than drawing them).
func (s *Credentials) page() page.Page {
	k := strconv.Itoa(s.focus) + strconv.FormatBool(s.revealed) + "\x00" + strings.Join(s.errs, "\x00")
	if s.memo.key != k || s.memo.page.Blocks == nil {
		s.memo.key, s.memo.page = k, s.buildPage()
	}
	return s.memo.page
}

// buildPage is the screen's page: the wizard's, around this screen's fields.
func (s *Credentials) buildPage() page.Page {
	fields := make([]page.Block, len(s.fields))
	for i, f := range s.fields {
		label, _, _ := wizard.FieldText(s.env.W, f, s.revealed, s.env.Keys.Credentials.Reveal.Help().Key)
		b := page.Field(string(f), label, "", s.errs[i], f == wizard.FieldSecret)
		b.Focused = i == s.focus
		fields[i] = b
	}
	if s.resuming != nil {
		return wizard.ResumePage(s.env.W, *s.resuming, fields[0])
	}
	return wizard.CredsPage(s.env.W, s.authType, fields, s.env.Keys.Credentials.Next.Help().Key)
}

// ShortHelp implements help.KeyMap.
func (s *Credentials) ShortHelp() []key.Binding {
	k := s.env.Keys.Credentials
	next := Relabel(k.Next, s.env.W.T.T("key.next_field"))
	if s.focus == len(s.fields)-1 {
		next = k.Next
	}
	bs := []key.Binding{next}
	if len(s.fields) > 1 {
		bs = append(bs, k.NextField)
	}
	bs = append(bs, k.Back)
	if s.index(wizard.FieldSecret) >= 0 {
		bs = append(bs, k.Reveal)
	}
	return bs
}

// FullHelp implements help.KeyMap.
func (s *Credentials) FullHelp() [][]key.Binding {
	if len(s.fields) == 1 {
		return [][]key.Binding{s.ShortHelp()}
	}
	return [][]key.Binding{s.ShortHelp(), {s.env.Keys.Credentials.PrevField}}
}
