package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

func newStatusCmd(opts *rootOptions) *cobra.Command {
	var asJSON, offline, quiet bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show each connection's health and how to fix it",
		Long: `Show, for each saved connection (or only --profile NAME): the account,
the auth type, where the secrets are stored (keyring or file), the scopes
granted against the ones needed, the access token's expiry, the last
refresh and its result, and a live check (users/me) unless --offline.
Every problem ends with the command that fixes it. A failure (✗: the
connection does not work until fixed) makes the exit status non-zero; a
warning (!: it works, but you should know, e.g. secrets in a plaintext
file you agreed to) does not. --quiet prints nothing and only sets the
exit status, for scripts: zoomconnect status --quiet || zoomconnect login`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if quiet && asJSON {
				return usageErrorf("--quiet prints nothing and --json prints JSON; use one of them")
			}
			m, err := opts.onDemandManager()
			if err != nil {
				return err
			}
			m.OnLockWait = lockWaitNotice(cmd.ErrOrStderr())
			sts, err := opts.statuses(cmd, m, offline)
			if err != nil {
				return err
			}
			views := []statusView{}
			if len(sts) == 0 {
				if asJSON {
					_ = writeJSON(cmd.OutOrStdout(), statusReport{Connections: views})
				}
				if quiet {
					return &ExitError{Code: ExitFailure}
				}
				return &ExitError{Code: ExitFailure, Err: errNoConnections}
			}
			for _, st := range sts {
				views = append(views, newStatusView(st, opts.now()))
			}
			rep := statusReport{OK: allOK(views), Connections: views}
			if quiet {
				return statusExit(views)
			}
			if err := printReport(cmd.OutOrStdout(), asJSON, rep, writeStatus); err != nil {
				return err
			}
			return statusExit(views)
		},
	}
	addJSONFlag(cmd, &asJSON)
	cmd.Flags().BoolVar(&offline, "offline", false, "skip the live check (no network)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing; only set the exit status")
	return cmd
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

// errNoConnections says how to create a first connection.
var errNoConnections = errors.New("no connection is saved yet; run: zoomconnect login   (or try: zoomconnect --sandbox)")

// statusReport is the --json document.
type statusReport struct {
	OK          bool         `json:"ok"`
	Connections []statusView `json:"connections"`
}

// statusView is one connection's status, shaped for output. OK follows
// connection.Status.Failed: warnings alone leave it true.
type statusView struct {
	Profile     string               `json:"profile"`
	Default     bool                 `json:"default"`
	OK          bool                 `json:"ok"`
	AuthType    string               `json:"auth_type"`
	AppName     string               `json:"app_name,omitempty"`
	ClientID    string               `json:"client_id"`
	Host        string               `json:"host"`
	Account     accountView          `json:"account"`
	Secrets     secretsView          `json:"secrets"`
	Scopes      oauthflow.Review     `json:"scopes"`
	Granted     []string             `json:"granted_scopes"`
	AccessToken expiryView           `json:"access_token"`
	LastRefresh refreshView          `json:"last_refresh,omitzero"`
	Live        liveView             `json:"live"`
	Problems    []connection.Problem `json:"problems"`

	liveErr error
	reconn  bool
	// reason is why the connection needs reconnecting, in words.
	reason string
	// skipped is why no live check was made, in words ("" when offline or
	// when one was made).
	skipped string
}

type accountView struct {
	Name      string `json:"name,omitempty"`
	Email     string `json:"email,omitempty"`
	AccountID string `json:"account_id,omitempty"`
	UserType  string `json:"user_type,omitempty"`
}

type secretsView struct {
	Backend  string `json:"backend"`
	Location string `json:"location"`
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
	Words  string    `json:"words,omitempty"`
}

type liveView struct {
	Checked     bool                   `json:"checked"`
	OK          bool                   `json:"ok"`
	Email       string                 `json:"email,omitempty"`
	Error       string                 `json:"error,omitempty"`
	Explanation *oauthflow.Explanation `json:"explanation,omitempty"`
}

// newStatusView shapes a connection.Status for output.
func newStatusView(st *connection.Status, now time.Time) statusView {
	p := st.Profile
	v := statusView{
		Profile: p.Name, Default: st.Default, AuthType: authTypeText(p), AppName: p.AppName,
		ClientID: p.ClientID, Host: hostOf(p.AuthBaseURL),
		Account: accountView{Name: p.DisplayName, Email: p.Email, AccountID: p.AccountID, UserType: p.UserType},
		Secrets: secretsView{Backend: string(st.Backend), Location: st.SecretsLocation},
		Scopes:  st.Scopes, Granted: st.GrantedScopes,
		AccessToken: expiryView{Expiry: st.AccessExpiry, ExpiresInSeconds: int64(st.ExpiresIn / time.Second),
			Expired: !st.AccessExpiry.IsZero() && !st.AccessExpiry.After(now), NoLongerWorks: p.ReconnectReason != ""},
		Live:     liveView{Checked: !st.Offline},
		Problems: append([]connection.Problem{}, st.Problems...),
		liveErr:  st.LiveErr, reconn: p.ReconnectReason != "", reason: p.ReconnectReason,
	}
	v.skipped = liveSkipped(st)
	if !st.LastRefresh.IsZero() || st.LastRefreshResult != "" {
		v.LastRefresh = refreshView{At: st.LastRefresh, Result: st.LastRefreshResult, Words: connection.ResultWords(st.LastRefreshResult)}
	}
	if st.User != nil {
		v.Live.OK, v.Live.Email = true, st.User.Email
		v.Account = accountView{Name: st.User.Name(), Email: st.User.Email, AccountID: st.User.AccountID, UserType: st.User.TypeName()}
	}
	if st.LiveErr != nil {
		ex := explainFor(st.LiveErr, &p)
		v.Live.Error, v.Live.Explanation = st.LiveError, &ex
	}
	v.OK = !st.Failed()
	return v
}

