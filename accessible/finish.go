package accessible

import (
	"context"
	"strings"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// reviewScopes says the wizard's scope review, each needed scope as a
// line that starts with its word (OK, BROADER THAN NEEDED, MISSING), and
// asks to go on. Leaving here revokes the fresh tokens (abandon).
func (w *conversation) reviewScopes(res *oauthflow.Result) error {
	v := wizard.ReviewScopes(w.env, w.creds, res, wizard.ScopeKeys{})
	w.section(v.Title)
	w.show(v.Intro)
	for _, l := range v.Lines {
		w.say(l.Said(w.env))
		if l.Detail != "" {
			w.say(page.PlainText(l.Detail))
		}
	}
	w.show(v.Closing)
	t := w.env.T
	a, err := w.ask(t.T("scopes.ask_continue", "Enter", t.T("keyname.enter"), "Quit", quitWord))
	if err == nil && strings.EqualFold(a, quitWord) {
		err = errQuit
	}
	return w.abandonOn(err, res)
}

// identify asks Zoom who signed in, says the confirm page, asks to save
// (enter saves, as in the full-screen wizard; a different account than
// expected needs an explicit answer), and saves. Leaving without a saved
// connection revokes the fresh tokens.
func (w *conversation) identify(res *oauthflow.Result) (wizard.Saved, error) {
	w.section(wizard.IdentityTitle(w.env))
	u, err := w.me(res)
	if err != nil {
		return wizard.Saved{}, w.abandonOn(err, res)
	}
	s := wizard.Signin{Creds: w.creds, User: u, Plan: wizard.PlanSave(w.env, w.creds, u)}
	s.Probe, s.KeyErr = w.probe()
	w.show(wizard.IdentityPage(w.env, s, wizard.IdentityKeys{}).Blocks)
	w.show([]page.Block{page.Para(wizard.TokensLine(w.env, s))})
	question := page.PlainText(wizard.SaveQuestion(w.env))
	var ok bool
	switch {
	case w.env.SavesAtOnce(s):
		ok = true // --yes
	case s.Mismatch():
		ok, err = w.confirmExplicit(question)
	default:
		ok, err = w.confirm(question, true)
	}
	if err == nil && !ok {
		err = errQuit
	}
	if err != nil {
		return wizard.Saved{}, w.abandonOn(err, res)
	}
	saved, err := w.save(res, u)
	return saved, w.abandonOn(err, res)
}

// probe asks the keyring whether it answers, so the confirm page says
// truthfully where the tokens go.
func (w *conversation) probe() (wizard.Probe, error) {
	if w.env.Store == nil {
		return wizard.ProbeNone, nil
	}
	if err := w.env.Store.ProbeKeyring(w.ctx); err != nil {
		return wizard.ProbeFailed, err
	}
	return wizard.ProbeOK, nil
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
		w.show(wizard.MeFailedBlocks(w.env, err, wizard.FailureKeys{}))
		again, err := w.confirm(w.env.T.T("identity.ask_me_again"), true)
		if err == nil && !again {
			err = errQuit
		}
		if err != nil {
			return nil, err
		}
	}
}

// save stores the connection in the keyring; when the keyring is
// unavailable it goes on to the file (consented to with
// --insecure-storage) or asks consent for it, and declining it ends with
// wizard.FileDeclinedError. A failed save says what happened and offers
// to try again; leaving then ends with that failure.
func (w *conversation) save(res *oauthflow.Result, u *oauthflow.User) (wizard.Saved, error) {
	backend := storage.BackendKeyring
	for {
		saved, err := w.saveWith(res, u, backend)
		if err == nil {
			w.failed = nil
			return saved, nil
		}
		switch w.env.FallbackAfter(backend, err) {
		case wizard.FallbackFile:
			backend = storage.BackendFile
			continue
		case wizard.FallbackAsk:
			w.failed = err
			ok, aerr := w.consentFile(err)
			if aerr != nil {
				return wizard.Saved{}, aerr
			}
			if !ok {
				return wizard.Saved{}, wizard.NewFileDeclinedError(w.env, err)
			}
			backend = storage.BackendFile
			continue
		}
		w.failed = err
		w.show(wizard.SaveFailedBlocks(w.env, err, wizard.FailureKeys{}))
		if again, err := w.confirm(w.env.T.T("identity.ask_save_again"), true); err != nil || !again {
			return wizard.Saved{}, orQuit(err)
		}
	}
}

func (w *conversation) saveWith(res *oauthflow.Result, u *oauthflow.User, backend storage.SecretBackend) (wizard.Saved, error) {
	p := wizard.ProfileFor(w.env, w.creds, res, u, backend)
	return wizard.SaveConnection(context.WithoutCancel(w.ctx), w.env, p, wizard.SecretsFor(w.creds, res))
}

// consentFile says why the keyring failed and asks to use the 0600 file
// instead; nothing has been saved when it asks, and only an explicit
// answer decides.
func (w *conversation) consentFile(cause error) (bool, error) {
	w.show(wizard.ConsentBlocks(w.env, cause, wizard.ConsentKeys{}))
	return w.confirmExplicit(wizard.ConsentQuestion(w.env))
}

// confirmExplicit asks a yes/no question that an empty line does not
// answer (a choice enter must not make by accident).
func (w *conversation) confirmExplicit(question string) (bool, error) {
	for {
		v, err := w.ask(question + " " + w.env.T.T("identity.hint_explicit"))
		if err != nil {
			return false, err
		}
		if yes, ok := yesNo(v); ok {
			return yes, nil
		}
		w.say(w.env.T.T("a11y.yes_or_no"))
	}
}

// abandonOn passes err on; when it ends the run (anything but nil), the
// fresh tokens of res are revoked at Zoom first and the result said, so
// that no live sign-in is left with nothing to find it.
func (w *conversation) abandonOn(err error, res *oauthflow.Result) error {
	if err == nil {
		return nil
	}
	if v := wizard.Abandon(w.ctx, w.env, w.creds, res); v != nil {
		w.show([]page.Block{v.Block(w.env)})
	}
	return err
}

// quitWord is what the person types to leave at a question that takes
// any answer.
const quitWord = "q"

// orQuit is err, or errQuit when the user declined (err nil).
func orQuit(err error) error {
	if err == nil {
		return errQuit
	}
	return err
}

// done says the wizard's done page: what was saved where and the next
// commands.
func (w *conversation) done(s wizard.Saved) {
	pg := wizard.DonePage(w.env, s)
	w.section(pg.Title)
	w.show(pg.Blocks)
}
