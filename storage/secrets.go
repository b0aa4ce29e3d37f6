package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/zoomconnect/zoomconnect/i18n"
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
	if p.SecretBackend == BackendFile {
		return s.loadFileSecrets(p)
	}
	v, err := s.getItem(ctx, itemProfile, p.Name)
	return keyringSecrets(p, v, err)
}

// SecretsResult is LoadSecrets' answer for one profile of LoadSecretsEach.
type SecretsResult struct {
	Secrets Secrets
	Err     error
}

// LoadSecretsEach is LoadSecrets for each of ps, in order, with the same
// answers, but the keyring items are read together: in one keyring session
// (WithKeyringSession), one search per item and one read of all the
// secrets, instead of a session and seven round trips per profile.
func (s *Store) LoadSecretsEach(ctx context.Context, ps []*Profile) []SecretsResult {
	out := make([]SecretsResult, len(ps))
	var users []string
	var at []int // index in ps of each user
	for i, p := range ps {
		switch {
		case ValidateName(p.Name) != nil:
			out[i].Err = ValidateName(p.Name)
		case p.SecretBackend == BackendFile:
			out[i].Secrets, out[i].Err = s.loadFileSecrets(p)
		default:
			users, at = append(users, s.keyringUser(itemProfile, p.Name)), append(at, i)
		}
	}
	if len(users) == 0 {
		return out
	}
	st, end := s.WithKeyringSession()
	defer end()
	values, errs := st.keyringGetMany(ctx, users)
	for j, i := range at {
		v, err := values[j], errs[j]
		if errors.Is(err, gokeyring.ErrNotFound) {
			v, err = st.migrateLegacy(ctx, itemProfile, ps[i].Name, err)
		}
		out[i].Secrets, out[i].Err = keyringSecrets(ps[i], v, err)
	}
	return out
}

// loadFileSecrets reads and decodes p's plaintext secret file.
func (s *Store) loadFileSecrets(p *Profile) (Secrets, error) {
	b, err := s.readSecretFile(s.SecretsFilePath(p.Name))
	if err != nil {
		return Secrets{}, err
	}
	return decodeSecrets(p, b)
}

// keyringSecrets turns what the keyring answered for p (getItem) into
// LoadSecrets' result.
func keyringSecrets(p *Profile, v string, err error) (Secrets, error) {
	if errors.Is(err, gokeyring.ErrNotFound) {
		return Secrets{}, i18n.NewError(ErrSecretsMissing, "storage.secrets_missing_keyring",
			"Keyring", keyringMsg(), "Command", LoginCommandFor(p))
	}
	if err != nil {
		return Secrets{}, fmt.Errorf("load secrets of %q: %w", p.Name, err)
	}
	return decodeSecrets(p, []byte(v))
}

// decodeSecrets parses saved secrets; the error never quotes them.
func decodeSecrets(p *Profile, data []byte) (Secrets, error) {
	var sec Secrets
	if err := json.Unmarshal(data, &sec); err != nil {
		return Secrets{}, i18n.NewError(err, "storage.secrets_damaged", "Name", p.Name, "Command", LoginCommandFor(p))
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

// DeleteLeftovers removes what a failed save may have left for a profile
// that does not exist: its secret file and this config home's keyring
// item. The untagged item of older versions is left alone: another config
// home may still use it. A keyring that does not answer is not an error
// here (there may be nothing to remove).
func (s *Store) DeleteLeftovers(ctx context.Context, name string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	if err := s.removeSecretFile(s.SecretsFilePath(name)); err != nil {
		return fmt.Errorf("delete the leftover secrets of %q: %w", name, err)
	}
	err := s.keyringDelete(ctx, s.keyringUser(itemProfile, name))
	if err != nil && !errors.Is(err, ErrKeyringUnavailable) && !errors.Is(err, ErrKeyringTimeout) {
		return fmt.Errorf("delete the leftover secrets of %q: %w", name, err)
	}
	return nil
}

// minWriteCheck is the smallest payload CheckSecretsWritable writes.
const minWriteCheck = 4096

// CheckSecretsWritable checks, before a refresh spends the saved refresh
// token, that the new one can be saved where p's secrets are, so that a
// store that cannot take it is found while the saved token still works.
// For a plaintext file it creates, writes (twice the current file, at
// least 4 KiB), fsyncs and removes a temp file beside the target: a full
// disk, a read-only directory. For the keyring it writes current (the
// secrets just read, unchanged) back to their item and reads them back,
// allowing as long as SaveRotated's second try: a keyring that answers
// reads but cannot take a write (its own files on a full disk, writes
// slower than that) would otherwise lose the rotation.
func (s *Store) CheckSecretsWritable(ctx context.Context, p *Profile, current Secrets) error {
	if p.SecretBackend != BackendFile {
		data, err := json.Marshal(current)
		if err != nil {
			return fmt.Errorf("encode secrets: %w", err)
		}
		if err := s.patient().setItem(ctx, itemProfile, p.Name, string(data)); err != nil {
			return fmt.Errorf("check that the keyring takes a write: %w", err)
		}
		return nil
	}
	path := s.SecretsFilePath(p.Name)
	size := minWriteCheck
	if info, err := os.Stat(path); err == nil {
		size = max(size, 2*int(info.Size()))
	}
	o := s.files()
	if err := o.ensureDir(filepath.Dir(path), true); err != nil {
		return err
	}
	if err := o.probeWrite(path, size); err != nil {
		return fileErr("write", path, err)
	}
	return nil
}

// rotatedRetryFactor is how much longer the second try of a timed-out
// keyring write of rotated tokens may take.
const rotatedRetryFactor = 3

// SaveRotated saves the tokens of a refresh, which Zoom has already made
// the only valid ones, as SaveSecrets does to p's backend; but a keyring
// write that times out is tried once more with three times the deadline
// (a keyring slower than its timeout, e.g. one busy unlocking) before the
// rotation is given up as lost.
func (s *Store) SaveRotated(ctx context.Context, p *Profile, sec Secrets) error {
	err := s.SaveSecrets(ctx, p, p.SecretBackend, sec)
	if !errors.Is(err, ErrKeyringTimeout) || ctx.Err() != nil {
		return err
	}
	patient := s.patient()
	if err2 := patient.SaveSecrets(ctx, p, p.SecretBackend, sec); err2 != nil {
		return fmt.Errorf("%w (tried again, waiting %s: %w)", err, patient.KeyringTimeout, err2)
	}
	return nil
}

// patient is a copy of s whose keyring calls may take rotatedRetryFactor
// times as long.
func (s *Store) patient() *Store {
	c := *s
	c.KeyringTimeout = rotatedRetryFactor * s.keyringTimeout()
	return &c
}
