package steps

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// TestPreapprovalAfterTimeoutSavesNothing: reached on a timeout (which
// the authorize screen should no longer do on its own), the screen does
// not save the attempt as waiting for pre-approval, neither on entry nor
// when the request is saved (issue 7, item 8); it says so and how to
// confirm the wall, and leaving reports the timeout.
func TestPreapprovalAfterTimeoutSavesNothing(t *testing.T) {
	timeout := &oauthflow.Error{Kind: oauthflow.KindTimeout, Op: oauthflow.OpAuthorize}
	d, p, env := newTestPreapproval(t, timeout)
	if cmd := p.Init(); cmd != nil || p.Committing() {
		t.Fatal("entering on a timeout starts a pending save")
	}
	d.key("s")
	d.until(ubWait, "the request's save", func() bool { return len(p.status) > 0 && !p.failed && !p.Committing() })
	if _, _, err := env.W.Store.LoadPending(t.Context(), "default"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("a timeout was saved as a pending attempt: %v", err)
	}
	if _, err := os.Stat(filepath.Join(p.dir, wizard.RequestFileName)); err != nil {
		t.Errorf("the request itself was not saved: %v", err)
	}
	p.SetSize(100, 300)
	mustContain(t, flat(ansi.Strip(p.View())), "This attempt is not kept for later",
		"press esc to go back to the authorize screen, then p")
	if strings.Contains(p.View(), "This attempt is saved") {
		t.Error("the screen says the attempt is saved")
	}
	if !errors.Is(p.Failure(), timeout) || oauthflow.Explain(p.Failure()).Key != "kind:timeout" {
		t.Errorf("Failure() = %v, want the timeout", p.Failure())
	}
}

// TestPreapprovalCopyPrintsTheRequest: c sends the request through OSC 52
// and prints it above the screen, once; the status does not claim a copy
// that many terminals ignore (issue 8).
func TestPreapprovalCopyPrintsTheRequest(t *testing.T) {
	_, p, _ := newTestPreapproval(t, nil)
	types := func() []string {
		_, cmd := p.Update(keypress.Of("c"))
		var out []string
		for _, m := range expandSequences(runCmd(t, cmd)) {
			out = append(out, fmt.Sprintf("%T", m))
			if strings.HasSuffix(out[len(out)-1], "printLineMessage") && !strings.Contains(fmt.Sprint(m), p.request[:40]) {
				t.Errorf("printed %q, not the request", fmt.Sprint(m))
			}
		}
		return out
	}
	first := strings.Join(types(), " ")
	if !strings.Contains(first, "Clipboard") || !strings.Contains(first, "printLineMessage tea.clearScreenMsg") {
		t.Errorf("c yields %s, want the clipboard, a printed copy, then a repaint", first)
	}
	if again := strings.Join(types(), " "); strings.Contains(again, "printLineMessage") {
		t.Errorf("a second c printed the request again: %s", again)
	}
	v := flat(ansi.Strip(p.View()))
	mustContain(t, v, "OSC 52", "Many terminals ignore that", "printed above this screen")
	if strings.Contains(v, "✓ Sent") || strings.Contains(v, "was sent to your clipboard") {
		t.Errorf("the copy is reported as done:\n%s", v)
	}
}

// TestPreapprovalAndChecklistInFrench: both screens read French at 80×24
// and 120×40 (and the request follows --request-lang): nothing wider or
// taller than the window, no word cut, the status lines French too.
func TestPreapprovalAndChecklistInFrench(t *testing.T) {
	env := ubEnv(t, nil, &ubOpener{})
	env.W.T = i18n.New(i18n.French)
	env.Keys = DefaultKeyMap(env.W.T)
	p := NewPreapproval(env, ubCreds(nil), nil)
	p.dir = filepath.Join(t.TempDir(), "missing")
	d := newUBDriver(t, p)
	d.key("s")
	d.until(ubWait, "the failed save", func() bool { return p.failed && !p.Committing() })
	list := NewAdminChecklist(env)
	press(list, "down", "space")
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		for _, admin := range []bool{false, true} {
			p.admin = admin
			p.SetSize(sz[0], sz[1])
			v := p.View()
			ubCheckFits(t, "preapproval", v, sz[0], sz[1])
			source := pageText(wizard.PreapprovalPage(env.W, p.view()).Blocks) + pageText(p.status) +
				ansi.Strip(scrollLine(env, 0))
			noCutWords(t, fmt.Sprintf("preapproval %dx%d admin=%v", sz[0], sz[1], admin), v, source)
		}
		list.SetSize(sz[0], sz[1])
		ubCheckFits(t, "checklist", list.View(), sz[0], sz[1])
		noCutWords(t, fmt.Sprintf("checklist %dx%d", sz[0], sz[1]), list.View(), pageText(list.page().Blocks))
	}
	p.admin = false
	p.SetSize(100, 400)
	// flat: a no-break space reads as a space.
	mustContain(t, flat(ansi.Strip(p.View())), "préapprobation", "Impossible d’enregistrer le fichier.",
		"Appuyez sur c pour la copier à la place.", "Demande : préapprouver l’application Zoom")
	if got := p.Title(); got != "Préapprobation de l’administrateur nécessaire" {
		t.Errorf("title %q", got)
	}
	mustContain(t, plain(list), "[x] 2. Ouvrez Gérer → Autorisations", "1 étape faite sur 10")
}

