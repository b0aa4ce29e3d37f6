// Package adminui is the admin console of `zoomconnect admin`, full
// screen (Bubble Tea): pick an app, see who is waiting in a table with
// multi-select, approve or decline them after a confirmation that names
// who, pre-approve people and groups through a form, and read the result
// per person; the pre-approval checklist opens from it. Every word and
// every decision comes from package admin's text model, which the line
// mode (package accessible) renders too; this package only draws it and
// handles keys.
package adminui

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/admin"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// screen is what the console shows.
type screen int

const (
	scrHome      screen = iota // the apps, and the other ways on
	scrEnterID                 // an app ID or a Marketplace address
	scrApp                     // an app's menu
	scrRequests                // the pending requests' table
	scrForm                    // the pre-approval form
	scrConfirm                 // what a change will do, y or n
	scrResult                  // what it did
	scrChecklist               // the admin checklist
)

// Model is the console. Build it with New; Run runs it.
type Model struct {
	ctx  context.Context
	s    *admin.Session
	org  *storage.OrgApp
	env  *steps.Env
	keys keyMap
	help help.Model

	width, height int
	scr           screen
	// busy, when set, is what the console waits for (a spinner turns).
	busy string
	spin spinner.Model
	// notice are blocks shown above the screen's own (an error).
	notice []page.Block

	apps    []marketplace.App
	appsErr error
	home    []admin.HomeChoice
	cursor  int

	app     *marketplace.AppInfo
	pending []marketplace.Request
	acts    []admin.AppAction

	table    table.Model
	selected map[string]bool

	inputs [3]textinput.Model // app ID; users, groups
	focus  int

	confirm []page.Block
	ask     string
	apply   func() *admin.Report
	report  *admin.Report

	checklist steps.Step

	theme steps.Theme // what the terminal reported of itself
	// tableDrawn is the table's last drawing (tableView): the change
	// count it was drawn at, and the count now.
	tableDrawn struct {
		view      string
		gen, drew int
	}
	quitting, canceled bool
}

// New builds the console on session s; org is the organization's app (its
// app_id is offered first), nil when none.
func New(ctx context.Context, s *admin.Session, org *storage.OrgApp) *Model {
	env := &steps.Env{Ctx: ctx, Styles: steps.NewStyles(true), Keys: steps.DefaultKeyMap(s.T), W: (&wizard.Config{T: s.T, Now: s.Now}).WithDefaults()}
	m := &Model{ctx: ctx, s: s, org: org, env: env, keys: newKeyMap(s.T), help: help.New(),
		spin: spinner.New(spinner.WithSpinner(spinner.Dot)), selected: map[string]bool{}}
	for i := range m.inputs {
		m.inputs[i] = textinput.New()
		m.inputs[i].Prompt = "" // the field's bar marks the focus
		m.inputs[i].CharLimit = 2000
	}
	m.table = table.New(table.WithFocused(true))
	m.help.Styles = env.Styles.HelpStyles()
	return m
}

// Run runs the console as a program with opts (the CLI gives its input
// and output). It returns nil when the admin quits, wizard.ErrCanceled on
// ctrl+c or when ctx ends.
func Run(ctx context.Context, s *admin.Session, org *storage.OrgApp, opts ...tea.ProgramOption) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	m := New(ctx, s, org)
	all := append([]tea.ProgramOption{tea.WithContext(ctx)}, opts...)
	final, err := tea.NewProgram(m, all...).Run()
	if fm, ok := final.(*Model); ok {
		m = fm
	}
	switch {
	case errors.Is(err, tea.ErrInterrupted), errors.Is(err, tea.ErrProgramKilled):
		return wizard.ErrCanceled
	case err != nil:
		return err
	case m.canceled:
		return wizard.ErrCanceled
	}
	return nil
}

// Init implements tea.Model: ask for the background colour and list the
// apps people asked for.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.wait(m.s.T.T("admin.console.loading"), m.loadApps()))
}
