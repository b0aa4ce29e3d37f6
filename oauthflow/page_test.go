package oauthflow

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// TestSuccessPageClaimsNoSave (issue 8): when Zoom comes back, nothing is
// saved yet (the terminal reviews and saves), so the page must not say
// "Connected"; and the pages speak the run's language.
func TestSuccessPageClaimsNoSave(t *testing.T) {
	en := dataFor(i18n.New(i18n.English), pageSuccess, nil)
	if strings.Contains(strings.ToLower(en.Title+en.Body), "connected") || !strings.Contains(en.Body, "not saved yet") {
		t.Errorf("success page claims more than happened: %+v", en)
	}
	fr := dataFor(i18n.New(i18n.French), pageSuccess, nil)
	if fr.Title != "Autorisation reçue" || fr.Lang != "fr" || !strings.Contains(fr.Body, "pas encore enregistrée") {
		t.Errorf("French success page: %+v", fr)
	}
	if nf := dataFor(nil, pageNotFound, nil); nf.Next != "" || nf.Title == "" {
		t.Errorf("not-found page: %+v", nf)
	}
}
