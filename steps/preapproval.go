package steps

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/assets"
)

// requestFileName is the Markdown file the admin request is saved to, in the
// current directory.
const requestFileName = "zoomconnect-admin-request.md"

// Preapproval is the "Admin pre-approval needed" screen. It explains the
// pre-approval wall, builds the request for the admin (copy with OSC 52 or
// save as Markdown), saves the pending attempt so a later run can resume, and
// shows the admin's own checklist on demand.
type Preapproval struct {
	env       *Env
	creds     CredentialsDoneMsg
	cause     error
	request   string // the admin request, Markdown
	admin     bool   // showing the admin checklist instead of the user path
	dir       string // where s saves the request; "" = current directory
	vp        viewport.Model
	width     int
	height    int
	status    string // result of the last copy/save
	savedPath string // the file the request was saved to
	failed    bool   // status is an error
	scrolls   bool   // the text is taller than the screen
	pending   bool   // the pending attempt was saved
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
func NewPreapproval(env *Env, c CredentialsDoneMsg, cause error) *Preapproval {
	s := &Preapproval{
		env:     env,
		creds:   c,
		cause:   cause,
		request: assets.AdminRequest(adminRequestData(env, c, cause)),
		vp:      viewport.New(),
	}
	s.vp.SoftWrap = true
	s.SetSize(80, 20)
	return s
}

// Init implements Step.
func (s *Preapproval) Init() tea.Cmd { return nil }

// Update implements Step.
func (s *Preapproval) Update(msg tea.Msg) (Step, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.handleKey(msg)
	case requestSavedMsg:
		s.onSaved(msg)
	case pendingSavedMsg:
		s.pending = msg.err == nil
		if msg.err != nil {
			s.status += "\n! Could not remember this attempt for later. " + Reason(msg.err)
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
	k := s.env.Keys
	switch {
	case key.Matches(msg, k.Back):
		return Emit(BackMsg{})
	case key.Matches(msg, k.Retry):
		return Emit(RetryMsg{})
	case key.Matches(msg, k.Admin):
		s.admin = !s.admin
		s.refresh()
		s.vp.GotoTop()
		return nil
	case key.Matches(msg, k.Copy):
		return s.copyRequest()
	case key.Matches(msg, k.Save):
		return tea.Batch(saveRequestCmd(s.dir, s.exportText()), s.savePending())
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
	s.status, s.failed = "✓ "+what+" was sent to your clipboard (OSC 52). If pasting gives nothing, your terminal doesn't support it: press s to save a file.", false
	s.refresh()
	return tea.Batch(tea.SetClipboard(s.exportText()), s.savePending())
}

func (s *Preapproval) onSaved(msg requestSavedMsg) {
	s.savedPath = msg.path
	if msg.err != nil {
		s.status, s.failed = "✗ Could not save the file. "+Reason(msg.err)+" Press c to copy it instead.", true
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

// savePending remembers the attempt once, the first time the user copies or
// saves the request.
func (s *Preapproval) savePending() tea.Cmd {
	if s.pending || s.env.Store == nil {
		return nil
	}
	return savePendingCmd(s.env.Ctx, s.env.Store, s.pendingRecord(), s.pendingSecret())
}

// SetSize implements Step.
func (s *Preapproval) SetSize(width, height int) {
	s.width, s.height = width, height
	s.vp.SetWidth(max(width, 1))
	s.refresh()
}

// Title implements Step.
func (s *Preapproval) Title() string {
	if s.admin {
		return "Pre-approve the app (admin checklist)"
	}
	return "Admin pre-approval needed"
}

// ShortHelp implements help.KeyMap.
func (s *Preapproval) ShortHelp() []key.Binding {
	k := s.env.Keys
	return []key.Binding{k.Copy, k.Save, k.Retry, k.Admin, k.Back}
}

// FullHelp implements help.KeyMap.
func (s *Preapproval) FullHelp() [][]key.Binding {
	k := s.env.Keys
	return [][]key.Binding{s.ShortHelp(), {k.Up, k.Down}}
}
