package connection

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

func TestStatusHealthyLiveAndOffline(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	m := e.manager()
	st, err := m.Status(t.Context(), "work", true)
	if err != nil || len(st.Problems) != 0 || st.User != nil || st.ExpiresIn != -time.Minute || !st.Scopes.AllGranted() {
		t.Fatalf("offline status = %+v, %v", st, err)
	}
	if !strings.Contains(st.SecretsLocation, "keyring") {
		t.Fatalf("location %q", st.SecretsLocation)
	}
	if n, _ := e.z.counts(); n != 0 {
		t.Fatal("offline status called Zoom")
	}
	st, err = m.Status(t.Context(), "work", false)
	if err != nil || len(st.Problems) != 0 || st.User == nil || st.User.Email != "ann@example.com" {
		t.Fatalf("live status = %+v, %v", st, err)
	}
	if st.LastRefreshResult != "ok" || st.ExpiresIn <= 0 {
		t.Fatalf("status does not show the refresh it made: %+v", st)
	}
}

func TestStatusProblemsHaveFixes(t *testing.T) {
	e := newEnv(t)
	p := e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	p.GrantedScopes = []string{"user_info:read"}
	p.ReconnectReason = "a Zoom admin disabled this app's token (4738), usually by withdrawing the app's pre-approval"
	p.LastRefreshResult = "oauth:4738"
	if err := m.Store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	st, err := m.Status(t.Context(), "work", false)
	if err != nil {
		t.Fatal(err)
	}
	if !hasProblem(st, "lacks scopes") || !hasProblem(st, "reconnect needed") {
		t.Fatalf("problems = %+v", st.Problems)
	}
	for _, pr := range st.Problems {
		if strings.Contains(pr.Text, "4738") && !strings.Contains(pr.Fix, "zoomconnect admin request --profile work --markdown request.md") {
			t.Fatalf("4738 fix = %q", pr.Fix)
		}
		if !strings.Contains(pr.Fix, "zoomconnect login --profile work") {
			t.Fatalf("fix without the command: %+v", pr)
		}
	}
	if n, me := e.z.counts(); n != 0 || me != 0 {
		t.Fatal("status called Zoom for a connection known to be dead")
	}
}

func TestStatusUnreadableSecrets(t *testing.T) {
	e := newEnv(t)
	p := e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	m.Store.DeleteSecrets(t.Context(), p)
	st, err := m.Status(t.Context(), "work", false)
	if err != nil || !hasProblem(st, "cannot be read") {
		t.Fatalf("status = %+v, %v", st.Problems, err)
	}
}

func TestStatusLiveErrorBecomesProblem(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	e.z.meStatus, e.z.meBody = 400, `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user]."}`
	st, err := e.manager().Status(t.Context(), "work", false)
	if err != nil || st.LiveErr == nil || st.LiveError == "" || len(st.Problems) != 1 {
		t.Fatalf("status = %+v, %v", st, err)
	}
	if !strings.Contains(st.Problems[0].Text, "user:read:user") {
		t.Fatalf("problem = %+v", st.Problems[0])
	}
}

func TestStatusOfflineShowsFailedLastRefresh(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(-time.Minute))
	e.kr.FailSetsAfter(1, errLocked) // the check before the refresh passes; the rotated tokens fail
	m := e.manager()
	if _, err := m.Token(t.Context(), "work", false); err == nil {
		t.Fatal("expected a save failure")
	}
	st, err := m.Status(t.Context(), "work", true)
	if err != nil || !hasProblem(st, "could not be saved") || st.LastRefreshResult != "save_failed" {
		t.Fatalf("status = %+v, %v", st.Problems, err)
	}
}

// severities returns the severity of every problem whose text contains text.
func severities(st *Status, text string) []string {
	var out []string
	for _, p := range st.Problems {
		if strings.Contains(p.Text, text) {
			out = append(out, p.Severity)
		}
	}
	return out
}

