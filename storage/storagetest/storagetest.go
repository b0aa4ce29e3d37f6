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
type Keyring struct {
	mu     sync.Mutex
	items  map[string]string
	err    error
	setErr error
	calls  int
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
	k.setErr = err
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
	if k.setErr != nil {
		return k.setErr
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
