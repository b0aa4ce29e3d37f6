package assets

import (
	"slices"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// TestGuidesHaveTheSameShapeInEveryLanguage: every language has the same
// guide files, each template defines the same blocks, the checklist has
// the same IDs in the same order and the scope reasons the same scopes.
func TestGuidesHaveTheSameShapeInEveryLanguage(t *testing.T) {
	blocks := func(name string) []string {
		var out []string
		for _, b := range parse(name).Templates() {
			if b.Name() != name {
				out = append(out, b.Name())
			}
		}
		slices.Sort(out)
		return out
	}
	ids := func(l i18n.Lang) []string {
		var out []string
		for _, it := range AdminChecklistIn(l) {
			out = append(out, it.ID)
		}
		return out
	}
	scopes := func(l i18n.Lang) []string {
		var out []string
		for _, s := range DefaultScopeReasons(l) {
			out = append(out, s.Name+" "+strings.Join(s.Granular, " "))
		}
		return out
	}
	for _, l := range i18n.Langs()[1:] {
		for _, name := range renderedTemplates {
			if en, other := blocks(guide(i18n.English, name)), blocks(guide(l, name)); !slices.Equal(en, other) {
				t.Errorf("%s: blocks %v in English, %v in %s", name, en, other, l)
			}
		}
		if en, other := ids(i18n.English), ids(l); !slices.Equal(en, other) {
			t.Errorf("checklist IDs %v in English, %v in %s", en, other, l)
		}
		if en, other := scopes(i18n.English), scopes(l); !slices.Equal(en, other) {
			t.Errorf("scopes %v in English, %v in %s", en, other, l)
		}
		for _, it := range AdminChecklistIn(l) {
			if it.Title == "" || it.Detail == "" {
				t.Errorf("%s checklist item %s is incomplete: %+v", l, it.ID, it)
			}
		}
	}
}

// TestFrenchGuidesTypography: every French guide, in every variant, for
// every cause, follows the catalog's French typography (no-break spaces,
// « », the apostrophe ’), code spans and URLs aside.
func TestFrenchGuidesTypography(t *testing.T) {
	for _, c := range Causes() {
		for name, md := range guideRenders(i18n.French, c) {
			for _, p := range i18n.CheckTypography(md) {
				t.Errorf("%s, cause %q: %s", name, c, p)
			}
		}
	}
	for _, it := range AdminChecklistIn(i18n.French) {
		for _, p := range i18n.CheckTypography(it.Title + "\n" + it.Detail) {
			t.Errorf("checklist %s: %s", it.ID, p)
		}
	}
}

// TestFrenchGuidesAreFrench: the French guides are not the English ones
// (a copied file would pass every other test), and they use Zoom's French
// labels where they are known, the English one in « » where not.
func TestFrenchGuidesAreFrench(t *testing.T) {
	fr := map[string]string{
		"guide":     PreapprovalGuide(i18n.French, GuideData{Cause: CauseRequired, OwnApp: true}),
		"request":   AdminRequest(i18n.French, AdminRequestData{AppName: "Acme", ClientID: "id1", Scopes: DefaultScopeReasons(i18n.French)}),
		"checklist": ChecklistMarkdown(i18n.French, AdminChecklistIn(i18n.French), nil),
	}
	want := map[string][]string{
		"guide":     {"Ce qui se passe", "votre administrateur Zoom", "Gérer → «\u00a0App Requests\u00a0»", "«\u00a0Request pre-approval\u00a0»"},
		"request":   {"# Demande\u00a0: préapprouver l’application Zoom «\u00a0Acme\u00a0»", "Bonjour,", "`meeting:write`\u00a0: pour créer", "Qui préapprouver", "Merci\u202f!"},
		"checklist": {"Gérer → Autorisations", "Gestion des applications administrateur → Autorisations", "«\u00a0Who can install\u00a0»", "«\u00a0Pre-approve\u00a0»", "- [ ] **Connectez-vous"},
	}
	for name, md := range fr {
		for _, w := range want[name] {
			if !strings.Contains(md, w) {
				t.Errorf("French %s lacks %q:\n%s", name, w, md)
			}
		}
		for _, en := range []string{"What is happening", "Hello", "Who to pre-approve", "Sign in to the Zoom App Marketplace"} {
			if strings.Contains(md, en) {
				t.Errorf("French %s says the English %q", name, en)
			}
		}
	}
	if got := PreapprovalTitle(i18n.French, GuideData{}); got == PreapprovalTitle(i18n.English, GuideData{}) {
		t.Errorf("French title is the English one: %q", got)
	}
}

// TestAdminRequestNamesTheAppIDAndCommands: with the app's Marketplace ID
// the request names it, and gives the admin each of the commands it is
// given (wizard.AdminCommandsFor: approve the user's request and
// pre-approve them; after 4738 only the pre-approval; without the email
// the listing of the app's requests), in both languages, worded for
// them; the admin-managed app (which users cannot be approved for) and
// no commands give no terminal section.
func TestAdminRequestNamesTheAppIDAndCommands(t *testing.T) {
	const id = "HwSqvKE3RX6fR_k_nOqi7g"
	approve := "zoomconnect admin approve --app " + id + " pat@example.com"
	preapprove := "zoomconnect admin preapprove --app " + id + " --user pat@example.com"
	requests := "zoomconnect admin requests --app " + id
	for _, l := range i18n.Langs() {
		req := func(c Cause, appID, email string, cmds ...string) string {
			return AdminRequest(l, AdminRequestData{Cause: c, AppName: "Acme", ClientID: "id1", AppID: appID, UserEmail: email, AdminCommands: cmds})
		}
		for _, c := range []Cause{CauseRequired, CauseLikely} {
			md := req(c, id, "pat@example.com", approve, preapprove)
			if !strings.Contains(md, "- `"+approve+"`") || !strings.Contains(md, "- `"+preapprove+"`") || !strings.Contains(md, "`"+id+"`") {
				t.Errorf("%s %s: the request lacks the app ID or its commands:\n%s", l, c, md)
			}
		}
		if md := req(CauseDisabled, id, "pat@example.com", preapprove); strings.Contains(md, "admin approve") || !strings.Contains(md, "`"+preapprove+"`") {
			t.Errorf("%s disabled: want only the pre-approve command:\n%s", l, md)
		}
		for _, md := range []string{req(CauseAdminApp, id, "pat@example.com", approve), req(CauseRequired, id, "pat@example.com")} {
			if strings.Contains(md, "zoomconnect admin ") && !strings.Contains(md, "zoomconnect admin login") || strings.Contains(md, "--app") {
				t.Errorf("%s: commands named where they do not apply:\n%s", l, md)
			}
		}
		if md := req(CauseRequired, id, "", requests); !strings.Contains(md, "- `"+requests+"`") || strings.Contains(md, "EMAIL") {
			t.Errorf("%s: without the email, the request does not give the listing of requests:\n%s", l, md)
		}
	}
}

// TestAdminRequestSaysWhatWasSeen: Zoom's own words are quoted in the
// language's quotation marks; a reported page is said when nothing was
// seen; the sandbox is named as a practice run, not as a Zoom host URL.
func TestAdminRequestSaysWhatWasSeen(t *testing.T) {
	for l, want := range map[i18n.Lang][]string{
		i18n.English: {`What zoomconnect saw: no answer (Zoom said: "The token is disabled by admin.")`, `What Zoom said: "Nope."`,
			"the Zoom authorization page showed the pre-approval screen instead of Allow", "built-in sandbox"},
		i18n.French: {"Ce que zoomconnect a constaté\u00a0: no answer (réponse de Zoom\u00a0: «\u00a0The token is disabled by admin.\u00a0»)",
			"Réponse de Zoom\u00a0: «\u00a0Nope.\u00a0»", "Ce que j’ai vu\u00a0:", "bac à sable intégré"},
	} {
		got := AdminRequest(l, AdminRequestData{ClientID: "c", Seen: "no answer", ZoomSaid: "The token is disabled by admin."}) +
			AdminRequest(l, AdminRequestData{ClientID: "c", ZoomSaid: "Nope."}) +
			AdminRequest(l, AdminRequestData{ClientID: "c", Reported: true, Sandbox: true, AuthHost: "http://127.0.0.1:1"})
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the requests lack %q:\n%s", l, w, got)
			}
		}
		if strings.Contains(got, "127.0.0.1") {
			t.Errorf("%s: the sandbox's URL is named as the Zoom host", l)
		}
	}
}

