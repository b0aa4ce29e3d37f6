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
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// checkKeyring probes the OS keyring; it fails only when a saved
// connection keeps its secrets there.
func checkKeyring(ctx context.Context, env *Env) Result {
	if env.ProbeKeyring == nil {
		return Result{Status: Skip, Summary: "not checked in this build"}
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
		return Result{Status: Pass, Summary: "the system keyring stores and returns secrets"}
	}
	bad := Warn
	if usesKeyring(env) {
		bad = Fail
	}
	switch {
	case errors.Is(err, storage.ErrKeyringTimeout), errors.Is(err, context.DeadlineExceeded):
		return Result{Status: bad, Summary: "the system keyring did not answer in time (it may be locked and waiting for a password prompt)",
			Fix: "unlock the keyring (log in to the desktop session, or `gnome-keyring-daemon --unlock`), then run `zoomconnect doctor` again; without a keyring use `zoomconnect --insecure-storage`"}
	case errors.Is(err, storage.ErrKeyringUnavailable):
		return Result{Status: bad, Summary: "no system keyring is available (no Secret Service on D-Bus)",
			Error: err.Error(),
			Fix:   "start a keyring (`gnome-keyring-daemon --start --components=secrets` inside a D-Bus session), or store secrets in a 0600 file with `zoomconnect --insecure-storage`"}
	}
	return Result{Status: bad, Summary: "the system keyring failed", Detail: "Cause: " + inWords(err) + ".", Error: err.Error(),
		Fix: "unlock or restart the keyring service, or use `zoomconnect --insecure-storage`"}
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
	var issues []fileIssue
	login := loginCommands(env)
	for _, d := range []string{env.ConfigDir, env.DataDir, env.StateDir} {
		if d != "" {
			issues = append(issues, scanDir(d, d == env.DataDir, login)...)
		}
	}
	if env.ListProfiles != nil {
		if _, err := env.ListProfiles(); err != nil && !errors.Is(err, storage.ErrNotFound) {
			issues = append(issues, fileIssue{Fail, "the saved profiles cannot be read: " + err.Error(),
				"fix or remove the broken profile file named above, then run `zoomconnect` to reconnect"})
		}
	}
	return summarize(issues, "all saved files parse and are private (0600 files, 0700 directories)")
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
func summarize(issues []fileIssue, ok string) Result {
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
		r.Summary = fmt.Sprintf("%s (and %d more)", r.Summary, len(issues)-1)
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
func scanDir(root string, secretDir bool, login func(string) string) []fileIssue {
	var out []fileIssue
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root && errors.Is(err, fs.ErrNotExist) {
				return nil // not created yet: nothing saved
			}
			out = append(out, fileIssue{Fail, "cannot read " + path + ": " + err.Error(), "check the owner and mode of " + shellQuote(path)})
			return nil
		}
		switch {
		case d.IsDir():
			if fi, err := d.Info(); err == nil && fi.Mode().Perm()&0o077 != 0 {
				out = append(out, fileIssue{Warn, fmt.Sprintf("%s is open to others (mode %04o)", path, fi.Mode().Perm()),
					"chmod 700 " + shellQuote(path)})
			}
		case d.Type().IsRegular():
			out = append(out, scanFile(path, secretDir, login)...)
		}
		return nil
	})
	if err != nil {
		out = append(out, fileIssue{Fail, "cannot list " + root + ": " + err.Error(), "check the owner of " + shellQuote(root)})
	}
	return out
}

// scanFile checks one file's mode and, for .json files, that it parses.
func scanFile(path string, secret bool, login func(string) string) []fileIssue {
	var out []fileIssue
	fi, err := os.Stat(path)
	if err != nil {
		return nil
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		st := Warn
		if secret {
			st = Fail
		}
		out = append(out, fileIssue{st, fmt.Sprintf("%s is readable by others (mode %04o)", path, perm), "chmod 600 " + shellQuote(path)})
	}
	switch {
	case strings.HasSuffix(path, ".tmp") || strings.Contains(filepath.Base(path), ".tmp"):
		out = append(out, fileIssue{Warn, path + " is a leftover from an interrupted save", "rm " + shellQuote(path)})
	case strings.HasSuffix(path, ".json"):
		if b, err := os.ReadFile(path); err == nil && !json.Valid(b) {
			out = append(out, fileIssue{Fail, path + " is not valid JSON (damaged)",
				"move it away (`mv " + shellQuote(path) + " " + shellQuote(path+".broken") + "`) and run `zoomconnect` to reconnect"})
		} else if secret {
			out = append(out, fileIssue{Warn, "secrets are stored in plaintext in " + path + " (0600; chosen when no keyring was available)",
				"when a system keyring is available, reconnect that connection (`" +
					login(strings.TrimSuffix(filepath.Base(path), ".json")) + "`) to move them there"})
		}
	}
	return out
}

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
	if env.ListProfiles == nil || env.Me == nil {
		return Result{Status: Skip, Summary: "not checked in this build"}
	}
	ps, err := env.ListProfiles()
	if err != nil || len(ps) == 0 {
		return Result{Status: Skip, Summary: "no saved connection to check", Fix: "run `zoomconnect` to connect"}
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
	r := summarize(issues, fmt.Sprintf("%d saved connection(s) work and have the scopes they need", len(ps)))
	r.Code, r.TrackingID, r.Error = code, tracking, strings.Join(raw, "\n")
	return r
}

