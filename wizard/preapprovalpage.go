package wizard

import (
	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// PreapprovalView is what the pre-approval screen is drawn from: the
// attempt and what led there (Cause nil: the person reported the page),
// the view (the user's, or the admin's checklist), how far saving the
// attempt for a later run got, and the keys the guide names (the front
// end's; empty ones are the default letters).
type PreapprovalView struct {
	Creds Creds
	Cause error
	Admin bool
	// Saving: the attempt is being saved; Saved: it was.
	Saving, Saved bool
	Keys          assets.GuideKeys
}

// guideData is what the guide template is rendered from for v.
func (v PreapprovalView) guideData(c *Config) assets.GuideData {
	return assets.GuideData{
		Cause: GuideCause(v.Cause), Admin: v.Admin, OwnApp: v.Creds.AuthType == storage.AuthOwnApp,
		AdminContact: AdminContact(c, v.Creds), Saving: v.Saving && !v.Saved, Saved: v.Saved,
		NotKept: c.Store != nil && oauthflow.KindOf(v.Cause) == oauthflow.KindTimeout,
		Keys:    v.Keys,
	}
}

// PreapprovalGuide is the pre-approval guide for v, in c's language, as a
// page: the title for the cause and view, what is happening and what the
// person can do. It ends before the request to the admin, which the
// accessible mode offers as a file instead of showing it.
func PreapprovalGuide(c *Config, v PreapprovalView) page.Page {
	p := MarkdownPage(assets.PreapprovalGuide(c.T.Lang(), v.guideData(c)))
	if !v.Admin && len(p.Blocks) > 0 {
		p.Blocks = p.Blocks[:len(p.Blocks)-1] // the request's heading (the template's contract)
	}
	return p
}

// PreapprovalPage is the whole pre-approval screen for v: the guide with
// what the screen knows under its first heading (the explanation of the
// cause in the user view, the admin checklist in the admin view), and in
// the user view the request to the admin (in the request's language)
// under its heading.
func PreapprovalPage(c *Config, v PreapprovalView) page.Page {
	p := MarkdownPage(assets.PreapprovalGuide(c.T.Lang(), v.guideData(c)))
	known := ErrorBlocks(c, v.Cause)
	if v.Admin {
		known = MarkdownPage(ChecklistMarkdown(c, Checklist(c), nil)).Blocks
	}
	p.Blocks = underFirstHeading(p.Blocks, known)
	if !v.Admin {
		req := MarkdownPage(AdminRequest(c, v.Creds, v.Cause))
		p.Add(page.Heading(req.Title))
		p.Add(req.Blocks...)
	}
	return p
}

// underFirstHeading puts extra right after the first heading of blocks,
// each part separated by a blank line.
func underFirstHeading(blocks, extra []page.Block) []page.Block {
	if len(extra) == 0 {
		return blocks
	}
	at := 0
	for i, b := range blocks {
		if b.Kind == page.KindHeading {
			at = i + 1
			break
		}
	}
	extra = append([]page.Block(nil), extra...)
	extra[0].Tight = false
	out := append(append(append([]page.Block(nil), blocks[:at]...), extra...), blocks[at:]...)
	if next := at + len(extra); next < len(out) {
		out[next].Tight = false
	}
	return out
}

// Export is a text the person sends on from a screen: the request to the
// admin, or the admin checklist.
type Export int

// The exports.
const (
	ExportRequest Export = iota
	ExportChecklist
)

// CopiedBlocks is what a screen says after sending e to the clipboard
// through the terminal (OSC 52), which many terminals ignore: what was
// tried, and where else the text is (the front end also printed it above
// the screen, and saveKey saves it as a file).
func CopiedBlocks(c *Config, e Export, saveKey string) []page.Block {
	id := "export.copied_request"
	if e == ExportChecklist {
		id = "export.copied_checklist"
	}
	return []page.Block{page.Warn(c.T.T(id, "Key", saveKey))}
}

// SavingBlocks is what a screen says while it saves a text.
func SavingBlocks(c *Config) []page.Block { return []page.Block{page.Note(c.T.T("export.saving"))} }

// SavedBlocks is what a screen says once e is saved to path (for the
// request, to send the file to the admin), the path on rows of its own,
// whole when copied.
func SavedBlocks(c *Config, e Export, path string) []page.Block {
	id := "export.saved_request"
	if e == ExportChecklist {
		id = "export.saved_checklist"
	}
	return []page.Block{page.OK(c.T.T(id)), page.Code(path).Under()}
}

// ExportFailedBlocks says that saving an export failed and why, and, when copyKey is
// not "", to copy the text instead.
func ExportFailedBlocks(c *Config, err error, copyKey string) []page.Block {
	text := c.T.T("export.save_failed", "Reason", ReasonIn(c.T, err))
	if copyKey != "" {
		text += " " + c.T.T("export.copy_instead", "Key", copyKey)
	}
	return []page.Block{page.Fail(text)}
}

// PendingFailedBlocks says that the attempt could not be saved for a
// later run, and why.
func PendingFailedBlocks(c *Config, err error) []page.Block {
	return []page.Block{page.Warn(c.T.T("preapproval.pending_failed", "Reason", ReasonIn(c.T, err)))}
}
