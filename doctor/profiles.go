package doctor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// checkKeyring probes the OS keyring; it fails only when a saved
// connection keeps its secrets there.
func checkKeyring(ctx context.Context, env *Env) Result {
	t := env.T
	if env.ProbeKeyring == nil {
		return Result{Status: Skip, Summary: t.T("doctor.not_in_build")}
	}
	// Leave a fifth of the check's time to report a hanging keyring as such.
	if dl, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Until(dl)*4/5)
		defer cancel()
	}
	err := env.ProbeKeyring(ctx)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err == nil {
		return Result{Status: Pass, Summary: t.T("doctor.keyring.ok")}
	}
	bad := Warn
	if usesKeyring(env) {
		bad = Fail
	}
	switch {
	case errors.Is(err, storage.ErrKeyringTimeout), errors.Is(err, context.DeadlineExceeded):
		return Result{Status: bad, Summary: t.T("doctor.keyring.timeout"), Fix: t.T("doctor.keyring.timeout_fix")}
	case errors.Is(err, storage.ErrKeyringUnavailable):
		return Result{Status: bad, Summary: t.T("doctor.keyring.unavailable"), Error: err.Error(), Fix: t.T("doctor.keyring.unavailable_fix")}
	}
	return Result{Status: bad, Summary: t.T("doctor.keyring.failed"), Detail: t.T("doctor.cause", "Cause", i18n.Raw(inWords(t, err))),
		Error: err.Error(), Fix: t.T("doctor.keyring.failed_fix")}
}

// usesKeyring reports whether a saved profile keeps secrets in the keyring.
func usesKeyring(env *Env) bool {
	if env.ListProfiles == nil {
		return false
	}
	ps, err := env.ListProfiles()
	return err == nil && slices.ContainsFunc(ps, func(p storage.Profile) bool { return p.SecretBackend == storage.BackendKeyring })
}

// fileIssue is one finding of the file check.
type fileIssue struct {
	status    Status
	text, fix string
}

// checkFiles checks the directories' and files' modes, that every JSON file
// parses, and warns about plaintext secrets.
func checkFiles(ctx context.Context, env *Env) Result {
	t := env.T
	var issues []fileIssue
	login := loginCommands(env)
	for _, d := range []string{env.ConfigDir, env.DataDir, env.StateDir} {
		if d != "" {
			issues = append(issues, scanDir(t, d, d == env.DataDir, login)...)
		}
	}
	if env.ListProfiles != nil {
		if _, err := env.ListProfiles(); err != nil && !errors.Is(err, storage.ErrNotFound) {
			issues = append(issues, fileIssue{Fail, t.T("doctor.files.unreadable_profiles", "Reason", i18n.Raw(inWords(t, err))),
				t.T("doctor.files.unreadable_profiles_fix")})
		}
	}
	return summarize(t, issues, t.T("doctor.files.ok"))
}

// loginCommands returns the command that reconnects a named profile:
// storage.LoginCommandFor the saved profile (so a sandbox profile gets
// --sandbox), storage.LoginCommand for a name with no readable profile.
func loginCommands(env *Env) func(name string) string {
	byName := map[string]string{}
	if env.ListProfiles != nil {
		if ps, err := env.ListProfiles(); err == nil {
			for i := range ps {
				byName[ps[i].Name] = storage.LoginCommandFor(&ps[i])
			}
		}
	}
	return func(name string) string {
		if c, ok := byName[name]; ok {
			return c
		}
		return storage.LoginCommand(name)
	}
}

// summarize folds issues into one result, worst first.
func summarize(t *i18n.Printer, issues []fileIssue, ok string) Result {
	if len(issues) == 0 {
		return Result{Status: Pass, Summary: ok}
	}
	sort.SliceStable(issues, func(i, j int) bool { return rank(issues[i].status) > rank(issues[j].status) })
	r := Result{Status: issues[0].status, Summary: issues[0].text}
	var det, fix []string
	for _, is := range issues {
		det = append(det, "- "+is.text)
		if is.fix != "" && !slices.Contains(fix, is.fix) {
			fix = append(fix, is.fix)
		}
	}
	if len(issues) > 1 { // one issue is the summary already; Detail lists several
		r.Summary = t.T("doctor.and_more", "Summary", i18n.Raw(r.Summary), "More", len(issues)-1)
		r.Detail = strings.Join(det, "\n")
	}
	r.Fix = strings.Join(fix, "; ")
	return r
}

// rank orders statuses by severity.
func rank(s Status) int {
	return map[Status]int{Skip: 0, Pass: 1, Warn: 2, Fail: 3}[s]
}