func TestStatusPlaintextFileIsAWarningNotAFailure(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendFile, e.now.Add(time.Hour))
	for _, offline := range []bool{true, false} {
		st, err := e.manager().Status(t.Context(), "work", offline)
		if err != nil {
			t.Fatal(err)
		}
		if got := severities(st, "plaintext file"); len(got) != 1 || got[0] != SeverityWarn || len(st.Problems) != 1 {
			t.Fatalf("offline=%v: problems = %+v", offline, st.Problems)
		}
		if st.Failed() {
			t.Fatalf("offline=%v: a consented plaintext file fails the connection: %+v", offline, st.Problems)
		}
		b, err := json.Marshal(st.Problems[0])
		if err != nil || !strings.Contains(string(b), `"severity":"warn"`) {
			t.Fatalf("json = %s, %v", b, err)
		}
	}
}

func TestStatusFailuresHaveFailSeverity(t *testing.T) {
	cases := map[string]struct {
		text    string
		offline bool
		bend    func(e *env, m *Manager, p *storage.Profile)
	}{
		"missing scopes": {"lacks scopes zoomconnect needs", true, func(e *env, m *Manager, p *storage.Profile) {
			p.GrantedScopes = []string{"user_info:read"}
			m.Store.SaveProfile(p)
		}},
		"reconnect 4738": {"reconnect needed", true, func(e *env, m *Manager, p *storage.Profile) {
			p.ReconnectReason, p.LastRefreshResult = "a Zoom admin disabled this app's token (4738)", "oauth:4738"
			m.Store.SaveProfile(p)
		}},
		"unreadable secrets": {"cannot be read", true, func(e *env, m *Manager, p *storage.Profile) {
			m.Store.DeleteSecrets(t.Context(), p)
		}},
		"refresh not saved": {"could not be saved", true, func(e *env, m *Manager, p *storage.Profile) {
			p.LastRefreshResult = "save_failed"
			m.Store.SaveProfile(p)
		}},
		"live scopes": {"lacks scopes Zoom asked for", false, func(e *env, m *Manager, p *storage.Profile) {
			e.z.meStatus, e.z.meBody = 400, `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user]."}`
		}},
		"live network": {"live check (users/me) failed", false, func(e *env, m *Manager, p *storage.Profile) {
			e.z.Close()
		}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			p := e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
			m := e.manager()
			c.bend(e, m, p)
			st, err := m.Status(t.Context(), "work", c.offline)
			if err != nil {
				t.Fatal(err)
			}
			if got := severities(st, c.text); len(got) != 1 || got[0] != SeverityFail || !st.Failed() {
				t.Fatalf("severities of %q = %v, Failed = %v; problems = %+v", c.text, got, st.Failed(), st.Problems)
			}
		})
	}
}

func TestStatusTransientLastRefreshFailureWarns(t *testing.T) {
	e := newEnv(t)
	p := e.save("work", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	p.LastRefreshResult = "error"
	if err := m.Store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	st, err := m.Status(t.Context(), "work", true)
	if err != nil {
		t.Fatal(err)
	}
	if got := severities(st, "last refresh failed"); len(got) != 1 || got[0] != SeverityWarn || st.Failed() {
		t.Fatalf("problems = %+v", st.Problems)
	}
}

func TestFailedCountsUnsetSeverityAsFailure(t *testing.T) {
	st := &Status{Problems: []Problem{{Text: "w", Severity: SeverityWarn}}}
	if st.Failed() {
		t.Fatal("a warning alone failed")
	}
	st.Problems = append(st.Problems, Problem{Text: "x"})
	if !st.Failed() {
		t.Fatal("an unset severity did not fail")
	}
	if (&Status{}).Failed() {
		t.Fatal("no problems failed")
	}
}

func TestResultWordsAndReconnectFix(t *testing.T) {
	if got := ResultWords("oauth:4741"); strings.Contains(got, "oauth:") || got == "" {
		t.Errorf("ResultWords(oauth:4741) = %q, want the error table's title", got)
	}
	if got := ResultWords("ok"); got != "ok" {
		t.Errorf("ResultWords(ok) = %q", got)
	}
	sb := &storage.Profile{Name: "demo", AuthBaseURL: storage.SandboxMarker, APIBaseURL: storage.SandboxMarker}
	if got := ReconnectFix(sb, nil); got != "run: zoomconnect login --sandbox --profile demo" {
		t.Errorf("sandbox fix = %q", got)
	}
	disabled := &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Code: 4738}
	got := ReconnectFix(&storage.Profile{Name: "work"}, disabled)
	for _, want := range []string{"pre-approve", "zoomconnect admin request --profile work --markdown request.md", "zoomconnect login --profile work"} {
		if !strings.Contains(got, want) {
			t.Errorf("4738 fix %q lacks %q", got, want)
		}
	}
	e := newReconnectError(&storage.Profile{Name: "work", LastRefreshResult: "oauth:4738"}, "disabled (4738)", nil)
	if !strings.Contains(e.Error(), "zoomconnect admin request --profile work") {
		t.Errorf("recorded 4738: %q", e.Error())
	}
}

