package steps

import (
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"

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

// setFail makes every later call fail with err (nil: work again). It
// locks: a keyring probe of the screen under test may be running.
func (k *ubKeyring) setFail(err error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.fail = err
}

func (k *ubKeyring) count() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.items)
}

// ubCheckFits fails when view is taller or wider than w x h.
func ubCheckFits(t *testing.T, name, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%s at %dx%d: %d lines", name, w, h, len(lines))
	}
	for _, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%s at %dx%d: line %d cells wide: %q", name, w, h, lw, ansi.Strip(l))
			return
		}
	}
}

// unwrapped joins rows cut at the screen width back together.
func unwrapped(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "")
}
