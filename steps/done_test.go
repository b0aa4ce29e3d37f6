package steps

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func savedMsg(name string) wizard.Saved {
	return wizard.Saved{
		Profile: storage.Profile{Name: name, DisplayName: "Ada Lovelace", Email: "ada@example.com",
			SecretBackend: storage.BackendKeyring},
		Where: "system keyring (Secret Service)",
	}
}

func TestDoneSaysWhatWasSavedWhere(t *testing.T) {
	s := NewDone(testEnv(t), savedMsg("default"))
	s.SetSize(120, 30)
	v := plain(s)
	mustContain(t, v, "Connected as Ada Lovelace <ada@example.com>",
		"/home/ada/.config/zoomconnect/profiles/default.json", "system keyring (Secret Service)",
		"zoomconnect status  check", "zoomconnect token   print", "zoomconnect logout  revoke")
	if strings.Contains(v, "--profile") || strings.Contains(v, "replaces") {
		t.Errorf("default profile needs no --profile and replaced nothing:\n%s", v)
	}
}

func TestDoneNamedProfileAndReplacement(t *testing.T) {
	m := savedMsg("work")
	m.Replaced = []string{"old-work"}
	m.Where = ""
	s := NewDone(testEnv(t), m)
	s.SetSize(120, 30)
	mustContain(t, plain(s), "zoomconnect status --profile work", "zoomconnect logout --profile work",
		"replaces the earlier profile old-work", "profiles/work.json", "keyring")
}

// TestDoneShowsTheStoresProfilePath: the path shown is the one storage
// writes, for a store rooted anywhere.
func TestDoneShowsTheStoresProfilePath(t *testing.T) {
	env := testEnv(t)
	env.W.Store = &storage.Store{ConfigDir: t.TempDir()}
	s := NewDone(env, savedMsg("work"))
	s.SetSize(300, 30)
	if got, want := s.ProfilePath(), env.W.Store.ProfilePath("work"); got != want {
		t.Fatalf("ProfilePath = %q, want the store's %q", got, want)
	}
	mustContain(t, plain(s), env.W.Store.ProfilePath("work"))
}

func TestDoneSandboxWarns(t *testing.T) {
	env := testEnv(t)
	s := NewDone(env, savedMsg("default"))
	s.SetSize(120, 30)
	if strings.Contains(plain(s), "sandbox") {
		t.Error("sandbox warning outside sandbox mode")
	}
	env.W.Sandbox = &wizard.Sandbox{}
	mustContain(t, plain(s), "sandbox connection", "not with real Zoom")
}

func TestDoneQuits(t *testing.T) {
	for _, k := range []string{"enter", "q"} {
		got := mustEmit[wizard.Quit](t, press(NewDone(testEnv(t), savedMsg("default")), k))
		if got.Err != nil {
			t.Errorf("%s: quit with %v", k, got.Err)
		}
	}
	noCmd(t, press(NewDone(testEnv(t), savedMsg("default")), "esc"), "esc on done")
}

func TestDoneSizes(t *testing.T) { checkSizes(t, NewDone(testEnv(t), savedMsg("default"))) }

func BenchmarkDoneView(b *testing.B) { benchView(b, NewDone(testEnv(b), savedMsg("default"))) }