// TestStatusAndErrorsInFrench: with a French printer, status's problems,
// the reconnect error and the logout hint read French; the commands, the
// severities and the error's English text do not change.
func TestStatusAndErrorsInFrench(t *testing.T) {
	e := newEnv(t)
	p := e.save("work", storage.BackendFile, e.now.Add(time.Hour))
	m := e.manager()
	m.T = i18n.New(i18n.French)
	p.GrantedScopes = []string{"user_info:read"}
	p.ReconnectReason = ReasonWords(&oauthflow.Error{Code: 4741})
	if err := m.Store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	st, err := m.Status(t.Context(), "work", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"les secrets sont dans un fichier en clair", "il manque à la connexion des scopes",
		"connexion à rétablir\u00a0: une autre connexion a remplacé celle-ci (4741)"} {
		if !hasProblem(st, want) {
			t.Errorf("no problem %q in %+v", want, st.Problems)
		}
	}
	for _, pr := range st.Problems {
		if pr.Command != "zoomconnect login --profile work" || !strings.Contains(pr.Fix, pr.Command) || strings.Contains(pr.Text+pr.Fix, "`") {
			t.Errorf("problem %+v: want the command, in the fix, and no markup", pr)
		}
	}
	_, err = m.Token(t.Context(), "work", false)
	var re *ReconnectError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v", err)
	}
	if got := re.Say(m.T); !strings.Contains(got, "la connexion Zoom «\u00a0work\u00a0» doit être rétablie\u00a0: une autre connexion") ||
		!strings.Contains(got, "lancez\u00a0: `zoomconnect login --profile work`") {
		t.Errorf("French reconnect error: %q", got)
	}
	if !strings.Contains(err.Error(), "needs reconnecting: another sign-in replaced this connection (4741)") {
		t.Errorf("English Error(): %q", err)
	}
	if got := ResultWordsIn(m.T, "oauth:4741"); got != "Une autre connexion a remplacé celle-ci (4741)" {
		t.Errorf("French result words: %q", got)
	}
}

// TestRefreshErrorsSayThemselves: the errors a refresh ends with keep
// their English text and say themselves in French.
func TestRefreshErrorsSayThemselves(t *testing.T) {
	fr := i18n.New(i18n.French)
	disk := &storage.FileError{Op: "write", Path: "/s/work.json", Err: syscall.ENOSPC}
	lost := &RotationLostError{Profile: "work", Err: disk, Fix: "zoomconnect login --profile work"}
	if !strings.Contains(lost.Error(), `Zoom refreshed "work" and no longer accepts its saved refresh token`) ||
		!strings.Contains(lost.Error(), "could not write /s/work.json: the disk is full") {
		t.Errorf("English: %q", lost.Error())
	}
	if got := lost.Say(fr); !strings.Contains(got, "la connexion est perdue") || !strings.Contains(got, "le disque est plein") {
		t.Errorf("French: %q", got)
	}
	in := interrupted("work", context.Canceled, true)
	if s, ok := i18n.Say(fr, in); !ok || !strings.Contains(s, "a été interrompue") || !errors.Is(in, ErrInterrupted) || !errors.Is(in, context.Canceled) {
		t.Errorf("interrupted: %q, %v", s, in)
	}
}
