package steps

import (
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// testPending is a pending attempt of the default profile, 3h old.
func testPending() *storage.Pending {
	return &storage.Pending{
		Profile: "default", AuthType: storage.AuthOwnApp, AppName: "Acme notes", ClientID: "AbC123dEf456GhI789jK",
		Stage: "preapproval", CreatedAt: testNow.Add(-3 * time.Hour),
	}
}

// welcomeResuming is the welcome screen once its lookup found p.
func welcomeResuming(t testing.TB, p *storage.Pending) *Welcome {
	s := NewWelcome(testEnv(t))
	s.Update(pendingLoadedMsg{pending: p})
	return s
}

func TestWelcomeExplainsAndContinues(t *testing.T) {
	s := NewWelcome(testEnv(t))
	s.SetSize(80, 24)
	mustContain(t, plain(s), "OAuth 2.0", "organization's Zoom app", "client ID", "password only on zoom.us", "never here",
		"Press enter")
	if strings.Contains(plain(s), "Sandbox") {
		t.Error("sandbox notice shown outside sandbox mode")
	}
	if strings.Contains(plain(s), "Resume") {
		t.Error("resume offered with no pending attempt")
	}
	mustEmit[wizard.WelcomeDone](t, press(s, "enter"))
}

func TestWelcomeIgnoresOtherKeys(t *testing.T) {
	s := NewWelcome(testEnv(t))
	for _, k := range []string{"a", "up", "down", "esc", "tab"} {
		noCmd(t, press(s, k), k)
	}
}

func TestWelcomeSandboxSaysNoRealZoom(t *testing.T) {
	env := testEnv(t)
	env.W.Sandbox = &wizard.Sandbox{}
	s := NewWelcome(env)
	s.SetSize(80, 24)
	mustContain(t, plain(s), "Sandbox mode", "No real Zoom account")
}

// TestWelcomeLoadsPendingInInit: with no Env.Pending the screen looks the
// attempt up in its Init command; until the answer it says so and ignores
// enter (the choices are not known yet), then offers to resume it.
func TestWelcomeLoadsPendingInInit(t *testing.T) {
	env := ubEnv(t, nil, &ubOpener{})
	p := storage.Pending{Profile: "default", AuthType: storage.AuthOwnApp, AppName: "Acme notes",
		ClientID: "AbC123dEf456GhI789jK", Stage: "preapproval", CreatedAt: time.Now().Add(-time.Hour)}
	if err := env.W.Store.SavePending(t.Context(), p, "s3cret"); err != nil {
		t.Fatal(err)
	}
	s := NewWelcome(env)
	s.SetSize(100, 30)
	cmd := s.Init()
	mustContain(t, plain(s), "Checking for an earlier attempt")
	noCmd(t, press(s, "enter"), "enter while checking")
	loaded := mustEmit[pendingLoadedMsg](t, cmd)
	s.Update(loaded)
	mustContain(t, plain(s), "Resume where you stopped", "Acme notes")
	got := mustEmit[wizard.Resume](t, press(s, "enter"))
	if got.Pending == nil || got.Pending.ClientID != p.ClientID || got.Secret != "s3cret" {
		t.Fatalf("wizard.Resume = %+v", got)
	}
}

func TestWelcomeOffersResume(t *testing.T) {
	s := welcomeResuming(t, testPending())
	s.SetSize(120, 30)
	v := plain(s)
	mustContain(t, v, "Resume where you stopped (waiting for admin pre-approval since", "3\u00a0h ago", "Start over", "Acme notes")
	if !strings.Contains(v, "> Resume") {
		t.Errorf("resume is not focused with a > marker:\n%s", v)
	}
	mustEmit[wizard.Resume](t, press(s, "enter"))
}

func TestWelcomeStartOverInsteadOfResume(t *testing.T) {
	s := welcomeResuming(t, testPending())
	press(s, "down")
	if s.Cursor() != 1 || !strings.Contains(plain(s), "> Start over") {
		t.Fatalf("down did not focus Start over (cursor %d)", s.Cursor())
	}
	mustEmit[wizard.WelcomeDone](t, press(s, "enter"))
	press(s, "up")
	mustEmit[wizard.Resume](t, press(s, "enter"))
}

func TestWelcomeSizes(t *testing.T) {
	checkSizes(t, NewWelcome(testEnv(t)))
	checkSizes(t, welcomeResuming(t, testPending()))
}

// TestWelcomeSaysHowLongAgo: the resume offer says when the attempt
// stopped and how long ago, in words (3 h, not 3h0m0s).
func TestWelcomeSaysHowLongAgo(t *testing.T) {
	s := welcomeResuming(t, testPending())
	s.SetSize(120, 30)
	mustContain(t, strings.ReplaceAll(plain(s), "\u00a0", " "), "3 h ago")
}

func BenchmarkWelcomeView(b *testing.B) { benchView(b, NewWelcome(testEnv(b))) }

// TestWelcomeEnterWhileCheckingIsKept: an enter typed before the lookup
// answers is not lost. With no attempt to resume the screen goes on as
// soon as the answer comes (a fast typist, or a slow keyring).
func TestWelcomeEnterWhileCheckingIsKept(t *testing.T) {
	env := ubEnv(t, nil, &ubOpener{})
	s := NewWelcome(env)
	cmd := s.Init()
	noCmd(t, press(s, "enter"), "enter while checking")
	loaded := mustEmit[pendingLoadedMsg](t, cmd)
	_, next := s.Update(loaded)
	mustEmit[wizard.WelcomeDone](t, next)
}
