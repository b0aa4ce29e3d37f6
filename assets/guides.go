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
	// Cause is what zoomconnect saw, in words ("no answer from the browser").
	Cause string
	// AdminContact greets the admin by name or address, when known.
	AdminContact string
	// AuthHost is the Zoom host when it isn't zoom.us (ZoomGov, sandbox).
	AuthHost string
	// Steps are the admin's steps; nil means AdminChecklist().
	Steps []ChecklistItem
}

// AdminRequest renders the Markdown request a user sends to their Zoom
// admin: the app, its client ID, the scopes and why, who to pre-approve and
// the exact Marketplace steps.
func AdminRequest(d AdminRequestData) string {
	d = d.normalized()
	tmpl := template.Must(template.New("admin-request").
		Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).
		Parse(Text("guides/admin-request.md.tmpl")))
	var b strings.Builder
	if err := tmpl.Execute(&b, d); err != nil {
		panic("assets: admin-request.md.tmpl: " + err.Error()) // tested in guides_test.go
	}
	return b.String()
}

// PreapprovalGuide explains to a user, in plain words, why Zoom stopped them
// and what they can do.
func PreapprovalGuide() string { return Text("guides/preapproval.md") }

func (d AdminRequestData) normalized() AdminRequestData {
	out := AdminRequestData{
		AppName:        orDefault(clean(d.AppName), "(unnamed app)"),
		ClientID:       strings.ReplaceAll(clean(d.ClientID), "`", ""),
		UserEmail:      clean(d.UserEmail),
		UserName:       clean(d.UserName),
		MarketplaceURL: orDefault(clean(d.MarketplaceURL), MarketplaceURL),
		Cause:          clean(d.Cause),
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
