package admin

import "slices"

// Need is one scope the admin commands need: the granular scope to add on
// the Server-to-Server app's Scopes page, the other scopes Zoom accepts
// instead (the classic ones), and what needs it (a catalog message ID).
type Need struct {
	Scope string   `json:"scope"`
	Also  []string `json:"also,omitempty"`
	// For is the catalog ID of what the scope is for.
	For string `json:"-"`
}

// Needs are the scopes of the admin commands, the minimum granular set of
// zoom-marketplace-admin.md §4, in the order the commands use them.
func Needs() []Need {
	read, write := "marketplace_app:read:admin", "marketplace_app:write:admin"
	return []Need{
		{Scope: "marketplace:read:list_apps:admin", Also: []string{read}, For: "admin.scope_for.list_apps"},
		{Scope: "marketplace:read:app:admin", Also: []string{read, "marketplace:read:app", "marketplace_app:read"}, For: "admin.scope_for.app"},
		{Scope: "marketplace:read:app_request:admin", Also: []string{read}, For: "admin.scope_for.requests"},
		{Scope: "marketplace:update:app_request:admin", Also: []string{write}, For: "admin.scope_for.update"},
		{Scope: "marketplace:write:app_pre_approve:admin", Also: []string{write}, For: "admin.scope_for.preapprove"},
		{Scope: "user:read:user:admin", Also: []string{"user:read:admin", "user:write:admin"}, For: "admin.scope_for.users"},
		{Scope: "group:read:list_groups:admin", Also: []string{"group:read:admin", "group:write:admin"}, For: "admin.scope_for.groups"},
	}
}

// Missing returns the needs that granted does not cover: neither the
// granular scope nor one of the others it can be replaced by.
func Missing(granted []string) []Need {
	var out []Need
	for _, n := range Needs() {
		if slices.Contains(granted, n.Scope) || slices.ContainsFunc(n.Also, func(s string) bool { return slices.Contains(granted, s) }) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// NeedOf returns the need a scope Zoom names belongs to, for a missing
// scope reported by a refused call.
func NeedOf(scope string) (Need, bool) {
	for _, n := range Needs() {
		if n.Scope == scope || slices.Contains(n.Also, scope) {
			return n, true
		}
	}
	return Need{}, false
}
