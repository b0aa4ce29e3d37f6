package admin

import (
	"context"
	"errors"
	"strings"

	"github.com/zoomconnect/zoomconnect/marketplace"
)

// Targets of a change, as Report.Target names them.
const (
	TargetRequests    = "requests"
	TargetPreapproval = "preapproval"
)

// RequestChange approves or declines people's requests for one app.
type RequestChange struct {
	App    *marketplace.AppInfo
	Action marketplace.RequestAction
	// Who names the people, by email or request_user_id; empty for
	// ApproveAll and DeclineAll.
	Who []string
}

// RequestPlan is a RequestChange with whom it will change, read from the
// pending requests before anything is sent.
type RequestPlan struct {
	RequestChange
	// Pending are the pending requests it approves or declines: the
	// named people's, or every one for ApproveAll and DeclineAll.
	Pending []marketplace.Request
	// Unmatched are the names with no pending request; the report says
	// what became of each.
	Unmatched []string
}

// Dangerous reports whether the plan needs an explicit confirmation:
// declining every request also declines approved ones and disables the
// installed copies.
func (p *RequestPlan) Dangerous() bool { return p.Action == marketplace.DeclineAll }

// PlanRequests lists the app's pending requests and finds the named people
// among them (by email, case ignored, or request_user_id). Nothing is
// changed.
func (s *Session) PlanRequests(ctx context.Context, ch RequestChange) (*RequestPlan, error) {
	p := &RequestPlan{RequestChange: ch}
	pending, err := s.Client.Requests(ctx, ch.App.ID, marketplace.StatusPending)
	if err != nil {
		return p, err
	}
	if len(ch.Who) == 0 {
		p.Pending = pending
		return p, nil
	}
	seen := map[string]bool{}
	for _, w := range ch.Who {
		r, ok := findRequest(pending, w)
		switch {
		case !ok:
			p.Unmatched = append(p.Unmatched, strings.TrimSpace(w))
		case !seen[r.UserID]:
			seen[r.UserID] = true
			p.Pending = append(p.Pending, r)
		}
	}
	return p, nil
}

// findRequest finds the request of an email (case ignored) or a
// request_user_id.
func findRequest(reqs []marketplace.Request, who string) (marketplace.Request, bool) {
	who = strings.TrimSpace(who)
	for _, r := range reqs {
		if r.UserID == who || (r.Email != "" && strings.EqualFold(r.Email, who)) {
			return r, true
		}
	}
	return marketplace.Request{}, false
}

// ApplyRequests sends the change (PATCH .../requests) and reports per
// person. A plan with no pending request to change sends nothing.
func (s *Session) ApplyRequests(ctx context.Context, p *RequestPlan) *Report {
	rep := NewReport(p.App, TargetRequests, string(p.Action))
	all := p.Action == marketplace.ApproveAll || p.Action == marketplace.DeclineAll
	if all && len(p.Pending) == 0 {
		return rep.Finish(nil)
	}
	res, err := s.Client.UpdateRequests(ctx, p.App.ID, p.Action, p.Who)
	rep.Add(KindRequest, res)
	return rep.Finish(err)
}

// PreapproveChange changes who an app is pre-approved for.
type PreapproveChange struct {
	App *marketplace.AppInfo
	// Users are emails (or user IDs) and Groups group names, added to the
	// app's pre-approval list, or with Remove taken off it.
	Users, Groups []string
	Remove        bool
	// All pre-approves the app for the whole account; Off turns its
	// pre-approval off. Neither goes with Users or Groups.
	All, Off bool
}

// Action is Zoom's action for the account-wide changes, or for kind's
// targets ("user" or "group").
func (ch *PreapproveChange) Action(kind string) string {
	switch {
	case ch.All:
		return "approve_all"
	case ch.Off:
		return "disapprove_all"
	case kind == KindGroup && ch.Remove:
		return string(marketplace.DisapproveGroups)
	case kind == KindGroup:
		return string(marketplace.ApproveGroups)
	case ch.Remove:
		return string(marketplace.DisapproveUsers)
	}
	return string(marketplace.ApproveUsers)
}

// PreapprovePlan is a PreapproveChange with the people and groups
// resolved to Zoom IDs and the app's pre-approval mode read, before
// anything is sent.
type PreapprovePlan struct {
	PreapproveChange
	// Users and Groups are the resolved inputs; only the
	// marketplace.OutcomeResolved ones are sent.
	Users, Groups []marketplace.Result
	// Approval is the app's pre-approval mode before the change (nil: not
	// pre-approved). ModeErr is why it could not be read; then
	// narrowing cannot be ruled out.
	Approval *marketplace.ApprovalInfo
	ModeErr  error
}

