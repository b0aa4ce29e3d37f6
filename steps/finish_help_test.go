package steps

import (
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// TestFinishHelpFitsIn80Columns (issue 8): the help line of the scope
// review, the confirm screen (every phase that waits for a key) and the
// done screen, after the root's quit and "more keys", fits the 78 columns
// an 80-column frame leaves, in English and in French, so no key that
// acts is cut; the full help has every key that acts.
func TestFinishHelpFitsIn80Columns(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		_, s, env, _ := newTestIdentity(t, "")
		env.W.T = i18n.New(lang)
		env.Keys = DefaultKeyMap(env.W.T)
		global := []key.Binding{env.Keys.Quit, env.Keys.Help}
		check := func(name string, st Step) {
			t.Helper()
			v := ansi.Strip(help.New().ShortHelpView(append(global, st.ShortHelp()...)))
			if w := ansi.StringWidth(v); w > 78 {
				t.Errorf("%s %s: help line %d columns: %q", lang, name, w, v)
			}
		}
		for _, mismatch := range []string{"", "someone.else@example.com"} {
			s.creds.ExpectedEmail = mismatch
			for _, ph := range []idPhase{idShow, idConsent, idFailed} {
				s.phase = ph
				check("identity", s)
			}
			s.phase = idShow
			if full := s.FullHelp(); len(full) != 1 || len(full[0]) != 3 {
				t.Errorf("full help %v, want save (or save anyway), start over and back", full)
			}
		}
		check("scopes", NewScopes(env, ubCreds(nil), &oauthflow.Result{}))
		check("done", NewDone(env, savedMsg("default")))
	}
}
