package steps

import (
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Done is the last screen: who is connected, what was saved where, and
// which command to run next. Enter or q quits.
type Done struct {
	env    *Env
	saved  wizard.Saved
	width  int
	height int
}

// NewDone builds the screen for a saved connection.
func NewDone(env *Env, s wizard.Saved) *Done { return &Done{env: env, saved: s} }

// Init implements Step.
func (s *Done) Init() tea.Cmd { return nil }

// Title implements Step.
func (s *Done) Title() string { return "Connected" }

// SetSize implements Step.
func (s *Done) SetSize(width, height int) { s.width, s.height = width, height }

// Update implements Step.
func (s *Done) Update(msg tea.Msg) (Step, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(msg, s.env.Keys.Done.Finish) {
			return s, Emit(wizard.Quit{})
		}
	}
	return s, nil
}

// ProfilePath is where the profile file lives, as the store says
// (storage.Store.ProfilePath); it is only shown, never opened. With no
// store configured it names the default location symbolically.
func (s *Done) ProfilePath() string {
	st := s.env.W.Store
	if st == nil || st.ConfigDir == "" {
		st = &storage.Store{ConfigDir: filepath.Join("$XDG_CONFIG_HOME", storage.AppDirName)}
	}
	return st.ProfilePath(s.saved.Profile.Name)
}

// View implements Step.
func (s *Done) View() string {
	st := s.env.Styles
	p := s.saved.Profile
	var b strings.Builder
	if missing := s.Missing(); len(missing) > 0 {
		b.WriteString(st.Warn.Render("! Connected as "+wizard.Who(p.DisplayName, p.Email)+", but without the scopes "+
			strings.Join(missing, ", ")) + "\n")
		b.WriteString(s.missingView() + "\n\n")
	} else {
		b.WriteString(st.OK.Render("✓ Connected as "+wizard.Who(p.DisplayName, p.Email)) + "\n\n")
	}
	b.WriteString(st.Strong.Render("Saved") + "\n")
	b.WriteString(Bullet("Profile "+st.Code.Render(p.Name)+" (no secrets): "+st.Code.Render(s.ProfilePath()), s.width) + "\n")
	b.WriteString(Bullet("Tokens and client secret: "+st.Code.Render(s.where()), s.width) + "\n")
	if len(s.saved.Replaced) > 0 {
		b.WriteString(Bullet("It replaces the earlier profile "+st.Code.Render(strings.Join(s.saved.Replaced, ", "))+
			" (same Zoom user and app; Zoom keeps only the latest authorization).", s.width) + "\n")
	}
	if s.env.W.Sandbox != nil {
		b.WriteString(st.Warn.Render("! A sandbox connection: its tokens work only with the built-in sandbox, "+
			"not with real Zoom.") + "\n")
	}
	b.WriteString("\n" + st.Strong.Render("Next") + "\n")
	b.WriteString(s.nextView())
	// reflow, not Paragraph: a "! …" line continues under its text.
	return reflow(strings.TrimRight(b.String(), "\n"), max(s.width, 10))
}

// Missing lists the required scopes the saved connection lacks (nil when
// Zoom reported no scopes at all: nothing to compare).
func (s *Done) Missing() []string {
	granted := s.saved.Profile.GrantedScopes
	if len(granted) == 0 {
		return nil
	}
	return oauthflow.ReviewScopes(granted).Missing
}

// missingView says what fails without the missing scopes and what to do.
func (s *Done) missingView() string {
	who := "Add them to your app in the Zoom App Marketplace (Manage → your app → Scopes)"
	if s.saved.Profile.AuthType == storage.AuthOrgApp {
		who = "Ask your Zoom admin to add them to your organization's app"
	}
	login := s.command("login")
	if s.env.W.Sandbox != nil {
		login += " --sandbox"
	}
	return "Calls that need them fail with Zoom error 4711. " + who + ", then run " +
		s.env.Styles.Code.Render(login) + " to authorize again."
}

// nextView lists the follow-up commands in an aligned column.
func (s *Done) nextView() string {
	st := s.env.Styles
	next := [][2]string{
		{s.command("status"), "check the connection"},
		{s.command("token"), "print an access token for scripts"},
		{s.command("logout"), "revoke at Zoom and delete it here"},
	}
	w := 0
	for _, n := range next {
		w = max(w, len(n[0]))
	}
	var b strings.Builder
	for _, n := range next {
		b.WriteString("  " + st.Code.Render(n[0]) + strings.Repeat(" ", w-len(n[0])+2) + st.Muted.Render(n[1]) + "\n")
	}
	return b.String()
}

func (s *Done) where() string {
	if s.saved.Where != "" {
		return s.saved.Where
	}
	return string(s.saved.Profile.SecretBackend)
}

// command spells a follow-up command for this profile.
func (s *Done) command(sub string) string {
	c := "zoomconnect " + sub
	if n := s.saved.Profile.Name; n != "" && n != storage.DefaultProfileName {
		c += " --profile " + n
	}
	return c
}

// ShortHelp implements help.KeyMap.
func (s *Done) ShortHelp() []key.Binding {
	return []key.Binding{s.env.Keys.Done.Finish}
}

// FullHelp implements help.KeyMap.
func (s *Done) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