// scanDir checks a directory tree: every directory private (0700), every
// file through scanFile; login names a profile's reconnect command.
func scanDir(t *i18n.Printer, root string, secretDir bool, login func(string) string) []fileIssue {
	var out []fileIssue
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root && errors.Is(err, fs.ErrNotExist) {
				return nil // not created yet: nothing saved
			}
			out = append(out, fileIssue{Fail, t.T("doctor.files.cannot_read", "Path", path, "Reason", i18n.Raw(inWords(t, err))),
				t.T("doctor.files.cannot_read_fix", "Path", shellQuote(path))})
			return nil
		}
		switch {
		case d.IsDir():
			if fi, err := d.Info(); err == nil && fi.Mode().Perm()&0o077 != 0 {
				out = append(out, fileIssue{Warn, t.T("doctor.files.open_dir", "Path", path, "Mode", mode(fi.Mode())),
					t.T("doctor.files.open_dir_fix", "Path", shellQuote(path))})
			}
		case d.Type().IsRegular():
			out = append(out, scanFile(t, path, secretDir, login)...)
		}
		return nil
	})
	if err != nil {
		out = append(out, fileIssue{Fail, t.T("doctor.files.cannot_list", "Path", root, "Reason", i18n.Raw(inWords(t, err))),
			t.T("doctor.files.cannot_list_fix", "Path", shellQuote(root))})
	}
	return out
}

// scanFile checks one file's mode and, for .json files, that it parses.
func scanFile(t *i18n.Printer, path string, secret bool, login func(string) string) []fileIssue {
	var out []fileIssue
	fi, err := os.Stat(path)
	if err != nil {
		return nil
	}
	q := shellQuote(path)
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		st := Warn
		if secret {
			st = Fail
		}
		out = append(out, fileIssue{st, t.T("doctor.files.open_file", "Path", path, "Mode", mode(perm)), t.T("doctor.files.open_file_fix", "Path", q)})
	}
	switch {
	case strings.HasSuffix(path, ".tmp") || strings.Contains(filepath.Base(path), ".tmp"):
		out = append(out, fileIssue{Warn, t.T("doctor.files.leftover", "Path", path), t.T("doctor.files.leftover_fix", "Path", q)})
	case strings.HasSuffix(path, ".json"):
		if b, err := os.ReadFile(path); err == nil && !json.Valid(b) {
			out = append(out, fileIssue{Fail, t.T("doctor.files.damaged", "Path", path),
				t.T("doctor.files.damaged_fix", "Path", q, "Broken", shellQuote(path+".broken"))})
		} else if secret {
			out = append(out, fileIssue{Warn, t.T("doctor.files.plaintext", "Path", path),
				t.T("doctor.files.plaintext_fix", "Command", login(strings.TrimSuffix(filepath.Base(path), ".json")))})
		}
	}
	return out
}

// mode is a file mode's permission bits as "0644".
func mode(m fs.FileMode) string { return fmt.Sprintf("%04o", m.Perm()) }

// shellQuote quotes a path for a copyable command.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// checkConnections calls users/me for every saved profile and compares the
// granted scopes with the required ones.
func checkConnections(ctx context.Context, env *Env) Result {
	t := env.T
	if env.ListProfiles == nil || env.Me == nil {
		return Result{Status: Skip, Summary: t.T("doctor.not_in_build")}
	}
	ps, err := env.ListProfiles()
	if err != nil || len(ps) == 0 {
		return Result{Status: Skip, Summary: t.T("doctor.connections.none"), Fix: t.T("doctor.connections.none_fix")}
	}
	var issues []fileIssue
	var code, tracking string
	var raw []string
	for _, p := range ps {
		is, c, t, err := checkOne(ctx, env, p)
		issues = append(issues, is...)
		code, tracking = firstSet(code, c), firstSet(tracking, t)
		if err != nil {
			raw = append(raw, p.Name+": "+err.Error())
		}
	}
	r := summarize(t, issues, t.N("doctor.connections.ok", len(ps)))
	r.Code, r.TrackingID, r.Error = code, tracking, strings.Join(raw, "\n")
	return r
}

// recordedConnections is the connection check under --offline: what the
// saved records already know to be broken (a logout left incomplete, a
// connection Zoom no longer accepts), without asking Zoom; the rest is
// skipped with the offline fix.
func recordedConnections(_ context.Context, env *Env) Result {
	t := env.T
	skipped := Result{Status: Skip, Summary: t.T("doctor.offline"), Fix: t.T("doctor.offline_fix")}
	if env.ListProfiles == nil {
		return skipped
	}
	ps, err := env.ListProfiles()
	if err != nil || len(ps) == 0 {
		return skipped
	}
	var issues []fileIssue
	for _, p := range ps {
		switch {
		case p.LogoutIncomplete != nil:
			issues = append(issues, logoutIssue(t, p))
		case p.ReconnectReason != "":
			issues = append(issues, fileIssue{Fail, t.T("doctor.connections.failed", "Profile", p.Name,
				"Reason", i18n.Raw(connection.ReconnectReasonIn(t, &p))), reconnectFix(t, &p, nil)})
		}
	}
	if len(issues) == 0 {
		return skipped
	}
	return summarize(t, issues, "")
}

// logoutIssue is a profile whose logout did not finish: what remains, and
// the logout that finishes it.
func logoutIssue(t *i18n.Printer, p storage.Profile) fileIssue {
	return fileIssue{Fail, t.T("doctor.connections.failed", "Profile", p.Name, "Reason", connection.LogoutIncompleteText(t, p.LogoutIncomplete)),
		t.T("doctor.connections.logout_fix", "Command", connection.LogoutCommand(p.Name))}
}

