package steps

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// TestScopesHelpOnlyKeysThatAct (issue 8): the scroll keys are offered
// only while the review scrolls.
func TestScopesHelpOnlyKeysThatAct(t *testing.T) {
	_, s := newTestScopes(t, "meeting:write:admin")
	for _, row := range s.FullHelp() {
		for _, b := range row {
			if b.Help().Key == s.env.Keys.Scroll.Up.Help().Key {
				t.Fatalf("scroll keys offered at 200x60, where nothing scrolls")
			}
		}
	}
	s.SetSize(80, 8)
	if len(s.FullHelp()) != 2 {
		t.Fatalf("no scroll keys while the review scrolls: %v", s.FullHelp())
	}
}

// TestScopesFrench: the review reads French at 80×24 and 120×40, every
// row fits, and the keys named are the French key names.
func TestScopesFrench(t *testing.T) {
	env := ubEnv(t, nil, &ubOpener{})
	env.W.T = i18n.New(i18n.French)
	env.Keys = DefaultKeyMap(env.W.T)
	s := NewScopes(env, ubCreds(nil), &oauthflow.Result{Scopes: []string{"user:read:user", "meeting:write:admin"}})
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		s.SetSize(sz[0], sz[1])
		ubCheckFits(t, "scopes (French)", s.View(), sz[0], sz[1])
	}
	s.SetSize(120, 80)
	v := flat(plain(s))
	mustContain(t, v, "Ce dont zoomconnect a besoin", "✗ recording:read (manquante)", "Appuyez sur Entrée pour continuer malgré tout, ou sur Échap")
	if strings.Contains(v, "Press") || s.Title() != "Vérifier les autorisations accordées" {
		t.Errorf("English left:\n%s", v)
	}
}
