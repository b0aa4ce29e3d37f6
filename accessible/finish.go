package accessible

import (
	"context"
	"strings"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// reviewScopes lists each required scope with a word: OK, MISSING, or
// BROADER THAN NEEDED.
func (w *conversation) reviewScopes(res *oauthflow.Result) error {
	w.section("Review the granted scopes")
	rv := oauthflow.ReviewScopes(res.Scopes)
	if len(res.Scopes) == 0 {
		w.say("Zoom did not say which scopes it granted; zoomconnect status checks them later.")
	}
	broad := map[string]bool{}
	for _, b := range rv.Broad {
		broad[b] = true
	}
	for _, it := range rv.Items {
		w.say(scopeLine(it, broad))
	}
	for _, x := range rv.Extra {
		w.say("EXTRA: " + x + " (granted, not needed by zoomconnect)")
	}
	if len(rv.Missing) > 0 && len(res.Scopes) > 0 {
		w.say("Calls that need the missing scopes fail with Zoom error 4711. You can still save the connection and add them later.")
	}
	v, err := w.ask("Press enter to continue (q quits).")
	if err == nil && strings.EqualFold(v, "q") {
		err = errQuit
	}
	return err
}

// scopeLine is one scope's review: its word, name, purpose and fix.
func scopeLine(it oauthflow.ScopeItem, broad map[string]bool) string {
	word := "OK"
	for _, g := range it.GrantedAs {
		if broad[g] {
			word = "BROADER THAN NEEDED"
		}
	}
	line := it.Need + ". " + it.Description
	if len(it.GrantedAs) > 0 && (len(it.GrantedAs) > 1 || it.GrantedAs[0] != it.Need) {
		line += " Granted as " + strings.Join(it.GrantedAs, ", ") + "."
	}
	if !it.OK {
		word = "MISSING"
		if it.Fix != "" {
			line += " " + it.Fix
		}
	}
	return word + ": " + line
}

// identify asks Zoom who signed in, asks to save, and saves.
func (w *conversation) identify(res *oauthflow.Result) (wizard.Saved, error) {
	w.section("Confirm and save")
	u, err := w.me(res)
	if err != nil {
		return wizard.Saved{}, err
	}
	w.say("Signed in to Zoom as " + wizard.Who(u.Name(), u.Email) + ", account " + orDash(u.AccountID) + ", user type " + u.TypeName() + ".")
	if want := w.creds.ExpectedEmail; wizard.Mismatch(want, u.Email) {
		w.say("Warning: you expected " + want + ", but Zoom says this is " + orDash(u.Email) +
			". If that is the wrong account, answer n, sign out of Zoom in the browser (or use another browser profile) and run zoomconnect again.")
	}
	ok, err := w.confirm("Save this connection as profile "+w.env.Profile+"?", false)
	if err == nil && !ok {
		err = errQuit
	}
	if err != nil {
		return wizard.Saved{}, err
	}
	return w.save(res, u)
}

// me asks Zoom for users/me, offering a retry when it fails.
func (w *conversation) me(res *oauthflow.Result) (*oauthflow.User, error) {
	c := &oauthflow.Client{App: w.creds.App, HTTPClient: w.env.HTTPClient, Now: w.env.Now}
	c.App.Endpoints = w.creds.Endpoints(w.env)
	for {
		u, err := c.Me(w.ctx, res.Token.AccessToken)
		if err == nil {
			w.failed = nil
			return u, nil
		}
		if w.ctx.Err() != nil {
			return nil, errStop
		}
		w.failed = err
		w.explain(err)
		again, err := w.confirm("Ask Zoom again?", true)
		if err == nil && !again {
			err = errQuit
		}
		if err != nil {
			return nil, err
		}
	}
}

// save stores the connection in the keyring (or the file, with
// --insecure-storage); when the keyring is unavailable it asks consent
// for the file.
func (w *conversation) save(res *oauthflow.Result, u *oauthflow.User) (wizard.Saved, error) {
	backend := storage.BackendKeyring
	if w.env.InsecureStorage {
		backend = storage.BackendFile
	}
	for {
		saved, err := w.saveWith(res, u, backend)
		switch {
		case err == nil:
			return saved, nil
		case backend == storage.BackendKeyring && wizard.KeyringFailed(err):
			if ok, err := w.consentFile(err); err != nil || !ok {
				return wizard.Saved{}, orQuit(err)
			}
			backend = storage.BackendFile
			continue
		}
		w.failed = err
		w.explain(err)
		w.say("Nothing new was saved.")
		if again, err := w.confirm("Try saving again?", true); err != nil || !again {
			return wizard.Saved{}, orQuit(err)
		}
	}
}

func (w *conversation) saveWith(res *oauthflow.Result, u *oauthflow.User, backend storage.SecretBackend) (wizard.Saved, error) {
	p := wizard.ProfileFor(w.env, w.creds, res, u, backend)
	return wizard.SaveConnection(context.WithoutCancel(w.ctx), w.env, p, wizard.SecretsFor(w.creds, res))
}

// consentFile explains why the keyring failed and asks to use the 0600
// file instead. Nothing has been saved when it asks.
func (w *conversation) consentFile(cause error) (bool, error) {
	path := "a file only your user can read"
	if w.env.Store != nil {
		path = w.env.Store.SecretsLocation(&storage.Profile{Name: w.env.Profile, SecretBackend: storage.BackendFile})
	}
	w.say("Warning: the system keyring could not keep the connection's tokens. "+wizard.Reason(cause),
		"To use the keyring, run zoomconnect in a desktop session with the keyring unlocked (zoomconnect doctor checks it).",
		"Or zoomconnect can keep them in a file that only your user can read (mode 0600):", path,
		"The risk: anything that runs as you, and anyone who gets a copy of this file, can use your Zoom connection until you run zoomconnect logout. Nothing has been saved yet.")
	return w.confirm("Store the tokens in this file?", false)
}

// orQuit is err, or errQuit when the user declined (err nil).
func orQuit(err error) error {
	if err == nil {
		return errQuit
	}
	return err
}

// done says what was saved where and the next commands.
func (w *conversation) done(s wizard.Saved) {
	w.section("Connected")
	p := s.Profile
	w.say("Connected as " + wizard.Who(p.DisplayName, p.Email) + ".")
	if w.env.Store != nil {
		w.say("Profile " + p.Name + " (no secrets): " + w.env.Store.ProfilePath(p.Name))
	}
	w.say("Tokens and client secret: " + orDash(s.Where))
	if len(s.Replaced) > 0 {
		w.say("It replaces the earlier profile " + strings.Join(s.Replaced, ", ") + " (same Zoom user and app).")
	}
	if w.env.Sandbox != nil {
		w.say("Note: a sandbox connection; its tokens work only with the built-in sandbox.")
	}
	flag := ""
	if p.Name != storage.DefaultProfileName {
		flag = " --profile " + p.Name
	}
	w.say("Next:", "  zoomconnect status"+flag+"   check the connection",
		"  zoomconnect token"+flag+"    print an access token for scripts",
		"  zoomconnect logout"+flag+"   revoke at Zoom and delete it here")
}

func orDash(v string) string {
	if v == "" {
		return "unknown"
	}
	return v
}
