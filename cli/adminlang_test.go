package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// `admin request` speaks --lang by default and --request-lang when given,
// whatever the language of the rest; a language it does not know is a
// usage error that says which ones work.
func TestAdminRequestLanguage(t *testing.T) {
	st := testStore(t)
	if err := st.SaveProfile(&storage.Profile{Name: "default", AppName: "Acme", ClientID: "C1", Email: "a@example.com"}); err != nil {
		t.Fatal(err)
	}
	english, french := `please pre-approve the Zoom app "Acme"`, "préapprouver l’application Zoom «\u00a0Acme\u00a0»"
	for _, c := range []struct {
		args      []string
		env       map[string]string
		want, not string
	}{
		{nil, nil, english, french},
		{[]string{"--lang", "fr"}, nil, french, english},
		{nil, map[string]string{"LANG": "fr_FR.UTF-8"}, french, english},
		{[]string{"--request-lang", "fr"}, nil, french, english},
		{[]string{"--lang", "fr", "--request-lang", "en"}, nil, english, french},
		{[]string{"--request-lang", "fr_CA"}, nil, french, english},
	} {
		r := runCLI(t, st, c.env, "", append([]string{"admin", "request"}, c.args...)...)
		if r.code != 0 || !strings.Contains(r.stdout, c.want) || strings.Contains(r.stdout, c.not) {
			t.Errorf("admin request %v (env %v): exit %d, want %q and not %q:\n%s%s", c.args, c.env, r.code, c.want, c.not, r.stdout, r.stderr)
		}
	}
	r := runCLI(t, st, nil, "", "admin", "request", "--request-lang", "de")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "--request-lang") || !strings.Contains(r.stderr, "en (English) or fr (French)") {
		t.Errorf("--request-lang de: exit %d, stderr %s", r.code, r.stderr)
	}
}

// The wizard (root and login) takes --request-lang into its
// configuration; without it the request follows the screen's language.
func TestWizardRequestLanguage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want i18n.Lang
	}{
		{[]string{"--sandbox", "--no-browser", "--request-lang", "fr"}, i18n.French},
		{[]string{"login", "--sandbox", "--no-browser", "--request-lang", "fr"}, i18n.French},
		{[]string{"--sandbox", "--no-browser", "--lang", "fr"}, i18n.French},
		{[]string{"--sandbox", "--no-browser", "--lang", "fr", "--request-lang", "en"}, i18n.English},
		{[]string{"--sandbox", "--no-browser"}, i18n.English},
	} {
		var got i18n.Lang
		r := runCLIWith(t, testStore(t), nil, "", func(o *rootOptions) {
			o.hooks.assumeTerminal = true
			o.hooks.wizard = func(_ context.Context, env *wizard.Config) (wizard.Saved, error) {
				got = env.RequestLanguage()
				return wizard.Saved{}, wizard.ErrCanceled
			}
		}, c.args...)
		if got != c.want {
			t.Errorf("%v: the wizard writes the request in %q, want %q (exit %d, %s)", c.args, got, c.want, r.code, r.stderr)
		}
	}
}

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
