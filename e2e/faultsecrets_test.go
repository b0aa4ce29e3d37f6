package e2e

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	dbus "github.com/godbus/dbus/v5"
	ss "github.com/zalando/go-keyring/secret_service"
)

// fakeSecrets is a Secret Service (org.freedesktop.secrets) of one test,
// on a private bus: the part of the API that go-keyring and zoomconnect's
// keyring session call (OpenSession, Unlock, GetSecrets, the default
// collection's SearchItems and CreateItem, an item's GetSecret and Delete,
// a session's Close), with no prompts. Like gnome-keyring it handles one
// call at a time, in the order they arrive; delay, when set, makes each
// call wait before it acts, so a slow keyring is one whose calls still
// happen, late, after the caller has given up on them.
type fakeSecrets struct {
	conn *dbus.Conn

	mu    sync.Mutex // one call at a time, as the daemon's main loop
	delay func(method string) time.Duration

	state   sync.Mutex // guards below; held only briefly, so tests can look while a call waits
	items   map[dbus.ObjectPath]*fakeItem
	nextID  int
	session int
	calls   map[string]int
}

// fakeItem is one stored secret.
type fakeItem struct {
	attrs map[string]string
	value string
}

// Secret Service names.
const (
	ssName       = "org.freedesktop.secrets"
	ssPath       = dbus.ObjectPath("/org/freedesktop/secrets")
	ssIface      = "org.freedesktop.Secret.Service"
	ssCollIface  = "org.freedesktop.Secret.Collection"
	ssItemIface  = "org.freedesktop.Secret.Item"
	ssSessIface  = "org.freedesktop.Secret.Session"
	ssDefaultCol = dbus.ObjectPath("/org/freedesktop/secrets/aliases/default")
	ssItemPrefix = "/org/freedesktop/secrets/collection/login/"
	noPrompt     = dbus.ObjectPath("/")
)

// startFakeSecrets connects to bus, exports the service and takes its
// name.
func startFakeSecrets(t *testing.T, bus *privateBus) *fakeSecrets {
	t.Helper()
	conn, err := dbus.Connect(bus.addr)
	if err != nil {
		t.Fatalf("fake Secret Service: connect to the private bus: %v", err)
	}
	f := &fakeSecrets{conn: conn, items: map[dbus.ObjectPath]*fakeItem{}, calls: map[string]int{}}
	t.Cleanup(func() { conn.Close() })
	exports := []struct {
		path  dbus.ObjectPath
		iface string
		table map[string]any
	}{
		{ssPath, ssIface, map[string]any{"OpenSession": f.openSession, "Unlock": f.unlock, "GetSecrets": f.getSecrets}},
		{ssDefaultCol, ssCollIface, map[string]any{"SearchItems": f.searchItems, "CreateItem": f.createItem}},
	}
	for _, e := range exports {
		if err := conn.ExportMethodTable(e.table, e.path, e.iface); err != nil {
			t.Fatalf("fake Secret Service: export %s: %v", e.iface, err)
		}
	}
	reply, err := conn.RequestName(ssName, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("fake Secret Service: own %s: %v (%v)", ssName, reply, err)
	}
	return f
}

// setDelay sets how long each later call waits before it acts (nil: none).
func (f *fakeSecrets) setDelay(d func(method string) time.Duration) {
	f.state.Lock()
	f.delay = d
	f.state.Unlock()
}

// slowAll delays every call by d.
func slowAll(d time.Duration) func(string) time.Duration {
	return func(string) time.Duration { return d }
}

// slowWrites delays only the calls that change items by d.
func slowWrites(d time.Duration) func(string) time.Duration {
	return func(m string) time.Duration {
		if m == "CreateItem" || m == "Delete" {
			return d
		}
		return 0
	}
}

// begin serializes a call and waits its delay; the caller defers the
// returned function.
func (f *fakeSecrets) begin(method string) func() {
	f.mu.Lock()
	f.state.Lock()
	f.calls[method]++
	d := f.delay
	f.state.Unlock()
	if d != nil {
		time.Sleep(d(method))
	}
	return f.mu.Unlock
}

// callCount is how many calls of method arrived.
func (f *fakeSecrets) callCount(method string) int {
	f.state.Lock()
	defer f.state.Unlock()
	return f.calls[method]
}

func (f *fakeSecrets) openSession(alg string, _ dbus.Variant) (dbus.Variant, dbus.ObjectPath, *dbus.Error) {
	defer f.begin("OpenSession")()
	if alg != "plain" {
		return dbus.MakeVariant(""), "", dbus.NewError("org.freedesktop.DBus.Error.NotSupported", []any{alg})
	}
	f.state.Lock()
	f.session++
	path := dbus.ObjectPath(fmt.Sprintf("/org/freedesktop/secrets/session/s%d", f.session))
	f.state.Unlock()
	err := f.conn.ExportMethodTable(map[string]any{"Close": func() *dbus.Error {
		defer f.begin("Close")()
		f.conn.ExportMethodTable(nil, path, ssSessIface)
		return nil
	}}, path, ssSessIface)
	if err != nil {
		return dbus.MakeVariant(""), "", dbus.MakeFailedError(err)
	}
	return dbus.MakeVariant(""), path, nil
}

