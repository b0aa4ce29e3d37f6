package steps

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// View implements Step. The waiting and failure bodies scroll (Up, Down,
// PageUp, PageDown) when they are taller than the screen, so the redirect
// URL of a mismatch and every cause of a long wait stay reachable.
func (s *Authorize) View() string {
	var parts []string
	switch s.phase {
	case phaseChecking:
		parts = []string{s.spin.View() + " Checking your saved connections…"}
	case phaseConfirm:
		parts = s.confirmView()
	case phaseStarting:
		parts = []string{s.spin.View() + " Starting the local sign-in listener on 127.0.0.1…"}
	case phaseWaiting:
		if s.session == nil {
			return ""
		}
		return s.scrollable(s.waitingView())
	case phaseFailed:
		return s.scrollable(s.failedView())
	case phaseDone:
		parts = []string{s.env.Styles.OK.Render("✓ Authorized. Checking what Zoom granted…")}
	}
	return fitHeight(strings.Join(parts, "\n\n"), s.width, s.height)
}

// scrollable shows parts whole when they fit, else in the viewport with a
// scroll hint below it. The viewport keeps its offset across frames.
func (s *Authorize) scrollable(parts []string) string {
	content := strings.Join(parts, "\n\n")
	s.scrolls = s.height > 1 && fitRows(content, s.width) > s.height
	if !s.scrolls {
		return content
	}
	s.vp.SetWidth(max(s.width, 1))
	s.vp.SetHeight(s.height - 1)
	s.vp.SetContent(content)
	if s.paste.active() { // the box is at the end and has the keys
		s.vp.GotoBottom()
	}
	return s.vp.View() + "\n" + scrollHint(s.env.Styles, s.vp.ScrollPercent())
}

func (s *Authorize) confirmView() []string {
	st := s.env.Styles
	list := make([]string, 0, len(s.sameApp))
	for _, p := range s.sameApp {
		who := p.Email
		if who == "" {
			who = p.DisplayName
		}
		list = append(list, fmt.Sprintf("  • %s (%s)", p.Name, who))
	}
	return []string{
		st.Warn.Render("! Authorizing again can end a saved connection that uses this app:"),
		strings.Join(list, "\n"),
		s.wrap("Zoom keeps only the latest authorization per user and app. If you sign in as the same Zoom user, the connection above stops working (its next refresh fails) and has to be connected again."),
		s.wrap("Press enter to continue, or esc to go back."),
	}
}

func (s *Authorize) waitingView() []string {
	st := s.env.Styles
	parts := []string{
		s.wrap(s.openLine()),
		st.Code.Render(ansi.Hardwrap(s.session.AuthURL, max(s.width, 10), false)), // c copies it as one line
		s.wrap(s.spin.View() + " Waiting for Zoom (your sign-in, then the token exchange)… " + s.clock()),
	}
	if s.copied {
		parts = append(parts, st.OK.Render("✓ Address sent to your clipboard (OSC 52)."))
	}
	if s.openErr != nil {
		parts = append(parts, st.Warn.Render(s.wrap("! Could not open a browser. "+wizard.Reason(s.openErr)+" Copy the address above into your browser.")))
	}
	if v := s.sandboxView(); v != "" {
		parts = append(parts, v)
	}
	if s.nudge {
		parts = append(parts, s.nudgeView())
	}
	if v := s.paste.view(st, s.width); v != "" {
		parts = append(parts, v)
	} else {
		parts = append(parts, st.Muted.Render(s.wrap("Browser on another machine (SSH)? After you allow access there, press "+s.env.Keys.Authorize.Paste.Help().Key+" and paste the address it ended on.")))
	}
	return parts
}

// openLine asks the user to sign in; with --no-browser nothing opened, so
// it does not offer to open the browser "again".
func (s *Authorize) openLine() string {
	k := s.env.Keys.Authorize
	if s.env.W.NoBrowser {
		return "Open this address in your browser, sign in to Zoom and allow access (" + k.Copy.Help().Key + " copies it exactly):"
	}
	return "Sign in to Zoom in your browser and allow access. If no browser opened, open this address in one (" +
		k.Copy.Help().Key + " copies it exactly, " + k.Open.Help().Key + " opens it again):"
}

