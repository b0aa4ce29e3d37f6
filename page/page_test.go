package page

import (
	"reflect"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Span
	}{
		{"plain", []Span{{"plain", Plain}}},
		{"run `zoomconnect login` now", []Span{{"run ", Plain}, {"zoomconnect login", Mono}, {" now", Plain}}},
		{"**Saved** to `a b`.", []Span{{"Saved", Strong}, {" to ", Plain}, {"a b", Mono}, {".", Plain}}},
		{"a * b and `open", []Span{{"a * b and `open", Plain}}},
		{"", nil},
	} {
		if got := Spans(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Spans(%q) = %#v, want %#v", c.in, got, c.want)
		}
	}
	if got := PlainText("**Saved** to `x`"); got != "Saved to x" {
		t.Errorf("PlainText = %q", got)
	}
}

func TestWrapBreaksOnlyAtOrdinarySpaces(t *testing.T) {
	text := "Lancez `zoomconnect login --sandbox-scenario preapproval` puis patientez\u00a0: la page « Request\u00a0pre-approval » s’affiche."
	for w := 10; w <= 60; w++ {
		rows := WrapText(text, w, false)
		joined := strings.Join(rows, " ")
		if joined != strings.ReplaceAll(PlainText(text), "  ", " ") {
			t.Fatalf("width %d: rows do not join back to the text: %q", w, rows)
		}
		for _, r := range rows {
			if strings.HasPrefix(r, ":") || strings.HasPrefix(r, "pre-approval") {
				t.Errorf("width %d: broke at a no-break space or a hyphen: %q", w, rows)
			}
			if strings.Contains(r, "--sandbox") && !strings.Contains(r, "zoomconnect login --sandbox-scenario preapproval") {
				t.Errorf("width %d: broke a command: %q", w, rows)
			}
			if Width(r) > w && strings.Contains(r, " ") && !strings.HasPrefix(r, "zoomconnect") {
				t.Errorf("width %d: row %q is %d wide", w, r, Width(r))
			}
		}
	}
}

func TestWrapLongUnit(t *testing.T) {
	url := "https://zoom.us/oauth/authorize?response_type=code&client_id=abc"
	whole := WrapText("Open `"+url+"` now", 20, false)
	if !reflect.DeepEqual(whole, []string{"Open", url, "now"}) {
		t.Errorf("uncut = %q", whole)
	}
	cut := WrapText("Open `"+url+"` now", 20, true)
	if !strings.Contains(strings.Join(cut, ""), url) || cut[0] != "Open" {
		t.Errorf("cut = %q", cut)
	}
	for _, r := range cut {
		if Width(r) > 20 {
			t.Errorf("cut row %q is wider than 20", r)
		}
	}
	if got := WrapText("a b c", 0, false); !reflect.DeepEqual(got, []string{"a b c"}) {
		t.Errorf("width 0 = %q", got)
	}
}

func TestWrapGluesPunctuationToMono(t *testing.T) {
	rows := WrapText("press `c`, then `s`.", 8, false)
	if !reflect.DeepEqual(rows, []string{"press c,", "then s."}) {
		t.Errorf("rows = %q", rows)
	}
}
