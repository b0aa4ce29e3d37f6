package steps

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// AuthType is the "Choose how to connect" screen: the organization's app
// (disabled, with provisioning advice, when none is provisioned) or the
// user's own OAuth app.
type AuthType struct {
	env    *Env
	width  int
	height int
	cursor int // index into authChoices
	// notice is shown after enter on the disabled choice.
	notice string
}

// authChoices lists the choices in screen order (a new array each call:
// no mutable package state).
func authChoices() [2]storage.AuthType {
	return [...]storage.AuthType{storage.AuthOrgApp, storage.AuthOwnApp}
}

// NewAuthType builds the screen. The focus starts on the organization's app
// when one is provisioned, else on "Bring your own".
func NewAuthType(env *Env) *AuthType {
	s := &AuthType{env: env}
	if env.W.OrgApp == nil {
		s.cursor = 1
	}
	return s
}

// Init implements Step.
func (s *AuthType) Init() tea.Cmd { return nil }

// Title implements Step.
func (s *AuthType) Title() string { return "Choose how to connect" }

// SetSize implements Step.
func (s *AuthType) SetSize(width, height int) { s.width, s.height = width, height }

// Focused is the auth type under the "> " marker.
func (s *AuthType) Focused() storage.AuthType { return authChoices()[s.cursor] }

// Update implements Step.
func (s *AuthType) Update(msg tea.Msg) (Step, tea.Cmd) { return onKeys(s, msg, s.handleKey) }

func (s *AuthType) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys.AuthType
	if c, ok := moveCursor(msg, k.Up, k.Down, s.cursor, len(authChoices())); ok {
		s.cursor, s.notice = c, ""
		return nil
	}
	switch {
	case key.Matches(msg, k.Back):
		return Emit(wizard.Back{})
	case key.Matches(msg, k.Choose):
		return s.choose()
	}
	return nil
}

func (s *AuthType) choose() tea.Cmd {
	t := s.Focused()
	if t == storage.AuthOrgApp && s.env.W.OrgApp == nil {
		s.notice = "No organization app is provisioned on this computer. Choose \"Bring your own\", " +
			"or ask your Zoom admin to provision one (see above)."
		return nil
	}
	return Emit(wizard.AuthTypeChosen{Type: t})
}

// View implements Step.
func (s *AuthType) View() string {
	st := s.env.Styles
	var b strings.Builder
	b.WriteString(st.ChoiceWrap(s.cursor == 0, s.orgLabel(), s.width) + "\n")
	b.WriteString(indentBlock(Paragraph(s.orgDetail(), s.width-2)) + "\n\n")
	b.WriteString(st.ChoiceWrap(s.cursor == 1, "Bring your own OAuth 2.0 app (client ID + secret)", s.width) + "\n")
	b.WriteString(indentBlock(Paragraph(st.Muted.Render("An app you created at marketplace.zoom.us (General app, "+
		"user-managed). You paste its client ID and secret next; the secret stays in your system keyring."), s.width-2)))
	if s.notice != "" {
		b.WriteString("\n\n" + st.Error.Render("✗ "+s.notice))
	}
	return Paragraph(b.String(), s.width)
}

func (s *AuthType) orgLabel() string {
	label := "OAuth 2.0 authorization code — your organization's Zoom app"
	if s.env.W.OrgApp == nil {
		label += " (not available)"
	}
	return label
}

func (s *AuthType) orgDetail() string {
	st := s.env.Styles
	if app := s.env.W.OrgApp; app != nil {
		name := app.Name
		if name == "" {
			name = "Organization app"
		}
		return st.Muted.Render(name+", client ID ") + st.Code.Render(app.ClientID) +
			st.Muted.Render(", from ") + st.Code.Render(app.Path)
	}
	sys, user := wizard.OrgAppSystemPath, wizard.OrgAppUserPath
	var b strings.Builder
	var nf *storage.OrgAppNotFoundError
	switch {
	case errors.As(s.env.W.OrgAppErr, &nf) && len(nf.Searched) > 0:
		sys, user = nf.Searched[0], nf.Searched[len(nf.Searched)-1]
		b.WriteString(st.Warn.Render("! None is provisioned on this computer (looked in "+
			strings.Join(nf.Searched, ", ")+").") + "\n")
	case s.env.W.OrgAppErr != nil:
		b.WriteString(st.Warn.Render("! The organization's app file cannot be used. "+wizard.Reason(s.env.W.OrgAppErr)) + "\n")
		b.WriteString(st.Muted.Render("Details: "+ansi.Strip(s.env.W.OrgAppErr.Error())) + "\n")
	default:
		b.WriteString(st.Warn.Render("! None is provisioned on this computer.") + "\n")
	}
	b.WriteString(st.Muted.Render("An admin provisions one by writing ") + st.Code.Render(sys) +
		st.Muted.Render(" (every user) or ") + st.Code.Render(user) + st.Muted.Render(" (one user), for example:") + "\n")
	b.WriteString(st.Code.Render(`  {"name": "Acme Zoom", "client_id": "AbCdEfGhIjKlMnOpQrSt", "admin_contact": "it@example.com"}`) + "\n")
	b.WriteString(st.Muted.Render("or runs zoomconnect with ") + st.Code.Render("--client-id ID") + st.Muted.Render("."))
	return b.String()
}

// indentBlock shifts every line of s two cells right, under the choice label.
func indentBlock(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

// ShortHelp implements help.KeyMap.
func (s *AuthType) ShortHelp() []key.Binding {
	k := s.env.Keys.AuthType
	return []key.Binding{k.Up, k.Down, k.Choose, k.Back}
}

// FullHelp implements help.KeyMap.
func (s *AuthType) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