// liveSkipped is why Status made no live check of a connection that is
// not offline: the state it is in already fails it.
func liveSkipped(st *connection.Status) string {
	p := st.Profile
	switch {
	case p.LogoutIncomplete != nil:
		return "its logout did not finish"
	case p.ReconnectReason != "":
		return "the connection needs reconnecting"
	case p.LastRefreshResult == "save_failed":
		return "the saved refresh token no longer works"
	}
	return ""
}

// authTypeText names how a profile authorizes.
func authTypeText(p storage.Profile) string {
	switch {
	case isSandboxProfile(&p):
		return "sandbox demo app"
	case p.AuthType == storage.AuthOwnApp:
		return "own OAuth app"
	}
	return "organization app"
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
func writeStatus(w io.Writer, rep statusReport) error {
	for i, v := range rep.Connections {
		if i > 0 {
			fmt.Fprintln(w)
		}
		writeOneStatus(w, v)
	}
	return nil
}

// Status marks: a failed connection or problem, a warning, all well.
const (
	markFail = "✗"
	markWarn = "!"
	markOK   = "✓"
)

// connectionMark is ✗ when the connection failed, ! when it only has
// warnings, ✓ otherwise.
func connectionMark(v statusView) string {
	switch {
	case !v.OK:
		return markFail
	case len(v.Problems) > 0:
		return markWarn
	}
	return markOK
}

// problemMark is ! for a warning and ✗ for anything else (an unset
// severity counts as a failure, as in connection.Status.Failed).
func problemMark(p connection.Problem) string {
	if p.Severity == connection.SeverityWarn {
		return markWarn
	}
	return markFail
}

func writeOneStatus(w io.Writer, v statusView) {
	title := v.Profile
	if v.Default {
		title += " (default)"
	}
	fmt.Fprintf(w, "%s %s\n", connectionMark(v), title)
	row := func(label, value string) { fmt.Fprintf(w, "  %-14s %s\n", label+":", value) }
	row("Account", accountText(v.Account))
	row("Auth", fmt.Sprintf("%s%s, client ID %s, %s", v.AuthType, quoted(v.AppName), v.ClientID, v.Host))
	row("Secrets", secretsText(v.Secrets))
	row("Scopes", scopesText(v.Scopes))
	row("Access token", accessText(v))
	row("Last refresh", refreshText(v.LastRefresh))
	row("Live check", liveText(v.Live, v.skipped))
	for _, p := range v.Problems {
		fmt.Fprintf(w, "  %s %s\n      fix: %s\n", problemMark(p), p.Text, p.Fix)
	}
	if ex := v.Live.Explanation; ex != nil {
		for _, line := range explainLines(*ex) {
			fmt.Fprintf(w, "      %s\n", line)
		}
	}
}

func accountText(a accountView) string {
	if a.Email == "" && a.Name == "" {
		return "unknown"
	}
	s := a.Name
	switch {
	case s == "":
		s = a.Email
	case a.Email != "" && a.Email != a.Name:
		s += " <" + a.Email + ">"
	}
	if a.AccountID != "" {
		s += ", account " + a.AccountID
	}
	if a.UserType != "" {
		s += " (" + a.UserType + ")"
	}
	return s
}

func secretsText(s secretsView) string {
	if s.Backend == string(storage.BackendFile) {
		return "! plaintext file " + s.Location + " (0600; no keyring was available)"
	}
	return s.Location
}

func scopesText(r oauthflow.Review) string {
	var parts []string
	for _, it := range r.Items {
		m := "✓ "
		if !it.OK {
			m = "✗ "
		}
		parts = append(parts, m+it.Need)
	}
	s := strings.Join(parts, "  ")
	if len(r.Broad) > 0 {
		s += "  ! broader than needed: " + strings.Join(r.Broad, " ")
	}
	return s
}

func expiryText(e expiryView) string {
	if e.Expiry.IsZero() {
		return "expiry unknown"
	}
	at := e.Expiry.Local().Format("2006-01-02 15:04 MST")
	if e.Expired {
		return "expired at " + at + " (refreshed automatically on next use)"
	}
	return fmt.Sprintf("valid until %s (%s)", at, (time.Duration(e.ExpiresInSeconds) * time.Second).Round(time.Minute))
}

// accessText is the access token's row: its expiry, unless Zoom no longer
// accepts the connection, when no expiry matters.
func accessText(v statusView) string {
	if v.reconn {
		return "no longer works: " + v.reason
	}
	return expiryText(v.AccessToken)
}

func refreshText(r refreshView) string {
	if r.At.IsZero() && r.Result == "" {
		return "never (the token is from the sign-in)"
	}
	words := r.Words
	if words == "" {
		words = connection.ResultWords(r.Result)
	}
	if r.At.IsZero() {
		return words
	}
	return r.At.Local().Format("2006-01-02 15:04 MST") + ", " + words
}

func liveText(l liveView, skipped string) string {
	switch {
	case skipped != "" && !l.OK && l.Error == "":
		return "skipped: " + skipped
	case !l.Checked:
		return "skipped (--offline)"
	case l.OK:
		return "✓ users/me answered for " + l.Email
	case l.Error != "":
		return "✗ " + l.Error
	}
	return "not run"
}

func quoted(s string) string {
	if s == "" {
		return ""
	}
	return " \"" + s + "\""
}
