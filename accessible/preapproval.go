package accessible

import (
	"regexp"
	"strings"
	"time"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// preapproval explains the pre-approval wall (cause: what led here, nil
// when the user reported the page), saves the attempt so a later run can
// resume it, and offers to save the request for the admin. It returns nil
// when the user wants to try the browser again, else errQuit.
func (w *conversation) preapproval(cause error) error {
	w.failed = wizard.PreapprovalError(cause)
	if oauthflow.KindOf(cause) == oauthflow.KindTimeout {
		w.failed = cause // only the likely cause: the exit status stays a timeout
	}
	created := w.now()
	saved := w.savePending(cause, created, time.Time{})
	w.blank()
	w.say(plainMarkdown(assets.PreapprovalGuide(wizard.GuideData(w.env, w.creds, cause, saved))))
	w.say("(In this mode the keys named above are not used: answer the questions below instead.)")
	if err := w.offerRequest(cause, created); err != nil {
		return err
	}
	again, err := w.confirm("Has your admin approved the app already? Try the browser again now?", false)
	if err == nil && !again {
		err = errQuit
	}
	return err
}

// offerRequest saves the request for the admin as Markdown when the user
// agrees, and records when it was sent in the pending attempt.
func (w *conversation) offerRequest(cause error, created time.Time) error {
	ok, err := w.confirm("Save the request for your Zoom admin as zoomconnect-admin-request.md in the current folder?", true)
	if err != nil || !ok {
		return err
	}
	path, err := wizard.SaveAdminRequest("", wizard.AdminRequest(w.env, w.creds, cause))
	if err != nil {
		w.say("Could not save the file. " + wizard.Reason(err))
		return nil
	}
	w.say("Saved. Send this file to your Zoom admin:", path)
	w.savePending(cause, created, w.now())
	return nil
}

// savePending saves the attempt for a later run (with when the request
// was sent, zero while not) and reports whether that worked. Like the
// screen's save it is not cut short by ctrl+c; SaveTimeout bounds it.
func (w *conversation) savePending(cause error, created, sentAt time.Time) bool {
	if w.env.Store == nil {
		return false
	}
	p, secret := wizard.PendingFor(w.env, w.creds, cause, created)
	p.RequestSentAt = sentAt
	if err := wizard.SavePending(w.ctx, w.env, p, secret); err != nil {
		w.say("Warning: could not remember this attempt for later. " + wizard.Reason(err))
		return false
	}
	return true
}

var mdBold = regexp.MustCompile(`\*\*([^*]+)\*\*`)

// plainMarkdown turns the guide's Markdown into plain lines: headings
// become labelled lines, emphasis markers are dropped, "✓" becomes "OK:".
func plainMarkdown(md string) string {
	lines := strings.Split(strings.TrimSpace(md), "\n")
	out := lines[:0]
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "# "):
			l = "== " + strings.TrimPrefix(l, "# ") + " =="
		case strings.HasPrefix(l, "## Request for your admin"):
			continue // the request is offered as a file below
		case strings.HasPrefix(l, "## "):
			l = strings.TrimPrefix(l, "## ") + ":"
		case strings.HasPrefix(l, "✓ "):
			l = "OK: " + strings.TrimPrefix(l, "✓ ")
		case len(l) > 2 && strings.HasPrefix(l, "_") && strings.HasSuffix(l, "_"):
			l = l[1 : len(l)-1]
		}
		out = append(out, mdBold.ReplaceAllString(l, "$1"))
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
