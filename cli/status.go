package cli

import (
	"io"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/schema"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// statusFlags are the flags of `zoomconnect status`.
type statusFlags struct {
	json, offline, quiet bool
}

func newStatusCmd(opts *rootOptions) *cobra.Command {
	var f statusFlags
	cmd := &cobra.Command{
		Use:  "status",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return opts.runStatus(cmd, f) },
	}
	opts.describe(cmd, "status")
	opts.addProfileFlag(cmd)
	opts.addJSONFlag(cmd, &f.json)
	cmd.Flags().BoolVar(&f.offline, "offline", false, opts.flagUsage("status_offline"))
	cmd.Flags().BoolVarP(&f.quiet, "quiet", "q", false, opts.flagUsage("status_quiet"))
	return cmd
}

// runStatus reports on the connections: text, JSON, or only the exit
// status with --quiet.
func (o *rootOptions) runStatus(cmd *cobra.Command, f statusFlags) error {
	if f.quiet && f.json {
		return &ExitError{Code: ExitUsage, Err: i18n.NewError(nil, "cli.quiet_json")}
	}
	m, err := o.onDemandManager()
	if err != nil {
		return err
	}
	m.OnLockWait = o.lockWaitNotice(cmd.ErrOrStderr())
	sts, err := o.statuses(cmd, m, f.offline)
	if err != nil {
		return err
	}
	rep, err := o.statusReport(m.Store, sts, cmd.Flags().Changed("profile") || o.env(envProfile) != "")
	if err != nil {
		return err
	}
	if len(sts) == 0 && !f.quiet {
		if f.json {
			_ = o.writeJSON(cmd.OutOrStdout(), rep)
		} else if len(rep.Pending) > 0 {
			_ = o.textFor(cmd.OutOrStdout()).write(cmd.OutOrStdout(), "", pendingBlocks(o.t, rep.Pending))
		}
	}
	if len(sts) == 0 {
		if f.quiet {
			return &ExitError{Code: ExitFailure}
		}
		return &ExitError{Code: ExitFailure, Err: errNoConnections}
	}
	if f.quiet {
		return statusExit(rep.Connections)
	}
	if err := printReport(o, cmd.OutOrStdout(), f.json, rep, o.textFor(cmd.OutOrStdout()).writeStatus); err != nil {
		return err
	}
	return statusExit(rep.Connections)
}

// statuses reports on --profile (or $ZOOMCONNECT_PROFILE) when given,
// otherwise on every saved profile (possibly none).
func (o *rootOptions) statuses(cmd *cobra.Command, m *connection.Manager, offline bool) ([]*connection.Status, error) {
	if cmd.Flags().Changed("profile") || o.env(envProfile) != "" {
		st, err := m.Status(cmd.Context(), o.Profile, offline)
		if err != nil {
			return nil, err
		}
		return []*connection.Status{st}, nil
	}
	sts, err := m.StatusAll(cmd.Context(), offline)
	if err != nil {
		return nil, &ExitError{Code: ExitStorage, Err: err}
	}
	return sts, nil
}

// statusReport shapes the statuses for output, with the default's name
// and the attempts waiting for pre-approval (of the reported profile
// only, with --profile).
func (o *rootOptions) statusReport(st *storage.Store, sts []*connection.Status, one bool) (statusReport, error) {
	rep := statusReport{Schema: schema.Version, Default: st.DefaultProfile(), Connections: []statusView{}}
	for _, s := range sts {
		rep.Connections = append(rep.Connections, newStatusView(o.t, s, o.now()))
	}
	rep.OK = len(sts) > 0 && allOK(rep.Connections)
	pending, err := o.pendingViews(st)
	if err != nil {
		return rep, err
	}
	rep.Pending = pending
	if one && len(sts) == 1 {
		rep.Pending = nil
		for _, p := range pending {
			if p.Profile == sts[0].Profile.Name {
				rep.Pending = append(rep.Pending, p)
			}
		}
	}
	if rep.Pending == nil {
		rep.Pending = []schema.Pending{}
	}
	return rep, nil
}

// errNoConnections says how to create a first connection.
var errNoConnections error = i18n.NewError(nil, "cli.no_connections")

// statusReport is the --json document: every connection's health, the
// default's name, and the attempts waiting for pre-approval.
type statusReport struct {
	Schema      int              `json:"schema"`
	OK          bool             `json:"ok"`
	Default     string           `json:"default"`
	Connections []statusView     `json:"connections"`
	Pending     []schema.Pending `json:"pending"`
}

