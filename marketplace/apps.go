package marketplace

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
)

// AppListType selects which apps Apps lists (GET /marketplace/apps?type=).
type AppListType string

// The documented list types.
const (
	AppsActiveRequests AppListType = "active_requests" // apps users have pending requests for
	AppsPastRequests   AppListType = "past_requests"   // apps with approved or declined requests
	AppsPublic         AppListType = "public"
	AppsAccountCreated AppListType = "account_created" // apps built in this account
	AppsAccountAdded   AppListType = "account_added"
	AppsApproved       AppListType = "approved_apps" // apps pre-approved by this account
	AppsRestricted     AppListType = "restricted_apps"
)

// App is one app of a listing. Fields Zoom leaves out stay zero.
type App struct {
	ID          string `json:"app_id"`
	Name        string `json:"app_name"`
	Type        string `json:"app_type"`   // ZoomApp, ChatBotApp, OAuthApp, GeneralApp
	Usage       int    `json:"app_usage"`  // 1 under admin management, 2 users have access
	Status      string `json:"app_status"` // PUBLISHED, UNPUBLISHED, SHARABLE
	Description string `json:"app_description,omitempty"`
	// DeveloperType is THIRD_PARTY, ZOOM or INTERNAL.
	DeveloperType  string `json:"app_developer_type,omitempty"`
	DirectoryURL   string `json:"app_directory_url,omitempty"`
	RequestTotal   int    `json:"request_total_number,omitempty"`
	RequestPending int    `json:"request_pending_number,omitempty"`
	// RequestApproved, RequestDeclined, ReviewerName and ReviewedAt come
	// with AppsPastRequests only; LatestRequest with AppsActiveRequests.
	RequestApproved int           `json:"request_approved_number,omitempty"`
	RequestDeclined int           `json:"request_declined_number,omitempty"`
	ReviewerName    string        `json:"reviewer_name,omitempty"`
	ReviewedAt      time.Time     `json:"review_date_time,omitzero"`
	LatestRequest   time.Time     `json:"latest_request_date_time,omitzero"`
	Approval        *ApprovalInfo `json:"approval_info,omitempty"`
}

// ApprovalInfo is an app's pre-approval mode, the only documented way to
// read it back: for everyone or for specific users and groups (which ones is
// not readable through the API).
type ApprovalInfo struct {
	// Type is "forAllUser" or "forSpecificUser".
	Type       string    `json:"approved_type"`
	ApproverID string    `json:"approver_id,omitempty"`
	ApprovedAt time.Time `json:"approved_time,omitzero"`
	Closed     bool      `json:"app_approval_closed,omitempty"`
}

// ForEveryone reports whether the app is pre-approved for the whole account.
func (a *ApprovalInfo) ForEveryone() bool { return a != nil && a.Type == "forAllUser" }

// AppInfo is GET /marketplace/apps/{appId}: what to show the admin before
// any change. It carries no client ID.
type AppInfo struct {
	ID          string `json:"app_id"`
	Name        string `json:"app_name"`
	Description string `json:"app_description,omitempty"`
	Type        string `json:"app_type"`
	Usage       int    `json:"app_usage"`
	Status      string `json:"app_status"`
	// Requirements.UserRole is "admin" or "user".
	Requirements struct {
		UserRole string `json:"user_role,omitempty"`
	} `json:"app_requirements"`
	Scopes []string `json:"app_scopes,omitempty"`
}

// AdminManaged reports whether the app is under admin management
// (app_usage 1, or a required admin role): user requests and pre-approval
// may not apply to it (reference §7).
func (a *AppInfo) AdminManaged() bool {
	return a.Usage == 1 || a.Requirements.UserRole == "admin"
}

// Apps lists the apps of one type, all pages (GET /marketplace/apps).
// Scope: marketplace:read:list_apps:admin.
func (c *Client) Apps(ctx context.Context, typ AppListType) ([]App, error) {
	q := url.Values{"type": {string(typ)}}
	return listAll[App](ctx, c, request{call: CallListApps, path: "/marketplace/apps", query: q}, "apps")
}

// App returns an app's information (GET /marketplace/apps/{appId}); an
// unknown ID fails with code 1401. Scope: marketplace:read:app:admin.
func (c *Client) App(ctx context.Context, appID string) (*AppInfo, error) {
	if err := checkAppID(CallGetApp, appID); err != nil {
		return nil, err
	}
	var info AppInfo
	r := request{call: CallGetApp, method: http.MethodGet, path: "/marketplace/apps/" + pathEscape(appID)}
	if err := c.do(ctx, r, &info); err != nil {
		return nil, err
	}
	return &info, nil
}

// checkAppID refuses an empty app ID before anything is sent.
func checkAppID(call, appID string) error {
	if strings.TrimSpace(appID) == "" {
		return &Error{Call: call, Message: "no app ID was given"}
	}
	return nil
}

// ErrNoAppID is returned by ParseAppID for text that holds no app ID.
var ErrNoAppID = errors.New("no Marketplace app ID found")

// appIDRE is an app ID: Zoom's are 22 characters of base64url (uncertain),
// so anything from 10 to 64 of those is accepted.
var appIDRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9_-]{10,64}$`)
})

// ParseAppID returns the app ID in s: an app ID as is, or taken from a
// pasted Marketplace URL, the build page
// https://marketplace.zoom.us/develop/applications/{appId}/… or the listing
// https://marketplace.zoom.us/apps/{appId}. That both URLs carry the same ID
// is likely, not documented; confirm the ID with Client.App before any
// change.
func ParseAppID(s string) (string, error) {
	s = strings.TrimSpace(s)
	if appIDRE().MatchString(s) {
		return s, nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		if u2, err2 := url.Parse("https://" + s); err2 == nil && strings.Contains(u2.Host, ".") {
			u, err = u2, nil
		}
	}
	if err != nil || u == nil || u.Host == "" {
		return "", ErrNoAppID
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	for i := 0; i+1 < len(parts); i++ {
		if (parts[i] == "applications" || parts[i] == "apps") && appIDRE().MatchString(parts[i+1]) {
			return parts[i+1], nil
		}
	}
	return "", ErrNoAppID
}
