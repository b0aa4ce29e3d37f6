package steps

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestReflowKeepsIndentOfStyledLine: a styled indented line too long for
// the width keeps its indentation on the first row and hangs the rest
// under it; the style's escape sequences survive.
func TestReflowKeepsIndentOfStyledLine(t *testing.T) {
	st := NewStyles(true)
	line := st.Muted.Render("    granted as meeting:write:admin, meeting:read:admin (broader than needed, see below)")
	if !strings.Contains(line, "\x1b[") {
		t.Skip("the style emits no escape sequences here; nothing to test")
	}
	out := reflow(line, 40)
	if !strings.Contains(out, "\x1b[") {
		t.Errorf("reflow dropped the style: %q", out)
	}
	rows := strings.Split(ansi.Strip(out), "\n")
	if len(rows) < 2 {
		t.Fatalf("not wrapped at 40: %q", rows)
	}
	for i, r := range rows {
		if !strings.HasPrefix(r, "    ") || strings.HasPrefix(r, "     ") || len([]rune(r)) > 40 {
			t.Errorf("row %d %q: want 4 spaces of indent and at most 40 columns", i, r)
		}
	}
}

// TestScopesAdminScopesIndentAt60: with :admin scopes the "granted as"
// line is too long and styled; its rows stay indented on the screen.
func TestScopesAdminScopesIndentAt60(t *testing.T) {
	s := NewScopes(ubEnv(t, nil, &ubOpener{}), ubCreds(nil),
		&oauthflow.Result{Scopes: []string{"meeting:write:admin", "meeting:read:admin", "user:read:admin"}})
	s.SetSize(60, 80)
	for _, r := range strings.Split(plain(s), "\n") {
		if strings.Contains(r, "granted as") && !strings.HasPrefix(r, "    granted as") {
			t.Errorf("a 'granted as' row lost its indent: %q\n%s", r, plain(s))
		}
	}
	if !strings.Contains(flat(plain(s)), "granted as meeting:write:admin") {
		t.Fatalf("no granted-as line:\n%s", plain(s))
	}
}

// TestDoneSandboxLineHangs: the sandbox warning's continuation rows start
// under its text, not under the "!".
func TestDoneSandboxLineHangs(t *testing.T) {
	env := testEnv(t)
	env.W.Sandbox = &wizard.Sandbox{}
	s := NewDone(env, savedMsg("default"))
	s.SetSize(50, 40)
	rows := strings.Split(plain(s), "\n")
	for i, r := range rows {
		if !strings.HasPrefix(r, "! A sandbox connection") {
			continue
		}
		if i+1 >= len(rows) || !strings.HasPrefix(rows[i+1], "  ") || strings.TrimSpace(rows[i+1]) == "" {
			t.Fatalf("the sandbox warning does not hang at 50 columns:\n%s", plain(s))
		}
		return
	}
	t.Fatalf("no sandbox warning:\n%s", plain(s))
}

// TestDoneWarnsAboutMissingScopes: saved with missing scopes, the screen
// does not say a plain "✓ Connected": it names the missing scopes and
// what to do; with every scope granted it does.
func TestDoneWarnsAboutMissingScopes(t *testing.T) {
	m := savedMsg("default")
	m.Profile.GrantedScopes = []string{"user:read:user"}
	s := NewDone(testEnv(t), m)
	s.SetSize(100, 40)
	v := flat(plain(s))
	if strings.Contains(v, "✓ Connected") {
		t.Errorf("missing scopes but a plain ✓ Connected:\n%s", plain(s))
	}
	missing := oauthflow.ReviewScopes(m.Profile.GrantedScopes).Missing
	if len(missing) == 0 {
		t.Fatal("test premise: user:read:user alone should miss scopes")
	}
	mustContain(t, v, "! Connected as Ada Lovelace <ada@example.com>, but without the scopes "+strings.Join(missing, ", "),
		"4711", "App Marketplace", "then run zoomconnect login to authorize again")

	m.Profile.AuthType = storage.AuthOrgApp
	mustContain(t, flat(plain(NewDone(testEnv(t), m))), "Ask your Zoom admin to add them")

	m.Profile.GrantedScopes = oauthflow.RequiredScopes()
	s = NewDone(testEnv(t), m)
	s.SetSize(100, 40)
	if v := plain(s); !strings.Contains(v, "✓ Connected as") || strings.Contains(v, "without the scopes") {
		t.Errorf("every scope granted, yet:\n%s", v)
	}
}

// TestIdentityKeyringReasonNotNested: the keyring's reason is its own
// clause after a colon, lowercased, with no brackets inside brackets.
func TestIdentityKeyringReasonNotNested(t *testing.T) {
	_, s, _, _ := newTestIdentity(t, "")
	s.probe, s.keyErr = wizard.ProbeFailed, errors.New("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so the Secret Service cannot be reached")
	s.SetSize(200, 40)
	v := flat(plain(s))
	want := "No system keyring answered: no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so the Secret Service cannot be reached. When you save, zoomconnect will ask"
	if !strings.Contains(v, want) {
		t.Errorf("keyring line, want %q in:\n%s", want, v)
	}
	if strings.Contains(v, "answered (") {
		t.Errorf("the reason is still in brackets:\n%s", v)
	}
}
