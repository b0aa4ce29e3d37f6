package steps

import (
	"strconv"
	"strings"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// otherTimeoutCauses are the causes of "nothing came back from the
// browser" other than the pre-approval wall, most likely first (the same
// list the pre-approval guide shows).
func otherTimeoutCauses() []string { return wizard.OtherTimeoutCauses() }

// numbered renders items as "1. ...", "2. ...", from first.
func numbered(items []string, first int) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = strconv.Itoa(first+i) + ". " + it
	}
	return strings.Join(out, "\n")
}

// guideData is what the guide needs from the screen's state.
func (s *Preapproval) guideData() assets.GuideData {
	return assets.GuideData{
		Cause:        wizard.GuideCause(s.cause),
		Admin:        s.admin,
		OwnApp:       s.creds.AuthType == storage.AuthOwnApp,
		AdminContact: wizard.AdminContact(s.env.W, s.creds),
		Saving:       s.env.W.Store != nil && !s.pending,
		Saved:        s.pending,
		Keys:         guideKeys(s.env.Keys),
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
		Admin: p.Admin.Help().Key, Paste: k.Authorize.Paste.Help().Key}
}
