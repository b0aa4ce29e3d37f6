package assets

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/template"
	"unicode"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// MarketplaceURL is the Zoom App Marketplace, where admins pre-approve apps.
const MarketplaceURL = "https://marketplace.zoom.us/"

// ChecklistItem is one step of the admin's pre-approval checklist. ID is
// stable (safe to persist which items were ticked); Title and Detail are the
// words shown.
type ChecklistItem struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

// The guides are templates, one per language: guides/LANG/NAME. Every
// language has the same files, the same template blocks and checklist
// IDs (guides_test.go checks it), so the code never looks at the language.

// guide is the path of the guide file name in language l (English for a
// language the guides lack).
func guide(l i18n.Lang, name string) string {
	if l != i18n.French {
		l = i18n.English
	}
	return "guides/" + string(l) + "/" + name
}

// AdminChecklist is AdminChecklistIn(i18n.English): the checklist's IDs
// (the same in every language) and its English words.
func AdminChecklist() []ChecklistItem { return AdminChecklistIn(i18n.English) }

// AdminChecklistIn returns, in language l, the steps an owner or admin
// takes in the Zoom App Marketplace to let users authorize an app that
// needs pre-approval, in the order they are done. Each call returns a
// fresh slice; IDs are the same in every language.
func AdminChecklistIn(l i18n.Lang) []ChecklistItem {
	var items []ChecklistItem
	readJSON(guide(l, "admin-checklist.json"), &items)
	return items
}

// ChecklistMarkdown renders items as a Markdown task list for an admin's
// runbook, in language l; items whose ID is true in done are ticked.
func ChecklistMarkdown(l i18n.Lang, items []ChecklistItem, done map[string]bool) string {
	type item struct {
		Title, Detail string
		Done          bool
	}
	d := struct {
		MarketplaceURL string
		Items          []item
	}{MarketplaceURL: MarketplaceURL}
	for _, it := range items {
		d.Items = append(d.Items, item{clean(it.Title), clean(it.Detail), done[it.ID]})
	}
	return render(guide(l, "checklist.md.tmpl"), "", d)
}

// ScopeReason is a scope the app asks for and why zoomconnect needs it:
// its classic name, the reason, and the granular names it stands for.
type ScopeReason struct {
	Name     string   `json:"name"`
	Why      string   `json:"why"`
	Granular []string `json:"granular,omitempty"`
}

// DefaultScopeReasons returns the user-level scopes zoomconnect needs, with
// the reason for each in language l (written as the user, for the request
// to the admin), using Zoom's classic names.
func DefaultScopeReasons(l i18n.Lang) []ScopeReason {
	var out []ScopeReason
	readJSON(guide(l, "scope-reasons.json"), &out)
	return out
}

// readJSON decodes the embedded JSON file name into v. The files are
// embedded and read by the tests in every language, so a failure is a
// programming error and panics.
func readJSON(name string, v any) {
	if err := json.Unmarshal([]byte(Text(name)), v); err != nil {
		panic("assets: " + name + ": " + err.Error())
	}
}

// AdminRequestData is what the request to the admin says. Empty fields get
// sensible defaults or are left out; every field is cleaned of control
// characters and line breaks before rendering.
type AdminRequestData struct {
	AppName        string
	ClientID       string
	UserEmail      string
	UserName       string
	MarketplaceURL string // default MarketplaceURL
	Scopes         []ScopeReason
	// Cause is what stopped the user; it picks what the admin is asked to
	// do (pre-approve, pre-approve again, or install an admin-managed
	// app). "" or an unknown value means CauseRequired.
	Cause Cause
	// Seen is what zoomconnect saw, in words ("no answer from the browser").
	Seen string
	// AdminContact greets the admin by name or address, when known.
	AdminContact string
	// AuthHost is the Zoom host when it isn't zoom.us (ZoomGov).
	AuthHost string
	// Sandbox says the attempt ran against zoomconnect's built-in sandbox
	// (the request then names it instead of AuthHost).
	Sandbox bool
	// AppID is the app's Marketplace ID, when known: the request names it.
	AppID string
	// AdminCommands are the zoomconnect commands that let the user
	// through (see wizard.AdminCommands): the request gives them to an
	// admin who manages the Marketplace from a terminal. None for an
	// admin-managed app (CauseAdminApp).
	AdminCommands []string
	// ZoomSaid is Zoom's own words about the failure, quoted after Seen
	// (the admin can search them).
	ZoomSaid string
	// Reported says the user reported the pre-approval page (no error
	// was seen): the request says so when Seen is empty.
	Reported bool
	// Steps are the admin's steps; nil means AdminChecklist in the
	// request's language.
	Steps []ChecklistItem
}

