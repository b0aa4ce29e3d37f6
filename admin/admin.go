// Package admin is the UI-free core of zoomconnect's admin side: what a
// Zoom account admin does from the terminal to let people through the
// pre-approval wall. It holds the session (a Marketplace client with the
// admin app's tokens), the login check (scopes by their exact granular
// names), the app's confirmation, the changes (approve or decline requests,
// pre-approve people, groups or everyone, switch pre-approval off) planned
// first, so that every front end can name who will change and warn before
// it, then applied, with a report per person or group; the JSON shapes of
// the admin commands; and, for each step, the text model: package page
// blocks whose words come from the catalog (i18n/locales/admin.*.toml).
//
// The command line, the full-screen console (package adminui) and the line
// mode (package accessible) render these pages. The package imports no UI
// package; the API calls are package marketplace's.
package admin

import (
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/cmdline"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Session is one admin's access to Zoom's Marketplace, Users and Groups
// APIs, and how its texts are said.
type Session struct {
	// Client calls Zoom with the admin app's tokens.
	Client *marketplace.Client
	// Tokens is Client's token source; Check reads the scopes Zoom lists
	// in its token answer.
	Tokens oauth2.TokenSource
	// T speaks the admin's language; nil means English.
	T *i18n.Printer
	// Sandbox is set when the session talks to the built-in sandbox: the
	// commands its texts name then carry --sandbox.
	Sandbox bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// now is the session's clock.
func (s *Session) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Command is a zoomconnect command as the session's texts name it: with
// --sandbox in the sandbox when the command takes it, so that running it
// reaches the same sandbox (after the command's name: "zoomconnect admin
// approve --sandbox --app …").
func (s *Session) Command(cmd string) string {
	if !s.Sandbox || !cmdline.TakesSandbox(cmd) || strings.Contains(cmd, "--sandbox") {
		return cmd
	}
	words := strings.Fields(cmd)
	n := 2 // zoomconnect COMMAND
	if len(words) > 2 && words[1] == "admin" {
		n = 3 // zoomconnect admin SUBCOMMAND
	}
	if len(words) <= n {
		return cmd + " --sandbox"
	}
	return strings.Join(words[:n], " ") + " --sandbox " + strings.Join(words[n:], " ")
}

// config is the wizard configuration the shared explanation blocks are
// rendered with.
func (s *Session) config() *wizard.Config {
	c := &wizard.Config{T: s.T, Now: s.Now}
	if s.Sandbox {
		c.Sandbox = &wizard.Sandbox{}
	}
	return c.WithDefaults()
}

// Explain is the error table's explanation of err, filled in for this
// session: --sandbox on the command under the sandbox, and APP_ID in the
// command replaced by appID when it is known.
func (s *Session) Explain(err error, appID string) oauthflow.Explanation {
	ex := wizard.ExplainFor(s.config(), err)
	ex.Command = s.Command(strings.TrimSuffix(ex.Command, " --sandbox"))
	if appID != "" {
		ex.Command = strings.ReplaceAll(ex.Command, "APP_ID", appID)
	}
	return ex
}

// ErrorBlocks is how every admin front end explains err: the same blocks
// as every other error of zoomconnect (wizard.ExplanationBlocks), from the
// error table's row for it (the marketplace:* rows for Zoom's admin
// calls). None for a nil err.
func (s *Session) ErrorBlocks(err error, appID string) []page.Block {
	if err == nil {
		return nil
	}
	return wizard.ExplanationBlocks(s.config(), s.Explain(err, appID))
}