// pageText is the text of blocks as a reader gets it, one item a line.
func pageText(blocks []page.Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		b.WriteString(page.PlainText(bl.Text) + "\n")
		for _, it := range bl.Items {
			b.WriteString(page.PlainText(it.Text) + "\n" + page.PlainText(it.Detail) + "\n")
		}
	}
	return b.String()
}

// noCutWords fails for a word of view that is not a word of source: a
// word the layout cut across rows (a URL or a path cut to fit is allowed).
func noCutWords(t *testing.T, name, view, source string) {
	t.Helper()
	words := map[string]bool{"•": true, "✓": true, "!": true, "✗": true, ">": true}
	for _, w := range strings.Fields(source) {
		words[w] = true
	}
	for i := 1; i <= 20; i++ {
		words[fmt.Sprintf("%d.", i)] = true
	}
	var paths []string // a path longer than a row is cut into row pieces, on purpose
	for w := range words {
		if strings.Contains(w, "/") {
			paths = append(paths, w)
		}
	}
	for _, w := range strings.Fields(ansi.Strip(view)) {
		if !words[w] && !strings.ContainsAny(w, "/:") && !pieceOf(w, paths) {
			t.Errorf("%s: %q is not a word of the page (cut?)", name, w)
		}
	}
}

// pieceOf reports whether w is part of one of paths.
func pieceOf(w string, paths []string) bool {
	for _, p := range paths {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// expandSequences replaces each tea.Sequence message in ms by the
// messages of its commands, in order (the test drivers do not run them).
func expandSequences(ms []tea.Msg) []tea.Msg {
	var out []tea.Msg
	for _, m := range ms {
		v := reflect.ValueOf(m)
		if v.Kind() != reflect.Slice || reflect.TypeOf(m).Name() != "sequenceMsg" {
			out = append(out, m)
			continue
		}
		for i := range v.Len() {
			if cmd, ok := v.Index(i).Interface().(tea.Cmd); ok && cmd != nil {
				out = append(out, expandSequences([]tea.Msg{cmd()})...)
			}
		}
	}
	return out
}

// TestPreapprovalAdminViewExportsTheChecklist: in the admin view, s saves
// the checklist under its own file name (not the request's), and neither
// copying nor saving it records the request as sent.
func TestPreapprovalAdminViewExportsTheChecklist(t *testing.T) {
	d, p, env := newTestPreapproval(t, nil)
	d.run(p.Init())
	d.until(ubWait, "the pending save", func() bool { return p.pending && !p.Committing() })
	d.key("a")
	d.key("s")
	d.until(ubWait, "the checklist's save", func() bool { return len(p.status) > 0 && !p.Committing() })
	data, err := os.ReadFile(filepath.Join(p.dir, wizard.ChecklistFileName))
	if err != nil || string(data) != wizard.ChecklistMarkdown(env.W, wizard.Checklist(env.W), nil) {
		t.Fatalf("the checklist file: %v\n%s", err, data)
	}
	if _, err := os.Stat(filepath.Join(p.dir, wizard.RequestFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the checklist was saved as the request: %v", err)
	}
	if v := unwrapped(ansi.Strip(p.View())); !strings.Contains(v, filepath.Join(p.dir, wizard.ChecklistFileName)) {
		t.Errorf("the view does not name the checklist file:\n%s", p.View())
	}
	_, cmd := p.Update(keypress.Of("c"))
	for _, m := range runCmd(t, cmd) {
		d.send(m)
	}
	got, _, err := env.W.Store.LoadPending(t.Context(), "default")
	if err != nil || !got.RequestSentAt.IsZero() {
		t.Errorf("the checklist's export recorded the request as sent: %+v, %v", got, err)
	}
}
