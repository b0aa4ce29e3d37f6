package admin

import (
	"context"
	"errors"
	"strings"

	"github.com/zoomconnect/zoomconnect/marketplace"
)

// Check is what checking an admin app with Zoom found: whether Zoom gave
// it a token, which scopes that token carries, whether a read call works,
// and which scopes it lacks, by their exact granular names.
type Check struct {
	// Token is set when Zoom gave the app a token.
	Token bool `json:"token"`
	// Scopes are the scopes Zoom listed in its token answer; ScopesListed
	// is false when it listed none (then Missing knows only what the read
	// call told).
	Scopes       []string `json:"scopes"`
	ScopesListed bool     `json:"scopes_listed"`
	// Read is set when the read call (the apps with pending requests)
	// worked; Apps is how many apps it listed.
	Read bool `json:"read"`
	Apps int  `json:"apps_with_requests"`
	// Missing are the scopes the app lacks.
	Missing []Need `json:"missing_scopes"`
	// Err is what stopped the check: the token refused, or a read call
	// failing for another reason than a missing scope.
	Err error `json:"-"`
}

// OK reports whether the app works for every admin command.
func (c *Check) OK() bool { return c.Token && c.Read && len(c.Missing) == 0 && c.Err == nil }

// Check asks Zoom for a token (Zoom's answer lists the token's scopes),
// then makes one read call, the list of apps with pending requests.
// Admin tokens are never shown.
func (s *Session) Check(ctx context.Context) Check {
	var c Check
	tok, err := s.Tokens.Token()
	if err != nil {
		c.Err = err
		return c
	}
	c.Token = true
	if sc, ok := tok.Extra("scope").(string); ok && strings.TrimSpace(sc) != "" {
		c.Scopes, c.ScopesListed = strings.Fields(sc), true
		c.Missing = Missing(c.Scopes)
	}
	apps, err := s.Client.Apps(ctx, marketplace.AppsActiveRequests)
	if err != nil {
		if n, ok := missingNeed(err); ok {
			c.Missing = addNeed(c.Missing, n)
			return c
		}
		c.Err = err
		return c
	}
	c.Read, c.Apps = true, len(apps)
	return c
}

// missingNeed is the need a call refused for a missing scope names.
func missingNeed(err error) (Need, bool) {
	var me *marketplace.Error
	if !errors.As(err, &me) || len(me.MissingScopes) == 0 {
		return Need{}, false
	}
	for _, sc := range me.MissingScopes {
		if n, ok := NeedOf(sc); ok {
			return n, true
		}
	}
	return Need{Scope: me.MissingScopes[0], Also: me.MissingScopes[1:], For: "admin.scope_for.named"}, true
}

// addNeed adds n to needs unless it is there.
func addNeed(needs []Need, n Need) []Need {
	for _, have := range needs {
		if have.Scope == n.Scope {
			return needs
		}
	}
	return append(needs, n)
}
