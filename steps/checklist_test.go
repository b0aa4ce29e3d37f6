package steps

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func newChecklist(t testing.TB) *AdminChecklist {
	s := NewAdminChecklist(testEnv(t))
	s.SetSize(100, 40)
	return s
}

func TestChecklistShowsEveryItemAndFocusedDetail(t *testing.T) {
	s := newChecklist(t)
	items := assets.AdminChecklist()
	if len(items) < 5 {
		t.Fatalf("only %d checklist items", len(items))
	}
	v := plain(s)
	for i, it := range items {
		mustContain(t, v, it.Title)
		if i > 0 && strings.Contains(v, it.Detail) {
			t.Errorf("detail of unfocused item %d shown", i)
		}
	}
	mustContain(t, v, "> [ ] 1. "+items[0].Title, items[0].Detail, "0 of", "marketplace.zoom.us")
}

func TestChecklistMoveAndTick(t *testing.T) {
	s := newChecklist(t)
	items := assets.AdminChecklist()
	press(s, "up") // already at the top
	press(s, "down", "down", "space")
	if s.Cursor() != 2 || !s.Ticked(items[2].ID) || s.Ticked(items[0].ID) {
		t.Fatalf("cursor %d, ticked %v", s.Cursor(), s.done)
	}
	mustContain(t, plain(s), "> [x] 3. ", "1 of")
	if !strings.Contains(s.Markdown(), "[x] **"+items[2].Title) {
		t.Errorf("markdown lacks the tick:\n%s", s.Markdown())
	}
	press(s, "x") // x toggles too
	if s.Ticked(items[2].ID) {
		t.Error("second toggle did not untick")
	}
	for range len(items) + 3 {
		press(s, "down")
	}
	if s.Cursor() != len(items)-1 {
		t.Errorf("cursor ran past the end: %d", s.Cursor())
	}
}

func TestChecklistSavesMarkdownFile(t *testing.T) {
	s := newChecklist(t)
	s.ExportDir = t.TempDir()
	press(s, "space")
	msg := mustEmit[checklistSavedMsg](t, press(s, "s"))
	want := filepath.Join(s.ExportDir, wizard.ChecklistFileName)
	if msg.err != nil || msg.path != want {
		t.Fatalf("saved %q, %v; want %q", msg.path, msg.err, want)
	}
	got, err := os.ReadFile(want)
	if err != nil || string(got) != s.Markdown() {
		t.Fatalf("file %q (%v) differs from the checklist", got, err)
	}
	s.Update(msg)
	mustContain(t, plain(s), "Saved to "+want)
	if entries, _ := os.ReadDir(s.ExportDir); len(entries) != 1 {
		t.Errorf("left %d files behind", len(entries))
	}
}

func TestChecklistSaveFailureSaysWhatToDo(t *testing.T) {
	s := newChecklist(t)
	s.ExportDir = filepath.Join(t.TempDir(), "missing", "dir")
	msg := mustEmit[checklistSavedMsg](t, press(s, "s"))
	if msg.err == nil {
		t.Fatal("saving into a missing directory succeeded")
	}
	s.Update(msg)
	mustContain(t, plain(s), "Could not save", "Press c to copy")
}

// TestChecklistCopiesThroughOSC52: c sends the Markdown to the clipboard
// and, since many terminals ignore OSC 52, prints it above the screen
// once, then repaints the screen (issue 8: "c reports copied after an OSC 52 write that many
// terminals ignore"; the assertion was "exactly the clipboard message");
// the status says what was tried, not that it worked.
func TestChecklistCopiesThroughOSC52(t *testing.T) {
	s := newChecklist(t)
	byType := func(ms []tea.Msg) map[string]tea.Msg {
		out := map[string]tea.Msg{}
		for _, m := range ms {
			out[reflect.TypeOf(m).Name()] = m
		}
		return out
	}
	ms := byType(expandSequences(msgs(t, press(s, "c"))))
	clip, ok := ms["setClipboardMsg"]
	_, repaint := ms["clearScreenMsg"]
	if !ok || !repaint || len(ms) != 3 {
		t.Fatalf("c yields %v, want Bubble Tea's clipboard message, a printed line and a repaint", ms)
	}
	if reflect.ValueOf(clip).String() != s.Markdown() {
		t.Error("clipboard content is not the checklist Markdown")
	}
	if printed := fmt.Sprint(ms["printLineMessage"]); !strings.Contains(printed, strings.TrimSpace(s.Markdown())) {
		t.Errorf("the Markdown is not printed above the screen: %q", printed)
	}
	mustContain(t, plain(s), "OSC 52", "Many terminals ignore that", "press s to save a file")
	if strings.Contains(plain(s), "✓") {
		t.Errorf("the copy is reported as a success:\n%s", plain(s))
	}
	if again := byType(msgs(t, press(s, "c"))); len(again) != 1 {
		t.Errorf("a second copy of the same text printed it again: %v", again)
	}
	press(s, "space")
	if ticked := byType(expandSequences(msgs(t, press(s, "c")))); len(ticked) != 3 {
		t.Errorf("a copy after a tick did not print the new checklist: %v", ticked)
	}
}

func TestChecklistQuits(t *testing.T) {
	for _, k := range []string{"q", "esc"} {
		mustEmit[wizard.Quit](t, press(newChecklist(t), k))
	}
}

func TestChecklistSmallWindowKeepsFocusVisible(t *testing.T) {
	s := newChecklist(t)
	items := assets.AdminChecklist()
	s.SetSize(60, 12)
	for range len(items) - 1 {
		press(s, "down")
	}
	v := plain(s)
	mustContain(t, v, items[len(items)-1].Title)
	if strings.Contains(v, items[0].Title) {
		t.Error("a 12-line window should scroll the first item away")
	}
	if n := strings.Count(v, "\n") + 1; n > 12 {
		t.Errorf("%d lines in a 12-line body", n)
	}
	checkSizes(t, s)
}

func BenchmarkChecklistView(b *testing.B) { benchView(b, NewAdminChecklist(testEnv(b))) }
