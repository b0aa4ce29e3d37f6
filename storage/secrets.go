package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	gokeyring "github.com/zalando/go-keyring"
)

const redacted = "[redacted]"

// String redacts every secret; it tells only which fields are set.
func (s Secrets) String() string {
	return fmt.Sprintf("Secrets{ClientSecret: %s, AccessToken: %s, RefreshToken: %s, TokenType: %q, Expiry: %s}",
		mark(s.ClientSecret), mark(s.AccessToken), mark(s.RefreshToken), s.TokenType, s.Expiry.UTC().Format("2006-01-02T15:04:05Z"))
}

// GoString redacts in %#v output.
func (s Secrets) GoString() string { return "storage." + s.String() }

// LogValue redacts in log/slog output.
func (s Secrets) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("client_secret", mark(s.ClientSecret)),
		slog.String("access_token", mark(s.AccessToken)),
		slog.String("refresh_token", mark(s.RefreshToken)),
		slog.String("token_type", s.TokenType),
		slog.Time("expiry", s.Expiry),
	)
}

func mark(v string) string {
	if v == "" {
		return "none"
	}
	return redacted
}

// LoadSecrets reads a profile's secrets from its backend. Missing secrets
// wrap ErrSecretsMissing; an unsafe secret file wraps ErrInsecureFile.
func (s *Store) LoadSecrets(ctx context.Context, p *Profile) (Secrets, error) {
	if err := ValidateName(p.Name); err != nil {
		return Secrets{}, err
	}
	var data []byte
	if p.SecretBackend == BackendFile {
		b, err := s.readSecretFile(s.SecretsFilePath(p.Name))
		if err != nil {
			return Secrets{}, err
		}
		data = b
	} else {
		v, err := s.getItem(ctx, itemProfile, p.Name)
		if errors.Is(err, gokeyring.ErrNotFound) {
			return Secrets{}, fmt.Errorf("%w from the %s; run: %s", ErrSecretsMissing, KeyringName(), LoginCommandFor(p))
		}
		if err != nil {
			return Secrets{}, fmt.Errorf("load secrets of %q: %w", p.Name, err)
		}
		data = []byte(v)
	}
	var sec Secrets
	if err := json.Unmarshal(data, &sec); err != nil {
		return Secrets{}, fmt.Errorf("the saved secrets of %q are damaged; run: %s", p.Name, LoginCommandFor(p))
	}
	return sec, nil
}

// SaveSecrets writes secrets to backend ("" means the keyring) and reads
// them back; only then are they saved, and p.SecretBackend is set to
// backend. With the keyring, an error matching ErrKeyringUnavailable or
// ErrKeyringTimeout means nothing was saved and no file was written: the
// caller may ask for consent and call again with BackendFile. A copy left
// in the other backend by an earlier save is removed.
func (s *Store) SaveSecrets(ctx context.Context, p *Profile, backend SecretBackend, sec Secrets) error {
	if err := ValidateName(p.Name); err != nil {
		return err
	}
	if backend == "" {
		backend = BackendKeyring
	}
	data, err := json.Marshal(sec)
	if err != nil {
		return fmt.Errorf("encode secrets: %w", err)
	}
	switch backend {
	case BackendKeyring:
		err = s.setItem(ctx, itemProfile, p.Name, string(data))
	case BackendFile:
		err = s.writeSecretFile(s.SecretsFilePath(p.Name), data)
	default:
		return fmt.Errorf("unknown secret backend %q", backend)
	}
	if err != nil {
		return fmt.Errorf("save secrets of %q: %w", p.Name, err)
	}
	s.removeOtherCopy(ctx, p, backend)
	p.SecretBackend = backend
	return nil
}

// removeOtherCopy deletes, best effort, a copy in the backend not chosen.
func (s *Store) removeOtherCopy(ctx context.Context, p *Profile, backend SecretBackend) {
	if backend == BackendKeyring {
		s.removeSecretFile(s.SecretsFilePath(p.Name))
		return
	}
	if p.SecretBackend == BackendKeyring {
		s.deleteItem(ctx, itemProfile, p.Name)
	}
}

// DeleteSecrets removes a profile's secrets from its backend (and a stray
// secret file). Deleting what is already gone is not an error.
func (s *Store) DeleteSecrets(ctx context.Context, p *Profile) error {
	if err := ValidateName(p.Name); err != nil {
		return err
	}
	fileErr := s.removeSecretFile(s.SecretsFilePath(p.Name))
	var kerr error
	if p.SecretBackend != BackendFile {
		kerr = s.deleteItem(ctx, itemProfile, p.Name)
	}
	if err := errors.Join(fileErr, kerr); err != nil {
		return fmt.Errorf("delete secrets of %q: %w", p.Name, err)
	}
	return nil
}

// SecretsLocation says where a profile's secrets live, for status and done
// screens: the system keyring's name, or the plaintext file's path.
func (s *Store) SecretsLocation(p *Profile) string {
	if p.SecretBackend == BackendFile {
		return s.SecretsFilePath(p.Name)
	}
	return KeyringName()
}
