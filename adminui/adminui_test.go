package adminui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/admin"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/testkit"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// console is a console on a fresh sandbox (preapproval scenario), sized.
func console(t testing.TB, lang i18n.Lang) (*Model, *admin.Session) {
	t.Helper()
	srv := testkit.Sandbox(t, sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	creds := marketplace.AccountCredentials{AccountID: sandbox.DemoAccountID, ClientID: sandbox.DemoAdminClientID,
		ClientSecret: sandbox.DemoAdminClientSecret, AuthBaseURL: srv.URL}
	ts := creds.TokenSource(context.Background())
	s := &admin.Session{Client: &marketplace.Client{BaseURL: srv.URL, TokenSource: ts}, Tokens: ts, T: i18n.New(lang), Sandbox: true}
	m := New(context.Background(), s, nil)
	for i := range m.inputs { // a blinking cursor would make every key wait for its tick
		st := m.inputs[i].Styles()
		st.Cursor.Blink = false
		m.inputs[i].SetStyles(st)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(t, m, m.loadApps())
	return m, s
}

// run runs cmd and feeds its messages back (batches too), as the
// program would, skipping the spinner's ticks.
func run(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a command did not return")
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			run(t, m, c)
		}
	case nil, spinner.TickMsg:
	default:
		if name := fmt.Sprintf("%T", msg); strings.HasPrefix(name, "cursor.") || strings.HasPrefix(name, "textinput.") {
			return // a text field's blinking: it would tick for ever
		}
		_, next := m.Update(msg)
		run(t, m, next)
	}
}

// press sends keys, running what each answers.
func press(t testing.TB, m *Model, keys ...tea.KeyPressMsg) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(k)
		run(t, m, cmd)
	}
}

var (
	enter = tea.KeyPressMsg{Code: tea.KeyEnter}
	down  = tea.KeyPressMsg{Code: tea.KeyDown}
	space = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	esc   = tea.KeyPressMsg{Code: tea.KeyEscape}
)

func letter(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

func drawn(m *Model) string { return ansi.Strip(m.View().Content) }

// Pick the app, select two people in the table, approve: the
// confirmation names them, y sends, the result says it per person.
func TestConsoleApprovesSelectedPeople(t *testing.T) {
	m, s := console(t, i18n.English)
	if !strings.Contains(drawn(m), sandbox.DemoAppID) {
		t.Fatalf("home:\n%s", drawn(m))
	}
	press(t, m, enter)
	if m.scr != scrApp || !strings.Contains(drawn(m), "See who is waiting (2 pending requests)") {
		t.Fatalf("app menu:\n%s", drawn(m))
	}
	press(t, m, enter, space, down, space)
	if out := drawn(m); !strings.Contains(out, "[x]  Dee Developer") || !strings.Contains(out, "2 selected") {
		t.Fatalf("table:\n%s", out)
	}
	press(t, m, enter)
	out := drawn(m)
	if m.scr != scrConfirm || !strings.Contains(out, "Approve the requests of 2 people") || !strings.Contains(out, "Mo Marketing <mo.marketing@example.com>") {
		t.Fatalf("confirmation:\n%s", out)
	}
	press(t, m, letter('y'))
	if out := drawn(m); m.scr != scrResult || !strings.Contains(out, "✓ Dee Developer <dee.dev@example.com>: approved") {
		t.Fatalf("result:\n%s", out)
	}
	left, _ := s.Client.Requests(context.Background(), sandbox.DemoAppID, marketplace.StatusPending)
	if len(left) != 0 {
		t.Errorf("still pending: %+v", left)
	}
}

// n on the confirmation sends nothing; the app menu says so.
func TestConsoleNoSendsNothing(t *testing.T) {
	m, s := console(t, i18n.English)
	press(t, m, enter, enter, letter('d'), letter('n'))
	if m.scr != scrApp || !strings.Contains(drawn(m), "Nothing was changed.") {
		t.Fatalf("after n:\n%s", drawn(m))
	}
	left, _ := s.Client.Requests(context.Background(), sandbox.DemoAppID, marketplace.StatusPending)
	if len(left) != 2 {
		t.Errorf("a request changed: %+v", left)
	}
}

// The pre-approval form, in French: emails and groups, the confirmation
// with the unknown person marked, the result per person and group.
func TestConsolePreapproveForm(t *testing.T) {
	m, _ := console(t, i18n.French)
	press(t, m, enter, down, enter)
	if m.scr != scrForm {
		t.Fatalf("not the form:\n%s", drawn(m))
	}
	for _, r := range "dee.dev@example.com, x@example.com" {
		press(t, m, letter(r))
	}
	press(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
	for _, r := range "Engineering" {
		press(t, m, letter(r))
	}
	press(t, m, enter)
	out := drawn(m)
	if m.scr != scrConfirm || !strings.Contains(out, "✗ x@example.com") || !strings.Contains(out, "Préapprouver zoomconnect Sandbox App pour 1 groupe") {
		t.Fatalf("confirmation:\n%s", out)
	}
	press(t, m, letter('y'))
	if out := drawn(m); !strings.Contains(out, "✓ Engineering\u00a0: préapprouvé") {
		t.Fatalf("result:\n%s", out)
	}
}

// The checklist opens from the first menu and q brings the menu back.
func TestConsoleChecklist(t *testing.T) {
	m, _ := console(t, i18n.English)
	press(t, m, down, down, enter)
	if m.scr != scrChecklist || !strings.Contains(drawn(m), "Pre-approve an app for your users") {
		t.Fatalf("checklist:\n%s", drawn(m))
	}
	press(t, m, letter('q'))
	if m.scr != scrHome || m.quitting {
		t.Fatalf("after q: screen %d, quitting %v", m.scr, m.quitting)
	}
	press(t, m, esc)
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if !m.canceled || cmd == nil {
		t.Error("ctrl+c did not cancel")
	}
}

// BenchmarkConsoleView draws each screen of the console (home, the app's
// menu, the requests table, the pre-approval form) at 80×24 and 200×60.
func BenchmarkConsoleView(b *testing.B) {
	for _, sc := range []struct {
		name string
		keys []tea.KeyPressMsg
	}{
		{"home", nil}, {"app", []tea.KeyPressMsg{enter}}, {"requests", []tea.KeyPressMsg{enter, enter}},
		{"form", []tea.KeyPressMsg{enter, down, enter}},
	} {
		for _, sz := range [][2]int{{80, 24}, {200, 60}} {
			b.Run(fmt.Sprintf("%s/%dx%d", sc.name, sz[0], sz[1]), func(b *testing.B) {
				m, _ := console(b, i18n.English)
				press(b, m, sc.keys...)
				m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				b.ReportAllocs()
				for b.Loop() {
					_ = m.View()
				}
			})
		}
	}
}
