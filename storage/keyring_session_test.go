package storage

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// sessionFake is a fake keyring with sessions: its sessions serve calls
// from the underlying fakeKeyring and count what they are asked.
type sessionFake struct {
	*fakeKeyring
	mu       sync.Mutex
	opened   int
	closed   int
	getManys [][]string
	// block, when set, makes GetMany wait until it is closed.
	block chan struct{}
}

func (k *sessionFake) OpenSession() KeyringSession {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.opened++
	return &fakeSession{k}
}

type fakeSession struct{ k *sessionFake }

func (s *fakeSession) Get(service, user string) (string, error) { return s.k.Get(service, user) }
func (s *fakeSession) Set(service, user, pw string) error       { return s.k.Set(service, user, pw) }
func (s *fakeSession) Delete(service, user string) error        { return s.k.Delete(service, user) }

func (s *fakeSession) GetMany(service string, users []string) ([]string, []error) {
	s.k.mu.Lock()
	s.k.getManys = append(s.k.getManys, append([]string(nil), users...))
	block := s.k.block
	s.k.mu.Unlock()
	if block != nil {
		<-block
	}
	values, errs := make([]string, len(users)), make([]error, len(users))
	for i, u := range users {
		values[i], errs[i] = s.k.fakeKeyring.Get(service, u)
	}
	return values, errs
}

func (s *fakeSession) Close() error {
	s.k.mu.Lock()
	defer s.k.mu.Unlock()
	s.k.closed++
	return nil
}

// newSessionStore is newTestStore with a keyring that has sessions.
func newSessionStore(t *testing.T) (*Store, *sessionFake) {
	s, kr := newTestStore(t)
	sk := &sessionFake{fakeKeyring: kr}
	s.Keyring = sk
	return s, sk
}

