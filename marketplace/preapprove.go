package marketplace

import (
	"context"
	"net/http"
	"time"
)

// PreApproveAction is what PreApprove does to the listed users or groups.
type PreApproveAction string

// Per-user and per-group actions of POST
// /marketplace/apps/{appId}/preApprove. ApproveUsers and ApproveGroups also
// switch an app pre-approved for everyone to "specific users and groups":
// warn before narrowing it. Removing people may make their tokens fail
// with 4738 (reference §7): warn before that too.
const (
	ApproveUsers     PreApproveAction = "approve_user"
	DisapproveUsers  PreApproveAction = "disapprove_user"
	ApproveGroups    PreApproveAction = "approve_group"
	DisapproveGroups PreApproveAction = "disapprove_group"
)

// preApproveBatch is the documented maximum of user_ids or group_ids in one
// preApprove call (maxItems 20).
const preApproveBatch = 20

// preApproveBody is the call's body; one kind of ID per call.
type preApproveBody struct {
	Action   string   `json:"action"`
	UserIDs  []string `json:"user_ids,omitempty"`
	GroupIDs []string `json:"group_ids,omitempty"`
}

// preApproveAnswer is the 201 body. Whether Zoom echoes empty arrays or
// leaves the unused field out is not documented: both are optional.
type preApproveAnswer struct {
	ExecutedAt flexTime `json:"executed_at"`
	UserIDs    []string `json:"user_ids"`
	GroupIDs   []string `json:"group_ids"`
}

// PreApprove adds people or groups to an app's pre-approval list, or
// removes them, and reports per target. targets are ResolveUsers results
// for the user actions and ResolveGroups results for the group actions:
// only the OutcomeResolved ones are sent, the others are returned as they
// are. IDs go 20 to a call (Zoom's limit) and the echoed IDs are merged:
// an ID Zoom lists is OutcomeDone with At set to executed_at; when Zoom's
// answer lists some IDs but not this one, OutcomeUnconfirmed; when it lists
// none (the echo is not documented), every ID sent is OutcomeDone. When a
// call fails (1401, 1404, 1500, a missing scope, ...), its targets are
// OutcomeFailed, the later ones OutcomeSkipped (nothing more is sent), and
// that error is returned. Scope: marketplace:write:app_pre_approve:admin.
func (c *Client) PreApprove(ctx context.Context, appID string, action PreApproveAction, targets []Result) ([]Result, error) {
	if err := checkAppID(CallPreApprove, appID); err != nil {
		return nil, err
	}
	groups := action == ApproveGroups || action == DisapproveGroups
	if !groups && action != ApproveUsers && action != DisapproveUsers {
		return nil, &Error{Call: CallPreApprove, Message: "unknown pre-approval action " + string(action)}
	}
	res := append([]Result(nil), targets...)
	var send []int
	for i := range res {
		if res[i].Outcome == OutcomeResolved {
			send = append(send, i)
		}
	}
	batches := chunks(send, preApproveBatch)
	for b, batch := range batches {
		ans, err := c.preApprove(ctx, appID, action, idsOf(res, batch), groups)
		if err != nil {
			for _, i := range batch {
				res[i].Outcome, res[i].Err = OutcomeFailed, err
			}
			for _, later := range batches[b+1:] {
				skipRest(res, later, err)
			}
			return res, err
		}
		echoed := ans.UserIDs
		if groups {
			echoed = ans.GroupIDs
		}
		merge(res, batch, echoed, time.Time(ans.ExecutedAt))
	}
	return res, nil
}

// merge records one call's answer in the results of its batch.
func merge(res []Result, batch []int, echoed []string, at time.Time) {
	listed := map[string]bool{}
	for _, id := range echoed {
		listed[id] = true
	}
	for _, i := range batch {
		res[i].At = at
		if len(echoed) == 0 || listed[res[i].ID] {
			res[i].Outcome = OutcomeDone
		} else {
			res[i].Outcome = OutcomeUnconfirmed
		}
	}
}

// preApprove sends one call.
func (c *Client) preApprove(ctx context.Context, appID string, action PreApproveAction, ids []string, groups bool) (*preApproveAnswer, error) {
	body := preApproveBody{Action: string(action)}
	if groups {
		body.GroupIDs = ids
	} else {
		body.UserIDs = ids
	}
	var ans preApproveAnswer
	r := request{call: CallPreApprove, method: http.MethodPost,
		path: "/marketplace/apps/" + pathEscape(appID) + "/preApprove", body: body}
	if err := c.do(ctx, r, &ans); err != nil {
		return nil, err
	}
	return &ans, nil
}

// PreApproveAll turns an app's pre-approval on for the whole account
// (approve_all), or off (disapprove_all), and returns Zoom's executed_at.
// Turning it off may make existing users' tokens fail with 4738: warn
// first. Scope: marketplace:write:app_pre_approve:admin.
func (c *Client) PreApproveAll(ctx context.Context, appID string, on bool) (time.Time, error) {
	if err := checkAppID(CallPreApprove, appID); err != nil {
		return time.Time{}, err
	}
	action := "disapprove_all"
	if on {
		action = "approve_all"
	}
	var ans preApproveAnswer
	r := request{call: CallPreApprove, method: http.MethodPost,
		path: "/marketplace/apps/" + pathEscape(appID) + "/preApprove", body: preApproveBody{Action: action}}
	if err := c.do(ctx, r, &ans); err != nil {
		return time.Time{}, err
	}
	return time.Time(ans.ExecutedAt), nil
}
