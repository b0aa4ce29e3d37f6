package accessible

import (
	"strings"

	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// begin gathers the app to authorize with, from the stage the wizard's
// flow starts on: the welcome text, the resume offer and the choice of
// app; the credentials of the auth type the command line gave; or nothing
// when it gave them all.
func (w *conversation) begin() error {
	f := wizard.NewFlow(w.env)
	switch f.Stage() {
	case wizard.StageAuthorize:
		w.creds = *f.Creds()
		return nil
	case wizard.StageCredentials:
		return w.credentials(f.Data().AuthType)
	}
	w.welcome()
	resumed, err := w.resume()
	if err == nil && !resumed {
		err = w.chooseApp()
	}
	return err
}

// welcome says how to answer, then the welcome screen's page.
func (w *conversation) welcome() {
	w.say(w.env.T.T("a11y.intro"))
	w.show(wizard.WelcomePage(w.env).Blocks)
}

// resume offers to resume the profile's pending attempt (one that
// stopped at the pre-approval wall), like the welcome screen; true means
// w.creds holds it.
func (w *conversation) resume() (bool, error) {
	p, secret := wizard.LoadPending(w.ctx, w.env) // none, or unreadable: start over
	if p == nil {
		return false, nil
	}
	blocks := wizard.ResumeBlocks(w.env, p, 0)
	w.blank()
	w.show(blocks)
	i, err := w.pick(choicesOf(blocks))
	if err != nil {
		return false, err
	}
	ev, ok := wizard.WelcomeChoice(p, secret, i).(wizard.Resume)
	if !ok {
		// Starting over forgets the attempt (a leftover would only be
		// offered again).
		_ = wizard.DiscardPending(w.ctx, w.env)
		return false, nil
	}
	w.creds = wizard.ResumeCreds(w.env, ev.Pending, ev.Secret)
	if wizard.NeedsSecret(ev.Pending, ev.Secret) {
		return true, w.resumeSecret()
	}
	return true, nil
}

// chooseApp asks how to connect and gathers the app's credentials.
func (w *conversation) chooseApp() error {
	pg := wizard.AuthTypePage(w.env, wizard.AuthTypeCursor(w.env), "")
	w.section(pg.Title)
	for {
		menu := choicesOf(pg.Blocks)
		i, err := w.pick(menu)
		if err != nil {
			return err
		}
		t := wizard.AuthTypes()[i]
		if _, notice := wizard.ChooseAuthType(w.env, t); notice != "" {
			// The choice's detail says how an admin provisions one.
			w.say(strings.Split(page.PlainText(menu.Items[i].Detail), "\n")...)
			w.show([]page.Block{page.Fail(notice)})
			continue
		}
		return w.credentials(t)
	}
}

// credentials shows the credentials page of auth type t (which app, or
// how to set one up) and asks for each of its fields.
func (w *conversation) credentials(t storage.AuthType) error {
	pg := wizard.CredsPage(w.env, t, nil, w.env.T.T("keyname.enter"))
	w.section(pg.Title)
	w.show(pg.Blocks)
	values := map[wizard.Field]string{}
	for _, f := range wizard.CredsFields(w.env, t) {
		if v := w.env.Preset(f); v != "" {
			values[f] = v // given on the command line: not asked
			continue
		}
		_, _, question := wizard.FieldText(w.env, f, false, "")
		v, err := w.askValid(question, f == wizard.FieldSecret, func(v string) string {
			return wizard.CheckField(w.env, f, v, values[wizard.FieldClientID])
		})
		if err != nil {
			return err
		}
		values[f] = v
	}
	if t == storage.AuthOrgApp {
		w.creds = wizard.OrgCreds(w.env, values[wizard.FieldEmail])
		return nil
	}
	w.creds = wizard.OwnCreds(w.env, values[wizard.FieldClientID], values[wizard.FieldSecret], values[wizard.FieldEmail])
	return nil
}

// resumeSecret asks for the client secret of the resumed attempt again (no
// keyring kept it when it stopped).
func (w *conversation) resumeSecret() error {
	_, _, question := wizard.FieldText(w.env, wizard.FieldSecret, false, "")
	pg := wizard.ResumePage(w.env, w.creds, page.Block{})
	w.section(pg.Title)
	w.show(pg.Blocks)
	v, err := w.askValid(question, true, func(v string) string {
		return wizard.CheckField(w.env, wizard.FieldSecret, v, w.creds.App.ClientID)
	})
	if err == nil {
		w.creds = wizard.ResumedCreds(w.creds, v)
	}
	return err
}
