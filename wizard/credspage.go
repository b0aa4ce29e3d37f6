package wizard

import (
	"strings"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Field is an input of the credentials screen.
type Field string

// The credentials screen's inputs.
const (
	FieldClientID Field = "client_id"
	FieldSecret   Field = "secret"
	FieldEmail    Field = "email"
)

// CredsFields are the inputs asked for auth type t: for the organization's
// provisioned app only the optional expected email (the ID and secret come
// from its file), else the client ID, the secret and the email.
func CredsFields(c *Config, t storage.AuthType) []Field {
	if t == storage.AuthOrgApp && c.OrgApp != nil {
		return []Field{FieldEmail}
	}
	return []Field{FieldClientID, FieldSecret, FieldEmail}
}

// FieldText is what a front end shows of a field: its label, the
// placeholder of an empty input, and the question the accessible mode
// asks. revealKey names the key that shows or hides the secret (""
// where typing is never shown, as in the accessible mode).
func FieldText(c *Config, f Field, revealed bool, revealKey string) (label, placeholder, question string) {
	t := c.T
	switch f {
	case FieldClientID:
		return t.T("creds.client_id"), t.T("creds.client_id_placeholder"), t.T("creds.client_id_question")
	case FieldSecret:
		label = t.T("creds.secret_hidden", "Key", revealKey)
		if revealed {
			label = t.T("creds.secret_shown", "Key", revealKey)
		}
		return label, t.T("creds.secret_placeholder"), t.T("creds.secret_question")
	}
	return t.T("creds.email"), t.T("creds.email_placeholder"), t.T("creds.email_question")
}

// CheckField returns what to fix in the (trimmed) value of f, "" when it
// is fine; clientID is the client ID typed, which a secret must not repeat.
func CheckField(c *Config, f Field, v, clientID string) string {
	switch f {
	case FieldClientID:
		return CheckClientID(c.T, v)
	case FieldSecret:
		return CheckClientSecret(c.T, v, clientID)
	}
	return CheckEmail(c.T, v)
}

// CredsPage is the credentials screen around its fields: for the
// organization's app which app is used and where it came from, for the
// person's own app how to set it up in the Zoom App Marketplace. fields
// are the field blocks the front end built (page.Field, with its own
// values and focus); continueKey names the key that goes on.
func CredsPage(c *Config, t storage.AuthType, fields []page.Block, continueKey string) page.Page {
	tr := c.T
	if t == storage.AuthOrgApp && c.OrgApp != nil {
		app := c.OrgApp
		p := page.Page{Title: tr.T("creds.title_org")}
		summary := tr.T("creds.org_summary", "Name", orgName(c, app), "ClientID", app.ClientID, "Source", OrgAppSource(c, app))
		secret := tr.T("creds.org_secret_hidden")
		if app.ClientSecret == "" {
			secret = tr.T("creds.org_public")
		}
		p.Add(page.Para(summary + " " + secret))
		p.Add(fieldsUnder(fields)...)
		return *p.Add(page.Note(tr.T("creds.org_continue", "Key", continueKey)))
	}
	p := page.Page{Title: tr.T("creds.title_own")}
	p.Add(fieldsUnder(fields)...)
	return *p.Add(OwnAppGuide(c)...)
}

// fieldsUnder puts fields under each other with no blank line between.
func fieldsUnder(fields []page.Block) []page.Block {
	out := make([]page.Block, len(fields))
	for i, f := range fields {
		out[i] = f
		if i > 0 {
			out[i] = f.Under()
		}
	}
	return out
}

// OwnAppGuide says how to set up a bring-your-own app in the Zoom App
// Marketplace: the redirect URL, the scopes, the public client option.
func OwnAppGuide(c *Config) []page.Block {
	t := c.T
	redirect := t.T("creds.guide_redirect", "URL", RedirectURL(c.Port))
	if c.Port == 0 {
		redirect += " " + t.T("creds.guide_port", "Flag", "zoomconnect --port 8765", "URL", RedirectURL(8765))
	}
	scopes := t.T("creds.guide_scopes", "Granular", strings.Join(oauthflow.ScopeNamesFor(true), " "),
		"Classic", strings.Join(oauthflow.ScopeNamesFor(false), " "))
	return []page.Block{
		page.Heading(t.T("creds.guide_title")),
		page.List(redirect, scopes, t.T("creds.guide_public")).Under(),
	}
}

// ResumePage asks for the client secret of resumed attempt r again (no
// keyring kept it when the attempt stopped): which app it is, and the
// secret field the front end built.
func ResumePage(c *Config, r Creds, field page.Block) page.Page {
	t := c.T
	app := r.AppName
	if app == "" {
		app = r.App.ClientID
	}
	p := page.Page{Title: t.T("creds.title_resume")}
	p.Add(page.Para(t.T("creds.resume_secret", "App", app, "ClientID", r.App.ClientID)), field)
	return p
}

// ResumedCreds are the credentials of resumed attempt r with the secret
// typed again.
func ResumedCreds(r Creds, secret string) Creds {
	r.App.ClientSecret = secret
	return r
}
