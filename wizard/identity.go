package wizard

import (
	"errors"
	"strings"
	"unicode"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Probe is what a front end knows of the system keyring when the confirm
// screen says where the tokens will go: nothing is promised before the
// keyring answered.
type Probe uint8

// The states of the keyring probe.
const (
	// ProbeNone: not checked (no store, or the file was consented to).
	ProbeNone Probe = iota
	// ProbeChecking: the probe is running.
	ProbeChecking
	// ProbeOK: the keyring answered.
	ProbeOK
	// ProbeFailed: no keyring answered; a save will ask about the file.
	ProbeFailed
)

// Signin is what the confirm-and-save screen shows: who signed in with
// which app, what saving does (PlanSave; nil when it could not tell), and
// what is known of the keyring (KeyErr says why none answered).
type Signin struct {
	Creds  Creds
	User   *oauthflow.User
	Plan   *connection.SavePlan
	Probe  Probe
	KeyErr error
}

// Mismatch reports that the person expected another account than the
// one Zoom signed in.
func (s Signin) Mismatch() bool {
	return s.User != nil && Mismatch(s.Creds.ExpectedEmail, s.User.Email)
}

// IdentityKeys name the keys the confirm screen mentions; an empty name
// leaves its sentence out (the line-by-line wizard asks instead).
type IdentityKeys struct{ Save, SaveAnyway, StartOver, Back string }

// IdentityTitle is the confirm-and-save screen's title.
func IdentityTitle(c *Config) string { return c.T.T("identity.title") }

// IdentityPage is the confirm-and-save screen once Zoom said who signed
// in: the person, the account, what saving overwrites, updates or
// replaces, the warning when it is not the expected account, and, when
// keys are given, the question with where the tokens go and the keys that
// answer it. A front end without keys says SaveQuestion itself, after
// TokensLine.
func IdentityPage(c *Config, s Signin, keys IdentityKeys) page.Page {
	t, u := c.T, s.User
	p := page.Page{Title: IdentityTitle(c)}
	p.Add(page.OK(connectedAs(t, u)), page.Para(accountLine(t, u)).Under())
	p.Add(planBlocks(c, s.Plan)...)
	if s.Mismatch() {
		p.Add(page.Warn(t.T("identity.mismatch", "Expected", s.Creds.ExpectedEmail, "Email", u.Email)))
		if keys.StartOver != "" && keys.SaveAnyway != "" {
			p.Add(page.Para(t.T("identity.mismatch_keys", "StartOver", keys.StartOver, "Save", keys.SaveAnyway)).Under())
		} else {
			p.Add(page.Para(t.T("identity.mismatch_advice")).Under())
		}
		return p
	}
	if keys.Save != "" && keys.Back != "" {
		p.Add(page.Para(SaveQuestion(c) + " " + TokensLine(c, s) + " " +
			t.T("identity.confirm_keys", "Save", keys.Save, "Back", keys.Back)))
	}
	return p
}

// SaveQuestion asks to save the connection under the run's profile.
func SaveQuestion(c *Config) string { return c.T.T("identity.question", "Profile", c.Profile) }

// connectedAs names who signed in.
func connectedAs(t *i18n.Printer, u *oauthflow.User) string {
	switch name := u.Name(); {
	case name != "" && u.Email != "":
		return t.T("identity.connected", "Name", name, "Email", u.Email)
	case name != "" || u.Email != "":
		return t.T("identity.connected_one", "Who", name+u.Email)
	}
	return t.T("identity.connected_unknown")
}

// accountLine is the account, user type and role Zoom reported.
func accountLine(t *i18n.Printer, u *oauthflow.User) string {
	account := u.AccountID
	if account == "" {
		account = "—"
	}
	if u.RoleName != "" {
		return t.T("identity.account_role", "Account", account, "Type", UserTypeText(t, u.TypeName()), "Role", RoleText(t, u.RoleName))
	}
	return t.T("identity.account", "Account", account, "Type", UserTypeText(t, u.TypeName()))
}

// planBlocks say, before anything is written, what saving does to the
// saved profiles (connection.SavePlan, the one rule): overwrite another
// account's or app's connection of the same name, update the same one,
// and replace the same Zoom user's other profiles on the same app.
func planBlocks(c *Config, plan *connection.SavePlan) []page.Block {
	if plan == nil {
		return nil
	}
	t := c.T
	var out []page.Block
	switch o := plan.Existing; {
	case plan.Overwrite && o == nil:
		out = append(out, page.Warn(t.T("identity.overwrite_unreadable", "Profile", t.Quote(plan.Profile))))
	case plan.Overwrite && o.Email == "":
		out = append(out, page.Warn(t.T("identity.overwrite_noemail", "Profile", t.Quote(o.Name), "ClientID", o.ClientID)))
	case plan.Overwrite:
		out = append(out, page.Warn(t.T("identity.overwrite", "Profile", t.Quote(o.Name), "Email", o.Email, "ClientID", o.ClientID)))
	case o != nil:
		out = append(out, page.Para(t.T("identity.update", "Profile", t.Quote(o.Name))))
	}
	if n := len(plan.Replaces); n > 0 {
		names := make([]string, n)
		for i, r := range plan.Replaces {
			names[i] = t.Quote(r.Name)
		}
		out = append(out, page.Warn(t.N("identity.replaces", n, "Profiles", t.List(names))))
	}
	return out
}

// TokensLine says where the tokens will go, as far as the keyring probe
// knows: no promise of the keyring before it answered.
func TokensLine(c *Config, s Signin) string {
	t := c.T
	switch {
	case s.Probe == ProbeChecking:
		return t.T("identity.tokens_checking")
	case s.Probe == ProbeFailed && c.InsecureStorage:
		return t.T("identity.tokens_file", "Path", SecretsWhere(c, storage.BackendFile),
			"Reason", lowerFirst(strings.TrimSuffix(ReasonIn(t, s.KeyErr), ".")))
	case s.Probe == ProbeFailed:
		// A sentence of its own after a colon: the reason may carry
		// brackets and a "so …" of its own, which would nest inside ours.
		return t.T("identity.tokens_no_keyring", "Reason", lowerFirst(strings.TrimSuffix(ReasonIn(t, s.KeyErr), ".")))
	}
	return t.T("identity.tokens_keyring", "Keyring", SecretsWhere(c, storage.BackendKeyring))
}

// SecretsWhere names where a save with backend puts the secrets: the
// system keyring, or the file's path (the backend's name when no store is
// configured).
func SecretsWhere(c *Config, backend storage.SecretBackend) string {
	if backend != storage.BackendFile {
		return KeyringName(c)
	}
	if c.Store == nil {
		return string(backend)
	}
	return c.Store.SecretsLocation(&storage.Profile{Name: c.Profile, SecretBackend: backend})
}

// KeyringName is the system keyring in the person's language: "system
// keyring (Secret Service)".
func KeyringName(c *Config) string {
	name := storage.KeyringName()
	service, ok := strings.CutPrefix(name, "system keyring (")
	if service, ok2 := strings.CutSuffix(service, ")"); ok && ok2 {
		return c.T.T("identity.keyring", "Service", service)
	}
	return name
}

// StatusLine is what the confirm screen says while it works (users/me,
// the save) or once saved; a front end draws its spinner before it.
func StatusLine(c *Config, saving, saved bool) string {
	switch {
	case saved:
		return c.T.T("identity.saved")
	case saving:
		return c.T.T("identity.saving")
	}
	return c.T.T("identity.loading")
}

// ConsentKeys name the keys that answer the file question; with none the
// question is left out (the line-by-line wizard asks ConsentQuestion).
type ConsentKeys struct{ Yes, No string }

// ConsentBlocks ask, after no keyring answered (keyErr), whether the
// tokens may go to a 0600 file instead: why, how to use the keyring, the
// file's path, the risk, and that nothing has been saved yet.
func ConsentBlocks(c *Config, keyErr error, keys ConsentKeys) []page.Block {
	t := c.T
	out := []page.Block{
		page.Warn(t.T("identity.consent_why", "Reason", i18n.Raw(ReasonIn(t, keyErr)))),
		page.Para(t.T("identity.consent_keyring")),
		page.Code(SecretsWhere(c, storage.BackendFile)),
		page.Para(t.T("identity.consent_risk")),
	}
	if keys.Yes != "" && keys.No != "" {
		out = append(out, page.Heading(ConsentQuestion(c)+" "+t.T("identity.consent_keys", "Yes", keys.Yes, "No", keys.No)))
	}
	return out
}

// ConsentQuestion asks to keep the tokens in the file.
func ConsentQuestion(c *Config) string { return c.T.T("identity.consent_question") }

// FailureKeys name the keys a failure screen mentions; with no Retry the
// sentence is left out (the line-by-line wizard asks instead).
type FailureKeys struct{ Retry, Back, Quit string }

// MeFailedBlocks explain why Zoom could not say who signed in, and how to
// ask again.
func MeFailedBlocks(c *Config, err error, keys FailureKeys) []page.Block {
	out := ErrorBlocks(c, err)
	if keys.Retry != "" && keys.Back != "" {
		out = append(out, page.Para(c.T.T("identity.me_keys", "Retry", keys.Retry, "Back", keys.Back)))
	}
	return out
}

// SaveFailedBlocks say that the save failed: what happened (the path and
// the cause in words), whether everything written was undone (nothing
// was saved) or what may remain, and what to do.
func SaveFailedBlocks(c *Config, err error, keys FailureKeys) []page.Block {
	t := c.T
	out := []page.Block{page.Fail(t.T("identity.save_failed", "Reason", i18n.Raw(SaveReason(t, err))))}
	var se *connection.SaveError
	switch {
	case errors.As(err, &se) && se.UndoErr != nil:
		out = append(out, page.Warn(t.T("identity.save_left", "Reason", i18n.Raw(SaveReason(t, se.UndoErr)),
			"Command", "zoomconnect logout --profile "+se.Profile)).Under())
	case errors.As(err, &se) && se.HadProfile:
		out = append(out, page.Para(t.T("identity.save_nothing_kept")).Under())
	case errors.As(err, &se):
		out = append(out, page.Para(t.T("identity.save_undone")).Under())
	default:
		out = append(out, page.Para(t.T("identity.save_nothing")).Under())
	}
	fix := t.T("identity.save_fix")
	var fe *storage.FileError
	if errors.As(err, &fe) {
		fix = fe.Fix(t)
	}
	if keys.Retry != "" && keys.Quit != "" {
		fix += " " + t.T("identity.retry_keys", "Retry", keys.Retry, "Quit", keys.Quit)
	}
	return append(out, page.Para(fix))
}

// SaveReason is the cause of a failed save in one sentence, in t's
// language: a file error's own words (what could not be done to which
// path, and why, as storage says it), else ReasonIn.
func SaveReason(t *i18n.Printer, err error) string {
	var fe *storage.FileError
	if errors.As(err, &fe) {
		return sentence(oauthflow.Sanitize(page.PlainText(fe.Say(t))))
	}
	return ReasonIn(t, err)
}

// lowerFirst lowercases the first letter of a reason that continues a
// sentence ("No D-Bus …" after a colon), unless its first word has
// another capital: an acronym or a name ("D-Bus", "HTTP", "macOS").
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	for _, c := range r[1:] {
		if unicode.IsSpace(c) {
			break
		}
		if unicode.IsUpper(c) {
			return s
		}
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
