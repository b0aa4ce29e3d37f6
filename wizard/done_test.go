package wizard

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

func savedAs(name string) Saved {
	return Saved{Profile: storage.Profile{Name: name, DisplayName: "Ada Lovelace", Email: "ada@example.com",
		SecretBackend: storage.BackendKeyring, GrantedScopes: oauthflow.RequiredScopes()}}
}

func doneText(c *Config, s Saved) string {
	p := DonePage(c, s)
	return p.Title + "\n" + blocksText(p.Blocks)
}

func TestDonePageSaysWhatWasSavedWhere(t *testing.T) {
	c := testConfig(i18n.English)
	c.Store = &storage.Store{ConfigDir: "/home/ada/.config/zoomconnect", DataDir: "/home/ada/.local/share/zoomconnect"}
	text := doneText(c, savedAs("default"))
	mustHave(t, "done", text, "Connected", "Connected as Ada Lovelace <ada@example.com>",
		"Profile default (no secrets): /home/ada/.config/zoomconnect/profiles/default.json",
		"Tokens and client secret: "+KeyringName(c), "zoomconnect status", "check the connection", "zoomconnect logout")
	mustNotHave(t, "done", text, "--profile", "replaces", "sandbox")
	file := savedAs("work")
	file.Profile.SecretBackend, file.Where = storage.BackendFile, "/s/work.json"
	mustHave(t, "done with a file", doneText(c, file), "Tokens and client secret: /s/work.json",
		"zoomconnect status --profile work", "zoomconnect token --profile work")
	// The path is code, the keyring's name is words.
	for _, b := range DonePage(c, file).Blocks {
		for _, it := range b.Items {
			if strings.Contains(it.Text, "/s/work.json") && !strings.Contains(it.Text, "`/s/work.json`") {
				t.Errorf("the secrets path is not code: %q", it.Text)
			}
		}
	}
}

// TestDonePagePublicClientHasNoSecret (issue 8): a public client has no
// client secret, so only tokens were saved.
func TestDonePagePublicClientHasNoSecret(t *testing.T) {
	c := testConfig(i18n.English)
	s := savedAs("default")
	s.Profile.PublicClient = true
	text := doneText(c, s)
	mustHave(t, "public client", text, "Tokens: "+KeyringName(c))
	mustNotHave(t, "public client", text, "client secret")
	if fr := doneText(testConfig(i18n.French), s); !strings.Contains(fr, "Jetons\u00a0: ") || strings.Contains(fr, "secret client") {
		t.Errorf("French public client:\n%s", fr)
	}
}

// TestDonePageSaysWhatItReplaced (issue 7 item 13): the profiles this save
// replaced are named, and so is what their names now do.
func TestDonePageSaysWhatItReplaced(t *testing.T) {
	c := testConfig(i18n.English)
	s := savedAs("work")
	s.Replaced = []string{"default"}
	mustHave(t, "one replaced", doneText(c, s), "It replaces the earlier profile default (same Zoom user and app",
		"The old name is kept as a note that points here: a command run with it says to use --profile work.")
	s.Replaced = []string{"a", "b"}
	mustHave(t, "two replaced", doneText(c, s), "It replaces the earlier profiles a and b", "The old names are kept as notes")
	fr := doneText(testConfig(i18n.French), s)
	mustHave(t, "French replaced", fr, "Elle remplace les profils précédents a et b", "indique d’utiliser --profile work")
}

func TestDonePageMissingScopesAndSandbox(t *testing.T) {
	c := testConfig(i18n.English)
	s := savedAs("work")
	s.Profile.GrantedScopes = []string{"user:read:user"}
	text := doneText(c, s)
	mustHave(t, "missing", text, "Connected as Ada Lovelace <ada@example.com>, but without the scopes meeting:write, recording:read",
		"4711", "Add them to your app in the Zoom App Marketplace", "then run zoomconnect login --profile work to authorize again")
	s.Profile.AuthType = storage.AuthOrgApp
	c.Sandbox = &Sandbox{}
	text = doneText(c, s)
	mustHave(t, "org app in the sandbox", text, "Ask your Zoom admin", "zoomconnect login --sandbox --profile work",
		"A sandbox connection: its tokens work only with the built-in sandbox")
	var warn int
	for _, b := range DonePage(c, s).Blocks {
		if b.Kind == page.KindWarn {
			warn++
		}
	}
	if warn != 2 {
		t.Errorf("%d warnings, want the missing scopes and the sandbox", warn)
	}
}

func TestDonePageFrench(t *testing.T) {
	c := testConfig(i18n.French)
	c.Sandbox = &Sandbox{}
	s := savedAs("work")
	s.Replaced = []string{"default"}
	s.Profile.GrantedScopes = []string{"user:read:user"}
	text := doneText(c, s)
	checkText(t, "done", text, i18n.French)
	mustHave(t, "French done", text, "Connecté", "Jetons et secret client", "vérifier la connexion", "bac à sable")
	s.Profile.DisplayName, s.Profile.Email = "", ""
	mustHave(t, "nobody", doneText(c, s), "votre compte Zoom")
}
