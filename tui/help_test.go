package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestQuitInHelpAt80ColumnsOnEveryScreen renders each real screen in the
// root at 80x24 and checks that the help line (the last line) says how to
// quit, however many keys the screen has. The scenario tests check the
// screens that need a live attempt (authorize's nudge).
func TestQuitInHelpAt80ColumnsOnEveryScreen(t *testing.T) {
	store, _ := tempStore(t)
	env := &steps.Env{Ctx: t.Context(), W: &wizard.Config{Store: store, Profile: "default", OrgApp: &storage.OrgApp{Name: "Acme", ClientID: "AbC123dEf456GhI789jK", Path: "app.json"}}}
	creds := wizard.Creds{AuthType: storage.AuthOwnApp, AppName: "Acme Notes",
		App: oauthflow.App{ClientID: "AbC123dEf456GhI789jK", ClientSecret: "secret"}}
	res := &oauthflow.Result{Scopes: []string{"user:read:user"}, Token: &oauth2.Token{AccessToken: "x", Expiry: time.Now().Add(time.Hour)}}
	s := DefaultScreens()
	screens := map[string]func(*steps.Env) steps.Step{
		"welcome":     s.Welcome,
		"authtype":    s.AuthType,
		"credentials": func(e *steps.Env) steps.Step { return s.Credentials(e, storage.AuthOwnApp) },
		"preapproval": func(e *steps.Env) steps.Step { return s.Preapproval(e, creds, nil) },
		"scopes":      func(e *steps.Env) steps.Step { return s.Scopes(e, creds, res) },
		"identity":    func(e *steps.Env) steps.Step { return s.Identity(e, creds, res) },
		"done": func(e *steps.Env) steps.Step {
			return s.Done(e, wizard.Saved{Profile: storage.Profile{Name: "default"}})
		},
		"checklist": func(e *steps.Env) steps.Step { return steps.NewAdminChecklist(e) },
	}
	for name, ctor := range screens {
		m := New(env)
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m.activate(entry{stage: wizard.StageWelcome, step: ctor(m.env), cancel: func() {}})
		lines := strings.Split(strings.TrimRight(ansi.Strip(m.View().Content), "\n "), "\n")
		if last := lines[len(lines)-1]; !strings.Contains(last, "ctrl+c quit") {
			t.Errorf("%s at 80 columns: the help line lacks quit: %q", name, last)
		}
		m.cancel()
	}
}
