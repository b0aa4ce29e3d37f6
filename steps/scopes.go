package steps

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Scopes is the "Review the granted scopes" screen: what zoomconnect needs
// against what Zoom granted, classic and granular names alike.
type Scopes struct {
	env     *Env
	creds   wizard.Creds
	review  oauthflow.Review
	vp      viewport.Model
	scrolls bool // the review is taller than the screen
	width   int
	height  int
}

// NewScopes builds the screen from the token response's scopes.
func NewScopes(env *Env, c wizard.Creds, r *oauthflow.Result) *Scopes {
	var granted []string
	if r != nil {
		granted = r.Scopes
	}
	s := &Scopes{env: env, creds: c, review: oauthflow.ReviewScopes(granted), vp: viewport.New()}
	s.vp.SoftWrap = true
	s.SetSize(80, 20)
	return s
}

// Init implements Step.
func (s *Scopes) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *Scopes) Update(msg tea.Msg) (Step, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, s.env.Keys.Scopes.Continue):
			return s, Emit(wizard.ScopesAccepted{})
		case key.Matches(k, s.env.Keys.Scopes.Back):
			return s, Emit(wizard.Back{})
		}
	}
	var cmd tea.Cmd
	s.vp, cmd = s.vp.Update(msg)
	return s, cmd
}

// View implements Step.
func (s *Scopes) View() string {
	if s.scrolls {
		return s.vp.View() + "\n" + scrollHint(s.env.Styles, s.vp.ScrollPercent())
	}
	return s.vp.View()
}

// wrap leaves wrapping to reflow, which runs over the whole content.
func (s *Scopes) wrap(text string) string { return text }

// content is the whole review; the viewport scrolls it.
func (s *Scopes) content() string {
	st := s.env.Styles
	names := "classic"
	if s.review.Granular {
		names = "granular"
	}
	parts := []string{st.Text.Render("What zoomconnect needs, and what Zoom granted (" + names + " scope names):")}
	for _, it := range s.review.Items {
		parts = append(parts, s.itemView(it))
	}
	if len(s.review.Broad) > 0 {
		parts = append(parts, st.Warn.Render(s.wrap("! Broader than needed: "+strings.Join(s.review.Broad, ", ")+
			". These reach every user's data in the account (:admin) or sub-accounts (:master); zoomconnect needs only your own. Ask the app's owner to use the user-level scopes instead.")))
	}
	if len(s.review.Extra) > 0 {
		parts = append(parts, st.Muted.Render(s.wrap("Also granted (not used by zoomconnect): "+strings.Join(s.review.Extra, ", "))))
	}
	return strings.Join(append(parts, s.summary()), "\n\n")
}

func (s *Scopes) itemView(it oauthflow.ScopeItem) string {
	st := s.env.Styles
	desc := ""
	if it.Description != "" {
		desc = " — " + it.Description
	}
	if it.OK {
		as := "    granted as " + strings.Join(it.GrantedAs, ", ")
		if s.broad(it.GrantedAs) {
			as += " (broader than needed, see below)"
		}
		return st.OK.Render("✓ "+it.Need) + desc + "\n" + st.Muted.Render(as)
	}
	return st.Error.Render("✗ "+it.Need+" (missing)") + desc + "\n    " + it.Fix
}

// broad reports whether all of names are :admin/:master variants.
func (s *Scopes) broad(names []string) bool {
	for _, n := range names {
		if !slices.Contains(s.review.Broad, n) {
			return false
		}
	}
	return len(names) > 0
}

func (s *Scopes) summary() string {
	st := s.env.Styles
	if s.review.AllGranted() {
		return st.OK.Render("✓ Everything zoomconnect needs was granted.") + " Press enter to continue."
	}
	who := "Open your app in the Zoom App Marketplace (Manage → your app → Scopes), add the missing scopes, then run zoomconnect again."
	if s.creds.AuthType == storage.AuthOrgApp {
		who = "This is your organization's app: ask your Zoom admin to add the missing scopes to it, then run zoomconnect again."
	}
	return st.Warn.Render(s.wrap("! Some scopes are missing, so part of zoomconnect will fail with Zoom error 4711 until they are added. "+who)) +
		"\n\n" + s.wrap("Press enter to continue anyway, or esc to go back.")
}

// SetSize implements Step.
func (s *Scopes) SetSize(width, height int) {
	s.width, s.height = width, height
	content := reflow(s.content(), s.width)
	s.scrolls = height > 1 && fitRows(content, width) > height
	s.vp.SetWidth(max(width, 1))
	s.vp.SetHeight(max(height-boolInt(s.scrolls), 1))
	s.vp.SetContent(content)
}

// Title implements Step.
func (s *Scopes) Title() string { return "Review the granted scopes" }

// ShortHelp implements help.KeyMap.
func (s *Scopes) ShortHelp() []key.Binding {
	k := s.env.Keys.Scopes
	return []key.Binding{k.Continue, k.Back}
}

// FullHelp implements help.KeyMap.
func (s *Scopes) FullHelp() [][]key.Binding {
	k := s.env.Keys.Scroll
	return [][]key.Binding{s.ShortHelp(), {k.Up, k.Down}}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
