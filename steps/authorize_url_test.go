package steps

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// printed counts the lines the screen asked Bubble Tea to print above the
// program (tea.Println) that carry url.
func printed(d *ubDriver, url string) int {
	n := 0
	for _, m := range d.seen {
		if strings.Contains(fmt.Sprintf("%T", m), "printLineMessage") && strings.Contains(fmt.Sprint(m), "\n"+url) {
			n++
		}
	}
	return n
}

// Issue 8: the authorize URL is copyable with the mouse. Bubble Tea v2
// truncates a frame row wider than the terminal, so the frame keeps it cut
// into rows, each an OSC 8 link to the whole URL; and it is printed once
// per attempt above the program, on a line of its own that the terminal
// soft-wraps, where a selection copies it unbroken.
func TestAuthorizeURLPrintedOncePerAttemptAndLinked(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioDeny)
	d, a := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	first := a.session.AuthURL
	d.until(ubWait, "the print", func() bool { return printed(d, first) == 1 })
	if raw := a.View(); !strings.Contains(raw, ansi.SetHyperlink(first)) {
		t.Errorf("the frame's copy is not a link to the URL:\n%q", raw)
	}
	mustContain(t, d.view(), "Printed whole above this screen too")
	go ubApprove(t, sb)(first)
	d.until(ubWait, "the decline", func() bool { return a.phase == phaseFailed })
	d.key("r")
	d.until(ubWait, "the second attempt", func() bool { return a.phase == phaseWaiting })
	second := a.session.AuthURL
	d.until(ubWait, "the second print", func() bool { return printed(d, second) == 1 })
	if printed(d, first) != 1 {
		t.Errorf("the first URL was printed %d times", printed(d, first))
	}
}

// Issue 8: c writes OSC 52, which many terminals ignore: the screen says
// what was tried and where the address is instead, and claims no success.
func TestAuthorizeCopySaysWhatWasTried(t *testing.T) {
	sb := ubSandbox(t, sandbox.ScenarioApprove)
	d, a := startAuthorize(t, ubEnv(t, sb, &ubOpener{}), ubCreds(sb))
	a.SetSize(100, 60)
	d.key("c")
	v := d.view()
	mustContain(t, v, "Address sent to your clipboard through the terminal (OSC 52).",
		"If nothing pastes, your terminal ignores OSC 52: copy the address printed above this screen.")
	if strings.Contains(v, "✓") {
		t.Errorf("the copy is reported as done:\n%s", v)
	}
}
