package accessible

import (
	"time"

	"github.com/zoomconnect/zoomconnect/wizard"
)

// preapproval says the pre-approval guide (cause: what led here, nil when
// the user reported the page; afterFailure already explained it), saves
// the attempt so a later run can resume it when the wall is confirmed
// (wizard.Confirmed: never after a timeout), and offers to save the
// request for the admin. It returns nil when the user wants to try the
// browser again, else errQuit.
func (w *conversation) preapproval(cause error) error {
	w.failed = wizard.PreapprovalFailure(cause)
	created := w.now()
	saved := w.savePending(cause, created, time.Time{})
	pg := wizard.PreapprovalGuide(w.env, wizard.PreapprovalView{Creds: w.creds, Cause: cause, Saved: saved})
	w.section(pg.Title)
	w.show(pg.Blocks)
	w.say(w.env.T.T("preapproval.keys_unused"))
	if err := w.offerRequest(cause, created); err != nil {
		return err
	}
	again, err := w.confirm(w.env.T.T("preapproval.ask_retry"), false)
	if err == nil && !again {
		err = errQuit
	}
	return err
}

// offerRequest saves the request for the admin as Markdown when the user
// agrees, and records when it was sent in the pending attempt.
func (w *conversation) offerRequest(cause error, created time.Time) error {
	ok, err := w.confirm(w.env.T.T("preapproval.ask_save", "File", wizard.RequestFileName), true)
	if err != nil || !ok {
		return err
	}
	path, err := wizard.SaveAdminRequest("", wizard.AdminRequest(w.env, w.creds, cause))
	if err != nil {
		w.show(wizard.ExportFailedBlocks(w.env, err, ""))
		return nil
	}
	w.show(wizard.SavedBlocks(w.env, wizard.ExportRequest, path))
	w.savePending(cause, created, w.now())
	return nil
}

// savePending saves a confirmed attempt for a later run (with when the
// request was sent, zero while not) and reports whether that worked. Like
// the screen's save it is not cut short by ctrl+c; SaveTimeout bounds it.
func (w *conversation) savePending(cause error, created, sentAt time.Time) bool {
	if w.env.Store == nil || !wizard.Confirmed(cause) {
		return false
	}
	p, secret := wizard.PendingFor(w.env, w.creds, cause, created)
	p.RequestSentAt = sentAt
	if err := wizard.SavePending(w.ctx, w.env, p, secret); err != nil {
		w.show(wizard.PendingFailedBlocks(w.env, err))
		return false
	}
	return true
}