// statusView is one connection's status, shaped for output: the profile
// as list describes it, then its health. OK follows
// connection.Status.Failed: warnings alone leave it true (Check "warn").
type statusView struct {
	schema.Profile
	OK          bool                 `json:"ok"`
	Check       schema.Check         `json:"check"`
	Account     accountView          `json:"account"`
	Scopes      oauthflow.Review     `json:"scopes"`
	Granted     []string             `json:"granted_scopes"`
	AccessToken expiryView           `json:"access_token"`
	LastRefresh refreshView          `json:"last_refresh,omitzero"`
	Live        liveView             `json:"live"`
	Problems    []connection.Problem `json:"problems"`

	liveErr error
	// secretsErr is why the secrets could not be read.
	secretsErr error
	reconn     bool
	// skipped is why no live check was made, in words ("" when offline or
	// when one was made).
	skipped string
	// auth is how it authorizes, in words; explain is the live check's
	// explanation with its markup (Live.Explanation is its plain text).
	auth    string
	explain *oauthflow.Explanation
}

type accountView struct {
	Name      string `json:"name,omitempty"`
	Email     string `json:"email,omitempty"`
	AccountID string `json:"account_id,omitempty"`
	UserType  string `json:"user_type,omitempty"`
}

type expiryView struct {
	Expiry           time.Time `json:"expiry,omitzero"`
	ExpiresInSeconds int64     `json:"expires_in_seconds"`
	Expired          bool      `json:"expired"`
	// NoLongerWorks is set when Zoom no longer accepts the connection
	// (reconnect needed), whatever the expiry says.
	NoLongerWorks bool `json:"no_longer_works,omitempty"`
}

// refreshView is the last refresh: when, its result key (Result, for
// scripts) and the same in words (Words). Omitted when never refreshed.
type refreshView struct {
	At     time.Time `json:"at,omitzero"`
	Result string    `json:"result,omitempty"`
	Words  string    `json:"result_text,omitempty"`
}

// liveView is the live check (users/me): its failure as the contract's
// error object, and the error table's explanation in the run's language.
type liveView struct {
	Checked     bool                   `json:"checked"`
	OK          bool                   `json:"ok"`
	Email       string                 `json:"email,omitempty"`
	Error       *schema.Error          `json:"error,omitempty"`
	Explanation *oauthflow.Explanation `json:"explanation,omitempty"`
}

// newStatusView shapes a connection.Status for output; its words for
// people are in t's language, its keys and enumerations are not.
func newStatusView(t *i18n.Printer, st *connection.Status, now time.Time) statusView {
	p := st.Profile
	def := ""
	if st.Default {
		def = p.Name
	}
	v := statusView{
		Profile: schema.ProfileOf(&p, def, st.SecretsLocation, hostOf(p.AuthBaseURL)),
		Account: accountView{Name: p.DisplayName, Email: p.Email, AccountID: p.AccountID, UserType: p.UserType},
		Scopes:  st.Scopes, Granted: st.GrantedScopes,
		AccessToken: expiryView{Expiry: st.AccessExpiry.UTC(), ExpiresInSeconds: int64(st.ExpiresIn / time.Second),
			Expired: !st.AccessExpiry.IsZero() && !st.AccessExpiry.After(now), NoLongerWorks: p.ReconnectReason != ""},
		Live:     liveView{Checked: !st.Offline},
		Problems: append([]connection.Problem{}, st.Problems...),
		liveErr:  st.LiveErr, secretsErr: st.SecretsErr, reconn: p.ReconnectReason != "",
	}
	v.skipped, v.auth = liveSkipped(t, st), authText(t, p)
	if !st.LastRefresh.IsZero() || st.LastRefreshResult != "" {
		v.LastRefresh = refreshView{At: st.LastRefresh.UTC(), Result: st.LastRefreshResult, Words: connection.ResultWordsIn(t, st.LastRefreshResult)}
	}
	if st.User != nil {
		v.Live.OK, v.Live.Email = true, st.User.Email
		v.Account = accountView{Name: st.User.Name(), Email: st.User.Email, AccountID: st.User.AccountID, UserType: st.User.TypeName()}
	}
	if st.LiveErr != nil {
		ex := explainFor(t, st.LiveErr, &p)
		plain := ex.Plain()
		v.Live.Error, v.Live.Explanation, v.explain = schema.ErrorOf(st.LiveErr, &p), &plain, &ex
	}
	v.OK, v.Check = !st.Failed(), schema.CheckOK
	switch {
	case !v.OK:
		v.Check = schema.CheckFail
	case len(v.Problems) > 0:
		v.Check = schema.CheckWarn
	}
	return v
}

