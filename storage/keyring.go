package storage

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"time"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// Keyring errors beyond the sentinels in types.go.
var (
	// ErrSecretsMissing: the profile exists but its secrets are gone (the
	// keyring item or the secret file was removed).
	ErrSecretsMissing error = i18n.NewError(nil, "storage.secrets_missing")
	// ErrReadBack: a secret written to the keyring or file did not read back
	// identically, so it is not considered saved.
	ErrReadBack error = i18n.NewError(nil, "storage.read_back")
)

// systemKeyring is go-keyring, the default Keyring. Where the Secret
// Service is reached over D-Bus, it first checks that a session bus exists,
// so go-keyring never autolaunches one.
type systemKeyring struct{}

func (systemKeyring) Get(service, user string) (string, error) {
	if err := checkSessionBus(); err != nil {
		return "", err
	}
	return gokeyring.Get(service, user)
}

func (systemKeyring) Set(service, user, pw string) error {
	if err := checkSessionBus(); err != nil {
		return err
	}
	return gokeyring.Set(service, user, pw)
}

func (systemKeyring) Delete(service, user string) error {
	if err := checkSessionBus(); err != nil {
		return err
	}
	return gokeyring.Delete(service, user)
}

func (s *Store) keyring() Keyring {
	if s.Keyring != nil {
		return s.Keyring
	}
	return systemKeyring{}
}

func (s *Store) keyringTimeout() time.Duration {
	if s.KeyringTimeout > 0 {
		return s.KeyringTimeout
	}
	return DefaultKeyringTimeout
}

type keyringResult[T any] struct {
	value T
	err   error
}

// keyringCall runs fn in its own goroutine and waits at most the keyring
// timeout or until ctx ends. A keyring that hangs (a Secret Service waiting
// on an unlock prompt nobody answers) yields ErrKeyringTimeout; the
// goroutine ends whenever the keyring returns, and its result is dropped.
func (s *Store) keyringCall(ctx context.Context, op string, fn func(Keyring) (string, error)) (string, error) {
	return keyringDo(ctx, s, op, fn)
}

// keyringDo is keyringCall for any result type.
func keyringDo[T any](ctx context.Context, s *Store, op string, fn func(Keyring) (T, error)) (T, error) {
	kr := s.keyring()
	ch := make(chan keyringResult[T], 1)
	go func() {
		v, err := fn(kr)
		ch <- keyringResult[T]{v, err}
	}()
	d := s.keyringTimeout()
	timer := time.NewTimer(d)
	defer timer.Stop()
	var zero T
	select {
	case r := <-ch:
		return r.value, classifyKeyringErr(op, r.err)
	case <-timer.C:
		return zero, fmt.Errorf("keyring %s: %w (waited %s)", op, ErrKeyringTimeout, d)
	case <-ctx.Done():
		return zero, fmt.Errorf("keyring %s: %w", op, ctx.Err())
	}
}

// classifyKeyringErr maps go-keyring errors: not found stays
// gokeyring.ErrNotFound; anything else (no D-Bus session, no Secret Service,
// unsupported platform, a refused unlock, data too big) means the keyring
// cannot keep the secret: ErrKeyringUnavailable with the cause.
func classifyKeyringErr(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gokeyring.ErrNotFound):
		return fmt.Errorf("keyring %s: %w", op, err)
	default:
		return fmt.Errorf("keyring %s: %w: %w", op, ErrKeyringUnavailable, err)
	}
}

func (s *Store) keyringGet(ctx context.Context, user string) (string, error) {
	return s.keyringCall(ctx, "read", func(k Keyring) (string, error) { return k.Get(KeyringService, user) })
}

// keyringSet writes value and reads it back; a difference is ErrReadBack.
func (s *Store) keyringSet(ctx context.Context, user, value string) error {
	_, err := s.keyringCall(ctx, "write", func(k Keyring) (string, error) { return "", k.Set(KeyringService, user, value) })
	if err != nil {
		return err
	}
	got, err := s.keyringGet(ctx, user)
	if errors.Is(err, ErrKeyringUnavailable) || errors.Is(err, ErrKeyringTimeout) || ctx.Err() != nil {
		return fmt.Errorf("read back: %w", err)
	}
	if err != nil {
		return fmt.Errorf("keyring write: %w: %w: %w", ErrReadBack, ErrKeyringUnavailable, err)
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(value)) != 1 {
		return fmt.Errorf("keyring write: %w (%d bytes written, %d read): %w", ErrReadBack, len(value), len(got), ErrKeyringUnavailable)
	}
	return nil
}

// keyringDelete removes an item; a missing item is not an error.
func (s *Store) keyringDelete(ctx context.Context, user string) error {
	_, err := s.keyringCall(ctx, "delete", func(k Keyring) (string, error) { return "", k.Delete(KeyringService, user) })
	if errors.Is(err, gokeyring.ErrNotFound) {
		return nil
	}
	return err
}

// ProbeKeyring checks that the keyring answers by writing, reading back and
// deleting a random probe item. It returns nil, or an error matching
// ErrKeyringUnavailable or ErrKeyringTimeout. doctor and the wizard use it
// to decide whether to ask for consent to the file fallback.
func (s *Store) ProbeKeyring(ctx context.Context) error {
	b := make([]byte, 8)
	rand.Read(b)
	user := "probe:" + hex.EncodeToString(b)
	value := "zoomconnect probe " + hex.EncodeToString(b)
	if err := s.keyringSet(ctx, user, value); err != nil {
		s.keyringDelete(ctx, user)
		return fmt.Errorf("keyring probe: %w", err)
	}
	if err := s.keyringDelete(ctx, user); err != nil {
		return fmt.Errorf("keyring probe: %w", err)
	}
	return nil
}

// KeyringName is the system keyring's name on this platform, for messages.
func KeyringName() string { return KeyringNameIn(nil) }

// KeyringNameIn is KeyringName in t's language.
func KeyringNameIn(t *i18n.Printer) string { return t.T(keyringMsg().ID) }

// LocationArg is a recorded location of secrets (SecretsLocation: the
// keyring's English name or a file's path) as a message argument: the
// keyring named in the language the message is said in, a path as it is.
func LocationArg(where string) any {
	if where == KeyringName() {
		return keyringMsg()
	}
	return where
}

// keyringMsg is the catalog message that names this system's keyring.
func keyringMsg() i18n.Message {
	switch runtime.GOOS {
	case "darwin":
		return i18n.Msg("storage.keyring.darwin")
	case "windows":
		return i18n.Msg("storage.keyring.windows")
	}
	return i18n.Msg("storage.keyring.secret_service")
}
