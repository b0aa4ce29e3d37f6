package tui

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// slowKeyring is a memKeyring whose writes take delay (a keyring waiting
// on an unlock, a slow D-Bus), or fail with fail after it.
type slowKeyring struct {
	memKeyring
	delay time.Duration
	fail  error
	sets  atomic.Int32
}

func (k *slowKeyring) Set(service, user, password string) error {
	k.sets.Add(1)
	time.Sleep(k.delay)
	if k.fail != nil {
		return k.fail
	}
	return k.memKeyring.Set(service, user, password)
}

// toIdentity is the script from welcome to the identity screen, approved.
var toIdentity = append(toAuthorize[:len(toAuthorize):len(toAuthorize)], keystroke{"*steps.Scopes", "\r"})

// TestProgramCtrlCDuringSaveReportsTheSavedConnection: ctrl+c pressed
// right after y, while a slow keyring write is running, waits for the
// save: the connection is saved, the outcome says so, and the last frame
// does not claim "Canceled".
func TestProgramCtrlCDuringSaveReportsTheSavedConnection(t *testing.T) {
	kr := &slowKeyring{memKeyring: memKeyring{items: map[string]string{}}, delay: 300 * time.Millisecond}
	r := runSandboxWith(t, sandbox.ScenarioApprove, true, kr, append(toIdentity, keystroke{"*steps.Identity|Connected as", "y\x03"}))
	if kr.sets.Load() == 0 {
		t.Fatal("the save never reached the keyring")
	}
	saved, err := r.m.Outcome()
	if err != nil || saved.Profile.Email != sandbox.DemoUser().Email {
		t.Fatalf("outcome %+v, %v; want the saved connection", saved.Profile, err)
	}
	if _, err := r.store.LoadProfile("default"); err != nil {
		t.Fatalf("profile not saved: %v", err)
	}
	out := ansi.Strip(r.out.String())
	if strings.Contains(out, "Canceled") || !strings.Contains(out, "Connected") {
		t.Fatalf("last frames do not tell the truth:\n%s", tail(out, 800))
	}
}

// TestProgramCtrlCDuringFailedSaveIsCanceled: when the awaited save fails,
// nothing is saved and the wizard quits with the save's failure (the
// storage error, exit 7, issue 7 item 14), which still matches
// wizard.ErrCanceled; the last frame claims no save.
func TestProgramCtrlCDuringFailedSaveIsCanceled(t *testing.T) {
	kr := &slowKeyring{memKeyring: memKeyring{items: map[string]string{}}, delay: 200 * time.Millisecond,
		fail: errors.New("no D-Bus session bus, so no Secret Service can answer")}
	r := runSandboxWith(t, sandbox.ScenarioApprove, true, kr, append(toIdentity, keystroke{"*steps.Identity|Connected as", "y\x03"}))
	_, err := r.m.Outcome()
	if !errors.Is(err, wizard.ErrCanceled) || !errors.Is(err, storage.ErrKeyringUnavailable) {
		t.Fatalf("outcome %v, want the keyring failure, quit", err)
	}
	if _, err := r.store.LoadProfile("default"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("a profile exists after a failed save: %v", err)
	}
	if out := ansi.Strip(r.out.String()); strings.Contains(tail(out, 600), "Saved") {
		t.Fatalf("the last frame claims a save:\n%s", tail(out, 600))
	}
}

func tail(s string, n int) string { return s[max(0, len(s)-n):] }
