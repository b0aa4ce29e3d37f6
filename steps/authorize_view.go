package steps

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// View implements Step: the wizard's blocks for the phase, with the
// spinner and the paste box's input drawn in. The waiting and failure
// bodies scroll (Up, Down, PageUp, PageDown) when they are taller than
// the screen, so the redirect URL of a mismatch and every cause of a long
// wait stay reachable.
func (s *Authorize) View() string {
	c := s.env.W
	switch s.phase {
	case phaseChecking:
		return fitHeight(s.render(wizard.CheckingBlocks(c)), s.width, s.height)
	case phaseConfirm:
		return fitHeight(s.render(wizard.SameAppBlocks(c, s.sameApp, s.keyNames())), s.width, s.height)
	case phaseStarting:
		return fitHeight(s.render(wizard.StartingBlocks(c)), s.width, s.height)
	case phaseWaiting:
		if s.session == nil {
			return ""
		}
		return s.scrollable(s.render(s.waitingBlocks()))
	case phaseFailed:
		f := wizard.Failure{Err: s.err, Redirect: s.redirect}
		return s.scrollable(s.render(wizard.FailedBlocks(c, f, s.keyNames())))
	}
	return fitHeight(s.render(wizard.AuthorizedBlocks(c)), s.width, s.height)
}

// render draws blocks at the screen's width with this screen's widgets.
func (s *Authorize) render(blocks []page.Block) string {
	widgets := map[string]string{wizard.BlockSpinner: s.env.Styles.Spinner.Render(busyMark(s.now))}
	if s.paste.active() {
		widgets[wizard.BlockPaste] = s.env.Styles.InputView(&s.paste.input)
	}
	return s.env.Styles.Render(blocks, max(s.width, 10), widgets)
}

// waitingBlocks are the wizard's waiting page, built again only when what
// it says changed (the clocks, once a second; a key, the paste box), not
// for every spinner frame: its sentences go through the catalog's
// templates, which cost more than the rest of the frame.
func (s *Authorize) waitingBlocks() []page.Block {
	w, keys := s.waiting(), s.keyNames()
	k := waitKey{url: w.AuthURL, elapsed: s.env.W.T.Clock(w.Elapsed), left: s.env.W.T.Clock(w.Left),
		printed: w.Printed, openErr: errText(w.OpenErr), copied: w.Copied, copiedCmd: w.CopiedCommand,
		nudge: w.Nudge, keys: keys}
	if p := w.Paste; p != nil {
		k.paste, k.pasteEmpty, k.pasteChecking, k.pasteErr, k.redirect = true, p.Empty, p.Checking, errText(p.Err), p.Redirect
	}
	if s.waitMemo.blocks == nil || s.waitMemo.key != k {
		s.waitMemo.key, s.waitMemo.blocks = k, wizard.WaitingBlocks(s.env.W, w, keys)
	}
	return s.waitMemo.blocks
}

// waitKey is everything wizard.WaitingBlocks says, as a comparable value
// (errors by their text: an error value need not be comparable).
type waitKey struct {
	url, elapsed, left, openErr, pasteErr, redirect                     string
	printed, copied, copiedCmd, nudge, paste, pasteEmpty, pasteChecking bool
	keys                                                                wizard.AuthKeys
}

// errText is err's message, "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// waiting is the running attempt as the wizard's waiting page takes it.
func (s *Authorize) waiting() wizard.Waiting {
	return wizard.Waiting{
		AuthURL: s.session.AuthURL,
		Elapsed: s.now.Sub(s.started), Left: max(s.session.Deadline.Sub(s.now), 0),
		Printed: true, // onStarted printed it above the screen
		OpenErr: s.openErr, Copied: s.copied, CopiedCommand: s.copiedCmd,
		Nudge: s.nudge, Paste: s.paste.state(s.session.RedirectURL),
	}
}