// seedMixed saves profiles in every state LoadSecrets distinguishes and
// returns them: two good keyring ones, one whose item is gone, one whose
// item is not JSON, one kept only under the legacy key, one in a file,
// one with an invalid name.
func seedMixed(t *testing.T, s *Store, kr *fakeKeyring) []*Profile {
	t.Helper()
	ctx := t.Context()
	var ps []*Profile
	for i, name := range []string{"one", "two", "gone", "damaged", "legacy"} {
		p := testProfile(name)
		sec := testSecrets()
		sec.RefreshToken = fmt.Sprintf("REFRESH-%d", i)
		if err := s.SaveSecrets(ctx, p, BackendKeyring, sec); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	if err := kr.Delete(KeyringService, s.keyringUser(itemProfile, "gone")); err != nil {
		t.Fatal(err)
	}
	if err := kr.Set(KeyringService, s.keyringUser(itemProfile, "damaged"), "{not json"); err != nil {
		t.Fatal(err)
	}
	v, _ := kr.Get(KeyringService, s.keyringUser(itemProfile, "legacy"))
	_ = kr.Delete(KeyringService, s.keyringUser(itemProfile, "legacy"))
	if err := kr.Set(KeyringService, legacyKeyringUser(itemProfile, "legacy"), v); err != nil {
		t.Fatal(err)
	}
	file := testProfile("file")
	if err := s.SaveSecrets(ctx, file, BackendFile, testSecrets()); err != nil {
		t.Fatal(err)
	}
	return append(ps, file, &Profile{Name: "Bad Name"})
}

// TestLoadSecretsEachAnswersAsLoadSecrets compares the batch with one
// LoadSecrets per profile on an identical store, for every state.
func TestLoadSecretsEachAnswersAsLoadSecrets(t *testing.T) {
	batch, bk := newSessionStore(t)
	single, sk := newTestStore(t)
	bps, sps := seedMixed(t, batch, bk.fakeKeyring), seedMixed(t, single, sk)
	got := batch.LoadSecretsEach(t.Context(), bps)
	if len(got) != len(sps) {
		t.Fatalf("%d results for %d profiles", len(got), len(sps))
	}
	for i, p := range sps {
		want, werr := single.LoadSecrets(t.Context(), p)
		if got[i].Secrets != want || (got[i].Err == nil) != (werr == nil) {
			t.Errorf("%s: batch gave %v, %v; LoadSecrets gave %v, %v", p.Name, got[i].Secrets, got[i].Err, want, werr)
			continue
		}
		if werr != nil && got[i].Err.Error() != errText(werr, single, batch) {
			t.Errorf("%s: batch error %q, LoadSecrets error %q", p.Name, got[i].Err, werr)
		}
	}
	if !errors.Is(got[2].Err, ErrSecretsMissing) {
		t.Errorf("a missing item gives %v, want ErrSecretsMissing", got[2].Err)
	}
	if got[4].Err != nil || got[4].Secrets.RefreshToken != "REFRESH-4" {
		t.Errorf("the legacy item read %v, %v", got[4].Secrets, got[4].Err)
	}
	if !bk.has(batch.keyringUser(itemProfile, "legacy")) || bk.has(legacyKeyringUser(itemProfile, "legacy")) {
		t.Error("the legacy item was not migrated to this home's key, as LoadSecrets migrates it")
	}
}

// errText is err's text with single's paths as batch's (file errors name
// the store's directories).
func errText(err error, single, batch *Store) string {
	return strings.ReplaceAll(err.Error(), single.DataDir, batch.DataDir)
}

// TestLoadSecretsEachReadsInOneSession: all keyring items in one GetMany
// of one session, closed at the end; no read one by one except the
// legacy fallback of an item this home's key does not have.
func TestLoadSecretsEachReadsInOneSession(t *testing.T) {
	s, kr := newSessionStore(t)
	var ps []*Profile
	for i := range 20 {
		p := testProfile(fmt.Sprintf("p%02d", i))
		if err := s.SaveSecrets(t.Context(), p, BackendKeyring, testSecrets()); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	for i, r := range s.LoadSecretsEach(t.Context(), ps) {
		if r.Err != nil || r.Secrets != testSecrets() {
			t.Fatalf("%s: %v, %v", ps[i].Name, r.Secrets, r.Err)
		}
	}
	if kr.opened != 1 || kr.closed != 1 {
		t.Errorf("%d sessions opened, %d closed; want one of each", kr.opened, kr.closed)
	}
	if len(kr.getManys) != 1 || len(kr.getManys[0]) != len(ps) {
		t.Errorf("GetMany calls: %v; want one with all %d items", kr.getManys, len(ps))
	}
}

func TestLoadSecretsEachOnAHungKeyringTimesOutEachOnce(t *testing.T) {
	s, kr := newSessionStore(t)
	ps := []*Profile{testProfile("a"), testProfile("b")}
	for _, p := range ps {
		if err := s.SaveSecrets(t.Context(), p, BackendKeyring, testSecrets()); err != nil {
			t.Fatal(err)
		}
	}
	kr.block = make(chan struct{})
	defer close(kr.block)
	s.KeyringTimeout = 50 * time.Millisecond
	for i, r := range s.LoadSecretsEach(t.Context(), ps) {
		if !errors.Is(r.Err, ErrKeyringTimeout) {
			t.Errorf("%s: %v, want ErrKeyringTimeout", ps[i].Name, r.Err)
		}
	}
	if len(kr.getManys) != 1 {
		t.Errorf("%d GetMany calls, want 1 (one wait for the whole batch)", len(kr.getManys))
	}
}

func TestLoadSecretsEachWithoutSessionsReadsEachItem(t *testing.T) {
	s, kr := newTestStore(t)
	ps := []*Profile{testProfile("a"), testProfile("b")}
	for _, p := range ps {
		if err := s.SaveSecrets(t.Context(), p, BackendKeyring, testSecrets()); err != nil {
			t.Fatal(err)
		}
	}
	kr.err = errNoBus
	for i, r := range s.LoadSecretsEach(t.Context(), ps) {
		if !errors.Is(r.Err, ErrKeyringUnavailable) {
			t.Errorf("%s: %v, want ErrKeyringUnavailable", ps[i].Name, r.Err)
		}
	}
}

func TestWithKeyringSession(t *testing.T) {
	plain, _ := newTestStore(t)
	if st, end := plain.WithKeyringSession(); st != plain {
		t.Error("a keyring without sessions should give the store itself")
	} else {
		end()
	}
	s, kr := newSessionStore(t)
	st, end := s.WithKeyringSession()
	if st == s || st.ConfigDir != s.ConfigDir || st.KeyringTimeout != s.KeyringTimeout {
		t.Fatalf("want a copy of the store on a session, got %+v", st)
	}
	p := testProfile("work")
	if err := st.SaveSecrets(t.Context(), p, BackendKeyring, testSecrets()); err != nil {
		t.Fatal(err)
	}
	if got, err := st.LoadSecrets(t.Context(), p); err != nil || got != testSecrets() {
		t.Fatalf("read in the session: %v, %v", got, err)
	}
	end()
	if kr.opened != 1 || kr.closed != 1 {
		t.Errorf("%d sessions opened, %d closed; want one of each", kr.opened, kr.closed)
	}
	if got, err := s.LoadSecrets(t.Context(), p); err != nil || got != testSecrets() {
		t.Fatalf("what the session wrote does not read outside it: %v, %v", got, err)
	}
	if _, err := kr.Get(KeyringService, "nobody"); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Fatal(err)
	}
}
