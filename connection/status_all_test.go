package connection

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/storage"
)

// seedStatuses saves connections in the states status tells apart.
func seedStatuses(t *testing.T, e *env) []string {
	t.Helper()
	ctx := t.Context()
	m := e.manager()
	e.save("a-healthy", storage.BackendKeyring, e.now.Add(time.Hour))
	e.save("b-file", storage.BackendFile, e.now.Add(time.Hour))
	gone := e.save("c-gone", storage.BackendKeyring, e.now.Add(time.Hour))
	if err := m.Store.DeleteSecrets(ctx, gone); err != nil {
		t.Fatal(err)
	}
	dead := e.save("d-dead", storage.BackendKeyring, e.now.Add(-time.Hour))
	dead.ReconnectReason = "Zoom no longer accepts this connection"
	li := e.save("e-logout", storage.BackendKeyring, e.now.Add(time.Hour))
	li.LogoutIncomplete = &storage.LogoutIncomplete{At: e.now, Where: storage.KeyringName()}
	failed := e.save("f-failed", storage.BackendKeyring, e.now.Add(time.Hour))
	failed.LastRefreshResult = "network"
	for _, p := range []*storage.Profile{dead, li, failed} {
		if err := m.Store.SaveProfile(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Store.SetDefaultProfile("b-file"); err != nil {
		t.Fatal(err)
	}
	return []string{"a-healthy", "b-file", "c-gone", "d-dead", "e-logout", "f-failed"}
}

// TestStatusAllReportsAsStatus: StatusAll gives, for every profile, what
// Status gives for it, in name order.
func TestStatusAllReportsAsStatus(t *testing.T) {
	e := newEnv(t)
	names := seedStatuses(t, e)
	m := e.manager()
	all, err := m.StatusAll(t.Context(), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(names) {
		t.Fatalf("%d statuses for %d profiles", len(all), len(names))
	}
	for i, name := range names {
		one, err := m.Status(t.Context(), name, true)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := jsonString(t, all[i]), jsonString(t, one); got != want {
			t.Errorf("%s:\nStatusAll: %s\nStatus:    %s", name, got, want)
		}
	}
	if !all[1].Default || all[0].Default {
		t.Errorf("the default is b-file; got %v, %v", all[0].Default, all[1].Default)
	}
	if !hasProblem(all[2], "cannot be read") {
		t.Errorf("c-gone problems: %+v", all[2].Problems)
	}
}

func jsonString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestStatusAllReadsTheSecretsInOneSession: offline, the whole report
// makes one keyring session and one read per profile, nothing more.
func TestStatusAllReadsTheSecretsInOneSession(t *testing.T) {
	e := newEnv(t)
	const n = 12
	for i := range n {
		e.save(fmt.Sprintf("p%02d", i), storage.BackendKeyring, e.now.Add(time.Hour))
	}
	before := e.kr.Calls()
	openedBefore, _ := e.kr.Sessions()
	all, err := e.manager().StatusAll(t.Context(), true)
	if err != nil || len(all) != n {
		t.Fatalf("StatusAll = %d statuses, %v", len(all), err)
	}
	for _, st := range all {
		if len(st.Problems) != 0 {
			t.Fatalf("%s: %+v", st.Profile.Name, st.Problems)
		}
	}
	opened, _ := e.kr.Sessions()
	if opened-openedBefore != 1 {
		t.Errorf("%d keyring sessions, want 1", opened-openedBefore)
	}
	if calls := e.kr.Calls() - before; calls != n {
		t.Errorf("%d keyring calls for %d profiles, want one each", calls, n)
	}
}

func TestStatusAllWithNoProfiles(t *testing.T) {
	all, err := newEnv(t).manager().StatusAll(t.Context(), true)
	if err != nil || len(all) != 0 {
		t.Fatalf("StatusAll = %v, %v", all, err)
	}
}
