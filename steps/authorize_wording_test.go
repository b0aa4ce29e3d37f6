package steps

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// helpKeys is the help line's keys, as "key desc" strings.
func helpKeys(bs []key.Binding) string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(out, " • ")
}

// TestAuthorizeCopiesSandboxCommand: the CopyCommand key puts the
// sandbox's approve command (alone, not the hint's text) on the clipboard,
// the screen confirms it, and help names the key.
func TestAuthorizeCopiesSandboxCommand(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	env := ubEnv(t, sb, &ubOpener{})
	const cmd = `curl -sSL -o /dev/null "$(cat '/tmp/x/approve-url')"`
	env.W.Sandbox = &wizard.Sandbox{ApproveCommand: cmd}
	d, a := startAuthorize(t, env, ubCreds(sb))
	if h := helpKeys(a.ShortHelp()); !strings.Contains(h, "a copy approve command") {
		t.Errorf("help %q lacks the copy-command key", h)
	}
	_, c := a.Update(keypress.Of("a"))
	msgs := runCmd(t, c)
	if len(msgs) != 1 || fmt.Sprint(msgs[0]) != cmd || !strings.Contains(fmt.Sprintf("%T", msgs[0]), "Clipboard") {
		t.Fatalf("a gave %#v, want a clipboard message with %q", msgs, cmd)
	}
	if !strings.Contains(d.view(), "Command sent to your clipboard") {
		t.Errorf("no copy confirmation:\n%s", d.view())
	}
}

// TestSandboxCommandFromField: the sandbox's approve command is shown with
// its introduction; with none (or outside the sandbox) nothing is.
func TestSandboxCommandFromField(t *testing.T) {
	for _, tc := range []struct {
		sb                *wizard.Sandbox
		wantText, wantCmd string
	}{
		{&wizard.Sandbox{ApproveCommand: "curl z"}, "No browser? In another terminal run", "curl z"},
		{&wizard.Sandbox{}, "", ""},
		{nil, "", ""},
	} {
		c := wizard.Config{Sandbox: tc.sb}.WithDefaults()
		var text, cmd string
		for _, b := range wizard.WaitingBlocks(c, wizard.Waiting{AuthURL: "https://zoom.us/x"}, wizard.AuthKeys{}) {
			switch {
			case strings.Contains(b.Text, "No browser?"):
				text = b.Text
			case b.Kind == page.KindCode && b.Text != "https://zoom.us/x":
				cmd = b.Text
			}
		}
		if !strings.Contains(text, tc.wantText) || (tc.wantText == "") != (text == "") || cmd != tc.wantCmd {
			t.Errorf("sandbox %+v: %q, %q; want %q, %q", tc.sb, text, cmd, tc.wantText, tc.wantCmd)
		}
	}
}

// TestAuthorizeNoBrowserWording: with --no-browser nothing opened, so the
// screen asks the user to open the address and offers no "open again".
func TestAuthorizeNoBrowserWording(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	env := ubEnv(t, sb, &ubOpener{})
	env.W.NoBrowser = true
	d, a := startAuthorize(t, env, ubCreds(sb))
	v := flat(d.view())
	if !strings.Contains(v, "Open this address in your browser") || strings.Contains(v, "If no browser opened") ||
		strings.Contains(v, "opens it again") {
		t.Errorf("--no-browser screen still talks about an opened browser:\n%s", d.view())
	}
	if h := helpKeys(a.ShortHelp()); strings.Contains(h, "open browser again") {
		t.Errorf("--no-browser help %q offers to open the browser again", h)
	}
}

// TestAuthorizeWaitingLineCoversTokenExchange: the waiting line does not
// claim the browser has not come back while the code is being exchanged.
func TestAuthorizeWaitingLineCoversTokenExchange(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	d, _ := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	v := flat(d.view())
	if strings.Contains(v, "Waiting for Zoom to send you back") || !strings.Contains(v, "then the token exchange") {
		t.Errorf("waiting line:\n%s", d.view())
	}
}

// TestAuthorizePasteBoxHelpOnlyItsKeys: while typing in the paste box the
// help line lists only what works there (enter, esc), not c/o/u.
func TestAuthorizePasteBoxHelpOnlyItsKeys(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	_, a := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	before := helpKeys(a.ShortHelp())
	if !strings.Contains(before, "c copy") {
		t.Fatalf("help before the paste box: %q", before)
	}
	a.Update(keypress.Of("u"))
	h := helpKeys(a.ShortHelp())
	for _, bad := range []string{"c copy", "o open browser again", "u paste"} {
		if strings.Contains(h, bad) {
			t.Errorf("typing help %q still lists %q", h, bad)
		}
	}
	if !strings.Contains(h, "enter send") || !strings.Contains(h, "esc close the paste box") {
		t.Errorf("typing help %q lacks enter and esc", h)
	}
}

// TestAdminAppTitleFits80: the admin-install screen's title is short
// enough for the 80-column header and does not call the problem
// "pre-approval".
func TestAdminAppTitleFits80(t *testing.T) {
	_, p, _ := newTestPreapproval(t, wizard.AdminAppError())
	title := p.Title()
	header := "zoomconnect · " + title + "  step 4 of 7"
	if title != "An admin must install this app" || len(header) > 78 {
		t.Errorf("admin-app title %q (header %d columns)", title, len(header))
	}
}
