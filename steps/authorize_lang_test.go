package steps

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Issue 8: every phase of the authorize screen renders in English and in
// French at 80×24 and 120×40 within the window, every word from the
// catalog (no message ID shown).
func TestAuthorizeRendersInBothLanguages(t *testing.T) {
	deadline := time.Now().Add(9 * time.Minute)
	session := &oauthflow.Session{AuthURL: "https://zoom.us/oauth/authorize?client_id=abc&state=" + strings.Repeat("s", 43),
		RedirectURL: "http://127.0.0.1:53682/callback", Deadline: deadline}
	states := map[string]func(a *Authorize){
		"checking": func(a *Authorize) { a.phase = phaseChecking },
		"confirm": func(a *Authorize) {
			a.phase, a.sameApp = phaseConfirm, []storage.Profile{{Name: "default", Email: "sam@example.com"}, {Name: "work"}}
		},
		"waiting": func(a *Authorize) {
			a.phase, a.session, a.nudge, a.copied, a.copiedCmd = phaseWaiting, session, true, true, true
			a.started, a.now = time.Now(), time.Now()
		},
		"paste": func(a *Authorize) {
			a.phase, a.session = phaseWaiting, session
			a.paste.open()
			a.paste.done(pasteDoneMsg{err: &oauthflow.Error{Kind: oauthflow.KindCallbackError, Err: oauthflow.ErrNotThisRedirect}})
		},
		"timeout":  func(a *Authorize) { a.phase, a.err = phaseFailed, &oauthflow.Error{Kind: oauthflow.KindTimeout} },
		"declined": func(a *Authorize) { a.phase, a.err = phaseFailed, &oauthflow.Error{Kind: oauthflow.KindDeclined} },
		"mismatch": func(a *Authorize) {
			a.phase, a.redirect = phaseFailed, session.RedirectURL
			a.err = &oauthflow.Error{Kind: oauthflow.KindRedirectMismatch, Op: oauthflow.OpExchange, Code: 4709}
		},
		"done": func(a *Authorize) { a.phase = phaseDone },
	}
	for _, lang := range i18n.Langs() {
		for name, set := range states {
			for _, sz := range [][2]int{{80, 24}, {120, 40}} {
				env := testEnv(t)
				env.W.T = i18n.New(lang)
				env.Keys = DefaultKeyMap(env.W.T)
				env.W.Sandbox = &wizard.Sandbox{ApproveCommand: `curl -sSL -o /dev/null "$(cat '/home/someone/.local/state/zoomconnect/sandbox-approve-url')"`}
				a := NewAuthorize(env, wizard.Creds{App: oauthflow.App{ClientID: "id"}})
				set(a)
				a.SetSize(sz[0], sz[1])
				v := a.View()
				ubCheckFits(t, string(lang)+" "+name, v, sz[0], sz[1])
				if plain := ansi.Strip(v); strings.Contains(plain, "[authorize.") || strings.Contains(plain, "[key.") || strings.TrimSpace(plain) == "" {
					t.Errorf("%s %s at %v:\n%s", lang, name, sz, plain)
				}
				if lang == i18n.French && strings.Contains(ansi.Strip(v), "Press ") {
					t.Errorf("English left in the French %s screen:\n%s", name, ansi.Strip(v))
				}
			}
		}
	}
}
