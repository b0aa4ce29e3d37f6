package storage

import (
	"errors"
	"os"
	"testing"
)

// leaveHalfASave writes what a save killed between the secrets and the
// profile leaves: its mark and the secrets, no profile.
func leaveHalfASave(t *testing.T, s *Store, name string, backend SecretBackend) {
	t.Helper()
	if err := s.BeginSave(name, backend); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSecrets(t.Context(), testProfile(name), backend, testSecrets()); err != nil {
		t.Fatal(err)
	}
}

// A save killed after writing the secrets and before the profile left
// secrets no profile names; the next holder of the lock (or a command's
// sweep) removes them and the mark. Found by the e2e fault suite
// (TestFaultKillSave), where such keyring items and files stayed.
func TestInterruptedSaveIsCleanedByTheNextHolder(t *testing.T) {
	for _, backend := range []SecretBackend{BackendKeyring, BackendFile} {
		s, kr := newTestStore(t)
		leaveHalfASave(t, s, "work", backend)
		s.SweepTemps() // what list, status, token do first
		if kr.len() != 0 || exists(s.SecretsFilePath("work")) || exists(s.savingPath("work")) {
			t.Fatalf("%s: left %d keyring items, file %v, mark %v", backend, kr.len(), exists(s.SecretsFilePath("work")), exists(s.savingPath("work")))
		}
	}
}

// When a connection is saved under the name (the save finished, or it
// updated one), only the mark goes.
func TestInterruptedSaveKeepsASavedConnection(t *testing.T) {
	s, kr := newTestStore(t)
	leaveHalfASave(t, s, "work", BackendKeyring)
	if err := s.SaveProfile(testProfile("work")); err != nil {
		t.Fatal(err)
	}
	unlock, err := s.Lock(t.Context(), "work")
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	if kr.len() != 1 || exists(s.savingPath("work")) {
		t.Fatalf("%d keyring items, mark %v", kr.len(), exists(s.savingPath("work")))
	}
}

// A keyring that does not answer keeps the mark until one does; a file
// save's leftovers need no keyring.
func TestInterruptedSaveWaitsForTheKeyring(t *testing.T) {
	s, kr := newTestStore(t)
	leaveHalfASave(t, s, "work", BackendKeyring)
	kr.err = errNoBus
	s.SweepTemps()
	if !exists(s.savingPath("work")) {
		t.Fatal("the mark went although the keyring item could not be removed")
	}
	kr.err = nil
	s.SweepTemps()
	if kr.len() != 0 || exists(s.savingPath("work")) {
		t.Fatalf("%d keyring items, mark %v", kr.len(), exists(s.savingPath("work")))
	}
	leaveHalfASave(t, s, "file", BackendFile)
	kr.err = errNoBus
	s.SweepTemps()
	if exists(s.SecretsFilePath("file")) || exists(s.savingPath("file")) {
		t.Fatal("a file save's leftovers waited for the keyring")
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}
