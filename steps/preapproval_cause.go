package steps

import (
	"strconv"
	"strings"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// keyAdminApp is the error-table key of "An account admin is required".
const keyAdminApp = "preapproval:admin_app"

// The words Zoom's page shows for each pre-approval wall; an *oauthflow.Error
// whose Reason holds them is classified by oauthflow under that key.
const (
	pageRequired = "Request pre-approval"
	pageAdminApp = "An account admin is required to install this type of app"
)

// PreapprovalError is the error a wizard left on the pre-approval screen
// ends with: an *oauthflow.Error that oauthflow.IsPreapproval recognises
// (Zoom's page words as its Reason, Kind unknown so that no other exit code
// claims it), wrapping cause (nil when the user reported the page with p).
// An "An account admin is required" cause keeps that explanation.
func PreapprovalError(cause error) error {
	reason := pageRequired
	if cause != nil && oauthflow.Explain(cause).Key == keyAdminApp {
		reason = pageAdminApp
	}
	return &oauthflow.Error{Kind: oauthflow.KindUnknown, Op: oauthflow.OpAuthorize, Reason: reason, Err: cause}
}

// adminAppError is what the user reports with the admin-app key on the
// authorize screen: the browser says "An account admin is required".
func adminAppError() error {
	return &oauthflow.Error{Kind: oauthflow.KindUnknown, Op: oauthflow.OpAuthorize, Reason: pageAdminApp}
}

// otherTimeoutCauses are the causes of "nothing came back from the
// browser" other than the pre-approval wall, most likely first (the same
// list the pre-approval guide shows).
func otherTimeoutCauses() []string { return assets.OtherTimeoutCauses() }

// numbered renders items as "1. ...", "2. ...", from first.
func numbered(items []string, first int) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = strconv.Itoa(first+i) + ". " + it
	}
	return strings.Join(out, "\n")
}

// guideCause is the guide's name for what led to the screen: the
// pre-approval wall as a fact (nil: the user reported the page), as the
// most likely cause of a timeout, the admin-app wall, or 4738.
func guideCause(cause error) assets.Cause {
	switch {
	case cause == nil:
		return assets.CauseRequired
	case oauthflow.KindOf(cause) == oauthflow.KindTimeout:
		return assets.CauseLikely
	case oauthflow.Explain(cause).Key == keyAdminApp:
		return assets.CauseAdminApp
	case oauthflow.KindOf(cause) == oauthflow.KindDisabledByAdmin:
		return assets.CauseDisabled
	}
	return assets.CauseRequired
}

// guideData is what the guide needs from the screen's state.
func (s *Preapproval) guideData() assets.GuideData {
	return assets.GuideData{
		Cause:        guideCause(s.cause),
		Admin:        s.admin,
		OwnApp:       s.creds.AuthType == storage.AuthOwnApp,
		AdminContact: adminContact(s.env, s.creds),
		Saving:       s.env.Store != nil && !s.pending,
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
	return assets.GuideKeys{Copy: k.Copy.Help().Key, Save: k.Save.Help().Key, Retry: k.Retry.Help().Key,
		Admin: k.Admin.Help().Key, Paste: k.Paste.Help().Key}
}
