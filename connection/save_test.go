package connection

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/storage"
)

// failStep makes the store's file step fail with errno, as a full disk or
// a read-only directory does, for paths under dir ("" = any).
func failStep(step, dir string, errno error) func(string, string) error {
	return func(s, path string) error {
		if s == step && strings.HasPrefix(path, dir) {
			return errno
		}
		return nil
	}
}

func newLogin(name, user string, e *env) (*storage.Profile, storage.Secrets) {
	p := &storage.Profile{Name: name, AuthType: storage.AuthOwnApp, ClientID: "cid", AuthBaseURL: "https://zoom.us",
		APIBaseURL: "https://api.zoom.us", UserID: user, Email: user + "@example.com"}
	return p, storage.Secrets{AccessToken: "at-new-" + name, RefreshToken: "rt-new-" + name, TokenType: "bearer", Expiry: e.now.Add(time.Hour)}
}

func TestPlanSaveTellsOverwriteFromRoutineUpdateAndReplacements(t *testing.T) {
	e := newEnv(t)
	e.save("work", storage.BackendKeyring, e.now.Add(time.Hour)) // user u1, app cid
	e.save("old", storage.BackendKeyring, e.now.Add(time.Hour))  // the same user and app
	m := e.manager()
	m.Endpoints = nil

	same, _ := newLogin("work", "u1", e)
	plan, err := m.PlanSave(same)
	if err != nil || plan.Existing == nil || plan.Overwrite || len(plan.Replaces) != 1 || plan.Replaces[0].Name != "old" {
		t.Fatalf("a re-login of the same user: %+v, %v", plan, err)
	}
	other, _ := newLogin("work", "u2", e)
	if plan, err = m.PlanSave(other); err != nil || !plan.Overwrite || len(plan.Replaces) != 0 {
		t.Fatalf("another user under the same name: %+v, %v", plan, err)
	}
	fresh, _ := newLogin("second", "u1", e)
	plan, err = m.PlanSave(fresh)
	if err != nil || plan.Existing != nil || plan.Overwrite || len(plan.Replaces) != 2 {
		t.Fatalf("a new name for the same user: %+v, %v", plan, err)
	}
}

// The profile write fails (full or read-only config dir) after the
// secrets were written: nothing new may remain, in either backend, and a
// connection saved before under the name comes back intact.
func TestSaveLoginIsAllOrNothing(t *testing.T) {
	for _, backend := range []storage.SecretBackend{storage.BackendKeyring, storage.BackendFile} {
		for _, before := range []bool{false, true} {
			t.Run(string(backend)+map[bool]string{false: "/new name", true: "/over a saved one"}[before], func(t *testing.T) {
				e := newEnv(t)
				var old storage.Secrets
				if before {
					e.save("work", backend, e.now.Add(time.Hour))
					_, old = storedSecrets(t, e.manager(), "work")
				}
				m := e.manager()
				m.Store.FileFault = failStep("rename", m.Store.ConfigDir, syscall.ENOSPC)
				p, sec := newLogin("work", "u1", e)
				res, err := m.SaveLogin(t.Context(), p, backend, sec)
				var se *SaveError
				if res != nil || !errors.As(err, &se) || se.UndoErr != nil || !errors.Is(err, syscall.ENOSPC) || !storage.IsLocal(err) {
					t.Fatalf("SaveLogin = %+v, %v", res, err)
				}
				if !strings.Contains(err.Error(), "the disk is full") || !strings.Contains(err.Error(), "nothing new was kept") {
					t.Fatalf("the error does not say what failed and what was undone: %v", err)
				}
				m.Store.FileFault = nil
				if !before {
					if _, err := m.Store.LoadProfile("work"); !errors.Is(err, storage.ErrNotFound) {
						t.Fatalf("a profile is left: %v", err)
					}
					if n := e.kr.Len(); n != 0 {
						t.Fatalf("%d keyring items left", n)
					}
					if _, err := os.Stat(m.Store.SecretsFilePath("work")); !errors.Is(err, os.ErrNotExist) {
						t.Fatalf("a secret file is left: %v", err)
					}
					return
				}
				_, got := storedSecrets(t, e.manager(), "work")
				if got != old {
					t.Fatalf("the earlier connection's secrets were not put back: %s, want %s", got, old)
				}
			})
		}
	}
}

