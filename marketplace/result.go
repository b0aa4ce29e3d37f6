package marketplace

import (
	"strings"
	"time"
)

// Outcome is what happened to one person, group or request of a batch.
type Outcome string

// Outcomes, per input of ResolveUsers, ResolveGroups, PreApprove and
// UpdateRequests.
const (
	// OutcomeResolved: found, with its Zoom ID; nothing was changed yet.
	OutcomeResolved Outcome = "resolved"
	// OutcomeDone: Zoom accepted the change for this one (approved,
	// declined, pre-approved, removed: the action the caller asked for).
	OutcomeDone Outcome = "done"
	// OutcomeAlready: nothing to do, the request was already approved
	// (or declined).
	OutcomeAlready Outcome = "already"
	// OutcomeDuplicate: the same person or group was named earlier in the
	// list; it is handled there.
	OutcomeDuplicate Outcome = "duplicate"
	// OutcomeNotFound: no such user or group in the account (1001, no
	// group of that name), or no request from that person.
	OutcomeNotFound Outcome = "not_found"
	// OutcomePending: the user has not joined the account yet (invited,
	// 1120, or status pending with no user ID), so has no ID to send.
	OutcomePending Outcome = "pending_user"
	// OutcomeAmbiguous: the group name matches several groups.
	OutcomeAmbiguous Outcome = "ambiguous"
	// OutcomeUnconfirmed: Zoom accepted the call but its answer did not
	// list this ID among the ones it changed.
	OutcomeUnconfirmed Outcome = "unconfirmed"
	// OutcomeFailed: the call for this one failed; Err says why.
	OutcomeFailed Outcome = "error"
	// OutcomeSkipped: not sent, because an earlier call of the batch
	// failed (Err is that failure).
	OutcomeSkipped Outcome = "skipped"
)

// Result is what happened to one input: an email, a user or request ID, or
// a group name.
type Result struct {
	// Input is the text as given.
	Input string `json:"input"`
	// ID is the Zoom ID it stands for: a user ID, a group ID, or a
	// request's request_user_id. Empty when it resolved to none.
	ID string `json:"id,omitempty"`
	// Name is the person's display name or the group's name, when known.
	Name string `json:"name,omitempty"`
	// Email is the person's email, when known.
	Email   string  `json:"email,omitempty"`
	Outcome Outcome `json:"outcome"`
	// At is Zoom's executed_at of the pre-approval call that changed it.
	At time.Time `json:"at,omitzero"`
	// Err is the failure behind OutcomeFailed, OutcomeSkipped,
	// OutcomeNotFound (Zoom's 1001) and OutcomePending (1120), or what a
	// group name matched for OutcomeAmbiguous.
	Err error `json:"-"`
}

// dedupe marks each input named earlier in inputs (same text, surrounding
// space ignored, and case too when fold) OutcomeDuplicate. It returns the
// results, in input order, and the indexes of the first occurrences.
func dedupe(inputs []string, fold bool) ([]Result, []int) {
	res := make([]Result, len(inputs))
	seen := map[string]bool{}
	var firsts []int
	for i, in := range inputs {
		res[i].Input = in
		k := strings.TrimSpace(in)
		if fold {
			k = strings.ToLower(k)
		}
		if seen[k] {
			res[i].Outcome = OutcomeDuplicate
			continue
		}
		seen[k] = true
		firsts = append(firsts, i)
	}
	return res, firsts
}

// markDuplicateIDs marks as OutcomeDuplicate every resolved result whose ID
// an earlier resolved result has (two emails of one user).
func markDuplicateIDs(res []Result) {
	seen := map[string]bool{}
	for i := range res {
		if res[i].Outcome != OutcomeResolved {
			continue
		}
		if seen[res[i].ID] {
			res[i].Outcome = OutcomeDuplicate
			continue
		}
		seen[res[i].ID] = true
	}
}

// skipRest marks every result at indexes idx that is still to be sent as
// OutcomeSkipped because of err.
func skipRest(res []Result, idx []int, err error) {
	for _, i := range idx {
		res[i].Outcome, res[i].Err = OutcomeSkipped, err
	}
}

// chunks splits idx into runs of at most n.
func chunks(idx []int, n int) [][]int {
	var out [][]int
	for len(idx) > n {
		out = append(out, idx[:n])
		idx = idx[n:]
	}
	if len(idx) > 0 {
		out = append(out, idx)
	}
	return out
}
