package assets

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/template"
	"unicode"
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

// AdminChecklist returns the steps an owner or admin takes in the Zoom App
// Marketplace to let users authorize an app that needs pre-approval, in the
// order they are done. Each call returns a fresh slice.
func AdminChecklist() []ChecklistItem {
	var items []ChecklistItem
	if err := json.Unmarshal([]byte(Text("guides/admin-checklist.json")), &items); err != nil {
		panic("assets: guides/admin-checklist.json: " + err.Error()) // tested in guides_test.go
	}
	return items
}

// ChecklistMarkdown renders items as a Markdown task list for an admin's
// runbook; items whose ID is true in done are ticked.
func ChecklistMarkdown(items []ChecklistItem, done map[string]bool) string {
	var b strings.Builder
	b.WriteString("# Pre-approve a Zoom app for your users\n\n")
	b.WriteString("In the Zoom App Marketplace (" + MarketplaceURL + "), as an account owner or admin:\n\n")
	for _, it := range items {
		box := "[ ]"
		if done[it.ID] {
			box = "[x]"
		}
		fmt.Fprintf(&b, "- %s **%s**  \n  %s\n", box, clean(it.Title), clean(it.Detail))
	}
	return b.String()
}

// ScopeReason is a scope the app asks for and why zoomconnect needs it.
type ScopeReason struct {
	Name string
	Why  string
}

// DefaultScopeReasons returns the user-level scopes zoomconnect needs, with
// the reason for each, using Zoom's classic names.
func DefaultScopeReasons() []ScopeReason {
	return []ScopeReason{
		{"meeting:write", "to create, update and delete my own meetings (granular: meeting:write:meeting, meeting:update:meeting, meeting:delete:meeting)"},
		{"recording:read", "to list and download my own cloud recordings (granular: cloud_recording:read:list_user_recordings, cloud_recording:read:list_recording_files)"},
		{"user_info:read", "to read my own Zoom profile, so the connection knows which account it belongs to (granular: user:read:user)"},
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
	// AuthHost is the Zoom host when it isn't zoom.us (ZoomGov, sandbox).
	AuthHost string
	// Steps are the admin's steps; nil means AdminChecklist().
	Steps []ChecklistItem
}

// AdminRequest renders the Markdown request a user sends to their Zoom
// admin: the app, its client ID, the scopes and why, who it is for and the
// exact Marketplace steps, worded for d.Cause.
func AdminRequest(d AdminRequestData) string {
	return render("guides/admin-request.md.tmpl", "", d.normalized())
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
	// Saving and Saved tell how far saving the attempt for a later run got.
	Saving, Saved bool
	// Keys are the keys the guide names; empty ones get the defaults.
	Keys GuideKeys
}

// GuideKeys are the names of the keys the pre-approval guide tells the
// user to press (the screen's bindings can be remapped).
type GuideKeys struct {
	Copy, Save, Retry, Admin string
	// Paste is the authorize screen's "paste the redirected address" key.
	Paste string
}

// withDefaults fills in the default key for every empty name.
func (k GuideKeys) withDefaults() GuideKeys {
	k.Copy, k.Save = orDefault(clean(k.Copy), "c"), orDefault(clean(k.Save), "s")
	k.Retry, k.Admin = orDefault(clean(k.Retry), "r"), orDefault(clean(k.Admin), "a")
	k.Paste = orDefault(clean(k.Paste), "u")
	return k
}

// PreapprovalGuide renders the pre-approval screen as Markdown: a "# "
// title line, then what is happening and what the user can do, for d's
// cause. The user view ends with the heading the admin request goes under
// (see the contract at the top of guides/preapproval.md.tmpl).
func PreapprovalGuide(d GuideData) string {
	d.Cause, d.AdminContact, d.Keys = d.Cause.known(), clean(d.AdminContact), d.Keys.withDefaults()
	return render("guides/preapproval.md.tmpl", "", d)
}

// OtherTimeoutCauses are the causes of "nothing came back from the
// browser" other than the pre-approval wall, most likely first: the list
// the guide shows for CauseLikely (with the default keys), one item a
// string.
func OtherTimeoutCauses() []string {
	var out []string
	for _, line := range strings.Split(render("guides/preapproval.md.tmpl", "other-causes", GuideData{Keys: GuideKeys{}.withDefaults()}), "\n") {
		if item, ok := strings.CutPrefix(line, "- "); ok {
			out = append(out, item)
		}
	}
	return out
}

// PreapprovalTitle is the title of the pre-approval screen for d: the
// first line of PreapprovalGuide(d) without its "# ".
func PreapprovalTitle(d GuideData) string {
	first, _, _ := strings.Cut(PreapprovalGuide(d), "\n")
	return strings.TrimPrefix(first, "# ")
}

// lookalikes are the error-table rows of the walls that look like
// pre-approval for a bring-your-own app.
func lookalikes() []ErrorWords {
	var out []ErrorWords
	for _, k := range []string{"preapproval:private_app", "preapproval:dev_credentials"} {
		if e, ok := ErrorByKey(k); ok {
			out = append(out, e.Words(nil))
		}
	}
	return out
}

// render executes the embedded template name (its block, when not "")
// with data; the text ends with exactly one line break. The templates
// are embedded and every one is rendered for every cause in guides_test.go,
// so a failure is a programming error and panics.
func render(name, block string, data any) string {
	tmpl, err := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{
		"inc":        func(i int) int { return i + 1 },
		"lookalikes": lookalikes,
	}).Parse(Text(name))
	if err != nil {
		panic(fmt.Sprintf("assets: %s: %v", name, err))
	}
	if block != "" {
		tmpl = tmpl.Lookup(block)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		panic(fmt.Sprintf("assets: %s: %v", name, err))
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

func (d AdminRequestData) normalized() AdminRequestData {
	out := AdminRequestData{
		AppName:        orDefault(clean(d.AppName), "(unnamed app)"),
		ClientID:       strings.ReplaceAll(clean(d.ClientID), "`", ""),
		UserEmail:      clean(d.UserEmail),
		UserName:       clean(d.UserName),
		MarketplaceURL: orDefault(clean(d.MarketplaceURL), MarketplaceURL),
		Cause:          d.Cause.known(),
		Seen:           clean(d.Seen),
		AdminContact:   clean(d.AdminContact),
		AuthHost:       clean(d.AuthHost),
	}
	for _, s := range d.Scopes {
		out.Scopes = append(out.Scopes, ScopeReason{strings.ReplaceAll(clean(s.Name), "`", ""), clean(s.Why)})
	}
	steps := d.Steps
	if steps == nil {
		steps = AdminChecklist()
	}
	for _, s := range steps {
		out.Steps = append(out.Steps, ChecklistItem{ID: s.ID, Title: clean(s.Title), Detail: clean(s.Detail)})
	}
	return out
}

// clean turns s into one safe line: control characters (escape sequences,
// line breaks) become spaces, runs of spaces collapse, ends are trimmed.
func clean(s string) string {
	mapped := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(mapped), " ")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