// checkOne checks one profile; it returns issues, any Zoom error key and
// tracking ID, and the error of the live check (for Result.Error).
func checkOne(ctx context.Context, env *Env, p storage.Profile) ([]fileIssue, string, string, error) {
	if li := p.LogoutIncomplete; li != nil {
		return []fileIssue{{Fail, p.Name + ": " + connection.LogoutIncompleteText(env.T, li),
			"finish the logout: `" + connection.LogoutCommand(p.Name) + "`"}}, "", "", nil
	}
	u, err := env.Me(ctx, p.Name)
	if err != nil {
		is := fileIssue{Fail, fmt.Sprintf("%s: %s", p.Name, describeErr(err)), reconnectFix(&p, err)}
		var oe *oauthflow.Error
		if errors.As(err, &oe) {
			if oe.Kind == oauthflow.KindNetwork || oe.Kind == oauthflow.KindServer || oe.Kind == oauthflow.KindRateLimited {
				is.fix = "try again later: `zoomconnect status --profile " + p.Name + "`"
			}
			return []fileIssue{is}, oe.Key(), oe.TrackingID, err
		}
		return []fileIssue{is}, "", "", err
	}
	var out []fileIssue
	if missing := missingScopes(env.RequiredScopes, p.GrantedScopes); len(missing) > 0 {
		out = append(out, fileIssue{Warn, fmt.Sprintf("%s: connected as %s, but missing scopes %s", p.Name, u.Email, strings.Join(missing, ", ")),
			"add the scopes to the Zoom app, then reconnect: `" + storage.LoginCommandFor(&p) + "`"})
	}
	return out, "", "", nil
}

// reconnectFix is the fix for a connection that fails: reconnect, and
// first, when an admin disabled the app's token (4738), have the admin
// pre-approve the app again.
func reconnectFix(p *storage.Profile, err error) string {
	login := "`" + storage.LoginCommandFor(p) + "`"
	if !connection.DisabledByAdmin(p, err) {
		return "reconnect: " + login
	}
	return "ask your Zoom admin to pre-approve the app again (Zoom App Marketplace → Manage → the app → Permissions); " +
		"`" + connection.AdminRequestCommand(p) + "` writes the request to send them; after they approve it, reconnect: " + login
}

// describeErr is a one-line, secret-free description of a connection error.
func describeErr(err error) string {
	var oe *oauthflow.Error
	if errors.As(err, &oe) {
		s := string(oe.Kind)
		if oe.Code != 0 {
			s += fmt.Sprintf(" (Zoom code %d)", oe.Code)
		}
		if oe.Reason != "" {
			s += ": " + oe.Reason
		}
		return s
	}
	return inWords(err)
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
	if env.ListProfiles == nil {
		return Result{Status: Skip, Summary: "not checked in this build"}
	}
	ps, err := env.ListProfiles()
	if err != nil {
		return Result{Status: Skip, Summary: "profiles unreadable (see \"Saved files are sane\")"}
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
			issues = append(issues, sameAppIssue(k, g))
		}
	}
	return summarize(issues, "no two saved connections share one Zoom app and user")
}

// sameAppIssue describes one group of profiles sharing an app.
func sameAppIssue(key string, g []storage.Profile) fileIssue {
	var names []string
	for _, p := range g {
		names = append(names, p.Name)
	}
	return fileIssue{Warn, fmt.Sprintf("profiles %s use the same Zoom app (%s): Zoom keeps only the latest authorization, so connecting one ends the others (error 4741)",
		strings.Join(names, ", "), key),
		"keep one of them: `zoomconnect logout --profile " + names[len(names)-1] + "`"}
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
