package wizard

import (
	"path/filepath"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// DonePage is the last screen: who is connected (and without which
// scopes, with what to do), what was saved where (the profile's path, the
// secrets' location), which earlier profiles it replaced and that their
// names now point here, the sandbox note, and the next commands.
func DonePage(c *Config, s Saved) page.Page {
	t, p := c.T, s.Profile
	pg := page.Page{Title: t.T("done.title")}
	who := person(t, p.DisplayName, p.Email)
	if missing := DoneMissing(s); len(missing) > 0 {
		fix := "done.missing_own"
		if p.AuthType == storage.AuthOrgApp {
			fix = "done.missing_org"
		}
		pg.Add(page.Warn(t.T("done.connected_missing", "Who", who, "Scopes", monoList(missing))),
			page.Para(t.T(fix, "Command", doneLogin(c, p))).Under())
	} else {
		pg.Add(page.OK(t.T("done.connected", "Who", who)))
	}
	pg.Add(page.Heading(t.T("done.saved")), page.List(savedItems(c, s)...).Under())
	if c.Sandbox != nil {
		pg.Add(page.Warn(t.T("done.sandbox")))
	}
	return *pg.Add(page.Heading(t.T("done.next")), nextRows(c, p.Name).Under())
}

// savedItems say what was saved where, and what the save replaced.
func savedItems(c *Config, s Saved) []string {
	t, p := c.T, s.Profile
	secrets := "done.secrets"
	if p.PublicClient {
		secrets = "done.secrets_public"
	}
	items := []string{
		t.T("done.profile", "Name", p.Name, "Path", ProfilePath(c, p.Name)),
		t.T(secrets, "Where", doneWhere(c, s)),
	}
	if n := len(s.Replaced); n > 0 {
		items = append(items, t.N("done.replaced", n, "Profiles", i18n.Raw(t.List(monoItems(s.Replaced)))),
			t.N("done.replaced_note", n, "Name", p.Name))
	}
	return items
}

// DoneMissing lists the required scopes the saved connection lacks (nil
// when Zoom reported no scopes at all: nothing to compare).
func DoneMissing(s Saved) []string {
	granted := s.Profile.GrantedScopes
	if len(granted) == 0 {
		return nil
	}
	return oauthflow.ReviewScopes(granted).Missing
}

// ProfilePath is where the profile file lives, as the store says
// (storage.Store.ProfilePath); it is only shown, never opened. With no
// store configured it names the default location symbolically.
func ProfilePath(c *Config, name string) string {
	st := c.Store
	if st == nil || st.ConfigDir == "" {
		st = &storage.Store{ConfigDir: filepath.Join("$XDG_CONFIG_HOME", storage.AppDirName)}
	}
	return st.ProfilePath(name)
}

// doneWhere says where the secrets went, as markup: the keyring's name in
// words, a file's path as code.
func doneWhere(c *Config, s Saved) i18n.Raw {
	switch {
	case s.Profile.SecretBackend == storage.BackendFile && s.Where != "":
		return i18n.Raw("`" + s.Where + "`")
	case s.Profile.SecretBackend == storage.BackendFile:
		return i18n.Raw("`" + SecretsWhere(c, storage.BackendFile) + "`")
	}
	return i18n.Raw(KeyringName(c))
}

// doneLogin is the command that authorizes this profile again (in the
// sandbox when the run used it).
func doneLogin(c *Config, p storage.Profile) string {
	if c.Sandbox != nil {
		p.AuthBaseURL = storage.SandboxMarker
	}
	return storage.LoginCommandFor(&p)
}

// nextRows are the follow-up commands for profile name, each with what
// it does.
func nextRows(c *Config, name string) page.Block {
	t := c.T
	row := func(sub, id string) page.Item {
		return page.Item{Text: "`" + CommandFor(name, sub) + "`", Detail: t.T(id)}
	}
	return page.Rows(row("status", "done.cmd_status"), row("token", "done.cmd_token"), row("logout", "done.cmd_logout"))
}

// CommandFor spells zoomconnect's subcommand sub for profile name: with
// --profile unless it is the default profile.
func CommandFor(name, sub string) string {
	cmd := "zoomconnect " + sub
	if name != "" && name != storage.DefaultProfileName {
		cmd += " --profile " + name
	}
	return cmd
}

// person names someone by name and email, whichever Zoom gave.
func person(t *i18n.Printer, name, email string) string {
	switch {
	case name != "" && email != "":
		return t.T("done.who", "Name", name, "Email", email)
	case name != "" || email != "":
		return name + email
	}
	return t.T("done.someone")
}

// monoItems are names as code spans.
func monoItems(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = string(monoList([]string{n}))
	}
	return out
}
