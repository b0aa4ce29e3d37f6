package oauthflow

import (
	"slices"
	"strings"

	"github.com/zoomconnect/zoomconnect/assets"
)

// scopeNeed is one scope zoomconnect needs and every granted name that
// satisfies it. User-level names come first; :admin variants satisfy the
// need but are flagged as broader than needed.
type scopeNeed struct {
	classic  string
	granular []string // the first is the name to add in a granular app
	superset []string // classic names that include the need
}

func scopeNeeds() []scopeNeed {
	return []scopeNeed{
		{classic: "meeting:write", granular: []string{"meeting:write:meeting"}},
		{classic: "recording:read", granular: []string{
			"cloud_recording:read:list_user_recordings", "cloud_recording:read:list_recording_files"}},
		{classic: "user_info:read", granular: []string{"user:read:user"}, superset: []string{"user:read"}},
	}
}

// RequiredScopes returns the classic names of the scopes zoomconnect needs.
func RequiredScopes() []string {
	var out []string
	for _, n := range scopeNeeds() {
		out = append(out, n.classic)
	}
	return out
}

// ScopeNamesFor returns the scope names to add in the Zoom app: granular
// names for an app created since 2024, classic names otherwise.
func ScopeNamesFor(granular bool) []string {
	var out []string
	for _, n := range scopeNeeds() {
		if granular {
			out = append(out, n.granular[0])
		} else {
			out = append(out, n.classic)
		}
	}
	return out
}

// ScopeItem is the review of one required scope.
type ScopeItem struct {
	Need        string   `json:"need"`
	Description string   `json:"description_text"`
	GrantedAs   []string `json:"granted_as,omitempty"`
	OK          bool     `json:"ok"`
	// Fix says what to do when the scope is missing; empty when OK.
	Fix string `json:"fix_text,omitempty"`
}

// Review compares granted scopes with the ones zoomconnect needs.
type Review struct {
	Items   []ScopeItem `json:"items"`
	Missing []string    `json:"missing,omitempty"`
	// Broad lists granted :admin / :master scopes: more than a user-level
	// tool needs.
	Broad []string `json:"broad,omitempty"`
	// Extra lists granted scopes that satisfy no need.
	Extra []string `json:"extra,omitempty"`
	// Granular is true when Zoom reported granular scope names.
	Granular bool `json:"granular"`
}

// AllGranted reports whether every required scope was granted.
func (r Review) AllGranted() bool { return len(r.Missing) == 0 }

// ReviewScopes reviews the scope field of a token response. Classic and
// granular names are equivalent; classic user:read covers user_info:read;
// :admin and :master variants satisfy a need but are reported as Broad.
func ReviewScopes(granted []string) Review {
	granted = normalizeScopes(granted)
	r := Review{Granular: isGranular(granted)}
	used := map[string]bool{}
	for _, n := range scopeNeeds() {
		item := ScopeItem{Need: n.classic, Description: scopeDescription(n.classic)}
		for _, g := range granted {
			if n.satisfiedBy(g) {
				item.GrantedAs = append(item.GrantedAs, g)
				used[g] = true
			}
		}
		item.OK = len(item.GrantedAs) > 0
		if !item.OK {
			item.Fix = n.fix(r.Granular)
			r.Missing = append(r.Missing, n.classic)
		}
		r.Items = append(r.Items, item)
	}
	for _, g := range granted {
		if isBroad(g) {
			r.Broad = append(r.Broad, g)
		}
		if !used[g] {
			r.Extra = append(r.Extra, g)
		}
	}
	return r
}

func (n scopeNeed) satisfiedBy(g string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(g, ":admin"), ":master")
	return base == n.classic || slices.Contains(n.granular, base) || slices.Contains(n.superset, base)
}

func (n scopeNeed) fix(granular bool) string {
	name := n.classic
	if granular {
		name = n.granular[0]
	}
	return "Add " + name + " on the Zoom app's Scopes page, then sign in again."
}

func isBroad(s string) bool {
	return strings.HasSuffix(s, ":admin") || strings.HasSuffix(s, ":master")
}

// isGranular reports whether names are granular (service:action:claim).
func isGranular(granted []string) bool {
	for _, g := range granted {
		base := strings.TrimSuffix(strings.TrimSuffix(g, ":admin"), ":master")
		if strings.Count(base, ":") >= 2 {
			return true
		}
	}
	return false
}

func normalizeScopes(in []string) []string {
	var out []string
	for _, s := range in {
		for _, f := range strings.Fields(s) {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// ScopeDescription returns the plain-language description of a scope name,
// or "" when none is known.
func ScopeDescription(name string) string { return scopeDescription(name) }

func scopeDescription(name string) string {
	if s, ok := assets.Scope(name); ok {
		return s.Description
	}
	return ""
}
