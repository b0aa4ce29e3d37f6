package storage

import (
	"context"
	"fmt"
)

// SessionKeyring is a Keyring that can serve many calls in one session of
// its service: go-keyring's Secret Service (Linux, the BSDs) does, through
// the Store's default keyring; a test's fake may. Stores use sessions where
// a command makes several keyring calls (WithKeyringSession).
type SessionKeyring interface {
	Keyring
	// OpenSession returns a session, opened on its first call.
	OpenSession() KeyringSession
}

// KeyringSession is one session of a SessionKeyring. It is safe for
// concurrent use.
type KeyringSession interface {
	Keyring
	// GetMany reads the items of users under service, in as few round
	// trips as the service allows: one value or error (go-keyring's
	// ErrNotFound for a missing item) per user, in order.
	GetMany(service string, users []string) ([]string, []error)
	// Close ends the session.
	Close() error
}

// WithKeyringSession returns a copy of s whose keyring calls share one
// session of its keyring (a SessionKeyring), opened on the first call, and
// the function that ends it. go-keyring opens a new Secret Service session for
// every call (7 D-Bus round trips for a read); in one session a read is 2,
// a write 1, and LoadSecretsEach reads all the secrets in one. Each call
// is still bounded by the keyring timeout and gives the errors it gives
// outside a session. Where the keyring has no sessions (macOS, Windows, a
// test's plain fake), the copy is s itself and end does nothing.
func (s *Store) WithKeyringSession() (st *Store, end func()) {
	o, ok := s.keyring().(SessionKeyring)
	if !ok {
		return s, func() {}
	}
	sess := o.OpenSession()
	c := *s
	c.Keyring = sess
	return &c, func() { c.endSession(sess) }
}

// endSession closes sess, waiting at most the keyring timeout.
func (s *Store) endSession(sess KeyringSession) {
	_, _ = keyringDo(context.Background(), s, "close", func(Keyring) (struct{}, error) { return struct{}{}, sess.Close() })
}

// manyResult is what a KeyringSession's GetMany returns.
type manyResult struct {
	values []string
	errs   []error
}

// keyringGetMany reads the items of users: in one GetMany call, bounded by
// the keyring timeout, when the keyring is a session; else one keyringGet
// each. Errors are classified as keyringGet's are.
func (s *Store) keyringGetMany(ctx context.Context, users []string) ([]string, []error) {
	sess, ok := s.keyring().(KeyringSession)
	if !ok {
		values, errs := make([]string, len(users)), make([]error, len(users))
		for i, u := range users {
			values[i], errs[i] = s.keyringGet(ctx, u)
		}
		return values, errs
	}
	r, err := keyringDo(ctx, s, "read", func(Keyring) (manyResult, error) {
		v, errs := sess.GetMany(KeyringService, users)
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
