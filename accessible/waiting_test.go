package accessible

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// toWaiting answers up to the browser wait with the organization's app.
func toWaiting(t *testing.T, s *session) {
	t.Helper()
	s.answer(t, choicePrompt, "")
	s.answer(t, emailPrompt, "")
	s.answer(t, readyPrompt, "")
	s.expect(t, "q  quit")
}

// A browser that never comes back: "still waiting" lines, then at the
// deadline the timeout with its likely causes (the pre-approval wall one
// of them), never the pre-approval guide on its own; quitting ends with
// the timeout and saves no attempt as waiting for pre-approval (issue 7
// item 8).
func TestTimeoutListsLikelyCauses(t *testing.T) {
	s := startEvery(t, sandbox.ScenarioApprove, false, func(e *wizard.Config) { e.FlowTimeout = 1500 * time.Millisecond }, 200*time.Millisecond)
	toWaiting(t, s)
	s.expect(t, "Still waiting for Zoom (")
	s.expect(t, "Error: Nothing came back from the browser before the deadline.")
	s.expect(t, "Likely causes, most likely first:")
	s.expect(t, `1. The app needs your Zoom admin's pre-approval`)
	s.answer(t, "What next?", "4")
	_, err := s.result(t)
	var fe *wizard.FailedError
	if !errors.As(err, &fe) || oauthflow.KindOf(err) != oauthflow.KindTimeout {
		t.Fatalf("outcome %v, want a FailedError of KindTimeout", err)
	}
	if strings.Contains(s.out.String(), "== Admin pre-approval needed") {
		t.Errorf("a timeout led to the pre-approval guide by itself:\n%s", s.out.String())
	}
	if _, _, err := s.store.LoadPending(t.Context(), "default"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("a timeout saved a pending attempt: %v", err)
	}
	s.assertPlain(t)
	s.assertPortsClosed(t)
}

// After a timeout the person confirms the wall: the pre-approval guide,
// as the wall (no longer a likely cause), and the outcome is the wall.
func TestTimeoutThenConfirmedWall(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, false, func(e *wizard.Config) { e.FlowTimeout = time.Second })
	toWaiting(t, s)
	s.answer(t, "What next?", "2")
	s.expect(t, "== Admin pre-approval needed ==")
	s.answer(t, "Save the request for your Zoom admin", "n")
	s.answer(t, "Try the browser again now?", "n")
	_, err := s.result(t)
	if !oauthflow.IsPreapproval(err) || oauthflow.KindOf(err) == oauthflow.KindTimeout {
		t.Fatalf("outcome %v, want the confirmed pre-approval wall", err)
	}
	s.assertPortsClosed(t)
}

// m reports "An account admin is required": the admin-app guide, and the
// outcome keeps that explanation.
func TestAdminAppViaM(t *testing.T) {
	s := start(t, sandbox.ScenarioAdminApp, false, nil)
	toWaiting(t, s)
	s.keysLine(t, "m")
	s.expect(t, "== An admin must install this app ==")
	s.answer(t, "Save the request for your Zoom admin", "n")
	s.answer(t, "Try the browser again now?", "")
	_, err := s.result(t)
	if !oauthflow.IsPreapproval(err) || oauthflow.Explain(err).Key != "preapproval:admin_app" {
		t.Fatalf("outcome %v (%s), want the admin-app wall", err, oauthflow.Explain(err).Key)
	}
	s.assertPortsClosed(t)
}

// u takes the pasted redirect: a wrong one is refused and the wait goes
// on; the right one completes the login.
func TestPasteRedirectedURL(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, false, nil)
	toWaiting(t, s)
	s.keysLine(t, "u")
	s.answer(t, "Paste the full address", "http://127.0.0.1:1/callback?code=x&state=y")
	s.expect(t, "That address did not complete the login")
	s.keysLine(t, "u")
	s.answer(t, "Paste the full address", s.redirected(t))
	s.expect(t, "Address accepted.")
	s.answer(t, scopesPrompt, "")
	s.answer(t, savePrompt, "y")
	if _, err := s.result(t); err != nil {
		t.Fatalf("outcome %v\n%s", err, s.out.String())
	}
	s.assertPlain(t)
}

// keysLine types line without waiting for a prompt.
func (s *session) keysLine(t *testing.T, line string) {
	t.Helper()
	if _, err := s.keys.Write([]byte(line + "\n")); err != nil {
		t.Fatal(err)
	}
}

// redirected is where the sandbox's Allow sends the browser: the callback
// URL a user would paste.
func (s *session) redirected(t *testing.T) string {
	t.Helper()
	opened := s.br.Opened()
	u := opened[len(opened)-1]
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(s.srv.ApproveURL(u))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if !strings.Contains(loc, "/callback?") {
		t.Fatalf("approve answered %d, Location %q", resp.StatusCode, loc)
	}
	return loc
}

// Every answer piped at once, before any question (as a script does): the
// lines meant for the questions after the browser are not taken by the
// wait for it, whenever the browser comes back. Before, the wait read
// them as letters and dropped them, and the scope review never got its
// line (HF's e2e finding).
func TestAnswersPipedAheadReachTheirQuestions(t *testing.T) {
	s := start(t, sandbox.ScenarioApprove, true, nil)
	// The org app, no expected email, authorize now, the scope review, save.
	if _, err := io.WriteString(s.keys, "\n\n\n\ny\n"); err != nil {
		t.Fatal(err)
	}
	s.keys.Close() // nothing more comes: a lost line would end in a cancel
	saved, err := s.result(t)
	if err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
		t.Fatalf("outcome %+v, %v\n%s", saved.Profile, err, s.out.String())
	}
	if strings.Contains(s.out.String(), "Type one of the letters above") {
		t.Errorf("an answer was read as a letter of the wait:\n%s", s.out.String())
	}
	s.assertPlain(t)
	s.assertPortsClosed(t)
}