// sandboxView is the sandbox's no-browser approve command, on rows of its
// own that are never word-wrapped (a long command is cut into row-sized
// pieces only), so copying it from the screen keeps it whole; the
// CopyCommand key copies it exactly.
func (s *Authorize) sandboxView() string {
	st := s.env.Styles
	text, cmd := sandboxCommand(s.env)
	if s.env.W.Sandbox == nil || (text == "" && cmd == "") {
		return ""
	}
	if cmd == "" {
		return st.Muted.Render(s.wrap("Sandbox: " + text))
	}
	out := st.Muted.Render(s.wrap("Sandbox: "+text+" ("+s.env.Keys.Authorize.CopyCommand.Help().Key+" copies the command)")) + "\n" +
		st.Code.Render(ansi.Hardwrap(cmd, max(s.width, 10), true))
	if s.copiedCmd {
		out += "\n" + st.OK.Render("✓ Command sent to your clipboard (OSC 52).")
	}
	return out
}

// sandboxCommand is the sandbox's no-browser approve command and the
// sentence that introduces it; both empty outside the sandbox.
func sandboxCommand(env *Env) (text, cmd string) {
	if env.W.Sandbox == nil || env.W.Sandbox.ApproveCommand == "" {
		return "", ""
	}
	return "No browser? In another terminal run:", env.W.Sandbox.ApproveCommand
}

// nudgeView asks what the browser shows once the wait is long: one key
// per pre-approval wall, then the other likely causes in brief.
func (s *Authorize) nudgeView() string {
	st, k := s.env.Styles, s.env.Keys.Authorize
	return st.Warn.Render(s.wrap("! Taking a while. What does the browser show?")) + "\n" +
		s.wrap("  "+k.Preapproval.Help().Key+": \"Request pre-approval\" or \"You cannot authorize this app\" (your Zoom admin has to approve the app first; zoomconnect helps you ask)") + "\n" +
		s.wrap("  "+k.AdminApp.Help().Key+": \"An account admin is required to install this type of app\" (only an admin can install it)") + "\n" +
		st.Muted.Render(s.wrap("Other likely causes: the consent page is still open or was closed without Allow; the redirect URL is not on the app's allow list (Zoom shows an error page); the browser runs on another machine (press u to paste the address it ended on)."))
}

func (s *Authorize) failedView() []string {
	st := s.env.Styles
	switch {
	case s.timedOut():
		return []string{
			st.Error.Render("✗ Nothing came back from the browser before the deadline.") + "\n" +
				s.wrap("Press p for the pre-approval help, r to try again, esc to go back."),
			"Likely causes, most likely first:\n" + reflow(numbered(wizard.TimeoutCauses(), 1), max(s.width, 10)),
		}
	case s.declined():
		return []string{
			st.Warn.Render("! You chose not to allow access in the browser."),
			s.wrap("Nothing was changed: Zoom issued no token and nothing was saved. Press r to try again, or esc to go back."),
		}
	}
	if s.err == nil {
		return []string{s.wrap("The browser sign-in was stopped. Press r to start it again, p for the pre-approval help, esc to go back.")}
	}
	out := explainView(s.env, s.err, s.width)
	if v := s.redirectView(); v != "" {
		out = append(out, v)
	}
	return append(out, s.wrap("Press r to try again, esc to go back."))
}

// redirectView names the redirect URL to register after Zoom refused it
// (4709, 4700 "Invalid redirect url"): the explanation says "the exact
// redirect URL zoomconnect showed", so it is shown here.
func (s *Authorize) redirectView() string {
	if s.redirect == "" || oauthflow.KindOf(s.err) != oauthflow.KindRedirectMismatch {
		return ""
	}
	st := s.env.Styles
	port := ""
	if u, err := url.Parse(s.redirect); err == nil {
		port = u.Port()
	}
	pin := "Each attempt picks a free port; to keep this one, run zoomconnect with --port " + port + "."
	if s.env.W.Port != 0 {
		pin = "The port is pinned (--port), so every attempt uses this URL."
	}
	return s.wrap("The redirect URL this attempt used (add it to the app's Redirect URL and OAuth Allow List):") + "\n" +
		st.Code.Render(ansi.Hardwrap(s.redirect, max(s.width, 10), false)) + "\n" + s.wrap(pin)
}

