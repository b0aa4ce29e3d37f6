package steps

import (
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Preapproval is the "Admin pre-approval needed" screen. It explains the
// pre-approval wall, builds the request for the admin (copy with OSC 52 or
// save as Markdown), saves the pending attempt so a later run can resume, and
// shows the admin's own checklist on demand.
type Preapproval struct {
	env        *Env
	creds      wizard.Creds
	cause      error
	request    string // the admin request, Markdown
	title      string // the guide's title for the cause
	adminTitle string // the admin view's title
	admin      bool   // showing the admin checklist instead of the user path
	dir        string // where s saves the request; "" = current directory
	vp         viewport.Model
	width      int
	height     int
	status     string    // result of the last copy/save
	savedPath  string    // the file the request was saved to
	failed     bool      // status is an error
	scrolls    bool      // the text is taller than the screen
	pending    bool      // the pending attempt was saved
	sent       bool      // the request was copied or saved: RequestSentAt is recorded
	entered    time.Time // when the screen was entered: the attempt's CreatedAt
	saving     int       // pending saves still running
}

// requestSavedMsg reports the Markdown export.
type requestSavedMsg struct {
	path string
	err  error
}

// pendingSavedMsg reports saving the pending attempt.
type pendingSavedMsg struct{ err error }

// NewPreapproval builds the screen; cause is what led here (nil when the
// user pressed the key on the authorize screen).
func NewPreapproval(env *Env, c wizard.Creds, cause error) *Preapproval {
	s := &Preapproval{
		env:     env,
		creds:   c,
		cause:   cause,
		request: wizard.AdminRequest(env.W, c, cause),
		vp:      viewport.New(),
	}
	d := s.guideData()
	s.title = assets.PreapprovalTitle(d)
	d.Admin = true
	s.adminTitle = assets.PreapprovalTitle(d)
	s.vp.SoftWrap = true
	s.SetSize(80, 20)
	return s
}

// Init implements Step: the attempt is saved as pending right away, so
// leaving now (ctrl+c, q, closing the terminal) still lets zoomconnect
// started later offer to resume it.
func (s *Preapproval) Init() tea.Cmd { return s.savePending(time.Time{}) }

// Failure implements Failed: leaving from here ends the wizard on the
// pre-approval wall. A timeout the user did not confirm as the
// pre-approval screen stays a timeout; anything else is reported as the
// pre-approval error it is (see PreapprovalError).
func (s *Preapproval) Failure() error {
	if s.hedged() {
		return s.cause
	}
	return wizard.PreapprovalError(s.cause)
}

// Committing implements Committing: while the pending attempt is being
// saved, a quit waits for it, so "zoomconnect started later offers to
// resume" holds even for a ctrl+c right after the screen appeared.
func (s *Preapproval) Committing() bool { return s.saving > 0 }

// hedged reports a cause that only suggests the pre-approval wall:
// nothing came back from the browser, which has other explanations too.
func (s *Preapproval) hedged() bool {
	return s.cause != nil && oauthflow.KindOf(s.cause) == oauthflow.KindTimeout
}

// Update implements Step.
func (s *Preapproval) Update(msg tea.Msg) (Step, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.handleKey(msg)
	case requestSavedMsg:
		s.onSaved(msg)
	case pendingSavedMsg:
		s.saving = max(s.saving-1, 0)
		s.pending = s.pending || msg.err == nil
		if msg.err != nil {
			s.status += "\n! Could not remember this attempt for later. " + wizard.Reason(msg.err)
		}
		s.refresh()
	default:
		var cmd tea.Cmd
		s.vp, cmd = s.vp.Update(msg)
		return s, cmd
	}
	return s, nil
}

func (s *Preapproval) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys.Preapproval
	switch {
	case key.Matches(msg, k.Back):
		return Emit(wizard.Back{})
	case key.Matches(msg, k.Retry):
		return Emit(wizard.Retry{})
	case key.Matches(msg, k.Admin):
		s.admin = !s.admin
		s.refresh()
		s.vp.GotoTop()
		return nil
	case key.Matches(msg, k.Copy):
		return s.copyRequest()
	case key.Matches(msg, k.Save):
		return tea.Batch(saveRequestCmd(s.dir, s.exportText()), s.markSent())
	}
	var cmd tea.Cmd
	s.vp, cmd = s.vp.Update(msg)
	return cmd
}

// copyRequest puts the visible text on the clipboard with OSC 52, which also
// works over SSH; terminals without OSC 52 ignore it, so the status says how
// to save a file instead.
func (s *Preapproval) copyRequest() tea.Cmd {
	what := "The request for your admin"
	if s.admin {
		what = "The admin checklist"
	}
	s.savedPath = ""
	s.status, s.failed = "✓ "+what+" was sent to your clipboard (OSC 52). If pasting gives nothing, your terminal doesn't support it: press "+
		s.env.Keys.Preapproval.Save.Help().Key+" to save a file.", false
	s.refresh()
	return tea.Batch(tea.SetClipboard(s.exportText()), s.markSent())
}

func (s *Preapproval) onSaved(msg requestSavedMsg) {
	s.savedPath = msg.path
	if msg.err != nil {
		s.status, s.failed = "✗ Could not save the file. "+wizard.Reason(msg.err)+" Press "+s.env.Keys.Preapproval.Copy.Help().Key+" to copy it instead.", true
	} else {
		s.status, s.failed = "✓ Saved. Send this file to your Zoom admin:", false
	}
	s.refresh()
}

// exportText is what c copies and s saves: the request, or in admin view
// the checklist.
func (s *Preapproval) exportText() string {
	if s.admin {
		return assets.ChecklistMarkdown(assets.AdminChecklist(), nil)
	}
	return s.request
}

// markSent records, the first time the user copies or saves the request,
// when it was sent (the attempt itself was saved on entering the screen).
func (s *Preapproval) markSent() tea.Cmd {
	if s.sent {
		return nil
	}
	s.sent = true
	return s.savePending(s.env.Now())
}

// savePending saves the attempt; sentAt is when the request was sent,
// zero while it has not been.
func (s *Preapproval) savePending(sentAt time.Time) tea.Cmd {
	if s.env.W.Store == nil {
		return nil
	}
	p := s.pendingRecord()
	p.RequestSentAt = sentAt
	s.saving++
	return savePendingCmd(s.env.Ctx, s.env.W, p, s.pendingSecret())
}

// SetSize implements Step.
func (s *Preapproval) SetSize(width, height int) {
	s.width, s.height = width, height
	s.vp.SetWidth(max(width, 1))
	s.refresh()
}

// Title implements Step: the guide's title for the cause and view.
func (s *Preapproval) Title() string {
	if s.admin {
		return s.adminTitle
	}
	return s.title
}

// ShortHelp implements help.KeyMap.
func (s *Preapproval) ShortHelp() []key.Binding {
	k := s.env.Keys.Preapproval
	return []key.Binding{k.Copy, k.Save, k.Retry, k.Admin, k.Back}
}

// FullHelp implements help.KeyMap.
func (s *Preapproval) FullHelp() [][]key.Binding {
	k := s.env.Keys.Scroll
	return [][]key.Binding{s.ShortHelp(), {k.Up, k.Down}}
}