// liveSkipped is why Status made no live check of a connection that is
// not offline: the state it is in already fails it.
func liveSkipped(t *i18n.Printer, st *connection.Status) string {
	p := st.Profile
	switch {
	case p.LogoutIncomplete != nil:
		return t.T("status.skip_logout")
	case p.ReconnectReason != "":
		return t.T("status.skip_reconnect")
	case p.LastRefreshResult == "save_failed":
		return t.T("status.skip_save_failed")
	}
	return ""
}

// authTypeText names how a profile authorizes, in t's language (English,
// the --json value, when nil).
func authTypeText(t *i18n.Printer, p storage.Profile) string {
	switch {
	case isSandboxProfile(&p):
		return t.T("status.type_sandbox")
	case p.AuthType == storage.AuthOwnApp:
		return t.T("status.type_own")
	}
	return t.T("status.type_org")
}

// statusExit is nil when no connection failed (warnings are fine);
// otherwise a silent exit (the report already said everything) with the
// first failed connection's code.
func statusExit(views []statusView) error {
	for _, v := range views {
		if v.OK {
			continue
		}
		code := ExitFailure
		switch {
		case v.secretsErr != nil && ExitCode(v.secretsErr) != ExitFailure:
			code = ExitCode(v.secretsErr) // 7 for a keyring that does not answer, 8 for secrets gone
		case v.liveErr != nil && ExitCode(v.liveErr) != ExitFailure:
			code = ExitCode(v.liveErr)
		case v.reconn:
			code = ExitReconnect
		}
		return &ExitError{Code: code}
	}
	return nil
}

func allOK(views []statusView) bool {
	for _, v := range views {
		if !v.OK {
			return false
		}
	}
	return true
}

// writeStatus prints the human report.
func (x textOut) writeStatus(w io.Writer, rep statusReport) error {
	var b strings.Builder
	for i, v := range rep.Connections {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(x.statusText(v))
	}
	if len(rep.Pending) > 0 {
		b.WriteString("\n\n" + x.render("", pendingBlocks(x.T, rep.Pending)))
	}
	if len(rep.Connections) > 1 {
		b.WriteString("\n\n" + x.render("", []page.Block{page.Note(x.T.T("switch.hint", "Profile", rep.Default))}))
	}
	_, err := lipgloss.Fprint(w, b.String()+"\n")
	return err
}

// statusText is one connection's report: its mark and name, its rows,
// each problem with its fix, and, for a failed live check, what the error
// table says about it (the problem already names it: no title again).
func (x textOut) statusText(v statusView) string {
	t := x.T
	title := clean(v.Name)
	if v.Default {
		title = t.T("status.default", "Profile", v.Name)
	}
	parts := []string{x.render("", []page.Block{connectionMark(v, title)}), x.render("  ", []page.Block{x.statusRows(v)})}
	for _, p := range v.Problems {
		parts = append(parts, x.render("  ", []page.Block{problemBlock(p)}),
			x.render("      ", []page.Block{page.Para(t.T("status.fix", "Fix", i18n.Raw(markCommand(p.Fix, p.Command))))}))
	}
	if ex := v.explain; ex != nil {
		parts = append(parts, x.render("      ", explainUnder(t, *ex, v)))
	}
	return strings.Join(parts, "\n")
}

// explainUnder is the live check's explanation under its problem: not
// its title, which the problem says, nor a command a fix already gives,
// nor, for a connection that needs reconnecting, the cause its reason
// already says.
func explainUnder(t *i18n.Printer, ex oauthflow.Explanation, v statusView) []page.Block {
	for _, p := range v.Problems {
		if p.Command == ex.Command {
			ex.Command = ""
		}
	}
	if v.reconn {
		ex.Cause = ""
	}
	return wizard.ExplanationBlocksIn(t, ex)[1:]
}

// statusRows are the label/value rows of one connection.
func (x textOut) statusRows(v statusView) page.Block {
	t := x.T
	row := func(id, value string) page.Item { return page.Item{Text: t.T("status.row." + id), Detail: value} }
	auth := t.T("status.auth", "Type", i18n.Raw(v.auth), "ClientID", v.ClientID, "Host", hostText(t, v.Host))
	return page.Rows(
		row("account", accountText(t, v.Account)),
		row("auth", auth),
		row("secrets", secretsText(t, *v.Secrets)),
		row("scopes", scopesText(t, v.Scopes)),
		row("access", accessText(t, v)),
		row("refresh", refreshText(t, v.LastRefresh)),
		row("live", liveText(t, v.Live, v.skipped)),
	)
}

// connectionMark is the connection's first line: ✗ when it failed, ! when
// it only has warnings, ✓ otherwise.
func connectionMark(v statusView, title string) page.Block {
	switch {
	case !v.OK:
		return page.Fail(title)
	case len(v.Problems) > 0:
		return page.Warn(title)
	}
	return page.OK(title)
}

