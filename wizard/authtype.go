package wizard

import (
	"errors"
	"strings"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// AuthTypes are the ways to connect, in the order the screen offers them.
func AuthTypes() []storage.AuthType {
	return []storage.AuthType{storage.AuthOrgApp, storage.AuthOwnApp}
}

// AuthTypeCursor is the way the screen focuses first: the organization's
// app when one is provisioned, else bringing one's own.
func AuthTypeCursor(c *Config) int {
	if c.OrgApp == nil {
		return 1
	}
	return 0
}

// ChooseAuthType is what choosing t does: the event to go on, or, for the
// organization's app when none is provisioned, a notice to show instead.
func ChooseAuthType(c *Config, t storage.AuthType) (Event, string) {
	if t == storage.AuthOrgApp && c.OrgApp == nil {
		return nil, c.T.T("authtype.none_notice")
	}
	return AuthTypeChosen{Type: t}, ""
}

// AuthTypePage is the "Choose how to connect" screen: each way with what
// it needs (for the organization's app, where it comes from or how an
// admin provisions one), the focused one at cursor, and a notice after a
// choice that cannot be taken.
func AuthTypePage(c *Config, cursor int, notice string) page.Page {
	t := c.T
	org := t.T("authtype.org")
	if c.OrgApp == nil {
		org = t.T("authtype.org_unavailable")
	}
	p := page.Page{Title: t.T("authtype.title")}
	ch := page.Choices(cursor,
		page.Item{Text: org, Detail: strings.Join(orgAppLines(c), "\n"), Off: c.OrgApp == nil},
		page.Item{Text: t.T("authtype.own"), Detail: t.T("authtype.own_detail")},
	)
	ch.Text = t.T("authtype.question")
	p.Add(ch)
	if notice != "" {
		p.Add(page.Fail(notice))
	}
	return p
}

// OrgAppSource says where the organization's app came from, as a part
// of a sentence: its app.json path or flag as code, or the built-in
// sandbox in words.
func OrgAppSource(c *Config, app *storage.OrgApp) i18n.Raw {
	if app.Builtin {
		return i18n.Raw(c.T.T("authtype.source_sandbox"))
	}
	return i18n.Raw(c.T.T("authtype.source_path", "Path", app.Path))
}

// orgAppLines describe the organization's app: where it came from, or why
// none can be used and how an admin provisions one.
func orgAppLines(c *Config) []string {
	t := c.T
	if app := c.OrgApp; app != nil {
		return []string{t.T("authtype.org_from", "Name", orgName(c, app), "ClientID", app.ClientID, "Source", OrgAppSource(c, app))}
	}
	sys, user := OrgAppSystemPath, OrgAppUserPath
	var lines []string
	var nf *storage.OrgAppNotFoundError
	switch {
	case errors.As(c.OrgAppErr, &nf) && len(nf.Searched) > 0:
		sys, user = nf.Searched[0], nf.Searched[len(nf.Searched)-1]
		lines = append(lines, t.T("authtype.none_looked", "Paths", strings.Join(nf.Searched, ", ")))
	case c.OrgAppErr != nil:
		lines = append(lines, t.T("authtype.unusable", "Reason", ReasonIn(t, c.OrgAppErr)),
			t.T("authtype.details", "Details", oauthflow.Sanitize(c.OrgAppErr.Error())))
	default:
		lines = append(lines, t.T("authtype.none"))
	}
	return append(lines,
		t.T("authtype.provision", "System", sys, "User", user),
		"`"+OrgAppExample+"`",
		t.T("authtype.provision_flag"))
}

// OrgAppExample is an app.json an admin can start from.
const OrgAppExample = `{"name": "Acme Zoom", "client_id": "AbCdEfGhIjKlMnOpQrSt", "admin_contact": "it@example.com"}`

// orgName is the organization app's name, or a neutral one.
func orgName(c *Config, app *storage.OrgApp) string {
	if app.Name == "" {
		return c.T.T("authtype.org_default_name")
	}
	return app.Name
}
