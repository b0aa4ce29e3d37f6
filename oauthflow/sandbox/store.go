package sandbox

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// stateVersion is the StateFile format version.
const stateVersion = 1

// Token kinds.
const (
	kindAccess  = "access"
	kindRefresh = "refresh"
)

// Why a grant ended.
const (
	endRevoked    = "revoked"    // POST /oauth/revoke, or a reused code
	endSuperseded = "superseded" // a later authorization of the same user and client
	endDisabled   = "disabled"   // an admin stopped pre-approving the user: 4738
)

// state is everything the sandbox remembers; it is what StateFile holds.
// Tokens and codes are keyed by their SHA-256 so the file holds no usable
// secret.
type state struct {
	Version            int                  `json:"version"`
	Scenario           Scenario             `json:"scenario"`
	Grants             map[string]*grant    `json:"grants"`
	Tokens             map[string]*tokenRec `json:"tokens"`
	Codes              map[string]*codeRec  `json:"codes"`
	RateLimitedAPI     bool                 `json:"rate_limited_api,omitempty"`
	RateLimitedRefresh bool                 `json:"rate_limited_refresh,omitempty"`
	NextGrant          int                  `json:"next_grant"`

	// The admin side (admin.go, preapproval.go); absent in older files.
	Requests         map[string]map[string]*appRequest `json:"requests,omitempty"`     // app ID → user ID → request
	Approvals        map[string]*approval              `json:"approvals,omitempty"`    // app ID → pre-approval setting
	AdminTokens      map[string]*adminToken            `json:"admin_tokens,omitempty"` // SHA-256 → S2S token
	Seeded           bool                              `json:"seeded,omitempty"`       // the demo requests were added
	RateLimitedAdmin bool                              `json:"rate_limited_admin,omitempty"`
	PageTokenRefused bool                              `json:"page_token_refused,omitempty"`

	// The device sign-in (device.go), keyed by the device code's SHA-256.
	DeviceCodes map[string]*deviceRec `json:"device_codes,omitempty"`

	// saved is the encoding last read from or written to the state file:
	// save writes nothing when the state still encodes to it.
	saved []byte
}

// grant is one authorization: a code exchange and the tokens rotated from it.
type grant struct {
	ID       string    `json:"id"`
	ClientID string    `json:"client_id"`
	UserID   string    `json:"user_id"`
	Scopes   []string  `json:"scopes"`
	Created  time.Time `json:"created"`
	Ended    string    `json:"ended,omitempty"` // "", endRevoked, endSuperseded or endDisabled
	APICalls int       `json:"api_calls"`       // successful API calls
}

// tokenRec is one issued token.
type tokenRec struct {
	Grant   string    `json:"grant"`
	Kind    string    `json:"kind"`
	Expires time.Time `json:"expires,omitzero"` // access tokens only
}

// codeRec is one authorization code.
type codeRec struct {
	ClientID    string    `json:"client_id"`
	RedirectURI string    `json:"redirect_uri"`
	Challenge   string    `json:"challenge,omitempty"`
	Method      string    `json:"method,omitempty"`
	Scopes      []string  `json:"scopes"`
	UserID      string    `json:"user_id"`
	Expires     time.Time `json:"expires"`
	Used        bool      `json:"used,omitempty"`
	Grant       string    `json:"grant,omitempty"` // the grant it produced
}

func newState() *state {
	return &state{
		Version: stateVersion, Grants: map[string]*grant{},
		Tokens: map[string]*tokenRec{}, Codes: map[string]*codeRec{},
	}
}

// loadState reads path, or returns an empty state when path is "" or does
// not exist yet.
func loadState(path string) (*state, error) {
	st := newState()
	if path == "" {
		return st, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: read state file: %w", err)
	}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("sandbox: state file %s is damaged (delete it to start afresh): %w", path, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("sandbox: state file %s has version %d, want %d (delete it to start afresh)", path, st.Version, stateVersion)
	}
	if st.Grants == nil || st.Tokens == nil || st.Codes == nil {
		return nil, fmt.Errorf("sandbox: state file %s is incomplete (delete it to start afresh)", path)
	}
	st.saved = b
	return st, nil
}

