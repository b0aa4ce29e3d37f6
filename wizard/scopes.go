package wizard

import (
	"slices"
	"strings"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// ScopeState is how Zoom granted one scope zoomconnect needs.
type ScopeState uint8

// The states of a needed scope.
const (
	// ScopeGranted: granted at the user level, as needed.
	ScopeGranted ScopeState = iota
	// ScopeBroad: granted only through :admin or :master names, which
	// reach more than the person's own data.
	ScopeBroad
	// ScopeMissing: not granted.
	ScopeMissing
)

// ScopeLine is one scope zoomconnect needs, as the review says it: its
// name and what it allows (Text), and the line under it (Detail): what
// Zoom granted it as, or how to add it.
type ScopeLine struct {
	State        ScopeState
	Text, Detail string
	// need is the name and what it allows, without the state.
	need string
}

// Word is what the line-by-line wizard says before the line instead of a
// glyph: OK, BROADER THAN NEEDED or MISSING.
func (l ScopeLine) Word(c *Config) string {
	switch l.State {
	case ScopeBroad:
		return c.T.T("scopes.word.broad")
	case ScopeMissing:
		return c.T.T("scopes.word.missing")
	}
	return c.T.T("scopes.word.ok")
}

// Said is the line as the line-by-line wizard says it: the word, then the
// name and what it allows ("MISSING: meeting:write — Create, …"), plain.
func (l ScopeLine) Said(c *Config) string {
	return c.T.T("scopes.said", "Word", l.Word(c), "Text", page.PlainText(l.need))
}

// item is the line as a marked list item (✓ granted, ✗ missing).
func (l ScopeLine) item() page.Item {
	mark := page.KindOK
	if l.State == ScopeMissing {
		mark = page.KindFail
	}
	return page.Item{Text: l.Text, Detail: l.Detail, Mark: mark}
}

// ScopeKeys name the keys the scope review mentions; an empty name leaves
// its sentence out (the line-by-line wizard asks its own question).
type ScopeKeys struct{ Continue, Back string }

// ScopeReview is the scope review of one authorization in three parts, so
// that a front end can say the scope lines its own way: what comes before
// them, the lines, and what comes after (broader than needed, also
// granted, the missing refresh token, the summary and what to do).
type ScopeReview struct {
	Title   string
	Intro   []page.Block
	Lines   []ScopeLine
	Closing []page.Block
}

// Page is the review as one page: each scope line its own marked item,
// with a blank line between them.
func (v ScopeReview) Page() page.Page {
	p := page.Page{Title: v.Title}
	p.Add(v.Intro...)
	for _, l := range v.Lines {
		p.Add(page.Block{Kind: page.KindList, Items: []page.Item{l.item()}})
	}
	return *p.Add(v.Closing...)
}

// ReviewScopes is the scope review of r for creds: each needed scope
// granted (as what), broader than needed or missing (and how to add it),
// the scopes granted beyond the needs, a warning when Zoom sent no refresh
// token, and the summary with the fix that fits the auth type. A nil r
// misses every scope; an r with no scopes is one Zoom said nothing about.
func ReviewScopes(c *Config, creds Creds, r *oauthflow.Result, keys ScopeKeys) ScopeReview {
	t := c.T
	v := ScopeReview{Title: t.T("scopes.title")}
	var granted []string
	if r != nil {
		granted = r.Scopes
	}
	rv := oauthflow.ReviewScopes(granted)
	if r != nil && len(granted) == 0 {
		v.Intro = []page.Block{page.Note(t.T("scopes.unknown"))}
		v.Closing = append(noRefreshBlocks(c, creds, r), continueBlocks(c, keys.Continue)...)
		return v
	}
	intro := t.T("scopes.intro_classic")
	if rv.Granular {
		intro = t.T("scopes.intro_granular")
	}
	v.Intro = []page.Block{page.Para(intro)}
	v.Lines = ScopeLines(c, rv)
	if len(rv.Broad) > 0 {
		v.Closing = append(v.Closing, page.Warn(t.T("scopes.broad", "Names", monoList(rv.Broad))))
	}
	if len(rv.Extra) > 0 {
		v.Closing = append(v.Closing, page.Note(t.T("scopes.extra", "Names", monoList(rv.Extra))))
	}
	v.Closing = append(v.Closing, noRefreshBlocks(c, creds, r)...)
	if rv.AllGranted() {
		ok := t.T("scopes.all_granted")
		if keys.Continue != "" {
			ok += " " + t.T("scopes.continue", "Key", keys.Continue)
		}
		v.Closing = append(v.Closing, page.OK(ok))
		return v
	}
	fix := t.T("scopes.fix_own")
	if creds.AuthType == storage.AuthOrgApp {
		fix = t.T("scopes.fix_org")
	}
	v.Closing = append(v.Closing, page.Warn(t.T("scopes.some_missing")+" "+fix))
	if keys.Continue != "" && keys.Back != "" {
		v.Closing = append(v.Closing, page.Para(t.T("scopes.continue_anyway", "Continue", keys.Continue, "Back", keys.Back)))
	}
	return v
}

// ScopeLines are the lines of rv's needed scopes, in rv's order.
func ScopeLines(c *Config, rv oauthflow.Review) []ScopeLine {
	t := c.T
	add := oauthflow.ScopeNamesFor(rv.Granular) // the name to add, need by need
	out := make([]ScopeLine, 0, len(rv.Items))
	for i, it := range rv.Items {
		desc := ScopeDescription(c, it.Need)
		if !it.OK {
			name := it.Need
			if i < len(add) {
				name = add[i]
			}
			out = append(out, ScopeLine{State: ScopeMissing, Text: scopeText(t, "scopes.missing", it.Need, desc),
				Detail: t.T("scopes.fix", "Name", name), need: scopeText(t, "scopes.need", it.Need, desc)})
			continue
		}
		need := scopeText(t, "scopes.need", it.Need, desc)
		l := ScopeLine{State: ScopeGranted, Text: need, need: need,
			Detail: t.T("scopes.granted_as", "Names", monoList(it.GrantedAs))}
		if allIn(it.GrantedAs, rv.Broad) {
			l.State, l.Detail = ScopeBroad, t.T("scopes.granted_as_broad", "Names", monoList(it.GrantedAs))
		}
		out = append(out, l)
	}
	return out
}

// scopeText names a scope with what it allows (id), or alone when the
// catalog has no description of it (id + "_bare").
func scopeText(t *i18n.Printer, id, name, desc string) string {
	if desc == "" {
		return t.T(id+"_bare", "Name", name)
	}
	return t.T(id, "Name", name, "Description", i18n.Raw(desc))
}

// ScopeDescription says in the person's language what scope name allows,
// "" when the catalog does not know it.
func ScopeDescription(c *Config, name string) string {
	id := "scope." + name
	if !c.T.Has(id) {
		return ""
	}
	return c.T.T(id)
}

// noRefreshBlocks warn that r carried no refresh token: the connection
// dies with its access token. None when r has one (or is nil).
func noRefreshBlocks(c *Config, creds Creds, r *oauthflow.Result) []page.Block {
	if r == nil || r.Token == nil || !r.NoRefreshToken() {
		return nil
	}
	t := c.T
	login := storage.LoginCommandFor(&storage.Profile{Name: c.Profile, AuthBaseURL: savedEndpoints(c, creds.Endpoints(c)).AuthBaseURL})
	what := t.T("scopes.no_refresh_own", "Command", login)
	if creds.AuthType == storage.AuthOrgApp {
		what = t.T("scopes.no_refresh_org", "Command", login)
	}
	return []page.Block{page.Warn(t.T("scopes.no_refresh", "Time", t.HourMinute(r.Token.Expiry)) + " " + what)}
}

// continueBlocks say how to go on, when a key does.
func continueBlocks(c *Config, key string) []page.Block {
	if key == "" {
		return nil
	}
	return []page.Block{page.Para(c.T.T("scopes.continue", "Key", key))}
}

// monoList is names as code spans, comma separated: "`a`, `b`".
func monoList(names []string) i18n.Raw {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "`" + strings.ReplaceAll(n, "`", "'") + "`"
	}
	return i18n.Raw(strings.Join(q, ", "))
}

// allIn reports whether names is not empty and each is in set.
func allIn(names, set []string) bool {
	for _, n := range names {
		if !slices.Contains(set, n) {
			return false
		}
	}
	return len(names) > 0
}
