package wizard

import (
	"strings"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
)

// ExplanationBlocks is how every front end shows an explanation (the error
// table's row for a failure, filled in for this run): a failed title, then
// each part with its label. Zoom's own words are left out when the cause
// already quotes them. The TUI, the accessible mode and the command line
// all render these blocks, so their labels are the same.
func ExplanationBlocks(c *Config, ex oauthflow.Explanation) []page.Block {
	return ExplanationBlocksIn(c.T, ex)
}

// ExplanationBlocksIn is ExplanationBlocks with the labels in t's
// language, for a front end that has no wizard Config (the command line,
// doctor). ex's words are drawn as they are: fill them in the same
// language first (Explanation.In).
func ExplanationBlocksIn(t *i18n.Printer, ex oauthflow.Explanation) []page.Block {
	out := []page.Block{page.Fail(ex.Title)}
	add := func(b page.Block, text string) {
		if text != "" {
			out = append(out, b.Under())
		}
	}
	add(page.Para(ex.Cause), ex.Cause)
	if !strings.Contains(ex.Cause, ex.Reason) {
		add(page.Note(t.T("explain.zoom_said", "Reason", ex.Reason)), ex.Reason)
	}
	add(page.Para(t.T("explain.user", "Text", i18n.Raw(ex.User))), ex.User)
	add(page.Para(t.T("explain.admin", "Text", i18n.Raw(ex.Admin))), ex.Admin)
	add(page.Para(t.T("explain.run", "Command", ex.Command)), ex.Command)
	add(page.Note(t.T("explain.tracking", "ID", ex.TrackingID)), ex.TrackingID)
	return out
}

// ErrorBlocks are ExplanationBlocks for err as the wizard explains it
// (ExplainFor); none for a nil err.
func ErrorBlocks(c *Config, err error) []page.Block {
	if err == nil {
		return nil
	}
	return ExplanationBlocks(c, ExplainFor(c, err))
}