// checkOne checks one profile; it returns issues, any Zoom error key and
// tracking ID, and the error of the live check (for Result.Error).
func checkOne(ctx context.Context, env *Env, p storage.Profile) ([]fileIssue, string, string, error) {
	t := env.T
	if p.LogoutIncomplete != nil {
		return []fileIssue{logoutIssue(t, p)}, "", "", nil
	}
	u, err := env.Me(ctx, p.Name)
	if err != nil {
		is := fileIssue{Fail, t.T("doctor.connections.failed", "Profile", p.Name, "Reason", i18n.Raw(describeErr(t, err))),
			reconnectFix(t, &p, err)}
		var oe *oauthflow.Error
		if errors.As(err, &oe) {
			if oe.Kind == oauthflow.KindNetwork || oe.Kind == oauthflow.KindServer || oe.Kind == oauthflow.KindRateLimited {
				is.fix = t.T("doctor.connections.retry_fix", "Profile", p.Name)
			}
			return []fileIssue{is}, oe.Key(), oe.TrackingID, err
		}
		return []fileIssue{is}, "", "", err
	}
	var out []fileIssue
	if missing := missingScopes(env.RequiredScopes, p.GrantedScopes); len(missing) > 0 {
		out = append(out, fileIssue{Warn, t.T("doctor.connections.missing_scopes", "Profile", p.Name, "Email", u.Email,
			"Scopes", strings.Join(missing, ", ")), t.T("doctor.connections.missing_scopes_fix", "Command", storage.LoginCommandFor(&p))})
	}
	return out, "", "", nil
}

// reconnectFix is the fix for a connection that fails: reconnect, and
// first, when an admin disabled the app's token (4738), have the admin
// pre-approve the app again.
func reconnectFix(t *i18n.Printer, p *storage.Profile, err error) string {
	login := storage.LoginCommandFor(p)
	if !connection.DisabledByAdmin(p, err) {
		return t.T("doctor.connections.reconnect_fix", "Command", login)
	}
	return t.T("doctor.connections.admin_fix", "Request", connection.AdminRequestCommand(p), "Command", login)
}

// describeErr is a one-line, secret-free description of a connection
// error in t's language: a Zoom error by its explanation's title (and
// Zoom's words), an error that says itself (a connection that needs
// reconnecting, a storage failure) in its words, else the cause in words.
func describeErr(t *i18n.Printer, err error) string {
	var oe *oauthflow.Error
	if errors.As(err, &oe) {
		title := oauthflow.Explain(err).In(t).Title
		if oe.Reason == "" {
			return title
		}
		return t.T("doctor.connections.zoom_said", "Title", i18n.Raw(title), "Reason", t.Quote(oauthflow.Sanitize(oe.Reason)))
	}
	return inWords(t, err)
}

// missingScopes returns required scopes not in granted. With no explicit
// list it asks oauthflow.ReviewScopes, which knows classic and granular
// names.
func missingScopes(required, granted []string) []string {
	if required == nil {
		return oauthflow.ReviewScopes(granted).Missing
	}
	var out []string
	for _, s := range required {
		if !slices.Contains(granted, s) {
			out = append(out, s)
		}
	}
	return out
}

// checkSameApp warns when two profiles use the same client ID on the same
// auth host: Zoom keeps only the latest authorization per user and app.
func checkSameApp(ctx context.Context, env *Env) Result {
	t := env.T
	if env.ListProfiles == nil {
		return Result{Status: Skip, Summary: t.T("doctor.not_in_build")}
	}
	ps, err := env.ListProfiles()
	if err != nil {
		return Result{Status: Skip, Summary: t.T("doctor.same_app.unreadable")}
	}
	groups := map[string][]storage.Profile{}
	var keys []string
	for _, p := range ps {
		k := p.ClientID + " @ " + hostOf(p.AuthBaseURL)
		if len(groups[k]) == 0 {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], p)
	}
	var issues []fileIssue
	for _, k := range keys {
		if g := groups[k]; len(g) > 1 && !distinctUsers(g) {
			issues = append(issues, sameAppIssue(t, k, g))
		}
	}
	return summarize(t, issues, t.T("doctor.same_app.ok"))
}

// sameAppIssue describes one group of profiles sharing an app.
func sameAppIssue(t *i18n.Printer, key string, g []storage.Profile) fileIssue {
	var names []string
	for _, p := range g {
		names = append(names, p.Name)
	}
	return fileIssue{Warn, t.T("doctor.same_app.issue", "Names", strings.Join(names, ", "), "App", key),
		t.T("doctor.same_app.issue_fix", "Profile", names[len(names)-1])}
}

// distinctUsers reports whether every profile in g is a known, different
// Zoom user (then they don't replace each other's authorization).
func distinctUsers(g []storage.Profile) bool {
	seen := map[string]bool{}
	for _, p := range g {
		if p.UserID == "" || seen[p.UserID] {
			return false
		}
		seen[p.UserID] = true
	}
	return true
}

// hostOf returns the lower-case host of a base URL.
func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return strings.ToLower(u.Host)
	}
	return strings.ToLower(raw)
}