// AdminRequest renders, in language l, the Markdown request a user sends
// to their Zoom admin: the app, its client ID, the scopes and why, who it
// is for and the exact Marketplace steps, worded for d.Cause.
func AdminRequest(l i18n.Lang, d AdminRequestData) string {
	return render(guide(l, "admin-request.md.tmpl"), "", d.normalized(l))
}

// Cause is what stopped the user at the pre-approval wall. It picks the
// wording of the pre-approval guide and of the admin request.
type Cause string

// The causes the pre-approval screen tells apart.
const (
	// CauseRequired: Zoom showed "Request pre-approval" (or the user said
	// it did): the app needs an admin's pre-approval.
	CauseRequired Cause = "required"
	// CauseLikely: nothing came back from the browser; pre-approval is
	// the most likely cause, among others.
	CauseLikely Cause = "likely"
	// CauseAdminApp: "An account admin is required to install this type
	// of app": only an admin can install (authorize) the app.
	CauseAdminApp Cause = "admin-app"
	// CauseDisabled: Zoom error 4738, an admin turned off the app's
	// pre-approval after the user connected.
	CauseDisabled Cause = "disabled"
)

// Causes returns every Cause, in the order above.
func Causes() []Cause { return []Cause{CauseRequired, CauseLikely, CauseAdminApp, CauseDisabled} }

// known returns c, or CauseRequired when c is empty or unknown.
func (c Cause) known() Cause {
	for _, k := range Causes() {
		if c == k {
			return c
		}
	}
	return CauseRequired
}

// GuideData is what the pre-approval guide is rendered from.
type GuideData struct {
	// Cause picks the explanation and the remedy; "" means CauseRequired.
	Cause Cause
	// Admin renders the admin view (the checklist's frame) instead of the
	// user's.
	Admin bool
	// OwnApp adds the walls that look the same for a bring-your-own app
	// (another account's private app, development credentials).
	OwnApp bool
	// AdminContact names the organization's Zoom admin, when known.
	AdminContact string
	// Saving and Saved tell how far saving the attempt for a later run got;
	// NotKept says it is not saved because nothing confirmed the wall
	// (a timeout): the guide says how to confirm it.
	Saving, Saved, NotKept bool
	// Keys are the keys the guide names; empty ones get the defaults.
	Keys GuideKeys
}

// GuideKeys are the names of the keys the pre-approval guide tells the
// user to press (the screen's bindings can be remapped).
type GuideKeys struct {
	Copy, Save, Retry, Admin, Back string
	// Paste and Preapproval are the authorize screen's "paste the
	// redirected address" and "I see Request pre-approval" keys.
	Paste, Preapproval string
}

// withDefaults fills in the default key for every empty name.
func (k GuideKeys) withDefaults() GuideKeys {
	k.Copy, k.Save = orDefault(clean(k.Copy), "c"), orDefault(clean(k.Save), "s")
	k.Retry, k.Admin = orDefault(clean(k.Retry), "r"), orDefault(clean(k.Admin), "a")
	k.Back = orDefault(clean(k.Back), "esc")
	k.Paste, k.Preapproval = orDefault(clean(k.Paste), "u"), orDefault(clean(k.Preapproval), "p")
	return k
}

// PreapprovalGuide renders the pre-approval screen as Markdown in
// language l: a "# " title line, then what is happening and what the user
// can do, for d's cause. The user view ends with the heading the admin
// request goes under (see the contract at the top of the template).
func PreapprovalGuide(l i18n.Lang, d GuideData) string {
	d.Cause, d.AdminContact, d.Keys = d.Cause.known(), clean(d.AdminContact), d.Keys.withDefaults()
	return render(guide(l, "preapproval.md.tmpl"), "", d)
}

// TimeoutCauses are the likely reasons nothing came back from the
// browser, most likely first, in language l, one item a string naming
// keys (the authorize screen's): the pre-approval wall, then
// OtherTimeoutCauses.
func TimeoutCauses(l i18n.Lang, keys GuideKeys) []string {
	first := render(guide(l, "preapproval.md.tmpl"), "preapproval-cause", GuideData{Keys: keys.withDefaults()})
	return append([]string{strings.TrimSpace(first)}, OtherTimeoutCauses(l, keys)...)
}

// OtherTimeoutCauses are the causes of "nothing came back from the
// browser" other than the pre-approval wall, most likely first, in
// language l: the list the guide shows for CauseLikely, one item a string.
func OtherTimeoutCauses(l i18n.Lang, keys GuideKeys) []string {
	var out []string
	md := render(guide(l, "preapproval.md.tmpl"), "other-causes", GuideData{Keys: keys.withDefaults()})
	for _, line := range strings.Split(md, "\n") {
		if item, ok := strings.CutPrefix(line, "- "); ok {
			out = append(out, item)
		}
	}
	return out
}