// adding reports whether the plan adds people or groups to the list.
func (p *PreapprovePlan) adding() bool {
	return !p.Remove && !p.All && !p.Off && len(p.PreapproveChange.Users)+len(p.PreapproveChange.Groups) > 0
}

// Narrows reports whether adding the named people or groups may narrow an
// app pre-approved for everyone to just them (Zoom switches the app to
// "specific users and groups"); also when the mode could not be read.
func (p *PreapprovePlan) Narrows() bool {
	return p.adding() && (p.ModeErr != nil || (p.Approval != nil && p.Approval.ForEveryone()))
}

// MayBreakTokens reports whether the change may make existing users'
// tokens fail with 4738: taking people or groups off, or pre-approval off.
func (p *PreapprovePlan) MayBreakTokens() bool { return p.Remove || p.Off }

// Dangerous reports whether the plan needs an explicit confirmation.
func (p *PreapprovePlan) Dangerous() bool { return p.Narrows() || p.MayBreakTokens() }

// Sendable counts the resolved people and groups the change will send.
func (p *PreapprovePlan) Sendable() int {
	n := 0
	for _, r := range append(append([]marketplace.Result(nil), p.Users...), p.Groups...) {
		if r.Outcome == marketplace.OutcomeResolved {
			n++
		}
	}
	return n
}

// PlanPreapprove reads the app's pre-approval mode (when adding people or
// groups could narrow it), resolves group names (a name that matches no
// group or several stops the plan: the error wraps
// marketplace.ErrGroupNames and nothing will be sent), then emails. One
// person's problem does not stop the others. Nothing is changed.
func (s *Session) PlanPreapprove(ctx context.Context, ch PreapproveChange) (*PreapprovePlan, error) {
	p := &PreapprovePlan{PreapproveChange: ch}
	if p.adding() {
		p.Approval, p.ModeErr = s.Approval(ctx, ch.App.ID)
	}
	var err error
	if len(ch.Groups) > 0 {
		if p.Groups, err = s.Client.ResolveGroups(ctx, ch.Groups); err != nil {
			return p, err
		}
	}
	if len(ch.Users) > 0 {
		if p.Users, err = s.Client.ResolveUsers(ctx, ch.Users); err != nil {
			return p, err
		}
	}
	return p, nil
}

// ApplyPreapprove sends the change (POST .../preApprove, 20 IDs a call)
// and reports per person and group: people first, then groups; a failed
// call stops the rest (they are reported as skipped).
func (s *Session) ApplyPreapprove(ctx context.Context, p *PreapprovePlan) *Report {
	if p.All || p.Off {
		rep := NewReport(p.App, TargetPreapproval, p.Action(""))
		at, err := s.Client.PreApproveAll(ctx, p.App.ID, p.All)
		rep.At = at.UTC()
		return rep.Finish(err)
	}
	rep := NewReport(p.App, TargetPreapproval, p.Action(KindUser))
	if len(p.PreapproveChange.Users) == 0 {
		rep.Action = p.Action(KindGroup)
	}
	var err error
	if len(p.Users) > 0 {
		var res []marketplace.Result
		res, err = s.sendIfAny(ctx, p.App.ID, marketplace.PreApproveAction(p.Action(KindUser)), p.Users)
		rep.Add(KindUser, res)
	}
	if len(p.Groups) > 0 {
		groups := p.Groups
		if err != nil {
			groups = skipped(groups, err)
		} else {
			groups, err = s.sendIfAny(ctx, p.App.ID, marketplace.PreApproveAction(p.Action(KindGroup)), groups)
		}
		rep.Add(KindGroup, groups)
	}
	return rep.Finish(err)
}

// sendIfAny pre-approves (or removes) the resolved targets; with none
// resolved it sends nothing.
func (s *Session) sendIfAny(ctx context.Context, appID string, action marketplace.PreApproveAction, targets []marketplace.Result) ([]marketplace.Result, error) {
	for _, t := range targets {
		if t.Outcome == marketplace.OutcomeResolved {
			return s.Client.PreApprove(ctx, appID, action, targets)
		}
	}
	return targets, nil
}

// skipped marks the resolved targets as not sent because of err.
func skipped(targets []marketplace.Result, err error) []marketplace.Result {
	out := append([]marketplace.Result(nil), targets...)
	for i := range out {
		if out[i].Outcome == marketplace.OutcomeResolved {
			out[i].Outcome, out[i].Err = marketplace.OutcomeSkipped, err
		}
	}
	return out
}

// IsGroupNames reports whether err is a group name that matched no group
// or several: the admin's input to fix, nothing was sent.
func IsGroupNames(err error) bool { return errors.Is(err, marketplace.ErrGroupNames) }