// TestTimeoutCausesInEveryLanguage: the authorize screen's list starts
// with the pre-approval wall, naming its key, then the other causes, the
// same number in every language.
func TestTimeoutCausesInEveryLanguage(t *testing.T) {
	for _, l := range i18n.Langs() {
		got := TimeoutCauses(l, GuideKeys{Preapproval: "P", Paste: "U"})
		if len(got) != 1+len(OtherTimeoutCauses(en, GuideKeys{})) || !strings.Contains(got[0], "Request pre-approval") ||
			!strings.HasSuffix(got[0], " P.") || !strings.Contains(got[3], " U ") {
			t.Errorf("%s: TimeoutCauses = %q", l, got)
		}
	}
}

// TestPreapprovalGuideNotKept: after a timeout nothing is saved, and the
// guide says so and how to confirm the wall, naming the keys.
func TestPreapprovalGuideNotKept(t *testing.T) {
	for _, l := range i18n.Langs() {
		md := PreapprovalGuide(l, GuideData{Cause: CauseLikely, NotKept: true, Keys: GuideKeys{Back: "B", Preapproval: "P"}})
		if !strings.Contains(md, " B ") || !strings.Contains(md, " P") || strings.Contains(md, "✓") {
			t.Errorf("%s: the guide does not say the attempt is not kept and how to confirm:\n%s", l, md)
		}
	}
}
