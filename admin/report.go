package admin

import (
	"errors"
	"time"

	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/schema"
)

// Schema is the version of the admin commands' JSON: the "schema" field of
// every top-level object they print, zoomconnect's one JSON contract
// (package schema): field names and enum values are English identifiers
// in every language; times are RFC 3339 in UTC.
const Schema = schema.Version

// Kinds of the inputs a report names.
const (
	KindRequest = "request" // a person's request (approve, decline)
	KindUser    = "user"    // a person (pre-approve)
	KindGroup   = "group"   // a group (pre-approve)
)

// Report is what a change did, per person or group.
type Report struct {
	Schema int    `json:"schema"`
	App    AppRef `json:"app"`
	// Action is Zoom's action: approve, decline, approve_all,
	// decline_all, approve_user, disapprove_user, approve_group,
	// disapprove_group, or for the whole account approve_all and
	// disapprove_all (with Scope "preapproval").
	Action string `json:"action"`
	// Target is "requests" (PATCH .../requests) or "preapproval" (POST
	// .../preApprove).
	Target string `json:"target"`
	// At is Zoom's executed_at of a change for the whole account.
	At      time.Time `json:"at,omitzero"`
	Results []Result  `json:"results"`
	// OK is set when nothing failed and every input was changed (or
	// already was).
	OK    bool      `json:"ok"`
	Error *ErrorRef `json:"error,omitempty"`
	// Err is the failure behind Error, for the front ends' explanation.
	Err error `json:"-"`
}

// Result is what happened to one input of a change.
type Result struct {
	Kind    string              `json:"kind"`
	Input   string              `json:"input"`
	ID      string              `json:"id,omitempty"`
	Name    string              `json:"name,omitempty"`
	Email   string              `json:"email,omitempty"`
	Outcome marketplace.Outcome `json:"outcome"`
	At      time.Time           `json:"at,omitzero"`
	Error   *ErrorRef           `json:"error,omitempty"`
}

// ErrorRef is a failure as the JSON says it (schema.Error): its
// error-table key and kind and what Zoom answered, never a translated
// sentence.
type ErrorRef = schema.Error

// RefOfError describes err for JSON; nil for nil.
func RefOfError(err error) *ErrorRef { return schema.ErrorOf(err, nil) }

// NewReport starts the report of a change of app: target is
// TargetRequests or TargetPreapproval, action Zoom's action.
func NewReport(app *marketplace.AppInfo, target, action string) *Report {
	return &Report{Schema: Schema, App: RefOf(app), Target: target, Action: action, Results: []Result{}}
}

// Add appends marketplace results of one kind (KindRequest, KindUser,
// KindGroup).
func (r *Report) Add(kind string, res []marketplace.Result) {
	for _, x := range res {
		out := Result{Kind: kind, Input: x.Input, ID: x.ID, Name: x.Name, Email: x.Email, Outcome: x.Outcome, At: x.At.UTC()}
		var me *marketplace.Error
		if x.Err != nil && errors.As(x.Err, &me) {
			out.Error = RefOfError(x.Err)
		}
		r.Results = append(r.Results, out)
	}
}

// Finish records err (nil when nothing failed), sets OK and returns r.
func (r *Report) Finish(err error) *Report {
	r.Err, r.Error = err, RefOfError(err)
	r.OK = err == nil && r.Unchanged() == 0
	return r
}

// Unchanged counts the inputs that were not changed and were not so
// already: not found, not joined, ambiguous, unconfirmed, failed, skipped.
func (r *Report) Unchanged() int {
	n := 0
	for _, x := range r.Results {
		switch x.Outcome {
		case marketplace.OutcomeDone, marketplace.OutcomeAlready, marketplace.OutcomeDuplicate:
		default:
			n++
		}
	}
	return n
}

// Done counts the inputs Zoom changed.
func (r *Report) Done() int {
	n := 0
	for _, x := range r.Results {
		if x.Outcome == marketplace.OutcomeDone {
			n++
		}
	}
	return n
}