// keyNames are the keys this screen offers, for the sentences that name
// them: no "open again" with --no-browser, no copy-command key outside
// the sandbox.
func (s *Authorize) keyNames() wizard.AuthKeys {
	k, p := s.env.Keys.Authorize, s.env.Keys.Paste
	n := func(b key.Binding) string { return b.Help().Key }
	names := wizard.AuthKeys{Continue: n(k.Continue), Back: n(k.Back), Retry: n(k.Retry), Copy: n(k.Copy),
		Paste: n(k.Paste), Preapproval: n(k.Preapproval), AdminApp: n(k.AdminApp),
		PasteSend: n(p.Send), PasteClose: n(p.Close)}
	if !s.env.W.NoBrowser {
		names.Open = n(k.Open)
	}
	if s.approveCommand() != "" {
		names.CopyCommand = n(k.CopyCommand)
	}
	return names
}

// scrollable shows content whole when it fits, else in the viewport with
// a scroll hint below it. The viewport keeps its offset across frames.
func (s *Authorize) scrollable(content string) string {
	s.pane.set(&s.vp, content)
	s.scrolls = s.height > 1 && s.pane.height() > s.height // rows: the layout wrapped them at the width
	if !s.scrolls {
		return content
	}
	s.vp.SetWidth(max(s.width, 1))
	s.vp.SetHeight(s.height - 1)
	if s.paste.active() { // the box is at the end and has the keys
		s.vp.GotoBottom()
	}
	return s.pane.view(&s.vp) + "\n" + scrollLine(s.env, s.vp.ScrollPercent())
}

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
	s.paste.input.SetWidth(max(width-6, 10)) // the layout indents a field's input by 2
}

// Title implements Step.
func (s *Authorize) Title() string { return wizard.AuthorizeTitle(s.env.W) }

// Typing implements Typing: the paste box takes printable keys.
func (s *Authorize) Typing() bool { return s.paste.active() }

// ShortHelp implements help.KeyMap, by phase: only the keys that act
// there. While the paste box has the focus only its own keys apply (enter
// sends, esc closes), so the screen's letters are left out: they would be
// typed. After a failure, the keys of wizard.FailedActions.
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
		return s.failedHelp()
	}
	return []key.Binding{k.Back}
}

// waitingHelp lists the keys of a running attempt, c and esc first: the
// help bubble cuts the line at the width, and the others (o, u, a) are
// named in the body's sentences too.
func (s *Authorize) waitingHelp() []key.Binding {
	k := s.env.Keys.Authorize
	b := []key.Binding{k.Copy, k.Back}
	if !s.env.W.NoBrowser {
		b = append(b, k.Open)
	}
	b = append(b, k.Paste)
	if s.approveCommand() != "" {
		b = append(b, k.CopyCommand)
	}
	if s.nudge {
		// Short labels: the nudge above spells out what each page says.
		b = append([]key.Binding{s.preapprovalKey(), Relabel(k.AdminApp, s.env.W.T.T("key.admin_app_page"))}, b...)
	}
	return b
}

// failedHelp lists the keys of the actions after the failure on screen
// (quitting is the root's): r and esc first, so that a help line cut at a
// narrow width keeps them; p, which the body names too, last.
func (s *Authorize) failedHelp() []key.Binding {
	k := s.env.Keys.Authorize
	b := []key.Binding{k.Retry, k.Back}
	if s.offers(wizard.ActPreapproval) {
		b = append(b, s.preapprovalKey())
	}
	return b
}

// preapprovalKey is p with its short label (the page's text names it in
// full).
func (s *Authorize) preapprovalKey() key.Binding {
	return Relabel(s.env.Keys.Authorize.Preapproval, s.env.W.T.T("key.preapproval_page"))
}

// FullHelp implements help.KeyMap: the phase's keys, and the scroll keys
// while the body is taller than the screen.
func (s *Authorize) FullHelp() [][]key.Binding {
	if s.scrolls && !s.paste.active() {
		return [][]key.Binding{s.ShortHelp(), s.env.Keys.Scroll.All()}
	}
	return [][]key.Binding{s.ShortHelp()}
}
