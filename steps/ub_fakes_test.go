package steps

import (
	"sync"

	gokeyring "github.com/zalando/go-keyring"
)

// ubKeyring is an in-memory keyring; fail makes every call fail with err.
type ubKeyring struct {
	mu    sync.Mutex
	items map[string]string
	fail  error
	calls int
}

func newUBKeyring() *ubKeyring { return &ubKeyring{items: map[string]string{}} }

func (k *ubKeyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	if k.fail != nil {
		return "", k.fail
	}
	v, ok := k.items[service+"/"+user]
	if !ok {
		return "", gokeyring.ErrNotFound
	}
	return v, nil
}

func (k *ubKeyring) Set(service, user, pw string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	if k.fail != nil {
		return k.fail
	}
	k.items[service+"/"+user] = pw
	return nil
}

func (k *ubKeyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	if k.fail != nil {
		return k.fail
	}
	delete(k.items, service+"/"+user)
	return nil
}

func (k *ubKeyring) count() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.items)
}