// Without a keyring nothing is written, so the caller may ask for consent
// and save to the file.
func TestSaveLoginWithoutKeyringWritesNothing(t *testing.T) {
	e := newEnv(t)
	e.kr.Fail(errNoBus)
	m := e.manager()
	p, sec := newLogin("work", "u1", e)
	if _, err := m.SaveLogin(t.Context(), p, storage.BackendKeyring, sec); !errors.Is(err, storage.ErrKeyringUnavailable) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(m.Store.ConfigDir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("something was written: %v", err)
	}
	calls := e.kr.Calls()
	res, err := m.SaveLogin(t.Context(), p, storage.BackendFile, sec)
	if err != nil || res.Backend != storage.BackendFile || res.Where != m.Store.SecretsFilePath("work") {
		t.Fatalf("the file save: %+v, %v", res, err)
	}
	if n := e.kr.Calls() - calls; n != 0 {
		t.Fatalf("the file save asked the keyring %d times (a hung keyring would stall it)", n)
	}
}

// A second login of the same user and app under another name replaces the
// first, which is not a dead end: it says which profile replaced it.
func TestReplacedProfileNamesItsReplacement(t *testing.T) {
	e := newEnv(t)
	e.save("default", storage.BackendKeyring, e.now.Add(time.Hour))
	m := e.manager()
	m.Endpoints = nil
	if err := m.Store.SetDefaultProfile("default"); err != nil {
		t.Fatal(err)
	}
	p, sec := newLogin("second", "u1", e)
	res, err := m.SaveLogin(t.Context(), p, storage.BackendKeyring, sec)
	if err != nil || res.ReplaceErr != nil || !reflect.DeepEqual(res.Replaced, []string{"default"}) {
		t.Fatalf("SaveLogin = %+v, %v", res, err)
	}
	_, err = m.Store.LoadProfile("default")
	var re *storage.ReplacedError
	if !errors.As(err, &re) || re.By != "second" || !errors.Is(err, storage.ErrNotFound) || !strings.Contains(err.Error(), "use --profile second") {
		t.Fatalf("LoadProfile(default) = %v", err)
	}
	if d := m.Store.DefaultProfile(); d != "second" {
		t.Fatalf("default = %q", d)
	}
	if _, err := m.Store.LoadSecrets(t.Context(), &storage.Profile{Name: "default"}); !errors.Is(err, storage.ErrSecretsMissing) {
		t.Fatalf("the replaced connection's secrets remain: %v", err)
	}
	// A third login replaces "second": the note of "default" follows it.
	third, sec3 := newLogin("third", "u1", e)
	if _, err := m.SaveLogin(t.Context(), third, storage.BackendKeyring, sec3); err != nil {
		t.Fatal(err)
	}
	notes, err := m.Store.ListReplaced()
	if err != nil || len(notes) != 2 || notes[0].By != "third" || notes[1].By != "third" {
		t.Fatalf("notes = %+v, %v", notes, err)
	}
	// Logging out the newest removes the notes pointing to it.
	if _, err := m.Logout(t.Context(), "third", true); err != nil {
		t.Fatal(err)
	}
	if notes, _ := m.Store.ListReplaced(); len(notes) != 0 {
		t.Fatalf("notes left after logout of the profile they name: %+v", notes)
	}
	// A later login under an old name simply overwrites its note.
	again, sec4 := newLogin("default", "u9", e)
	if _, err := m.SaveLogin(t.Context(), again, storage.BackendKeyring, sec4); err != nil {
		t.Fatal(err)
	}
	if got, err := m.Store.LoadProfile("default"); err != nil || got.UserID != "u9" {
		t.Fatalf("login over a note: %+v, %v", got, err)
	}
}

// A replaced profile whose secrets cannot be deleted is kept as it was:
// its secrets stay visible, never orphaned behind a note.
func TestReplacementThatCannotDeleteSecretsKeepsTheProfile(t *testing.T) {
	e := newEnv(t)
	e.save("old", storage.BackendFile, e.now.Add(time.Hour))
	m := e.manager()
	m.Endpoints = nil
	m.Store.FileFault = failStep("remove", m.Store.DataDir, syscall.EROFS)
	p, sec := newLogin("new", "u1", e)
	res, err := m.SaveLogin(t.Context(), p, storage.BackendKeyring, sec)
	if err != nil || len(res.Replaced) != 0 || res.ReplaceErr == nil || !strings.Contains(res.ReplaceErr.Error(), "read-only") {
		t.Fatalf("SaveLogin = %+v, %v", res, err)
	}
	if got, err := m.Store.LoadProfile("old"); err != nil || got.SecretBackend != storage.BackendFile {
		t.Fatalf("old profile: %+v, %v", got, err)
	}
}
