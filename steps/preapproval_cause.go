package steps

import (
	"strconv"
	"strings"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// view is the screen's state as the wizard's text model takes it.
func (s *Preapproval) view() wizard.PreapprovalView {
	return wizard.PreapprovalView{
		Creds: s.creds, Cause: s.cause, Admin: s.admin,
		Saving: s.saving > 0, Saved: s.pending, Keys: guideKeys(s.env.Keys),
	}
}

// guideKeys names the screen's bindings for the guide (nil: the
// guide's defaults).
func guideKeys(k *KeyMap) assets.GuideKeys {
	if k == nil {
		return assets.GuideKeys{}
	}
	p := k.Preapproval
	return assets.GuideKeys{Copy: p.Copy.Help().Key, Save: p.Save.Help().Key, Retry: p.Retry.Help().Key,
		Admin: p.Admin.Help().Key, Back: p.Back.Help().Key,
		Paste: k.Authorize.Paste.Help().Key, Preapproval: k.Authorize.Preapproval.Help().Key}
}

// numbered renders items as "1. ...", "2. ...", from first (the
// authorize screen's list of timeout causes).
func numbered(items []string, first int) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = strconv.Itoa(first+i) + ". " + it
	}
	return strings.Join(out, "\n")
}
