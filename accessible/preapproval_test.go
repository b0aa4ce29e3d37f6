package accessible

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/storage/storagetest"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// conversationFor is a conversation with env, reading the answers in
// input and writing to the returned buffer.
func conversationFor(t *testing.T, env *wizard.Config, input string) (*conversation, *bytes.Buffer) {
	t.Helper()
	out := &bytes.Buffer{}
	r := newLineReader(strings.NewReader(input))
	t.Cleanup(r.close)
	w := &conversation{ctx: context.Background(), env: env.WithDefaults(), out: out, in: r, every: time.Minute}
	w.creds = wizard.Creds{AuthType: storage.AuthOwnApp, AppName: "Acme", ExpectedEmail: "pat@example.com",
		App: oauthflow.App{ClientID: "AcmeClientID12345678", ClientSecret: "s3cret"}}
	return w, out
}

// TestPreapprovalSaysTheGuideAsLines: the pre-approval section says the
// wizard's guide as plain lines (the same words as the screen, no
// Markdown, no glyphs, the request's heading left out since it is offered
// as a file), as plainMarkdown used to.
func TestPreapprovalSaysTheGuideAsLines(t *testing.T) {
	t.Chdir(t.TempDir())
	env := &wizard.Config{Store: storagetest.NewStore(t.TempDir(), storagetest.NewKeyring()), Profile: "default"}
	w, out := conversationFor(t, env, "n\nn\n")
	if err := w.preapproval(nil); !errors.Is(err, errQuit) {
		t.Fatalf("preapproval = %v, want errQuit", err)
	}
	got := out.String()
	for _, want := range []string{"== Admin pre-approval needed ==", "\nWhat is happening\n", "\n1. Send your Zoom admin a request.",
		"OK: This attempt is saved", "Your Zoom account needs an admin", "\n- This private app belongs to another Zoom account"} {
		if !strings.Contains(got, want) {
			t.Errorf("the section lacks %q:\n%s", want, got)
		}
	}
	for _, not := range []string{"**", "# ", "✓", "_Saving", "Request for your admin ("} {
		if strings.Contains(got, not) {
			t.Errorf("the section says %q:\n%s", not, got)
		}
	}
}

// TestPreapprovalAfterTimeoutSavesNothing: a timeout is not a confirmed
// wall (issue 7, item 8): no pending attempt is saved, even when the
// request is, the outcome stays the timeout, and the guide says so.
func TestPreapprovalAfterTimeoutSavesNothing(t *testing.T) {
	t.Chdir(t.TempDir())
	st := storagetest.NewStore(t.TempDir(), storagetest.NewKeyring())
	w, out := conversationFor(t, &wizard.Config{Store: st, Profile: "default"}, "y\nn\n")
	timeout := &oauthflow.Error{Kind: oauthflow.KindTimeout, Op: oauthflow.OpAuthorize}
	if err := w.preapproval(timeout); !errors.Is(err, errQuit) {
		t.Fatalf("preapproval = %v", err)
	}
	if _, _, err := st.LoadPending(t.Context(), "default"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("a timeout was saved as waiting for pre-approval: %v", err)
	}
	if !errors.Is(w.failed, timeout) || oauthflow.IsPreapproval(w.failed) && oauthflow.KindOf(w.failed) != oauthflow.KindTimeout {
		t.Errorf("outcome %v, want the timeout", w.failed)
	}
	mustSay(t, out.String(), "This attempt is not kept for later", "OK: Saved. Send this file to your Zoom admin:")
	if _, err := os.Stat(wizard.RequestFileName); err != nil {
		t.Errorf("the request was not saved: %v", err)
	}
}

// TestPreapprovalInFrench: with a French printer the section, its
// questions and its outcome lines are French; the request follows the
// request language (English here, for an English-speaking admin).
func TestPreapprovalInFrench(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	env := &wizard.Config{T: i18n.New(i18n.French), RequestLang: i18n.English,
		Store: storagetest.NewStore(t.TempDir(), storagetest.NewKeyring()), Profile: "default"}
	w, out := conversationFor(t, env, "o\nnon\n")
	if err := w.preapproval(nil); !errors.Is(err, errQuit) {
		t.Fatalf("preapproval = %v", err)
	}
	mustSay(t, out.String(), "== Préapprobation de l’administrateur nécessaire ==", "Ce qui se passe",
		"Enregistrer la demande pour votre administrateur Zoom sous zoomconnect-admin-request.md",
		"Réessayer dans le navigateur maintenant", "OK\u00a0: Enregistrée.", "Dans ce mode, les touches")
	req, err := os.ReadFile(filepath.Join(dir, wizard.RequestFileName))
	if err != nil || !strings.Contains(string(req), `# Request: please pre-approve the Zoom app "Acme"`) {
		t.Errorf("the request is not in the request language (English): %v\n%s", err, req)
	}
}

// TestShowListDetailAndMark: a list item's detail is said on the line
// under it; a ticked task starts with the OK word.
func TestShowListDetailAndMark(t *testing.T) {
	w, out := conversationFor(t, &wizard.Config{}, "")
	w.show([]page.Block{
		{Kind: page.KindList, Items: []page.Item{{Text: "**Open** it", Detail: "on the `left`"}, {Text: "Done", Mark: page.KindOK}}},
		{Kind: page.KindSteps, Start: 2, Items: []page.Item{{Text: "Two", Detail: "two's detail"}}},
	})
	if got, want := out.String(), "- Open it\n  on the left\n- OK: Done\n2. Two\n  two's detail\n"; got != want {
		t.Errorf("show = %q, want %q", got, want)
	}
}

func mustSay(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %q:\n%s", w, got)
		}
	}
}
