package accessible

import (
	"errors"
	"strings"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// welcome says what the wizard does and how to answer.
func (w *conversation) welcome() {
	w.say("zoomconnect (accessible mode: one question at a time; answer and press enter; ctrl+c or ctrl+d quits)")
	if sb := w.env.Sandbox; sb != nil {
		w.say("Note: sandbox mode. A built-in fake Zoom runs on this computer; no real Zoom account is used.")
		if sb.Scenario != "" {
			w.say("Sandbox scenario: " + sb.Scenario + ".")
		}
	}
	w.say("zoomconnect connects this computer to your Zoom account with OAuth 2.0 and stores the connection safely, so your tools can call Zoom for you.",
		"You type your Zoom password only on zoom.us in your browser, never here.")
}

// resume offers to resume the profile's pending attempt (one that
// stopped at the pre-approval wall), like the welcome screen; true means
// w.creds holds it.
func (w *conversation) resume() (bool, error) {
	p, secret := wizard.LoadPending(w.ctx, w.env) // none, or unreadable: start over
	if p == nil {
		return false, nil
	}
	app := p.AppName
	if app == "" {
		app = p.ClientID
	}
	w.blank()
	w.say("You stopped earlier (" + app + "): " + wizard.PendingWhy(p.Reason) + ", since " + p.CreatedAt.Local().Format("2006-01-02 15:04") + ".")
	i, err := w.choose("Resume where you stopped, or start over?", []string{"Resume where you stopped", "Start over"}, 0)
	if err != nil || i == 1 {
		return false, err
	}
	w.creds = wizard.ResumeCreds(w.env, p, secret)
	return true, nil
}

// chooseApp asks how to connect and gathers the app's credentials.
func (w *conversation) chooseApp() error {
	w.section("Choose how to connect")
	org := "Your organization's Zoom app"
	if app := w.env.OrgApp; app != nil {
		org += " (" + orgName(app) + ", client ID " + app.ClientID + ", from " + app.Path + ")"
	} else {
		org += " (not available: none is provisioned)"
	}
	def := 0
	if w.env.OrgApp == nil {
		def = 1
	}
	for {
		i, err := w.choose("How do you want to connect?", []string{org, "Your own OAuth app (client ID and secret from marketplace.zoom.us)"}, def)
		if err != nil {
			return err
		}
		if i == 1 {
			return w.ownApp()
		}
		if w.env.OrgApp != nil {
			return w.orgApp()
		}
		w.noOrgApp()
	}
}

func orgName(app *storage.OrgApp) string {
	if app.Name == "" {
		return "Organization app"
	}
	return app.Name
}

// noOrgApp says that no organization app is provisioned and how an admin
// provisions one.
func (w *conversation) noOrgApp() {
	sys, user := wizard.OrgAppSystemPath, wizard.OrgAppUserPath
	var nf *storage.OrgAppNotFoundError
	switch {
	case errors.As(w.env.OrgAppErr, &nf) && len(nf.Searched) > 0:
		sys, user = nf.Searched[0], nf.Searched[len(nf.Searched)-1]
		w.say("No organization app is provisioned on this computer (looked in " + strings.Join(nf.Searched, ", ") + ").")
	case w.env.OrgAppErr != nil:
		w.say("The organization's app file cannot be used. " + wizard.Reason(w.env.OrgAppErr))
	default:
		w.say("No organization app is provisioned on this computer.")
	}
	w.say("An admin provisions one by writing "+sys+" (every user) or "+user+" (one user), for example:",
		`  {"name": "Acme Zoom", "client_id": "AbCdEfGhIjKlMnOpQrSt", "admin_contact": "it@example.com"}`,
		"or runs zoomconnect with --client-id ID. Choose your own app instead, or quit.")
}

// orgApp uses the provisioned app; only the optional email is asked.
func (w *conversation) orgApp() error {
	app := w.env.OrgApp
	w.section("The app's credentials")
	w.say("Using " + orgName(app) + ", client ID " + app.ClientID + " (from " + app.Path + "). Its client secret is not shown.")
	email, err := w.askEmail()
	if err != nil {
		return err
	}
	w.creds = wizard.OrgCreds(w.env, email)
	return nil
}

// ownApp shows how to set up a bring-your-own app and asks for its
// client ID, secret and the optional email.
func (w *conversation) ownApp() error {
	w.section("The app's credentials")
	w.ownAppGuide()
	id, err := w.askValid("Client ID:", false, wizard.CheckClientID)
	if err != nil {
		return err
	}
	secret, err := w.askValid("Client secret (not shown as you type; leave empty for a public client):", true,
		func(v string) string { return wizard.CheckClientSecret(v, id) })
	if err != nil {
		return err
	}
	email, err := w.askEmail()
	if err != nil {
		return err
	}
	w.creds = wizard.OwnCreds(w.env, id, secret, email)
	return nil
}

func (w *conversation) askEmail() (string, error) {
	return w.askValid("Expected Zoom account email (optional, press enter to skip; warns if you sign in as someone else):", false, wizard.CheckEmail)
}

// ownAppGuide says how to set up the app in the Zoom App Marketplace.
func (w *conversation) ownAppGuide() {
	w.say("Set up your app at marketplace.zoom.us, Manage, your app:")
	w.say("- Redirect URL for OAuth, and the OAuth Allow List: " + wizard.RedirectURL(w.env.Port))
	if w.env.Port == 0 {
		w.say("  Zoom ignores the loopback port when PKCE is used, so no port is needed. If your app insists on an exact match, run zoomconnect --port 8765 and register " + wizard.RedirectURL(8765) + " instead.")
	}
	w.say("- Scopes: "+strings.Join(oauthflow.ScopeNamesFor(true), " "),
		"  (apps with classic scopes: "+strings.Join(oauthflow.ScopeNamesFor(false), " ")+")",
		`- Public client: with "Use Public Client OAuth" on, use its client ID and leave the secret empty.`)
}