// PreapprovalTitle is the title of the pre-approval screen for d in
// language l: the first line of PreapprovalGuide without its "# ".
func PreapprovalTitle(l i18n.Lang, d GuideData) string {
	first, _, _ := strings.Cut(PreapprovalGuide(l, d), "\n")
	return strings.TrimPrefix(first, "# ")
}

// lookalikes are the error-table rows of the walls that look like
// pre-approval for a bring-your-own app, in language l.
func lookalikes(l i18n.Lang) []ErrorWords {
	t := i18n.New(l)
	var out []ErrorWords
	for _, k := range []string{"preapproval:private_app", "preapproval:dev_credentials"} {
		if e, ok := ErrorByKey(k); ok {
			out = append(out, e.Words(t))
		}
	}
	return out
}

// guideLang is the language of a guide template, from its directory
// (guides/fr/… is French).
func guideLang(name string) i18n.Lang {
	if strings.Contains(name, "/"+string(i18n.French)+"/") {
		return i18n.French
	}
	return i18n.English
}

// render executes the embedded template name (its block, when not "")
// with data; the text ends with exactly one line break. The templates
// are embedded and every one is rendered for every cause in guides_test.go,
// so a failure is a programming error and panics.
func render(name, block string, data any) string {
	tmpl := parse(name)
	if block != "" {
		tmpl = tmpl.Lookup(block)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		panic(fmt.Sprintf("assets: %s: %v", name, err))
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// parse parses the embedded template name with the guides' functions.
func parse(name string) *template.Template {
	tmpl, err := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{
		"inc":        func(i int) int { return i + 1 },
		"codes":      func(names []string) string { return "`" + strings.Join(names, "`, `") + "`" },
		"lookalikes": func() []ErrorWords { return lookalikes(guideLang(name)) },
	}).Parse(Text(name))
	if err != nil {
		panic(fmt.Sprintf("assets: %s: %v", name, err))
	}
	return tmpl
}

// normalized is d cleaned for rendering in language l: every value on one
// line and free of Markdown's code and strong markers, identifiers free of
// backticks (they are shown in code spans), the defaults filled in.
func (d AdminRequestData) normalized(l i18n.Lang) AdminRequestData {
	out := AdminRequestData{
		AppName:        clean(d.AppName),
		ClientID:       identifier(d.ClientID),
		AppID:          identifier(d.AppID),
		AdminCommands:  cleanAll(d.AdminCommands),
		UserEmail:      clean(d.UserEmail),
		UserName:       clean(d.UserName),
		MarketplaceURL: orDefault(clean(d.MarketplaceURL), MarketplaceURL),
		Cause:          d.Cause.known(),
		Seen:           clean(d.Seen),
		ZoomSaid:       clean(d.ZoomSaid),
		Reported:       d.Reported,
		AdminContact:   clean(d.AdminContact),
		AuthHost:       clean(d.AuthHost),
		Sandbox:        d.Sandbox,
	}
	for _, s := range d.Scopes {
		sr := ScopeReason{Name: identifier(s.Name), Why: clean(s.Why)}
		for _, g := range s.Granular {
			sr.Granular = append(sr.Granular, identifier(g))
		}
		out.Scopes = append(out.Scopes, sr)
	}
	steps := d.Steps
	if steps == nil {
		steps = AdminChecklistIn(l)
	}
	for _, s := range steps {
		out.Steps = append(out.Steps, ChecklistItem{ID: s.ID, Title: clean(s.Title), Detail: clean(s.Detail)})
	}
	return out
}

// cleanAll is clean of each of s, nil for none.
func cleanAll(s []string) []string {
	var out []string
	for _, v := range s {
		if c := clean(v); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// clean turns s into one safe line of text: control characters (escape
// sequences, line breaks) become spaces, runs of spaces collapse, ends are
// trimmed, and the inline markup of package page (` and **, which is also
// Markdown's) is neutralised as i18n.Arg does, so a value cannot start a
// code or strong span in the guide.
func clean(s string) string {
	mapped := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	arg, _ := i18n.Arg(mapped).(string)
	// Only ordinary spaces collapse: a no-break space (French puts one
	// before ":" and inside « ») is part of the text.
	return strings.Join(strings.FieldsFunc(arg, func(r rune) bool { return r == ' ' }), " ")
}

// identifier is clean for a value shown in a code span: its backticks are
// dropped.
func identifier(s string) string { return clean(strings.ReplaceAll(s, "`", "")) }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
