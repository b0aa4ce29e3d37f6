// Package storage keeps zoomconnect's connections: non-secret profiles as
// JSON under the XDG config dir, secrets (tokens, client secret) in the OS
// keyring or, only with the user's consent, in a 0600 file. Every file write
// is atomic. It imports no UI package.
package storage

import (
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// AuthType is how a connection authorizes.
type AuthType string

// Auth types.
const (
	// AuthOrgApp is the organization's Zoom app (provisioned app.json).
	AuthOrgApp AuthType = "org-app"
	// AuthOwnApp is the user's own OAuth app (client ID + secret).
	AuthOwnApp AuthType = "own-app"
)

// SecretBackend says where a connection's secrets live.
type SecretBackend string

// Secret backends.
const (
	BackendKeyring SecretBackend = "keyring"
	// BackendFile is the plaintext 0600 fallback, used only with consent.
	BackendFile SecretBackend = "file"
)

// Profile is a saved connection, without secrets.
type Profile struct {
	Name          string        `json:"name"`
	AuthType      AuthType      `json:"auth_type"`
	AppName       string        `json:"app_name,omitempty"`
	ClientID      string        `json:"client_id"`
	PublicClient  bool          `json:"public_client,omitempty"`
	AuthBaseURL   string        `json:"auth_base_url"`
	APIBaseURL    string        `json:"api_base_url"`
	UserID        string        `json:"user_id,omitempty"`
	DisplayName   string        `json:"display_name,omitempty"`
	Email         string        `json:"email,omitempty"`
	AccountID     string        `json:"account_id,omitempty"`
	UserType      string        `json:"user_type,omitempty"`
	GrantedScopes []string      `json:"granted_scopes,omitempty"`
	SecretBackend SecretBackend `json:"secret_backend"`
	CreatedAt     time.Time     `json:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at"`
	// AccessExpiry is the access token's expiry, in UTC (not a secret).
	AccessExpiry time.Time `json:"access_expiry,omitempty"`
	LastRefresh  time.Time `json:"last_refresh,omitempty"`
	// LastRefreshResult is "ok" or a short error key.
	LastRefreshResult string `json:"last_refresh_result,omitempty"`
	// ReconnectReason, when set, means the connection is dead and must be
	// re-authorized; it says why in words.
	ReconnectReason string `json:"reconnect_reason,omitempty"`
	// LogoutIncomplete, when set, records a logout that could not delete
	// the connection's secrets here: the profile is kept (and refuses to
	// be used) so that list, status and doctor show what remains, and the
	// next logout finishes the job.
	LogoutIncomplete *LogoutIncomplete `json:"logout_incomplete,omitempty"`
}

// LogoutIncomplete is what a logout that did not finish left behind.
type LogoutIncomplete struct {
	At time.Time `json:"at"`
	// Where is where the secrets remain: the keyring's name or the
	// plaintext file's path (Store.SecretsLocation).
	Where string `json:"where"`
	// Revoked is set when Zoom accepted the revocation, so the tokens
	// left here no longer work.
	Revoked bool `json:"revoked,omitempty"`
}

// Secrets are the sensitive parts of a connection. String, GoString and
// LogValue redact every field.
type Secrets struct {
	ClientSecret string    `json:"client_secret,omitempty"`
	AccessToken  string    `json:"access_token,omitempty"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	TokenType    string    `json:"token_type,omitempty"`
	Expiry       time.Time `json:"expiry,omitempty"`
}

// OrgApp is the organization's Zoom app, provisioned by an admin as
// zoomconnect/app.json in an XDG config dir (system dirs first).
type OrgApp struct {
	Name         string `json:"name"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret,omitempty"`
	AuthBaseURL  string `json:"auth_base_url,omitempty"`
	APIBaseURL   string `json:"api_base_url,omitempty"`
	// AdminContact is shown to users who need pre-approval.
	AdminContact string `json:"admin_contact,omitempty"`
	// AppID is the app's Zoom Marketplace app ID (the ID segment of its
	// Marketplace address), when the admin provisions it: the request a
	// user sends names it, and the admin commands use it.
	AppID string `json:"app_id,omitempty"`
	// Path is where it was found (not in the file): app.json's path, or
	// the flag that gave it.
	Path string `json:"-"`
	// Builtin marks the built-in sandbox's demo app, found nowhere (Path
	// is empty).
	Builtin bool `json:"-"`
}

// Keyring is the subset of go-keyring the store uses; tests inject fakes.
// Get and Delete return go-keyring's ErrNotFound for a missing item; any
// other error is taken to mean the keyring is unavailable.
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// Store reads and writes connections. Paths are explicit so tests need no
// environment juggling; Default fills them from XDG.
type Store struct {
	// ConfigDir holds profiles and the default-profile pointer
	// ($XDG_CONFIG_HOME/zoomconnect).
	ConfigDir string
	// DataDir holds the plaintext secret fallback ($XDG_DATA_HOME/zoomconnect).
	DataDir string
	// StateDir holds lock files and pending attempts ($XDG_STATE_HOME/zoomconnect).
	StateDir string
	// Keyring is the OS keyring; nil means go-keyring.
	Keyring Keyring
	// KeyringTimeout bounds every keyring call; 0 means DefaultKeyringTimeout.
	KeyringTimeout time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	// FileFault, when set, is asked before each step of a file write or
	// removal ("mkdir", "create", "write", "sync", "rename", "remove") with
	// the path it works on; an error fails that step as the OS would.
	// Tests use it for full disks and read-only directories; nil in use.
	FileFault func(step, path string) error

	// ops are the file operations behind atomic writes; tests of this
	// package inject faults.
	ops fileOps
}

// DefaultKeyringTimeout bounds a keyring call when Store.KeyringTimeout is 0.
const DefaultKeyringTimeout = 5 * time.Second

// KeyringService is the keyring service name for all items.
const KeyringService = "zoomconnect"

// Sentinel errors.
var (
	// ErrNotFound: no such profile.
	ErrNotFound error = i18n.NewError(nil, "storage.not_found")
	// ErrKeyringUnavailable: no keyring answered (no D-Bus, no Secret Service,
	// locked and refused). The caller may ask for consent to use a file.
	ErrKeyringUnavailable error = i18n.NewError(nil, "storage.keyring_unavailable")
	// ErrKeyringTimeout: a keyring call did not return in time; nothing is
	// considered saved.
	ErrKeyringTimeout error = i18n.NewError(nil, "storage.keyring_timeout")
	// ErrLockTimeout: another zoomconnect process holds the profile lock.
	ErrLockTimeout error = i18n.NewError(nil, "storage.lock_timeout")
)

// Pending is an authorization attempt that stopped at the pre-approval
// wall, saved so zoomconnect started later can resume it. It holds no
// secret; a bring-your-own app's client secret, if any, is kept in the
// keyring under the pending item (see SavePending).
type Pending struct {
	Profile       string   `json:"profile"`
	AuthType      AuthType `json:"auth_type"`
	AppName       string   `json:"app_name,omitempty"`
	ClientID      string   `json:"client_id"`
	AuthBaseURL   string   `json:"auth_base_url"`
	APIBaseURL    string   `json:"api_base_url"`
	ExpectedEmail string   `json:"expected_email,omitempty"`
	// Stage is where it stopped: "preapproval".
	Stage string `json:"stage"`
	// Reason is the error key or words that led there.
	Reason    string    `json:"reason,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// RequestSentAt is when the user copied or saved the admin request.
	RequestSentAt time.Time `json:"request_sent_at,omitempty"`
	// SecretKept is set by SavePending when the keyring kept the client
	// secret; when false on a bring-your-own app, the user re-enters it.
	SecretKept bool `json:"secret_kept,omitempty"`
	// HasSecret is set when the attempt's app has a client secret of its
	// own to keep (a confidential bring-your-own app): resuming it without
	// SecretKept needs the secret typed again.
	HasSecret bool `json:"has_secret,omitempty"`
}
