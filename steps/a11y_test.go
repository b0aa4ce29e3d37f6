package steps

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// markedScreen is a screen in a state that shows a status, and the text
// markers that must carry that status without colour.
type markedScreen struct {
	name    string
	step    Step
	markers []string
}

func markedScreens(t *testing.T) []markedScreen { return markedScreensIn(t, nil) }

// markedScreensIn builds the screens of markedScreens drawn with st (nil:
// the test environment's).
func markedScreensIn(t *testing.T, st *Styles) []markedScreen {
	env := testEnv(t)
	if st != nil {
		env.Styles = st
	}
	env.W.Sandbox = &wizard.Sandbox{}
	creds := NewCredentials(env, storage.AuthOwnApp)
	press(creds, "tab", "tab", "enter") // no client ID: a field error
	list := NewAdminChecklist(env)
	press(list, "space")
	scopes := NewScopes(env, wizard.Creds{AuthType: storage.AuthOwnApp}, &oauthflow.Result{Scopes: []string{"user:read:user"}})
	_, pre, preEnv := newTestPreapproval(t, nil)
	pre.Update(requestSavedMsg{err: errors.New("read-only file system")})
	_, id, idEnv, _ := newTestIdentity(t, "someone.else@example.com")
	if st != nil {
		*preEnv.Styles, *idEnv.Styles = *st, *st
	}
	return []markedScreen{
		{"preapproval", pre, []string{"✗ Could not save the file"}},
		{"identity", id, []string{"✓ Connected as", "! You expected"}},
		{"welcome", NewWelcome(env), []string{"✓ ", "! Sandbox"}},
		{"authtype", NewAuthType(env), []string{"> ", "! None is provisioned"}},
		{"credentials", creds, []string{"┃ ", "✗ "}}, // the focused field's bar
		{"checklist", list, []string{"> ", "[x]", "[ ]"}},
		{"scopes", scopes, []string{"✓ user_info:read", "✗ meeting:write (missing)", "! Some scopes"}},
		{"done", NewDone(env, savedMsg("default")), []string{"✓ Connected", "! A sandbox"}},
	}
}

// sgr matches one Select Graphic Rendition sequence, capturing its params.
var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// colourParams reports the SGR parameters that set a colour (30-49,
// 90-107, and the 38/48 extended forms).
func colourParams(s string) []string {
	var out []string
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if (n >= 30 && n <= 49) || (n >= 90 && n <= 107) {
				out = append(out, m[0])
				break
			}
		}
	}
	return out
}

// TestScreensMarkStateWithoutColour renders every screen as a terminal
// without colour would get it (NO_COLOR gives colorprofile.Ascii; a pipe
// gives NoTTY) and checks that no colour is sent and the state is still
// told by its text markers (✓ ✗ ! > ┃ [x]).
func TestScreensMarkStateWithoutColour(t *testing.T) {
	if p := colorprofile.Env([]string{"TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=1"}); p > colorprofile.Ascii {
		t.Fatalf("NO_COLOR gives profile %v; colour would still be sent", p)
	}
	for _, sc := range markedScreens(t) {
		sc.step.SetSize(100, 60)
		view := sc.step.View()
		if len(colourParams(view)) == 0 {
			t.Fatalf("%s: the unfiltered view has no colour; the test would prove nothing", sc.name)
		}
		for _, prof := range []colorprofile.Profile{colorprofile.Ascii, colorprofile.NoTTY} {
			var buf bytes.Buffer
			w := &colorprofile.Writer{Forward: &buf, Profile: prof}
			if _, err := w.WriteString(view); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if c := colourParams(out); len(c) > 0 {
				t.Errorf("%s (%v): colour sequences remain: %q", sc.name, prof, c)
			}
			if prof == colorprofile.NoTTY && strings.Contains(out, "\x1b") {
				t.Errorf("%s (NoTTY): escape sequences remain", sc.name)
			}
			for _, m := range sc.markers {
				if !strings.Contains(sgr.ReplaceAllString(out, ""), m) {
					t.Errorf("%s (%v): marker %q missing:\n%s", sc.name, prof, m, out)
				}
			}
		}
	}
}

// TestNoColourStylesSendNoColour: the styles the root builds when the
// terminal reports no colour (NO_COLOR: colorprofile.ASCII) name no
// colour at all, so nothing depends on the renderer to strip one, and
// still tell text apart with bold (titles, the focused choice) and faint
// (notes, descriptions), which NO_COLOR allows.
func TestNoColourStylesSendNoColour(t *testing.T) {
	for _, prof := range []colorprofile.Profile{colorprofile.ASCII, colorprofile.NoTTY} {
		for _, dark := range []bool{true, false} {
			for _, sc := range markedScreensIn(t, NewStylesFor(dark, prof)) {
				sc.step.SetSize(100, 60)
				view := sc.step.View()
				if c := colourParams(view); len(c) > 0 {
					t.Errorf("%s (%v, dark %v): colour sequences: %q", sc.name, prof, dark, c)
				}
				if !hasSGR(view, 1) {
					t.Errorf("%s (%v): nothing is bold:\n%s", sc.name, prof, view)
				}
				for _, m := range sc.markers {
					if !strings.Contains(sgr.ReplaceAllString(view, ""), m) {
						t.Errorf("%s (%v): marker %q missing", sc.name, prof, m)
					}
				}
			}
		}
	}
	st := NewStylesFor(true, colorprofile.ASCII)
	if !hasSGR(st.Muted.Render("note"), 2) || !hasSGR(st.Help.Render("quit"), 2) {
		t.Error("without colour, notes and the key help are not faint: they read like the text")
	}
}

// hasSGR reports whether s sets the SGR attribute n (1 bold, 2 faint).
func hasSGR(s string, n int) bool {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.Split(m[1], ";") {
			if p == strconv.Itoa(n) {
				return true
			}
		}
	}
	return false
}