func (f *fakeSecrets) unlock(objects []dbus.ObjectPath) ([]dbus.ObjectPath, dbus.ObjectPath, *dbus.Error) {
	defer f.begin("Unlock")()
	return objects, noPrompt, nil
}

func (f *fakeSecrets) getSecrets(items []dbus.ObjectPath, session dbus.ObjectPath) (map[dbus.ObjectPath]ss.Secret, *dbus.Error) {
	defer f.begin("GetSecrets")()
	f.state.Lock()
	defer f.state.Unlock()
	out := map[dbus.ObjectPath]ss.Secret{}
	for _, p := range items {
		if it, ok := f.items[p]; ok {
			out[p] = ss.NewSecret(session, it.value)
		}
	}
	return out, nil
}

func (f *fakeSecrets) searchItems(attrs map[string]string) ([]dbus.ObjectPath, *dbus.Error) {
	defer f.begin("SearchItems")()
	f.state.Lock()
	defer f.state.Unlock()
	return f.matching(attrs), nil
}

// matching lists the items with every attribute of attrs, in order. The
// caller holds state.
func (f *fakeSecrets) matching(attrs map[string]string) []dbus.ObjectPath {
	var out []dbus.ObjectPath
	for _, p := range slices.Sorted(maps.Keys(f.items)) {
		ok := true
		for k, v := range attrs {
			ok = ok && f.items[p].attrs[k] == v
		}
		if ok {
			out = append(out, p)
		}
	}
	return out
}

func (f *fakeSecrets) createItem(props map[string]dbus.Variant, secret ss.Secret, replace bool) (dbus.ObjectPath, dbus.ObjectPath, *dbus.Error) {
	defer f.begin("CreateItem")()
	attrs, _ := props[ssItemIface+".Attributes"].Value().(map[string]string)
	f.state.Lock()
	defer f.state.Unlock()
	if old := f.matching(attrs); replace && len(old) > 0 {
		f.items[old[0]].value = string(secret.Value)
		return old[0], noPrompt, nil
	}
	f.nextID++
	path := dbus.ObjectPath(fmt.Sprintf("%si%d", ssItemPrefix, f.nextID))
	f.items[path] = &fakeItem{attrs: maps.Clone(attrs), value: string(secret.Value)}
	if err := f.exportItem(path); err != nil {
		delete(f.items, path)
		return "", "", dbus.MakeFailedError(err)
	}
	return path, noPrompt, nil
}

// exportItem exports an item's GetSecret and Delete at path.
func (f *fakeSecrets) exportItem(path dbus.ObjectPath) error {
	return f.conn.ExportMethodTable(map[string]any{
		"GetSecret": func(session dbus.ObjectPath) (ss.Secret, *dbus.Error) {
			defer f.begin("GetSecret")()
			f.state.Lock()
			defer f.state.Unlock()
			it, ok := f.items[path]
			if !ok {
				return ss.Secret{}, dbus.NewError("org.freedesktop.Secret.Error.NoSuchObject", []any{string(path)})
			}
			return ss.NewSecret(session, it.value), nil
		},
		"Delete": func() (dbus.ObjectPath, *dbus.Error) {
			defer f.begin("Delete")()
			f.state.Lock()
			delete(f.items, path)
			f.state.Unlock()
			f.conn.ExportMethodTable(nil, path, ssItemIface)
			return noPrompt, nil
		},
	}, path, ssItemIface)
}

// scan lists zoomconnect's items: its username attribute and value each.
func (f *fakeSecrets) scan(t *testing.T) []keyItem {
	f.state.Lock()
	defer f.state.Unlock()
	var out []keyItem
	for _, p := range f.matching(map[string]string{"service": "zoomconnect"}) {
		out = append(out, keyItem{user: f.items[p].attrs["username"], value: f.items[p].value})
	}
	return out
}

// keyItem is one keyring item of zoomconnect: its key (profile:NAME@TAG,
// pending:NAME@TAG, probe:…) and value.
type keyItem struct {
	user, value string
}

// kind and name split the item's key.
func (k keyItem) kind() string { kind, _, _ := strings.Cut(k.user, ":"); return kind }
func (k keyItem) name() string {
	_, rest, _ := strings.Cut(k.user, ":")
	name, _, _ := strings.Cut(rest, "@")
	return name
}
