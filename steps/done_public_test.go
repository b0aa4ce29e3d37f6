package steps

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// TestDonePublicClientSavesTokensOnly (issue 8): a public client has no
// client secret, so the screen does not claim one was saved.
func TestDonePublicClientSavesTokensOnly(t *testing.T) {
	m := savedMsg("default")
	m.Profile.PublicClient = true
	s := NewDone(testEnv(t), m)
	s.SetSize(120, 30)
	v := plain(s)
	mustContain(t, v, "Tokens: system keyring")
	if strings.Contains(v, "client secret") {
		t.Errorf("a public client's done screen names a client secret:\n%s", v)
	}
}

// TestDoneNamesWhereTheReplacedNameLeads (issue 7 item 13).
func TestDoneNamesWhereTheReplacedNameLeads(t *testing.T) {
	m := savedMsg("work")
	m.Replaced = []string{"default"}
	s := NewDone(testEnv(t), m)
	s.SetSize(120, 30)
	mustContain(t, plain(s), "replaces the earlier profile default", "a command run with it says to use --profile work")
}

// TestDoneFrench: the screen reads French at 80×24 and 120×40.
func TestDoneFrench(t *testing.T) {
	env := testEnv(t)
	env.W.T = i18n.New(i18n.French)
	m := savedMsg("work")
	m.Replaced = []string{"default"}
	s := NewDone(env, m)
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		s.SetSize(sz[0], sz[1])
		ubCheckFits(t, "done (French)", s.View(), sz[0], sz[1])
	}
	mustContain(t, plain(s), "Connecté en tant que Ada Lovelace", "Jetons et secret client", "vérifier la connexion")
	if s.Title() != "Connecté" {
		t.Errorf("title %q", s.Title())
	}
}
