package marketplace

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// RequestStatus is a request's state, and the filter of Requests.
type RequestStatus string

// Request states.
const (
	StatusPending  RequestStatus = "pending"
	StatusApproved RequestStatus = "approved"
	StatusRejected RequestStatus = "rejected"
)

// RequestAction is what UpdateRequests does.
type RequestAction string

// Request actions (PATCH /marketplace/apps/{appId}/requests). Zoom's
// "cancel" is left out: what it does is not documented.
const (
	Approve    RequestAction = "approve"
	Decline    RequestAction = "decline"
	ApproveAll RequestAction = "approve_all"
	// DeclineAll declines every request, approved ones too, and Zoom
	// disables the installed copies: ask for an explicit confirmation.
	DeclineAll RequestAction = "decline_all"
)

// Request is one person's request for an app. Zoom gives requests no ID of
// their own: UserID (request_user_id) addresses them.
type Request struct {
	UserID string `json:"request_user_id"`
	Name   string `json:"request_user_name"`
	Email  string `json:"request_user_email"`
	// Department is free text (the spec's "format: email" is wrong).
	Department string        `json:"request_user_department"`
	Date       time.Time     `json:"request_date_time,omitzero"`
	Reason     string        `json:"reason"`
	Status     RequestStatus `json:"status"`
}

// Requests lists an app's requests in one state, all pages (GET
// /marketplace/apps/{appId}/requests, 300 a page). Scope:
// marketplace:read:app_request:admin.
func (c *Client) Requests(ctx context.Context, appID string, status RequestStatus) ([]Request, error) {
	if err := checkAppID(CallListRequests, appID); err != nil {
		return nil, err
	}
	r := request{call: CallListRequests, path: "/marketplace/apps/" + pathEscape(appID) + "/requests",
		query: url.Values{"status": {string(status)}}}
	return listAll[Request](ctx, c, r, "requests")
}

// requestBatch is how many request_user_ids one PATCH carries. Zoom
// documents no maximum for this list (uncertain); 30, the API's default
// page size, keeps a body well under any likely limit and a failed call
// small, and is above preApprove's documented 20.
const requestBatch = 30

// UpdateRequests approves or declines an app's pending requests (PATCH
// /marketplace/apps/{appId}/requests, 204) and reports per input.
//
// For Approve and Decline, who names people by email or request_user_id.
// The pending requests are listed to find them; one with no pending request
// is OutcomeAlready when its request already has the asked-for state, else
// OutcomeNotFound. The rest are sent requestBatch at a time. When a call
// fails, its people are OutcomeFailed, the later ones OutcomeSkipped (not
// sent), and that error is returned.
//
// For ApproveAll and DeclineAll, who must be empty: one call is sent, and
// the results are the requests that were pending before it. DeclineAll
// also declines approved requests and disables installed copies.
//
// Whether Zoom ignores or refuses IDs that are not pending is not
// documented; only pending ones are sent. Scope:
// marketplace:update:app_request:admin.
func (c *Client) UpdateRequests(ctx context.Context, appID string, action RequestAction, who []string) ([]Result, error) {
	switch action {
	case Approve, Decline:
		if len(who) == 0 {
			return nil, &Error{Call: CallUpdateRequests, Message: "name at least one person to " + string(action)}
		}
	case ApproveAll, DeclineAll:
		if len(who) > 0 {
			return nil, &Error{Call: CallUpdateRequests, Message: string(action) + " applies to every request; name nobody"}
		}
	default:
		return nil, &Error{Call: CallUpdateRequests, Message: "unknown request action " + string(action)}
	}
	pending, err := c.Requests(ctx, appID, StatusPending)
	if err != nil {
		return nil, err
	}
	if action == ApproveAll || action == DeclineAll {
		return c.updateAll(ctx, appID, action, pending)
	}
	res, send, err := c.matchRequests(ctx, appID, action, who, pending)
	if err != nil {
		return res, err
	}
	for i, batch := range chunks(send, requestBatch) {
		if err := c.patchRequests(ctx, appID, action, idsOf(res, batch)); err != nil {
			for _, j := range batch {
				res[j].Outcome, res[j].Err = OutcomeFailed, err
			}
			var rest []int
			for _, b := range chunks(send, requestBatch)[i+1:] {
				rest = append(rest, b...)
			}
			skipRest(res, rest, err)
			return res, err
		}
		for _, j := range batch {
			res[j].Outcome = OutcomeDone
		}
	}
	return res, nil
}

// updateAll sends ApproveAll or DeclineAll once.
func (c *Client) updateAll(ctx context.Context, appID string, action RequestAction, pending []Request) ([]Result, error) {
	res := make([]Result, len(pending))
	for i, p := range pending {
		res[i] = Result{Input: p.Email, ID: p.UserID, Name: p.Name, Email: p.Email, Outcome: OutcomeDone}
	}
	if err := c.patchRequests(ctx, appID, action, nil); err != nil {
		for i := range res {
			res[i].Outcome, res[i].Err = OutcomeFailed, err
		}
		return res, err
	}
	return res, nil
}

// matchRequests maps who to pending requests. It returns the results and
// the indexes of the ones to send.
func (c *Client) matchRequests(ctx context.Context, appID string, action RequestAction, who []string, pending []Request) ([]Result, []int, error) {
	res, firsts := dedupe(who, true)
	var send []int
	var done []Request // requests already in the asked-for state, listed once when needed
	listed := false
	for _, i := range firsts {
		if p, ok := findRequest(pending, who[i]); ok {
			res[i].ID, res[i].Name, res[i].Email, res[i].Outcome = p.UserID, p.Name, p.Email, OutcomeResolved
			continue
		}
		if !listed {
			st := StatusApproved
			if action == Decline {
				st = StatusRejected
			}
			var err error
			if done, err = c.Requests(ctx, appID, st); err != nil {
				return res, nil, err
			}
			listed = true
		}
		if p, ok := findRequest(done, who[i]); ok {
			res[i].ID, res[i].Name, res[i].Email, res[i].Outcome = p.UserID, p.Name, p.Email, OutcomeAlready
			continue
		}
		res[i].Outcome = OutcomeNotFound
		res[i].Err = errors.New("no " + string(StatusPending) + " request from " + strings.TrimSpace(who[i]) + " for this app")
	}
	markDuplicateIDs(res)
	for i := range res {
		if res[i].Outcome == OutcomeResolved {
			send = append(send, i)
		}
	}
	return res, send, nil
}

// findRequest finds the request of an email (case ignored) or a
// request_user_id (exact).
func findRequest(reqs []Request, who string) (Request, bool) {
	who = strings.TrimSpace(who)
	for _, r := range reqs {
		if r.UserID == who || (r.Email != "" && strings.EqualFold(r.Email, who)) {
			return r, true
		}
	}
	return Request{}, false
}

// patchRequests sends one PATCH; ids is nil for the *_all actions.
func (c *Client) patchRequests(ctx context.Context, appID string, action RequestAction, ids []string) error {
	body := struct {
		Action string   `json:"action"`
		IDs    []string `json:"request_user_ids,omitempty"`
	}{string(action), ids}
	r := request{call: CallUpdateRequests, method: http.MethodPatch,
		path: "/marketplace/apps/" + pathEscape(appID) + "/requests", body: body}
	return c.do(ctx, r, nil)
}

// idsOf returns the IDs of the results at idx.
func idsOf(res []Result, idx []int) []string {
	ids := make([]string, len(idx))
	for k, i := range idx {
		ids[k] = res[i].ID
	}
	return ids
}
