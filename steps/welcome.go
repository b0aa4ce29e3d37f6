package steps

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Welcome is the first screen: what zoomconnect does, what each way of
// connecting needs, and the promise that the Zoom password is typed only on
// zoom.us. When the profile has an attempt that stopped at the
// pre-approval wall, it offers to resume it or start over.
type Welcome struct {
	env    *Env
	width  int
	height int
	// cursor is the focused choice when a pending attempt is offered:
	// 0 = resume, 1 = start over.
	cursor int
	// pending is the attempt offered for resuming, secret its client
	// secret; checking is set while Init's command loads them.
	pending  *storage.Pending
	secret   string
	checking bool
	// early records an enter pressed while checking.
	early bool
}

// pendingLoadedMsg carries the pending attempt Init looked up (nil: none,
// or it could not be read; either way there is nothing to resume).
type pendingLoadedMsg struct {
	pending *storage.Pending
	secret  string
}

// NewWelcome builds the screen.
func NewWelcome(env *Env) *Welcome {
	return &Welcome{env: env}
}

// Init implements Step: it looks up a pending attempt of the profile in
// a command (the keyring may take seconds to answer); until then the
// screen says it is checking.
func (s *Welcome) Init() tea.Cmd {
	if s.pending != nil || s.env.W.Store == nil {
		return nil
	}
	s.checking = true
	ctx, cfg := s.env.Ctx, s.env.W
	return func() tea.Msg {
		p, secret := wizard.LoadPending(ctx, cfg)
		return pendingLoadedMsg{pending: p, secret: secret}
	}
}

// Checking reports that the lookup of a pending attempt is still running.
func (s *Welcome) Checking() bool { return s.checking }

// Title implements Step.
func (s *Welcome) Title() string { return "Welcome" }

// SetSize implements Step.
func (s *Welcome) SetSize(width, height int) { s.width, s.height = width, height }

// Resuming reports whether the screen offers to resume a pending attempt.
func (s *Welcome) Resuming() bool { return s.pending != nil }

// Cursor is the focused choice when resuming: 0 resume, 1 start over.
func (s *Welcome) Cursor() int { return s.cursor }

// Update implements Step.
func (s *Welcome) Update(msg tea.Msg) (Step, tea.Cmd) {
	if m, ok := msg.(pendingLoadedMsg); ok {
		s.checking, s.pending, s.secret, s.cursor = false, m.pending, m.secret, 0
		if s.early && s.pending == nil {
			return s, Emit(wizard.WelcomeDone{}) // enter came before the answer: nothing to choose, go on
		}
		return s, nil
	}
	return onKeys(s, msg, s.handleKey)
}

// choices is how many choices the screen offers: resume or start over, or
// only "begin".
func (s *Welcome) choices() int {
	if s.Resuming() {
		return 2
	}
	return 1
}

func (s *Welcome) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys.Welcome
	if s.checking {
		// The choices are not known yet (the lookup is bounded by the
		// keyring timeout). Enter is kept: with no attempt to resume it
		// goes on as soon as the answer comes; with one, the choice shows.
		s.early = s.early || key.Matches(msg, k.Begin)
		return nil
	}
	if c, ok := moveCursor(msg, k.Up, k.Down, s.cursor, s.choices()); ok {
		s.cursor = c
		return nil
	}
	switch {
	case key.Matches(msg, k.Begin):
		if s.Resuming() && s.cursor == 0 {
			return Emit(wizard.Resume{Pending: s.pending, Secret: s.secret})
		}
		return Emit(wizard.WelcomeDone{})
	}
	return nil
}

// View implements Step.
func (s *Welcome) View() string {
	st := s.env.Styles
	var b strings.Builder
	if s.env.W.Sandbox != nil {
		b.WriteString(st.Warn.Render("! Sandbox mode: a built-in fake Zoom runs on this computer. No real Zoom "+
			"account is used and nothing is sent to zoom.us.") + "\n")
		if v := s.scenarioView(); v != "" {
			b.WriteString(v + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("zoomconnect connects this computer to your Zoom account with OAuth 2.0 and " +
		"stores the connection safely, so your tools can call Zoom for you.\n\n")
	b.WriteString(st.Strong.Render("Two ways to connect") + "\n")
	b.WriteString(Bullet("Your organization's Zoom app: nothing to type, an admin has set it up.", s.width) + "\n")
	b.WriteString(Bullet("Your own OAuth app: its client ID (and client secret, unless it is a "+
		"public client) from marketplace.zoom.us.", s.width) + "\n\n")
	b.WriteString(st.OK.Render("✓ You type your Zoom password only on zoom.us in your browser, never here.") + "\n\n")
	switch {
	case s.checking:
		b.WriteString(st.Muted.Render("Checking for an earlier attempt…"))
	case s.Resuming():
		b.WriteString(s.resumeView())
	default:
		b.WriteString(st.Muted.Render("Press enter to begin."))
	}
	return Paragraph(b.String(), s.width)
}

func (s *Welcome) resumeView() string {
	st := s.env.Styles
	p := s.pending
	app := p.AppName
	if app == "" {
		app = p.ClientID
	}
	var b strings.Builder
	b.WriteString(st.Strong.Render("You stopped earlier") + " (" + app + ").\n")
	b.WriteString(st.ChoiceWrap(s.cursor == 0, "Resume where you stopped ("+wizard.PendingWhy(p.Reason)+" since "+
		s.since(p.CreatedAt)+")", s.width) + "\n")
	b.WriteString(st.Choice(s.cursor == 1, "Start over"))
	return b.String()
}

// scenarioView names the sandbox's active scenario: it persists across
// runs, so a scenario chosen once (deny, say) would otherwise fail later
// runs silently.
func (s *Welcome) scenarioView() string {
	sb := s.env.W.Sandbox
	name := sb.Scenario
	if name == "" {
		return ""
	}
	summary := ""
	if sb.Summary != "" {
		summary = " — " + sb.Summary
	}
	change := " (change with --sandbox-scenario " + sb.DefaultScenario + ")"
	if name == sb.DefaultScenario {
		change = " (try another with --sandbox-scenario NAME; zoomconnect --help lists them)"
	}
	return s.env.Styles.Warn.Render("Sandbox scenario: " + name + summary + change)
}

// since formats a past moment as "Mon 2 Jan 15:04, 3h ago" in local time.
func (s *Welcome) since(t time.Time) string {
	return t.Local().Format("Mon 2 Jan 15:04") + ", " + agoText(s.env.Now().Sub(t)) + " ago"
}

// agoText spells a duration roughly: "5m", "3h", "2d".
func agoText(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "moments"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	default:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
}

// ShortHelp implements help.KeyMap.
func (s *Welcome) ShortHelp() []key.Binding {
	switch {
	case s.checking:
		return nil
	case s.Resuming():
		return []key.Binding{s.env.Keys.Welcome.Up, s.env.Keys.Welcome.Down, s.env.Keys.Welcome.Begin}
	}
	return []key.Binding{s.env.Keys.Welcome.Begin}
}

// FullHelp implements help.KeyMap.
func (s *Welcome) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
