package cli

import (
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/schema"
)

// pendingBlocks say, for list and status, which attempts wait for an
// admin's pre-approval: the profile, how long ago it stopped, why, and
// the commands that resume or discard it.
func pendingBlocks(t *i18n.Printer, pending []schema.Pending) []page.Block {
	out := []page.Block{page.Heading(t.N("pending.title", len(pending)))}
	for _, p := range pending {
		age := t.Ago(time.Duration(p.AgeSeconds) * time.Second)
		line := t.T("pending.line", "Profile", p.Profile, "Ago", age, "Cause", i18n.Raw(pendingCause(t, p)))
		out = append(out, page.Warn(line).Under(),
			page.Para(t.T("pending.next", "Resume", p.ResumeCommand, "Discard", p.DiscardCommand)).Under())
		if !p.RequestSentAt.IsZero() {
			out = append(out, page.Note(t.T("pending.request_sent", "Ago", t.Ago(time.Since(p.RequestSentAt)))).Under())
		}
	}
	return out
}

// pendingCause is why an attempt stopped, in words: its error-table row's
// title when the cause is a key, else the stage.
func pendingCause(t *i18n.Printer, p schema.Pending) string {
	if ex, ok := oauthflow.ExplanationFor(p.Cause); ok {
		return page.PlainText(ex.In(t).Title)
	}
	return t.T("pending.stage_preapproval")
}
