package cli

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/storage"
)

// `admin guide` and `admin preapproval --markdown` speak --lang: the
// French guide is French (Zoom's French labels, French typography) and
// still carries the checklist and the workstation check.
func TestAdminGuideInFrench(t *testing.T) {
	r := runCLI(t, testStore(t), nil, "", "admin", "guide", "--lang", "fr")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	for _, want := range []string{"le guide de l’administrateur", "/etc/xdg/zoomconnect/app.json", "- [ ] **Connectez-vous",
		"Gérer → Autorisations", "`zoomconnect doctor`", "## 4. Vérifier un poste"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("French admin guide lacks %q", want)
		}
	}
	if strings.Contains(r.stdout, "{{") || strings.Contains(r.stdout, "Check a workstation") {
		t.Errorf("French admin guide is not rendered or not French:\n%s", r.stdout)
	}
	for _, p := range i18n.CheckTypography(r.stdout) {
		t.Errorf("French admin guide: %s", p)
	}
	en := runCLI(t, testStore(t), nil, "", "admin", "guide")
	if want := adminGuideEN[:strings.Index(adminGuideEN, "{{")]; !strings.HasPrefix(en.stdout, want) ||
		!strings.HasSuffix(en.stdout, "`zoomconnect errors` explains every Zoom error code.\n") {
		t.Errorf("English admin guide changed shape:\n%s", en.stdout)
	}
	md := runCLI(t, testStore(t), nil, "", "admin", "preapproval", "--markdown", "-", "--lang", "fr")
	if md.code != 0 || !strings.HasPrefix(md.stdout, "# Préapprouver une application Zoom") {
		t.Errorf("French checklist: exit %d\n%s", md.code, md.stdout)
	}
}

// A saved attempt's reason words the request: after 4738 "again", for an
// admin-managed app "install"; the sandbox is named as such, not by URL.
func TestAdminRequestFollowsThePendingReason(t *testing.T) {
	for reason, want := range map[string]string{
		"oauth:4738":            `pre-approve the Zoom app "Acme" for me again`,
		"preapproval:admin_app": `please install the Zoom app "Acme" for our account`,
		"preapproval":           `# Request: please pre-approve the Zoom app "Acme"` + "\n",
	} {
		st := testStore(t)
		p := storage.Pending{Profile: "default", AuthType: storage.AuthOwnApp, AppName: "Acme", ClientID: "C1",
			AuthBaseURL: storage.SandboxMarker, Stage: "preapproval", Reason: reason}
		if err := st.SavePending(t.Context(), p, ""); err != nil {
			t.Fatal(err)
		}
		r := runCLI(t, st, nil, "", "admin", "request")
		if r.code != 0 || !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "built-in sandbox") {
			t.Errorf("reason %q: exit %d, want %q and the sandbox:\n%s%s", reason, r.code, want, r.stdout, r.stderr)
		}
	}
}