// problemBlock is ! for a warning and ✗ for anything else (an unset
// severity counts as a failure, as in connection.Status.Failed).
func problemBlock(p connection.Problem) page.Block {
	if p.Severity == connection.SeverityWarn {
		return page.Warn(clean(p.Text))
	}
	return page.Fail(clean(p.Text))
}

// markCommand is plain text with its command marked `mono`, so that it
// is never broken across rows; the rest cannot hold markup.
func markCommand(text, command string) string {
	text = clean(text)
	if command == "" || !strings.Contains(text, clean(command)) {
		return text
	}
	return strings.Replace(text, clean(command), "`"+clean(command)+"`", 1)
}

// authText is how p authorizes and its app's name, in t's language.
func authText(t *i18n.Printer, p storage.Profile) string {
	typ := authTypeText(t, p)
	if p.AppName == "" {
		return typ
	}
	return t.T("status.auth_app", "Type", typ, "App", i18n.Raw(t.Quote(clean(p.AppName))))
}

// hostText is a host for people: the sandbox marker's host in words.
func hostText(t *i18n.Printer, host string) string {
	if host == hostOf(storage.SandboxMarker) {
		return t.T("status.sandbox_host")
	}
	return host
}

func accountText(t *i18n.Printer, a accountView) string {
	if a.Email == "" && a.Name == "" {
		return t.T("status.unknown")
	}
	s := clean(a.Name)
	switch {
	case s == "":
		s = clean(a.Email)
	case a.Email != "" && a.Email != a.Name:
		s += " <" + clean(a.Email) + ">"
	}
	if a.AccountID != "" {
		s += ", " + t.T("status.account_id", "ID", a.AccountID)
	}
	if a.UserType != "" {
		s += " (" + clean(wizard.UserTypeText(t, a.UserType)) + ")"
	}
	return s
}

func secretsText(t *i18n.Printer, s schema.Secrets) string {
	if s.Backend == string(storage.BackendFile) {
		return t.T("status.secrets_file", "Path", i18n.Raw("`"+clean(s.Location)+"`"))
	}
	if s.Location == storage.KeyringName() {
		return storage.KeyringNameIn(t)
	}
	return clean(s.Location)
}

// scopesText lists the needed scopes, each with its mark kept beside it
// (a no-break space), and the broader ones.
func scopesText(t *i18n.Printer, r oauthflow.Review) string {
	var parts []string
	for _, it := range r.Items {
		m := markOK
		if !it.OK {
			m = markFail
		}
		parts = append(parts, m+"\u00a0"+clean(it.Need))
	}
	s := strings.Join(parts, "  ")
	if len(r.Broad) > 0 {
		s += "  " + t.T("status.broad", "Scopes", strings.Join(r.Broad, " "))
	}
	return s
}

func expiryText(t *i18n.Printer, e expiryView) string {
	if e.Expiry.IsZero() {
		return t.T("status.expiry_unknown")
	}
	at := t.Stamp(e.Expiry)
	if e.Expired {
		return t.T("status.expired", "At", at)
	}
	left := (time.Duration(e.ExpiresInSeconds) * time.Second).Round(time.Minute)
	return t.T("status.valid", "At", at, "Left", t.Duration(left))
}

// accessText is the access token's row: its expiry, unless Zoom no longer
// accepts the connection, when no expiry matters (the problem below says
// why).
func accessText(t *i18n.Printer, v statusView) string {
	if v.reconn {
		return t.T("status.no_longer_works")
	}
	return expiryText(t, v.AccessToken)
}

func refreshText(t *i18n.Printer, r refreshView) string {
	if r.At.IsZero() && r.Result == "" {
		return t.T("status.never_refreshed")
	}
	words := r.Words
	if words == "" {
		words = connection.ResultWordsIn(t, r.Result)
	}
	if r.At.IsZero() {
		return clean(words)
	}
	return t.T("status.refresh_at", "At", t.Stamp(r.At), "Words", words)
}

// liveText is the live check's row; a failure only says so: the problem
// below says what failed, once.
func liveText(t *i18n.Printer, l liveView, skipped string) string {
	switch {
	case skipped != "" && !l.OK && l.Error == nil:
		return t.T("status.live_skipped", "Why", skipped)
	case !l.Checked:
		return t.T("status.live_offline")
	case l.OK:
		return t.T("status.live_ok", "Email", l.Email)
	case l.Error != nil:
		return t.T("status.live_failed")
	}
	return t.T("status.live_not_run")
}
