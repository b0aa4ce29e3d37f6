package admin

import (
	"time"

	"github.com/zoomconnect/zoomconnect/marketplace"
)

// AppsReport is the JSON of the apps people have pending requests for.
type AppsReport struct {
	Schema int `json:"schema"`
	// Type is the listing's type: active_requests.
	Type string    `json:"type"`
	Apps []AppItem `json:"apps"`
}

// AppItem is one app of AppsReport.
type AppItem struct {
	AppRef
	Usage           int       `json:"usage"`
	Pending         int       `json:"pending"`
	Total           int       `json:"total"`
	LatestRequestAt time.Time `json:"latest_request_at,omitzero"`
}

// NewAppsReport is the JSON of a listing of apps with requests.
func NewAppsReport(apps []marketplace.App) AppsReport {
	r := AppsReport{Schema: Schema, Type: string(marketplace.AppsActiveRequests), Apps: []AppItem{}}
	for _, a := range apps {
		r.Apps = append(r.Apps, AppItem{
			AppRef: AppRef{ID: a.ID, Name: a.Name, Type: a.Type, Status: a.Status, AdminManaged: a.Usage == 1},
			Usage:  a.Usage, Pending: a.RequestPending, Total: a.RequestTotal, LatestRequestAt: a.LatestRequest.UTC(),
		})
	}
	return r
}

// RequestsReport is the JSON of an app's requests in one state.
type RequestsReport struct {
	Schema   int           `json:"schema"`
	App      AppRef        `json:"app"`
	Status   string        `json:"status"`
	Requests []RequestItem `json:"requests"`
}

// RequestItem is one request of RequestsReport.
type RequestItem struct {
	UserID      string    `json:"user_id"`
	Name        string    `json:"name"`
	Email       string    `json:"email"`
	Department  string    `json:"department,omitempty"`
	RequestedAt time.Time `json:"requested_at,omitzero"`
	Reason      string    `json:"reason,omitempty"`
	Status      string    `json:"status"`
}

// NewRequestsReport is the JSON of an app's requests.
func NewRequestsReport(a *marketplace.AppInfo, status marketplace.RequestStatus, reqs []marketplace.Request) RequestsReport {
	r := RequestsReport{Schema: Schema, App: RefOf(a), Status: string(status), Requests: []RequestItem{}}
	for _, q := range reqs {
		r.Requests = append(r.Requests, RequestItem{UserID: q.UserID, Name: q.Name, Email: q.Email,
			Department: q.Department, RequestedAt: q.Date.UTC(), Reason: q.Reason, Status: string(q.Status)})
	}
	return r
}
