package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"charm.land/fang/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Quitting the wizard after a failed attempt prints one line in words and
// the command, not the Go error chain the screen already explained.
func TestQuitAfterFailedAttemptIsOneLine(t *testing.T) {
	eof := fmt.Errorf(`Post "http://127.0.0.1:9/oauth/token": %w`, io.ErrUnexpectedEOF)
	cases := []struct {
		err       error
		want, run string
	}{
		{&oauthflow.Error{Kind: oauthflow.KindDeclined, Op: oauthflow.OpAuthorize, ErrorCode: "access_denied"},
			"Quit: you declined the authorization; no connection was saved.", "zoomconnect login --profile work"},
		{&oauthflow.Error{Kind: oauthflow.KindNetwork, Op: oauthflow.OpExchange, Err: eof},
			"Quit: could not reach Zoom; no connection was saved.", "zoomconnect doctor"},
	}
	for _, c := range cases {
		opts := newRootOptions()
		opts.Profile = "work"
		text := opts.describeError(fmt.Errorf("wizard: %w", &wizard.FailedError{Err: c.err}))
		lines := strings.Split(text, "\n")
		if len(lines) != 2 || lines[0] != c.want || lines[1] != "Run: "+c.run {
			t.Errorf("quit text:\n%s\nwant:\n%s\nRun: %s", text, c.want, c.run)
		}
		if strings.Contains(text, "Post ") || strings.Contains(text, "no connection was saved:") {
			t.Errorf("raw error chain printed:\n%s", text)
		}
	}
}

// A failure that is not Zoom's keeps its own words after the quit.
func TestQuitAfterNonZoomFailureKeepsItsWords(t *testing.T) {
	opts := newRootOptions()
	text := opts.describeError(&wizard.FailedError{Err: errors.New("disk full")})
	if !strings.HasPrefix(text, "Quit: the last attempt failed: disk full; no connection was saved.") {
		t.Errorf("quit text: %s", text)
	}
}

// A Zoom error outside the wizard is explained, not printed as a chain,
// and the tracking ID stays.
func TestZoomErrorPrintsNoRawChain(t *testing.T) {
	opts := newRootOptions()
	err := fmt.Errorf("status: %w", &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Code: 4738, Op: "refresh",
		Reason: "Token disabled", TrackingID: "WEB_xyz"})
	text := opts.describeError(err)
	if strings.Contains(text, err.Error()) || strings.Contains(text, "status: refresh:") {
		t.Errorf("raw chain printed:\n%s", text)
	}
	// One set of labels for every front end (issue 8): the title is the
	// explanation's failed line, as on the screens.
	for _, want := range []string{"✗ An admin disabled this app's token (4738)", "Zoom said: Token disabled", "WEB_xyz", "What to do: "} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
}

// Wrapped text fits the width, keeps every word whole and in order.
func TestWrapTextFitsWidthAndKeepsWords(t *testing.T) {
	opts := newRootOptions()
	ex := explainFor(nil, &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Code: 4738, Op: "refresh"}, opts.selectedProfile())
	blocks := wizard.ExplanationBlocksIn(nil, ex)
	text := textOut{}.plain("", blocks)
	for _, width := range []int{40, 78} {
		got := textOut{Width: width}.plain("", blocks)
		for _, row := range strings.Split(got, "\n") {
			if len([]rune(row)) > width && strings.Contains(strings.TrimSpace(row), " ") {
				t.Errorf("width %d: row of %d columns: %q", width, len([]rune(row)), row)
			}
		}
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(text), " ") {
			t.Errorf("width %d: words changed:\n%s", width, got)
		}
	}
	wrap := func(s string, width int) string { return textOut{Width: width}.plain("", []page.Block{page.Para(s)}) }
	long := "Run: zoomconnect " + strings.Repeat("x", 100)
	if got := wrap(long, 40); !strings.Contains(got, strings.Repeat("x", 100)) {
		t.Errorf("a long word was cut: %q", got)
	}
	cmd := "words before it, then `zoomconnect admin request --markdown request.md` writes it; run: `zoomconnect login --sandbox --profile demo`"
	got := wrap(cmd, 30)
	for _, whole := range []string{"zoomconnect admin request --markdown request.md", "zoomconnect login --sandbox --profile demo"} {
		if !strings.Contains(got, whole) {
			t.Errorf("command %q was broken:\n%s", whole, got)
		}
	}
}

// The handler wraps to $COLUMNS when stderr is not a terminal's.
func TestErrorHandlerWrapsToColumns(t *testing.T) {
	opts := newRootOptions()
	opts.Stderr = io.Discard
	opts.Getenv = func(k string) string {
		if k == "COLUMNS" {
			return "50"
		}
		return ""
	}
	var b strings.Builder
	opts.errorHandler(&b, fang.Styles{}, &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Code: 4738, Op: "refresh"})
	for _, row := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if len([]rune(row)) > 50 {
			t.Errorf("row longer than 50 columns: %q", row)
		}
	}
}
