package cli

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/admin"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// loginInput is what admin login was given on the command line.
type loginInput struct {
	accountID, clientID string
	secretStdin         bool
}

func (a *adminOptions) loginCmd() *cobra.Command {
	var in loginInput
	cmd := &cobra.Command{
		Use:   "login",
		Short: "Save and check your Server-to-Server OAuth app",
		Long: `Save the Server-to-Server OAuth app of your Zoom account that the admin
commands use (Account ID, Client ID, Client Secret from its App Credentials
page), apart from every connection: an admin profile, its secret in the
system keyring (a 0600 file only with --insecure-storage or your consent).
It checks the app at once: a token, then a read call, and names every
missing scope by its exact granular name, with where to add it.

Without flags, in a terminal, it asks for the three values (the secret is
not shown as you type); with a saved profile and no flags it checks that
profile again. Under --sandbox it uses the sandbox's demo app: nothing to
type. Exit 0 when the app has every scope, 10 when it lacks some (saved
anyway), 8 when Zoom refused the credentials (nothing saved).`,
		Example: `  zoomconnect admin login
  zoomconnect admin login --account-id ACCT --client-id ID \
    --client-secret-stdin < secret.txt
  zoomconnect admin login --sandbox`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			defer a.close()
			return a.login(cmd.Context(), in)
		},
	}
	f := cmd.Flags()
	f.StringVar(&in.accountID, "account-id", "", "the app's Account ID")
	f.StringVar(&in.clientID, "client-id", "", "the app's Client ID")
	f.BoolVar(&in.secretStdin, "client-secret-stdin", false, "read the Client Secret from stdin's first line")
	addJSONFlag(cmd, &a.asJSON)
	a.addFlags(cmd, false)
	a.root.addHostFlags(cmd)
	a.root.addInsecureStorageFlag(cmd)
	return cmd
}

// loginView is the JSON of admin login and admin status.
type loginView struct {
	Schema  int             `json:"schema"`
	OK      bool            `json:"ok"`
	Saved   bool            `json:"saved"`
	Profile *adminView      `json:"profile,omitempty"`
	Check   *admin.Check    `json:"check,omitempty"`
	Error   *admin.ErrorRef `json:"error,omitempty"`
}

// adminView is an admin profile in JSON: no secret, only where it is.
type adminView struct {
	Name         string    `json:"name"`
	AccountID    string    `json:"account_id"`
	ClientID     string    `json:"client_id"`
	Host         string    `json:"host"`
	Sandbox      bool      `json:"sandbox"`
	SecretIn     string    `json:"secret_backend"`
	SecretWhere  string    `json:"secret_location"`
	CheckedAt    time.Time `json:"checked_at,omitzero"`
	Scopes       []string  `json:"scopes"`
	MissingNames []string  `json:"missing_scopes"`
}