// clock is "0:12 elapsed · 9:48 left".
func (s *Authorize) clock() string {
	elapsed := s.now.Sub(s.started)
	left := time.Duration(0)
	if s.session != nil {
		left = max(s.session.Deadline.Sub(s.now), 0)
	}
	return mmss(elapsed) + " elapsed · " + mmss(left) + " left"
}

func mmss(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

func (s *Authorize) wrap(text string) string { return reflow(text, max(s.width, 10)) }

// fitHeight keeps at most height rows of text wrapped at width (long lines,
// such as the URL, count as the rows the terminal needs). A cut ends in "…".
func fitHeight(text string, width, height int) string {
	if height < 1 || width < 1 {
		return text
	}
	lines := strings.Split(text, "\n")
	rows := 0
	for i, l := range lines {
		rows += fitRows(l, width)
		if rows > height {
			return strings.Join(append(lines[:max(i-1, 0):max(i-1, 0)], "…"), "\n")
		}
	}
	return text
}

// fitRows is how many terminal rows text takes at width, long lines
// counted as the terminal wraps them.
func fitRows(text string, width int) int {
	rows := 0
	for _, l := range strings.Split(text, "\n") {
		rows += max(1, (lipgloss.Width(l)+max(width, 1)-1)/max(width, 1))
	}
	return rows
}

// SetSize implements Step.
func (s *Authorize) SetSize(width, height int) {
	s.width, s.height = width, height
	s.paste.input.SetWidth(max(width-4, 10))
}

// Title implements Step.
func (s *Authorize) Title() string { return "Authorize in the browser" }

// Typing implements Typing: the paste box takes printable keys.
func (s *Authorize) Typing() bool { return s.paste.active() }

// ShortHelp implements help.KeyMap, by phase. While the paste box has the
// focus only its own keys apply (enter sends, esc closes), so the
// screen's letters are left out: they would be typed.
func (s *Authorize) ShortHelp() []key.Binding {
	k := s.env.Keys.Authorize
	switch s.phase {
	case phaseConfirm:
		return []key.Binding{k.Continue, k.Back}
	case phaseWaiting:
		if s.paste.active() {
			return []key.Binding{s.env.Keys.Paste.Send, s.env.Keys.Paste.Close}
		}
		return s.waitingHelp()
	case phaseFailed:
		if s.declined() {
			return []key.Binding{k.Retry, k.Back}
		}
		return []key.Binding{k.Preapproval, k.Retry, k.Back}
	}
	return []key.Binding{k.Back}
}

func (s *Authorize) waitingHelp() []key.Binding {
	k := s.env.Keys.Authorize
	b := []key.Binding{k.Copy}
	if !s.env.W.NoBrowser {
		b = append(b, k.Open)
	}
	if _, cmd := sandboxCommand(s.env); cmd != "" {
		b = append(b, k.CopyCommand)
	}
	b = append(b, k.Paste, k.Back)
	if s.nudge {
		// Short labels: the nudge above spells out what each page says.
		b = append([]key.Binding{Relabel(k.Preapproval, s.env.W.T.T("key.preapproval_page")), Relabel(k.AdminApp, s.env.W.T.T("key.admin_app_page"))}, b...)
	}
	return b
}

// FullHelp implements help.KeyMap: the phase's keys, and the scroll keys
// while the body is taller than the screen.
func (s *Authorize) FullHelp() [][]key.Binding {
	if s.scrolls && !s.paste.active() {
		return [][]key.Binding{s.ShortHelp(), s.env.Keys.Scroll.All()}
	}
	return [][]key.Binding{s.ShortHelp()}
}
