// Package storagetest provides an in-memory keyring and a Store on
// temporary directories, for tests of packages built on storage (as
// net/http/httptest does for net/http).
package storagetest

import (
	"path/filepath"
	"sync"
	"time"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/zoomconnect/zoomconnect/storage"
)

// Keyring is an in-memory storage.Keyring, safe for concurrent use. It
// keeps storage.Keyring's contract: Get and Delete of a missing item return
// go-keyring's ErrNotFound. The zero value is not usable; use NewKeyring.
//
// It is a storage.SessionKeyring: its sessions serve the same items and
// count their calls in Calls too; Sessions says how many were opened and
// closed, and SessionCalls how many calls went through one.
type Keyring struct {
	mu           sync.Mutex
	items        map[string]string
	err          error
	setErr       error
	setsLeft     int // Sets that still work before setErr applies
	calls        int
	opened       int
	closed       int
	sessionCalls int
}

// NewKeyring returns an empty, working Keyring.
func NewKeyring() *Keyring { return &Keyring{items: map[string]string{}} }

// Fail makes every later call return err, as an unavailable keyring does
// (no D-Bus, no Secret Service); nil makes it work again.
func (k *Keyring) Fail(err error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.err = err
}

// FailSets makes every later Set return err while Get and Delete work, as a
// keyring that locked after login does; nil makes Set work again.
func (k *Keyring) FailSets(err error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.setErr, k.setsLeft = err, 0
}

// FailSetsAfter is FailSets once n more Sets have worked: a keyring that
// takes the write a refresh checks it with, then refuses the rotated
// tokens.
func (k *Keyring) FailSetsAfter(n int, err error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.setErr, k.setsLeft = err, n
}

// Calls is how many Get, Set and Delete calls were made.
func (k *Keyring) Calls() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.calls
}

// Len is how many items the keyring holds.
func (k *Keyring) Len() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.items)
}

// Get returns the item or go-keyring's ErrNotFound.
func (k *Keyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	if k.err != nil {
		return "", k.err
	}
	v, ok := k.items[service+"\x00"+user]
	if !ok {
		return "", gokeyring.ErrNotFound
	}
	return v, nil
}

// Set stores the item.
func (k *Keyring) Set(service, user, password string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	if k.err != nil {
		return k.err
	}
	if k.setErr != nil && k.setsLeft == 0 {
		return k.setErr
	}
	if k.setErr != nil {
		k.setsLeft--
	}
	k.items[service+"\x00"+user] = password
	return nil
}

// Delete removes the item or returns go-keyring's ErrNotFound.
func (k *Keyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	if k.err != nil {
		return k.err
	}
	if _, ok := k.items[service+"\x00"+user]; !ok {
		return gokeyring.ErrNotFound
	}
	delete(k.items, service+"\x00"+user)
	return nil
}

// OpenSession opens a session on the same items.
func (k *Keyring) OpenSession() storage.KeyringSession {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.opened++
	return &session{k: k}
}

// Sessions is how many sessions were opened and how many closed.
func (k *Keyring) Sessions() (opened, closed int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.opened, k.closed
}

// SessionCalls is how many Get, Set and Delete calls went through a
// session (a GetMany counts one per item).
func (k *Keyring) SessionCalls() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.sessionCalls
}

// session is one session of a Keyring.
type session struct{ k *Keyring }

func (s *session) count(n int) {
	s.k.mu.Lock()
	defer s.k.mu.Unlock()
	s.k.sessionCalls += n
}

func (s *session) Get(service, user string) (string, error) {
	s.count(1)
	return s.k.Get(service, user)
}

func (s *session) Set(service, user, password string) error {
	s.count(1)
	return s.k.Set(service, user, password)
}

func (s *session) Delete(service, user string) error {
	s.count(1)
	return s.k.Delete(service, user)
}

// GetMany reads each item with Get.
func (s *session) GetMany(service string, users []string) ([]string, []error) {
	values, errs := make([]string, len(users)), make([]error, len(users))
	for i, u := range users {
		values[i], errs[i] = s.Get(service, u)
	}
	return values, errs
}

func (s *session) Close() error {
	s.k.mu.Lock()
	defer s.k.mu.Unlock()
	s.k.closed++
	return nil
}

// NewStore returns a Store whose config, data and state dirs are root/config,
// root/data and root/state (created on first write), using kr (a new
// Keyring when nil). Stores made on the same root and keyring share every
// connection, as separate processes do. Pass t.TempDir() as root.
func NewStore(root string, kr storage.Keyring) *storage.Store {
	if kr == nil {
		kr = NewKeyring()
	}
	return &storage.Store{
		ConfigDir:      filepath.Join(root, "config"),
		DataDir:        filepath.Join(root, "data"),
		StateDir:       filepath.Join(root, "state"),
		Keyring:        kr,
		KeyringTimeout: 5 * time.Second,
	}
}
