package steps

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// View implements Step.
func (s *Credentials) View() string {
	st := s.env.Styles
	var b strings.Builder
	if s.org != nil {
		b.WriteString(s.orgSummary() + "\n\n")
	}
	for i, f := range s.fields {
		b.WriteString(s.fieldView(i, f) + "\n")
	}
	if s.org == nil {
		b.WriteString("\n" + s.guide())
	} else {
		b.WriteString("\n" + st.Muted.Render("Press enter to continue; the browser opens next."))
	}
	return Paragraph(b.String(), s.width)
}

func (s *Credentials) orgSummary() string {
	st := s.env.Styles
	name := s.org.Name
	if name == "" {
		name = "your organization's app"
	}
	return "Using " + st.Strong.Render(name) + ", client ID " + st.Code.Render(s.org.ClientID) +
		" (from " + st.Code.Render(s.org.Path) + "). Its client secret is not shown."
}

func (s *Credentials) fieldView(i int, f CredField) string {
	st := s.env.Styles
	line := st.ChoiceWrap(i == s.focus, s.label(f), s.width) + "\n  " + s.inputs[i].View()
	if e := s.errs[i]; e != "" {
		line += "\n" + indentBlock(Paragraph(st.Error.Render("✗ "+e), s.width-2))
	}
	return line
}

// label names field f; the secret's label says whether it is shown.
func (s *Credentials) label(f CredField) string {
	switch f {
	case FieldClientID:
		return "Client ID"
	case FieldSecret:
		if s.revealed {
			return "Client secret" + s.env.Styles.Muted.Render(" (shown, ctrl+r hides it)")
		}
		return "Client secret" + s.env.Styles.Muted.Render(" (hidden, ctrl+r shows it)")
	}
	return "Expected Zoom account email (optional: warns if you sign in as someone else)"
}

// guide tells how to set up a bring-your-own app in the Zoom App Marketplace.
func (s *Credentials) guide() string {
	st := s.env.Styles
	var b strings.Builder
	b.WriteString(st.Strong.Render("Set up your app at marketplace.zoom.us → Manage → your app") + "\n")
	w := s.width
	redirect := "Redirect URL for OAuth, and the OAuth Allow List: " + st.Code.Render(wizard.RedirectURL(s.env.W.Port))
	if s.env.W.Port == 0 {
		redirect += st.Muted.Render(". Zoom ignores the loopback port when PKCE is used, so no port is needed. If "+
			"your app insists on an exact match (Strict Mode URL), run ") + st.Code.Render("zoomconnect --port 8765") +
			st.Muted.Render(" and register ") + st.Code.Render(wizard.RedirectURL(8765)) + st.Muted.Render(" instead.")
	}
	b.WriteString(Bullet(redirect, w) + "\n")
	b.WriteString(Bullet("Scopes: "+st.Code.Render(strings.Join(oauthflow.ScopeNamesFor(true), " "))+st.Muted.Render(" (apps with "+
		"classic scopes: ")+st.Code.Render(strings.Join(oauthflow.ScopeNamesFor(false), " "))+st.Muted.Render(")"), w) + "\n")
	b.WriteString(Bullet("Public client: with \"Use Public Client OAuth\" on, use its client ID and leave the "+
		"secret empty.", w))
	return b.String()
}

// ShortHelp implements help.KeyMap.
func (s *Credentials) ShortHelp() []key.Binding {
	k := s.env.Keys.Credentials
	next := Relabel(k.Next, "next field")
	if s.focus == len(s.fields)-1 {
		next = k.Next
	}
	bs := []key.Binding{next}
	if len(s.fields) > 1 {
		bs = append(bs, k.NextField)
	}
	bs = append(bs, k.Back)
	if s.index(FieldSecret) >= 0 {
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
