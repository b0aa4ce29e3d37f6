package storage

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// fakeKeyring is an in-memory keyring whose behaviour tests can bend.
type fakeKeyring struct {
	mu    sync.Mutex
	items map[string]string
	// err, when set, is returned by every call (an unavailable keyring).
	err error
	// block, when set, makes Set wait until it is closed; with stallSets
	// > 0 only that many Sets wait.
	block     chan struct{}
	stallSets int
	// mangle, when set, changes what Get returns (a lossy keyring).
	mangle func(string) string
	sets   int
}

func newFakeKeyring() *fakeKeyring { return &fakeKeyring{items: map[string]string{}} }

func (k *fakeKeyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.err != nil {
		return "", k.err
	}
	v, ok := k.items[service+"\x00"+user]
	if !ok {
		return "", gokeyring.ErrNotFound
	}
	if k.mangle != nil {
		v = k.mangle(v)
	}
	return v, nil
}

func (k *fakeKeyring) Set(service, user, pw string) error {
	k.mu.Lock()
	wait := k.block != nil && k.stallSets >= 0
	if k.stallSets > 0 {
		k.stallSets--
		if k.stallSets == 0 {
			k.stallSets = -1 // the stalled ones are used up
		}
	}
	k.mu.Unlock()
	if wait {
		<-k.block
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.err != nil {
		return k.err
	}
	k.sets++
	k.items[service+"\x00"+user] = pw
	return nil
}

func (k *fakeKeyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.err != nil {
		return k.err
	}
	key := service + "\x00" + user
	if _, ok := k.items[key]; !ok {
		return gokeyring.ErrNotFound
	}
	delete(k.items, key)
	return nil
}

func (k *fakeKeyring) has(user string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	_, ok := k.items[KeyringService+"\x00"+user]
	return ok
}

func (k *fakeKeyring) len() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.items)
}

var errNoBus = errors.New("dbus: couldn't determine address of session bus")

// newTestStore returns a Store on fresh temp dirs with a fake keyring.
func newTestStore(t *testing.T) (*Store, *fakeKeyring) {
	t.Helper()
	root := t.TempDir()
	kr := newFakeKeyring()
	return &Store{
		ConfigDir:      filepath.Join(root, "config", AppDirName),
		DataDir:        filepath.Join(root, "data", AppDirName),
		StateDir:       filepath.Join(root, "state", AppDirName),
		Keyring:        kr,
		KeyringTimeout: 2 * time.Second,
	}, kr
}

func testProfile(name string) *Profile {
	return &Profile{
		Name: name, AuthType: AuthOwnApp, ClientID: "cid_" + name,
		AuthBaseURL: "https://zoom.us", APIBaseURL: "https://api.zoom.us",
		UserID: "u1", Email: "ann@example.com", GrantedScopes: []string{"user:read:user"},
	}
}

func testSecrets() Secrets {
	return Secrets{
		ClientSecret: "CLIENTSECRET-plant-1", AccessToken: "ACCESSTOKEN-plant-2",
		RefreshToken: "REFRESHTOKEN-plant-3", TokenType: "bearer",
		Expiry: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC),
	}
}

func jsonOf(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// markKept records on name's pending attempt that its secret is kept in
// the keyring, as SavePending does when it kept one.
func markKept(t *testing.T, s *Store, name string) {
	t.Helper()
	data, err := os.ReadFile(s.pendingPath(name))
	if err != nil {
		t.Fatal(err)
	}
	var p Pending
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	p.SecretKept = true
	out, _ := json.Marshal(p)
	if err := os.WriteFile(s.pendingPath(name), out, 0o600); err != nil {
		t.Fatal(err)
	}
}
