package marketplace

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// User is the part of GET /users/{userId} the admin commands use.
type User struct {
	// ID is empty for a pending user (invited, not joined yet).
	ID          string   `json:"id"`
	Email       string   `json:"email"`
	FirstName   string   `json:"first_name"`
	LastName    string   `json:"last_name"`
	DisplayName string   `json:"display_name"`
	Department  string   `json:"dept"`
	Status      string   `json:"status"` // active, inactive, pending
	Type        int      `json:"type"`
	RoleName    string   `json:"role_name"`
	GroupIDs    []string `json:"group_ids"`
}

// Name is the best human name Zoom gave: display name, else first and last
// name, else the email.
func (u User) Name() string {
	if n := strings.TrimSpace(u.DisplayName); n != "" {
		return n
	}
	if n := strings.TrimSpace(u.FirstName + " " + u.LastName); n != "" {
		return n
	}
	return u.Email
}

// Group is one group of GET /groups.
type Group struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	TotalMembers int    `json:"total_members"`
}

// User looks a user up by email or user ID (GET /users/{userId}, the email
// path-escaped). Unknown users fail with 1001; invited users who never
// joined may fail with 1120 or come back with Status "pending" and no ID.
// Scope: user:read:user:admin.
func (c *Client) User(ctx context.Context, emailOrID string) (*User, error) {
	emailOrID = strings.TrimSpace(emailOrID)
	if emailOrID == "" || strings.EqualFold(emailOrID, "me") {
		return nil, &Error{Call: CallGetUser, Message: "name a user by email or user ID"}
	}
	var u User
	r := request{call: CallGetUser, method: http.MethodGet, path: "/users/" + pathEscape(emailOrID)}
	if err := c.do(ctx, r, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// Groups lists the account's groups, all pages (GET /groups). A Free
// account fails with code 200. Scope: group:read:list_groups:admin.
func (c *Client) Groups(ctx context.Context) ([]Group, error) {
	return listAll[Group](ctx, c, request{call: CallListGroups, path: "/groups"}, "groups")
}

// ResolveUsers looks up each email (or user ID) with User and reports per
// input: OutcomeResolved with the ID and name, OutcomeNotFound (1001),
// OutcomePending (1120, or no ID / status pending), OutcomeDuplicate. One
// person's problem does not stop the others. A failure that is not about
// one person (token, missing scope, rate limit after retries, network)
// stops the lookups: the rest are OutcomeSkipped and that error is returned.
func (c *Client) ResolveUsers(ctx context.Context, emails []string) ([]Result, error) {
	res, firsts := dedupe(emails, true)
	for k, i := range firsts {
		u, err := c.User(ctx, emails[i])
		switch {
		case IsCode(err, 1001):
			res[i].Outcome, res[i].Err = OutcomeNotFound, err
		case IsCode(err, 1120):
			res[i].Outcome, res[i].Err = OutcomePending, err
		case err != nil:
			res[i].Outcome, res[i].Err = OutcomeFailed, err
			skipRest(res, firsts[k+1:], err)
			return res, err
		case u.ID == "" || strings.EqualFold(u.Status, "pending"):
			res[i].Outcome, res[i].Email, res[i].Name = OutcomePending, u.Email, u.Name()
			res[i].Err = errors.New(strings.TrimSpace(emails[i]) + " has not joined the Zoom account yet (invitation pending)")
		default:
			res[i].Outcome, res[i].ID, res[i].Email, res[i].Name = OutcomeResolved, u.ID, u.Email, u.Name()
		}
	}
	markDuplicateIDs(res)
	return res, nil
}

// ErrGroupNames is wrapped by ResolveGroups' error when a name matches no
// group or several.
var ErrGroupNames = errors.New("group names do not each name one group")

// ResolveGroups pages GET /groups once and finds each name: an exact match
// first, else a case-insensitive one. A name matching no group is
// OutcomeNotFound, several OutcomeAmbiguous (Err lists them; whether Zoom
// keeps group names unique is not documented); either makes the error
// wrap ErrGroupNames, and the caller should send nothing.
func (c *Client) ResolveGroups(ctx context.Context, names []string) ([]Result, error) {
	groups, err := c.Groups(ctx)
	if err != nil {
		return nil, err
	}
	res, firsts := dedupe(names, false) // "Sales" and "sales" may be two groups
	var bad []string
	for _, i := range firsts {
		matches := matchGroups(groups, strings.TrimSpace(names[i]))
		switch len(matches) {
		case 0:
			res[i].Outcome = OutcomeNotFound
			res[i].Err = fmt.Errorf("no group is named %q", strings.TrimSpace(names[i]))
			bad = append(bad, res[i].Err.Error())
		case 1:
			res[i].Outcome, res[i].ID, res[i].Name = OutcomeResolved, matches[0].ID, matches[0].Name
		default:
			res[i].Outcome, res[i].Err = OutcomeAmbiguous, ambiguity(names[i], matches)
			bad = append(bad, res[i].Err.Error())
		}
	}
	markDuplicateIDs(res)
	if len(bad) > 0 {
		return res, fmt.Errorf("%w: %s", ErrGroupNames, strings.Join(bad, "; "))
	}
	return res, nil
}

// matchGroups returns the groups named name exactly, else those named so
// ignoring case.
func matchGroups(groups []Group, name string) []Group {
	var exact, folded []Group
	for _, g := range groups {
		switch {
		case g.Name == name:
			exact = append(exact, g)
		case strings.EqualFold(g.Name, name):
			folded = append(folded, g)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return folded
}

// ambiguity says which groups a name matched.
func ambiguity(name string, matches []Group) error {
	parts := make([]string, len(matches))
	for i, g := range matches {
		parts[i] = fmt.Sprintf("%s (ID %s, %d members)", g.Name, g.ID, g.TotalMembers)
	}
	return fmt.Errorf("%q matches %d groups: %s", strings.TrimSpace(name), len(matches), strings.Join(parts, ", "))
}
