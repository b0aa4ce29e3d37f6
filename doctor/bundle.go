package doctor

import (
	"encoding/json"
	"fmt"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/zoomconnect/zoomconnect/storage"
)

// Redacted replaces every secret the Redactor removes.
const Redacted = "[REDACTED]"

// Redactor removes known secrets and anything token-shaped from text.
type Redactor struct {
	secrets []string
	allow   map[string]bool
}

// tokenShape matches JWTs, long opaque tokens, bearer values and secret
// query or form parameters.
var tokenShape = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*` +
		`|(?i:(?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]{8,}` +
		`|(?i:(?:code|state|code_verifier|access_token|refresh_token|client_secret|token|password)=)[^&\s"']+` +
		`|[A-Za-z0-9_~+/=.-]{32,}`)
})

// NewRedactor returns a Redactor for the given secrets plus the values of
// environment entries ("KEY=value") whose names look secret.
func NewRedactor(environ []string, secrets ...string) *Redactor {
	r := &Redactor{allow: map[string]bool{}}
	for _, kv := range environ {
		k, v, ok := strings.Cut(kv, "=")
		if ok && secretName(k) {
			secrets = append(secrets, v)
		}
	}
	for _, s := range secrets {
		if len(s) >= 4 {
			r.secrets = append(r.secrets, s)
			if b, err := json.Marshal(s); err == nil {
				r.secrets = append(r.secrets, strings.Trim(string(b), `"`))
			}
		}
	}
	// Longest first, so a secret containing another is removed whole.
	sort.Slice(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
	return r
}

// Allow keeps s even when it looks like a token (tracking IDs, client IDs).
// Known secrets are removed regardless.
func (r *Redactor) Allow(s ...string) {
	for _, v := range s {
		r.allow[v] = true
	}
}

// secretName reports whether an environment variable name suggests a
// secret value.
func secretName(k string) bool {
	k = strings.ToUpper(k)
	for _, w := range []string{"SECRET", "TOKEN", "PASSWORD", "PASSWD", "CREDENTIAL", "API_KEY", "APIKEY", "PRIVATE_KEY"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return strings.HasSuffix(k, "_PROXY") // may carry user:password@
}

// Redact returns s with every known secret and token-shaped run replaced.
func (r *Redactor) Redact(s string) string {
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, Redacted)
	}
	return tokenShape().ReplaceAllStringFunc(s, func(m string) string {
		if r.allow[m] {
			return m
		}
		if i := strings.IndexAny(m, "= \t"); i >= 0 && i < len(m)-1 && !strings.HasPrefix(m, "eyJ") && len(m) < 32+i {
			return m[:i+1] + Redacted
		}
		return Redacted
	})
}

// Bundle is a support bundle: enough to diagnose a problem, never a secret.
type Bundle struct {
	GeneratedAt time.Time         `json:"generated_at"`
	Version     string            `json:"zoomconnect_version"`
	GoVersion   string            `json:"go_version"`
	OS          string            `json:"os"`
	Arch        string            `json:"arch"`
	Flags       map[string]string `json:"session_flags"`
	Flow        string            `json:"flow"`
	Profiles    []BundleProfile   `json:"profiles"`
	Report      Report            `json:"report"`
	Errors      []BundleError     `json:"errors,omitempty"`
}

// BundleProfile is the non-secret part of a profile.
type BundleProfile struct {
	Name              string    `json:"name"`
	AuthType          string    `json:"auth_type"`
	ClientID          string    `json:"client_id"`
	AuthHost          string    `json:"auth_host"`
	APIHost           string    `json:"api_host"`
	SecretBackend     string    `json:"secret_backend"`
	GrantedScopes     []string  `json:"granted_scopes,omitempty"`
	AccessExpiry      time.Time `json:"access_expiry,omitzero"`
	LastRefresh       time.Time `json:"last_refresh,omitzero"`
	LastRefreshResult string    `json:"last_refresh_result,omitempty"`
	ReconnectReason   string    `json:"reconnect_reason,omitempty"`
}

// BundleError is one Zoom error met during the checks.
type BundleError struct {
	Check      string `json:"check"`
	Code       string `json:"code"`
	TrackingID string `json:"tracking_id,omitempty"`
}

// NewBundle assembles a bundle from a report and the saved profiles.
func NewBundle(version string, rep Report, profiles []storage.Profile) Bundle {
	b := Bundle{GeneratedAt: rep.StartedAt.UTC(), Version: version, GoVersion: runtime.Version(),
		OS: runtime.GOOS, Arch: runtime.GOARCH, Report: rep, Flags: map[string]string{}}
	if br, ok := rep.Get("browser"); ok {
		b.Flow = br.Facts["flow"]
		for k, v := range br.Facts {
			b.Flags[k] = v
		}
	}
	for _, p := range profiles {
		b.Profiles = append(b.Profiles, BundleProfile{Name: p.Name, AuthType: string(p.AuthType), ClientID: p.ClientID,
			AuthHost: hostOf(p.AuthBaseURL), APIHost: hostOf(p.APIBaseURL), SecretBackend: string(p.SecretBackend),
			GrantedScopes: p.GrantedScopes, AccessExpiry: p.AccessExpiry, LastRefresh: p.LastRefresh,
			LastRefreshResult: p.LastRefreshResult, ReconnectReason: p.ReconnectReason})
	}
	for _, c := range rep.Results {
		if c.Code != "" || c.TrackingID != "" {
			b.Errors = append(b.Errors, BundleError{Check: c.ID, Code: c.Code, TrackingID: c.TrackingID})
		}
	}
	return b
}

// Encode returns the bundle as indented JSON with every string run through
// red. Client IDs and tracking IDs are kept unless they are known secrets.
func (b Bundle) Encode(red *Redactor) ([]byte, error) {
	for _, p := range b.Profiles {
		red.Allow(p.ClientID)
	}
	for _, e := range b.Errors {
		red.Allow(e.TrackingID)
	}
	raw, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("encode support bundle: %w", err)
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		return nil, fmt.Errorf("encode support bundle: %w", err)
	}
	out, err := json.MarshalIndent(redactTree(tree, red), "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode support bundle: %w", err)
	}
	return append(out, '\n'), nil
}

// redactTree redacts every string (keys included) of a decoded JSON value.
func redactTree(v any, red *Redactor) any {
	switch t := v.(type) {
	case string:
		return red.Redact(t)
	case []any:
		for i := range t {
			t[i] = redactTree(t[i], red)
		}
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[red.Redact(k)] = redactTree(x, red)
		}
		return m
	}
	return v
}
