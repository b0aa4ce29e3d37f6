//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package storage

import (
	"errors"
	"fmt"
	"sync"

	dbus "github.com/godbus/dbus/v5"
	gokeyring "github.com/zalando/go-keyring"
	ss "github.com/zalando/go-keyring/secret_service"
)

// Where go-keyring's secret_service package has no call for it: the
// Secret Service's GetSecrets, which reads many items in one round trip.
const (
	secretServiceName = "org.freedesktop.secrets"
	secretServicePath = "/org/freedesktop/secrets"
	getSecretsMethod  = "org.freedesktop.Secret.Service.GetSecrets"
)

// searchWorkers bounds the item searches a GetMany keeps in flight at
// once on the shared D-Bus connection.
const searchWorkers = 16

// OpenSession implements SessionKeyring with go-keyring's own Secret
// Service client (its exported secret_service package), on one session.
func (systemKeyring) OpenSession() KeyringSession { return &secretSession{} }

// secretSession is one Secret Service session, opened on first use: the
// login collection is found and unlocked once, then a read is a search and
// a GetSecret, a write one CreateItem, and GetMany one search per item and
// a single GetSecrets. Items are stored exactly as go-keyring stores them
// (the same attributes and label), so either reads what the other wrote.
// Calls are serialized.
type secretSession struct {
	mu      sync.Mutex
	svc     *ss.SecretService
	coll    dbus.BusObject
	session dbus.BusObject
}

// open opens the session unless it is open. The caller holds mu.
func (k *secretSession) open() error {
	if k.session != nil {
		return nil
	}
	if err := checkSessionBus(); err != nil {
		return err
	}
	svc, err := ss.NewSecretService()
	if err != nil {
		return err
	}
	coll := svc.GetLoginCollection()
	if err := svc.Unlock(coll.Path()); err != nil {
		return err
	}
	session, err := svc.OpenSession()
	if err != nil {
		return err
	}
	k.svc, k.coll, k.session = svc, coll, session
	return nil
}

func attributes(service, user string) map[string]string {
	return map[string]string{"username": user, "service": service}
}

// find returns the item of service and user, or gokeyring.ErrNotFound.
func (k *secretSession) find(service, user string) (dbus.ObjectPath, error) {
	items, err := k.svc.SearchItems(k.coll, attributes(service, user))
	if err != nil {
		return "", err
	}
	if len(items) == 0 {
		return "", gokeyring.ErrNotFound
	}
	return items[0], nil
}

// secret reads one item; an item that does not read (locked on its own)
// is unlocked once and read again, as go-keyring unlocks before reading.
func (k *secretSession) secret(item dbus.ObjectPath) (string, error) {
	sec, err := k.svc.GetSecret(item, k.session.Path())
	if err != nil {
		if uerr := k.svc.Unlock(item); uerr != nil {
			return "", errors.Join(err, uerr)
		}
		if sec, err = k.svc.GetSecret(item, k.session.Path()); err != nil {
			return "", err
		}
	}
	return string(sec.Value), nil
}

// Get reads the item of service and user.
func (k *secretSession) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.open(); err != nil {
		return "", err
	}
	item, err := k.find(service, user)
	if err != nil {
		return "", err
	}
	return k.secret(item)
}

// Set creates or replaces the item of service and user.
func (k *secretSession) Set(service, user, password string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.open(); err != nil {
		return err
	}
	label := fmt.Sprintf("Password for '%s' on '%s'", user, service) // go-keyring's label
	return k.svc.CreateItem(k.coll, label, attributes(service, user), ss.NewSecret(k.session.Path(), password))
}

// Delete removes the item of service and user.
func (k *secretSession) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.open(); err != nil {
		return err
	}
	item, err := k.find(service, user)
	if err != nil {
		return err
	}
	return k.svc.Delete(item)
}

// GetMany searches the users' items concurrently, then reads every item
// found in one GetSecrets call; an item GetSecrets leaves out (or all of
// them, if the call fails) is read on its own.
func (k *secretSession) GetMany(service string, users []string) ([]string, []error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	values, errs := make([]string, len(users)), make([]error, len(users))
	if err := k.open(); err != nil {
		for i := range errs {
			errs[i] = err
		}
		return values, errs
	}
	items := k.findAll(service, users, errs)
	var found []dbus.ObjectPath
	for i, it := range items {
		if errs[i] == nil {
			found = append(found, it)
		}
	}
	got := map[dbus.ObjectPath]ss.Secret{}
	if len(found) > 0 {
		obj := k.svc.Object(secretServiceName, secretServicePath)
		if err := obj.Call(getSecretsMethod, 0, found, k.session.Path()).Store(&got); err != nil {
			got = map[dbus.ObjectPath]ss.Secret{}
		}
	}
	for i, it := range items {
		if errs[i] != nil {
			continue
		}
		if sec, ok := got[it]; ok {
			values[i] = string(sec.Value)
			continue
		}
		values[i], errs[i] = k.secret(it)
	}
	return values, errs
}

// findAll searches each user's item, searchWorkers at a time; a missing
// one sets its errs entry to gokeyring.ErrNotFound.
func (k *secretSession) findAll(service string, users []string, errs []error) []dbus.ObjectPath {
	items := make([]dbus.ObjectPath, len(users))
	sem := make(chan struct{}, searchWorkers)
	var wg sync.WaitGroup
	for i, u := range users {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			items[i], errs[i] = k.find(service, u)
		})
	}
	wg.Wait()
	return items
}

// Close ends the session, if one was opened.
func (k *secretSession) Close() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.session == nil {
		return nil
	}
	err := k.svc.Close(k.session)
	k.session = nil
	return err
}
