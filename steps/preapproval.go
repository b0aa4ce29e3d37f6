package steps

import (
	"path/filepath"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Preapproval is the "Admin pre-approval needed" screen. It draws
// wizard.PreapprovalPage: the pre-approval wall explained for its cause,
// the request for the admin (c copies it with OSC 52 and prints it above
// the screen, s saves it as Markdown), or on demand the admin's own
// checklist. On a confirmed wall (wizard.Confirmed) it saves the pending
// attempt so a later run can resume; after a timeout it saves nothing.
type Preapproval struct {
	env     *Env
	creds   wizard.Creds
	cause   error
	request string // the admin request, Markdown, in the request's language
	admin   bool   // showing the admin checklist instead of the user path
	dir     string // where s saves the request; "" = current directory
	vp      viewport.Model
	pane    scrollPane // what vp scrolls, drawn
	// memo is the page last built and the state it was built for.
	memo struct {
		key  pageKey
		page page.Page
	}
	title   string // the page's title, for the view shown
	width   int
	height  int
	status  []page.Block // what the last copy, save or pending save did
	failed  bool         // the last save of the request failed
	scrolls bool         // the text is taller than the screen
	pending bool         // the pending attempt was saved
	sent    bool         // the request was copied or saved: RequestSentAt is recorded
	entered time.Time    // when the screen was entered: the attempt's CreatedAt
	saving  int          // pending saves still running
	printed string       // the text a copy last printed above the screen
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
	s.vp.SoftWrap = false // the layout already wrapped the content at the width
	s.SetSize(80, 20)
	return s
}

// Init implements Step: a confirmed attempt is saved as pending right
// away, so leaving now (ctrl+c, q, closing the terminal) still lets
// zoomconnect started later offer to resume it.
func (s *Preapproval) Init() tea.Cmd { return s.savePending(time.Time{}) }

// Failure implements Failed: leaving from here ends the wizard on the
// pre-approval wall when it is confirmed; a timeout stays a timeout (see
// wizard.PreapprovalFailure).
func (s *Preapproval) Failure() error { return wizard.PreapprovalFailure(s.cause) }

// Committing implements Committing: while the pending attempt is being
// saved, a quit waits for it, so "zoomconnect started later offers to
// resume" holds even for a ctrl+c right after the screen appeared.
func (s *Preapproval) Committing() bool { return s.saving > 0 }

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
			s.status = append(s.status, wizard.PendingFailedBlocks(s.env.W, msg.err)...)
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
		return s.copyText()
	case key.Matches(msg, k.Save):
		return tea.Batch(saveExportCmd(s.exportPath(), s.exportText()), s.markSent())
	}
	var cmd tea.Cmd
	s.vp, cmd = s.vp.Update(msg)
	return cmd
}

// copyText sends the visible text (the request, or in admin view the
// checklist) to the clipboard with OSC 52, which also works over SSH; many
// terminals ignore it, so it is printed above the screen too and the
// status says so, and how to save a file instead.
func (s *Preapproval) copyText() tea.Cmd {
	s.status, s.failed = wizard.CopiedBlocks(s.env.W, s.export(), s.env.Keys.Preapproval.Save.Help().Key), false
	s.refresh()
	return tea.Batch(copyCmd(s.exportText(), &s.printed), s.markSent())
}

func (s *Preapproval) onSaved(msg requestSavedMsg) {
	s.failed = msg.err != nil
	s.status = wizard.SavedBlocks(s.env.W, s.export(), msg.path)
	if s.failed {
		s.status = wizard.ExportFailedBlocks(s.env.W, msg.err, s.env.Keys.Preapproval.Copy.Help().Key)
	}
	s.refresh()
}

// export is what c copies and s saves: the request, or in admin view the
// checklist.
func (s *Preapproval) export() wizard.Export {
	if s.admin {
		return wizard.ExportChecklist
	}
	return wizard.ExportRequest
}

// exportPath is where s saves the export: wizard.RequestFileName, or in
// admin view wizard.ChecklistFileName, in s.dir.
func (s *Preapproval) exportPath() string {
	if s.admin {
		return filepath.Join(s.dir, wizard.ChecklistFileName)
	}
	return filepath.Join(s.dir, wizard.RequestFileName)
}

// exportText is the text of the export.
func (s *Preapproval) exportText() string {
	if s.admin {
		return wizard.ChecklistMarkdown(s.env.W, wizard.Checklist(s.env.W), nil)
	}
	return s.request
}

// markSent records, the first time the user copies or saves the request
// (not the admin checklist), when it was sent (the attempt itself was
// saved on entering the screen).
func (s *Preapproval) markSent() tea.Cmd {
	if s.sent || s.admin {
		return nil
	}
	s.sent = true
	return s.savePending(s.env.Now())
}

// savePending saves the attempt; sentAt is when the request was sent,
// zero while it has not been. An attempt whose cause is not a confirmed
// wall (a timeout) is not saved.
func (s *Preapproval) savePending(sentAt time.Time) tea.Cmd {
	if s.env.W.Store == nil || !wizard.Confirmed(s.cause) {
		return nil
	}
	p := s.pendingRecord()
	p.RequestSentAt = sentAt
	s.saving++
	s.refresh()
	return savePendingCmd(s.env.Ctx, s.env.W, p, s.pendingSecret())
}

// pendingRecord is the attempt to save, created when the screen was
// entered.
func (s *Preapproval) pendingRecord() storage.Pending {
	if s.entered.IsZero() {
		s.entered = s.env.Now()
	}
	p, _ := wizard.PendingFor(s.env.W, s.creds, s.cause, s.entered)
	return p
}

// pendingSecret is kept for a bring-your-own app only: the organization's
// app file still has its own.
func (s *Preapproval) pendingSecret() string {
	_, secret := wizard.PendingFor(s.env.W, s.creds, s.cause, s.entered)
	return secret
}

// SetSize implements Step.
func (s *Preapproval) SetSize(width, height int) {
	s.width, s.height = width, height
	s.vp.SetWidth(max(width, 1))
	s.refresh()
}

// Title implements Step: the guide's title for the cause and view.
func (s *Preapproval) Title() string { return s.title }

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