// viewOf is p's JSON.
func (a *adminOptions) viewOf(st *storage.Store, p *storage.AdminProfile) *adminView {
	v := &adminView{Name: p.Name, AccountID: p.AccountID, ClientID: p.ClientID, Host: hostOf(p.AuthBaseURL),
		Sandbox: p.IsSandbox(), SecretIn: string(p.SecretBackend), SecretWhere: st.AdminSecretLocation(p),
		CheckedAt: p.CheckedAt.UTC(), Scopes: nonNilStrings(p.Scopes), MissingNames: []string{}}
	if len(p.Scopes) > 0 {
		for _, n := range admin.Missing(p.Scopes) {
			v.MissingNames = append(v.MissingNames, n.Scope)
		}
	}
	return v
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// login saves the admin app and checks it: a token first (nothing is
// saved when Zoom refuses it), then a read call and the scopes.
func (a *adminOptions) login(ctx context.Context, in loginInput) error {
	o := a.root
	p, secret, err := a.loginProfile(ctx, in)
	if err != nil {
		return err
	}
	ep, err := a.profileHosts(ctx, p)
	if err != nil {
		return err
	}
	creds := marketplace.AccountCredentials{AccountID: p.AccountID, ClientID: p.ClientID, ClientSecret: secret, AuthBaseURL: ep.AuthBaseURL}
	s := a.newSession(ctx, creds, ep.APIBaseURL, p.IsSandbox())
	check := s.Check(ctx)
	view := loginView{Schema: admin.Schema, Check: &check, Error: admin.RefOfError(check.Err)}
	if !check.Token {
		if a.asJSON {
			_ = o.writeJSON(o.Stdout, view)
		}
		a.show(o.Stderr, append([]page.Block{page.Fail(o.t.T("admin.login.not_saved"))}, s.ErrorBlocks(check.Err, "")...))
		return exitWith(adminExitCode(check.Err))
	}
	p.CheckedAt, p.Scopes = o.now().UTC().Truncate(time.Second), check.Scopes
	if err := a.saveAdmin(ctx, p, secret); err != nil {
		return err
	}
	st, _ := o.store()
	view.Saved, view.OK, view.Profile = true, check.OK(), a.viewOf(st, p)
	if a.asJSON {
		if err := o.writeJSON(o.Stdout, view); err != nil {
			return err
		}
	}
	saved := page.OK(o.t.T("admin.login.saved", "Name", p.Name, "Account", p.AccountID, "Client", p.ClientID,
		"Where", a.secretWhere(st, p)))
	a.say(append([]page.Block{saved}, s.CheckBlocks(check)...))
	switch {
	case check.Err != nil:
		return exitWith(adminExitCode(check.Err))
	case len(check.Missing) > 0:
		return exitWith(ExitPartial)
	}
	return nil
}

// loginProfile is the admin profile to save and its secret: the sandbox's
// demo app under --sandbox; else the flags, with what they lack asked in
// a terminal; else, with no flag at all, the saved profile again.
func (a *adminOptions) loginProfile(ctx context.Context, in loginInput) (*storage.AdminProfile, string, error) {
	o := a.root
	given := in.accountID != "" || in.clientID != "" || in.secretStdin
	if o.Sandbox {
		if given {
			return nil, "", usageErrorf("%s", o.t.T("admin.login.sandbox_flags"))
		}
		a.say([]page.Block{page.Note(o.t.T("admin.login.sandbox"))})
		d := demoCreds("")
		return &storage.AdminProfile{Name: a.name, AccountID: d.AccountID, ClientID: d.ClientID,
			AuthBaseURL: storage.SandboxMarker, APIBaseURL: storage.SandboxMarker}, d.ClientSecret, nil
	}
	st, err := o.store()
	if err != nil {
		return nil, "", err
	}
	if !given {
		if p, err := st.LoadAdmin(a.name); err == nil {
			if secret, err := st.LoadAdminSecret(ctx, p); err == nil {
				a.say([]page.Block{page.Para(o.t.T("admin.login.rechecking", "Name", p.Name))})
				return p, secret, nil
			}
		}
	}
	return a.askProfile(ctx, in)
}

// askProfile completes the flags: the secret from stdin, the values still
// missing asked in a terminal (a usage error in a script).
func (a *adminOptions) askProfile(ctx context.Context, in loginInput) (*storage.AdminProfile, string, error) {
	o := a.root
	secret := ""
	if in.secretStdin {
		s, err := readSecretLine(o.Stdin)
		if err != nil {
			return nil, "", usageErrorf("--client-secret-stdin: %v; %s", err, o.t.T("admin.login.pipe"))
		}
		secret = s
	}
	acct, client := strings.TrimSpace(in.accountID), strings.TrimSpace(in.clientID)
	if acct == "" || client == "" || secret == "" {
		if !o.interactive() {
			return nil, "", usageErrorf("%s", page.PlainText(o.t.T("admin.login.needs_flags")))
		}
		var err error
		if acct, client, secret, err = a.askValues(ctx, acct, client, secret); err != nil {
			return nil, "", err
		}
	}
	ep, err := o.configuredEndpoints()
	if err != nil {
		return nil, "", err
	}
	return &storage.AdminProfile{Name: a.name, AccountID: acct, ClientID: client,
		AuthBaseURL: ep.AuthBaseURL, APIBaseURL: ep.APIBaseURL}, secret, nil
}

// askValues asks, line by line, for the values not given.
func (a *adminOptions) askValues(ctx context.Context, acct, client, secret string) (string, string, string, error) {
	t := a.root.t
	l := a.ask(ctx)
	l.Show([]page.Block{page.Para(t.T("admin.login.intro"))})
	check := func(v string) string {
		switch {
		case v == "":
			return t.T("admin.login.empty_value")
		case strings.ContainsAny(v, " \t\"'<>/\\"):
			return t.T("admin.login.bad_value")
		}
		return ""
	}
	var err error
	if acct == "" {
		if acct, err = l.AskValid(t.T("admin.login.ask_account"), false, check); err != nil {
			return "", "", "", err
		}
	}
	if client == "" {
		if client, err = l.AskValid(t.T("admin.login.ask_client"), false, check); err != nil {
			return "", "", "", err
		}
	}
	if secret == "" {
		if secret, err = l.AskValid(t.T("admin.login.ask_secret"), true, check); err != nil {
			return "", "", "", err
		}
	}
	return acct, client, secret, nil
}

// saveAdmin saves p: to the keyring, or, when none answers, to a 0600
// file with --insecure-storage or the admin's consent in a terminal.
func (a *adminOptions) saveAdmin(ctx context.Context, p *storage.AdminProfile, secret string) error {
	o := a.root
	st, err := o.store()
	if err != nil {
		return err
	}
	err = st.SaveAdmin(ctx, p, storage.BackendKeyring, secret)
	if !errors.Is(err, storage.ErrKeyringUnavailable) && !errors.Is(err, storage.ErrKeyringTimeout) {
		return storageErr(err)
	}
	consent := o.InsecureStorage
	if !consent && o.interactive() {
		q := page.PlainText(o.t.T("admin.login.consent", "Path", st.AdminSecretPath(p.Name)))
		if consent, err = a.ask(ctx).Confirm(q, false); err != nil {
			return err
		}
	}
	if !consent {
		return &ExitError{Code: ExitStorage, Err: errors.New(page.PlainText(o.t.T("admin.login.no_keyring")))}
	}
	return storageErr(st.SaveAdmin(ctx, p, storage.BackendFile, secret))
}

// secretWhere says where an admin profile's secret is, as a part of a
// sentence: the system keyring, or the plaintext file's path.
func (a *adminOptions) secretWhere(st *storage.Store, p *storage.AdminProfile) i18n.Raw {
	if p.SecretBackend == storage.BackendFile {
		return i18n.Raw(a.root.t.T("admin.where.file", "Path", st.AdminSecretPath(p.Name)))
	}
	return i18n.Raw(a.root.t.T("admin.where.keyring"))
}

// storageErr gives a local failure the storage exit status.
func storageErr(err error) error {
	if err == nil || !storage.IsLocal(err) {
		return err
	}
	return &ExitError{Code: ExitStorage, Err: err}
}

func (a *adminOptions) statusCmd() *cobra.Command {
	var offline bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the admin profile and check it with Zoom",
		Long: `Show the admin profile (--admin-profile, default "default"): its account,
client ID, Zoom host, where its secret is, its scopes; then check it with
Zoom (a token, a read call) unless --offline. Exit 0 when it works, 10 when
it lacks scopes, 8 when there is none or Zoom refuses it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			defer a.close()
			return a.status(cmd.Context(), offline)
		},
	}
	cmd.Flags().BoolVar(&offline, "offline", false, "do not call Zoom")
	addJSONFlag(cmd, &a.asJSON)
	a.addFlags(cmd, true)
	return cmd
}

// status shows the selected admin profile and, unless offline, checks it.
func (a *adminOptions) status(ctx context.Context, offline bool) error {
	o := a.root
	t := o.t
	st, err := o.store()
	if err != nil {
		return err
	}
	view := loginView{Schema: admin.Schema}
	p, err := st.LoadAdmin(a.name)
	if errors.Is(err, storage.ErrNotFound) {
		if a.asJSON {
			_ = o.writeJSON(o.Stdout, view)
		}
		a.say([]page.Block{page.Fail(t.T("admin.status.none", "Name", a.name, "Command", a.loginCommand()))})
		return exitWith(ExitReconnect)
	}
	if err != nil {
		return err
	}
	view.Saved, view.Profile = true, a.viewOf(st, p)
	blocks := []page.Block{page.Heading(t.T("admin.status.profile", "Name", p.Name)), a.profileRows(st, p).Under()}
	code := ExitOK
	if offline {
		view.OK = true
		blocks = append(blocks, page.Note(t.T("admin.status.offline")))
	} else {
		s, err := a.session(ctx)
		if err != nil {
			return err
		}
		check := s.Check(ctx)
		view.Check, view.OK, view.Error = &check, check.OK(), admin.RefOfError(check.Err)
		blocks = append(blocks, s.CheckBlocks(check)...)
		switch {
		case check.Err != nil:
			code = adminExitCode(check.Err)
		case len(check.Missing) > 0:
			code = ExitPartial
		}
	}
	if a.asJSON {
		if err := o.writeJSON(o.Stdout, view); err != nil {
			return err
		}
	}
	a.say(blocks)
	return exitWith(code)
}

// profileRows are an admin profile's facts, no secret.
func (a *adminOptions) profileRows(st *storage.Store, p *storage.AdminProfile) page.Block {
	t := a.root.t
	checked := t.T("admin.status.never")
	if !p.CheckedAt.IsZero() {
		checked = t.Stamp(p.CheckedAt)
	}
	return page.Rows(
		page.Item{Text: t.T("admin.status.account"), Detail: "`" + p.AccountID + "`"},
		page.Item{Text: t.T("admin.status.client"), Detail: "`" + p.ClientID + "`"},
		page.Item{Text: t.T("admin.status.host"), Detail: hostOf(p.AuthBaseURL)},
		page.Item{Text: t.T("admin.status.secret"), Detail: string(a.secretWhere(st, p))},
		page.Item{Text: t.T("admin.status.checked"), Detail: checked},
	)
}

func (a *adminOptions) logoutCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "logout",
		Short: "Delete the admin profile and its secret",
		Long: `Delete the admin profile (--admin-profile, default "default"): its secret
from the keyring (or its 0600 file), then the profile. When the secret
cannot be deleted, the profile is kept and logout says so (exit 7): run it
again. The Server-to-Server app itself stays in your Zoom account.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.logout(cmd.Context()) },
	}
	a.addFlags(cmd, false)
	return cmd
}

// logout deletes the admin profile, secret first, one line per step.
func (a *adminOptions) logout(ctx context.Context) error {
	o := a.root
	t := o.t
	st, err := o.store()
	if err != nil {
		return err
	}
	p, err := st.LoadAdmin(a.name)
	if errors.Is(err, storage.ErrNotFound) {
		a.say([]page.Block{page.OK(t.T("admin.logout.none", "Name", a.name))})
		return nil
	}
	if err != nil {
		return err
	}
	where := a.secretWhere(st, p)
	if err := st.DeleteAdmin(ctx, a.name); err != nil {
		a.show(o.Stderr, []page.Block{page.Fail(t.T("admin.logout.kept", "Where", where,
			"Reason", wizard.Reason(err), "Command", "zoomconnect admin logout"))})
		return exitWith(ExitStorage)
	}
	blocks := []page.Block{page.OK(t.T("admin.logout.secret", "Where", where)), page.OK(t.T("admin.logout.profile", "Name", p.Name)).Under()}
	if !p.IsSandbox() {
		blocks = append(blocks, page.Note(t.T("admin.logout.deactivate")))
	}
	a.say(blocks)
	return nil
}