// save writes st to path atomically (temp file, fsync, rename) with mode
// 0600, unless it encodes to what the file already holds (a request that
// changed nothing costs no write and no fsync). An empty path saves
// nothing.
func (st *state) save(path string) error {
	if path == "" {
		return nil
	}
	b, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return fmt.Errorf("sandbox: encode state: %w", err)
	}
	if st.saved != nil && bytes.Equal(b, st.saved) {
		return nil
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".sandbox-state-*")
	if err != nil {
		return fmt.Errorf("sandbox: save state: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("sandbox: save state: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("sandbox: save state: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sandbox: save state: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sandbox: save state: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("sandbox: save state: %w", err)
	}
	syncDir(dir)
	st.saved = b
	return nil
}

// syncDir makes a rename in dir durable; failure only weakens durability.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// lock takes s.mu and, with a StateFile, the file lock (StateFile+".lock"),
// then reloads the state, so sandboxes in several processes on one file stay
// consistent: a token rotated by one is refused by all. Failures are kept
// in s.syncErr for saveLocked to report; reads go on with the state in
// memory.
func (s *Server) lock() {
	s.mu.Lock()
	s.syncErr = nil
	if s.flock == nil {
		return
	}
	if err := s.flock.Lock(); err != nil {
		s.syncErr = fmt.Errorf("sandbox: lock state file: %w", err)
		return
	}
	s.flocked = true
	// A damaged file is overwritten by the next save.
	if st, err := loadState(s.opts.StateFile); err == nil {
		s.st = st
	}
}

// unlock releases what lock took.
func (s *Server) unlock() {
	if s.flocked {
		_ = s.flock.Unlock() // closing the descriptor releases it anyway
		s.flocked = false
	}
	s.mu.Unlock()
}

// saveLocked prunes and saves the state. Call between lock and unlock.
func (s *Server) saveLocked() error {
	if s.syncErr != nil {
		return s.syncErr
	}
	s.pruneLocked()
	return s.st.save(s.opts.StateFile)
}

// pruneLocked forgets codes and access tokens long past their expiry, so the
// state stays small. Expired ones are kept a day to answer "expired".
func (s *Server) pruneLocked() {
	cutoff := s.opts.Now().Add(-24 * time.Hour)
	for k, c := range s.st.Codes {
		if c.Expires.Before(cutoff) {
			delete(s.st.Codes, k)
		}
	}
	for k, d := range s.st.DeviceCodes {
		if d.Expires.Before(cutoff) {
			delete(s.st.DeviceCodes, k)
		}
	}
	for k, t := range s.st.Tokens {
		if t.Kind == kindAccess && t.Expires.Before(cutoff) {
			delete(s.st.Tokens, k)
		}
	}
	for k, t := range s.st.AdminTokens {
		if t.Expires.Before(cutoff) {
			delete(s.st.AdminTokens, k)
		}
	}
}

// newGrantLocked records a grant from a code and ends every earlier live
// grant of the same user and client: the latest authorization wins.
func (s *Server) newGrantLocked(c *codeRec) *grant {
	for _, g := range s.st.Grants {
		if g.Ended == "" && g.ClientID == c.ClientID && g.UserID == c.UserID {
			g.Ended = endSuperseded
		}
	}
	s.st.NextGrant++
	g := &grant{
		ID: fmt.Sprintf("g%d", s.st.NextGrant), ClientID: c.ClientID, UserID: c.UserID,
		Scopes: append([]string(nil), c.Scopes...), Created: s.opts.Now(),
	}
	s.st.Grants[g.ID] = g
	return g
}

// issueLocked mints a new access and refresh token for g.
func (s *Server) issueLocked(g *grant) (access, refresh string) {
	access, refresh = randomToken(), randomToken()
	s.st.Tokens[hashOf(access)] = &tokenRec{Grant: g.ID, Kind: kindAccess, Expires: s.opts.Now().Add(s.opts.AccessTTL)}
	s.st.Tokens[hashOf(refresh)] = &tokenRec{Grant: g.ID, Kind: kindRefresh}
	s.latestRT = refresh
	return access, refresh
}

// lookupLocked finds a token of the given kind and its grant.
func (s *Server) lookupLocked(token, kind string) (*tokenRec, *grant) {
	if token == "" {
		return nil, nil
	}
	t := s.st.Tokens[hashOf(token)]
	if t == nil || t.Kind != kind {
		return nil, nil
	}
	g := s.st.Grants[t.Grant]
	if g == nil {
		return nil, nil
	}
	return t, g
}

// randomToken is an opaque 256-bit random string, URL-safe.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashOf is the key a token or code is stored under.
func hashOf(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
