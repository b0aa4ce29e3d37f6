package storage

import (
	"context"
	"fmt"
)

// keyringSession is a Keyring whose calls share one session of the
// keyring's service, and that reads many items in as few round trips as
// that service allows. It is safe for concurrent use; close ends it.
type keyringSession interface {
	Keyring
	// getMany reads the items of users under service: one value or error
	// (go-keyring's ErrNotFound for a missing item) per user, in order.
	getMany(service string, users []string) ([]string, []error)
	close() error
}

// sessionOpener is a Keyring that can open sessions (the Secret Service
// behind go-keyring on Linux and the BSDs). A Keyring without it is called
// once per operation, as before.
type sessionOpener interface {
	openSession() keyringSession
}

// WithKeyringSession returns a copy of s whose keyring calls share one
// session of the system keyring, opened on the first call, and the
// function that ends it. go-keyring opens a new Secret Service session for
// every call (7 D-Bus round trips for a read); in one session a read is 2,
// a write 1, and LoadSecretsEach reads all the secrets in one. Each call
// is still bounded by the keyring timeout and gives the errors it gives
// outside a session. Where the keyring has no sessions (macOS, Windows, a
// test's fake), the copy is s itself and end does nothing.
func (s *Store) WithKeyringSession() (st *Store, end func()) {
	o, ok := s.keyring().(sessionOpener)
	if !ok {
		return s, func() {}
	}
	sess := o.openSession()
	c := *s
	c.Keyring = sess
	return &c, func() { c.endSession(sess) }
}

// endSession closes sess, waiting at most the keyring timeout.
func (s *Store) endSession(sess keyringSession) {
	_, _ = keyringDo(context.Background(), s, "close", func(Keyring) (struct{}, error) { return struct{}{}, sess.close() })
}

// manyResult is what a keyringSession's getMany returns.
type manyResult struct {
	values []string
	errs   []error
}

// keyringGetMany reads the items of users: in one getMany call, bounded by
// the keyring timeout, when the keyring is a session; else one keyringGet
// each. Errors are classified as keyringGet's are.
func (s *Store) keyringGetMany(ctx context.Context, users []string) ([]string, []error) {
	sess, ok := s.keyring().(keyringSession)
	if !ok {
		values, errs := make([]string, len(users)), make([]error, len(users))
		for i, u := range users {
			values[i], errs[i] = s.keyringGet(ctx, u)
		}
		return values, errs
	}
	r, err := keyringDo(ctx, s, "read", func(Keyring) (manyResult, error) {
		v, errs := sess.getMany(KeyringService, users)
		return manyResult{v, errs}, nil
	})
	values, errs := make([]string, len(users)), make([]error, len(users))
	for i := range users {
		switch {
		case err != nil:
			errs[i] = err
		case i >= len(r.values) || i >= len(r.errs):
			errs[i] = fmt.Errorf("keyring read: %w: no answer for this item", ErrKeyringUnavailable)
		default:
			values[i], errs[i] = r.values[i], classifyKeyringErr("read", r.errs[i])
		}
	}
	return values, errs
}
