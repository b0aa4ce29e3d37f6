package steps

import (
	"net/http"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// ubRedirectTarget approves on the sandbox like a browser on another machine
// would, and returns the loopback address it was sent to, unvisited.
func ubRedirectTarget(t *testing.T, sb *sandbox.Server, authURL string) string {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(sb.ApproveURL(authURL))
	if err != nil {
		t.Fatalf("approve: %v", err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if !strings.Contains(loc, "/callback?") {
		t.Fatalf("no redirect to the callback: %d %q", resp.StatusCode, loc)
	}
	return loc
}

func TestAuthorizePasteRedirectedURLCompletes(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	d, a := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	loc := ubRedirectTarget(t, sb, a.session.AuthURL)
	d.key("u")
	if !a.Typing() || !strings.Contains(d.view(), "Paste the address") {
		t.Fatalf("u did not open the paste box:\n%s", d.view())
	}
	d.send(tea.PasteMsg{Content: loc})
	d.key("enter")
	got := waitRoot[wizard.Authorized](d, ubWait)
	if got.Result == nil || got.Result.Token.AccessToken == "" {
		t.Fatal("no token from the pasted URL")
	}
}

func TestAuthorizePasteWrongURLKeepsWaiting(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	d, a := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	d.key("u")
	d.send(tea.PasteMsg{Content: a.session.RedirectURL + "?code=x&state=wrong"})
	d.key("enter")
	d.until(ubWait, "the rejection", d.viewHas("another login attempt"))
	if a.phase != phaseWaiting {
		t.Fatalf("a wrong URL ended the attempt: phase %v", a.phase)
	}
	d.key("esc")
	if a.Typing() || len(d.root) != 0 {
		t.Fatal("esc should close the paste box, not leave the screen")
	}
	go ubApprove(t, sb)(a.session.AuthURL)
	waitRoot[wizard.Authorized](d, ubWait)
}
