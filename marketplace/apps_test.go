package marketplace_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/zoomconnect/zoomconnect/marketplace"
)

func TestParseAppID(t *testing.T) {
	const id = "HwSqvKE3RX6fR_k_nOqi7g"
	for _, in := range []string{
		id, "  " + id + "\n",
		"https://marketplace.zoom.us/develop/applications/" + id + "/information",
		"https://marketplace.zoom.us/develop/applications/" + id,
		"marketplace.zoom.us/develop/applications/" + id + "/scopes?x=1",
		"https://marketplace.zoom.us/apps/" + id,
		"https://marketplace.zoom.us/apps/" + id + "#reviews",
		"https://marketplace.zoomgov.com/apps/" + id,
	} {
		got, err := marketplace.ParseAppID(in)
		if err != nil || got != id {
			t.Errorf("ParseAppID(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "https://marketplace.zoom.us/", "https://marketplace.zoom.us/apps/",
		"https://marketplace.zoom.us/develop/applications/ab/x", "not an id", "https://example.com/other/" + id} {
		if got, err := marketplace.ParseAppID(in); !errors.Is(err, marketplace.ErrNoAppID) {
			t.Errorf("ParseAppID(%q) = %q, %v; want ErrNoAppID", in, got, err)
		}
	}
}

func TestAppsAndAppInfo(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v2/marketplace/apps":
			reply(w, 200, `{"next_page_token":"","page_size":30,"apps":[{"app_id":"nqSreNVsQ2eGzUMGnA8AHA","app_name":"Example CLI",`+
				`"app_type":"GeneralApp","app_usage":2,"app_status":"PUBLISHED","request_pending_number":3,"latest_request_date_time":"2025-07-21T17:32:28Z",`+
				`"approval_info":{"approved_type":"forSpecificUser","approver_id":"1gAK","approved_time":"2025-08-01T09:30:00Z","app_approval_closed":false}}]}`)
		case "/v2/marketplace/apps/nqSreNVsQ2eGzUMGnA8AHA":
			reply(w, 200, `{"app_id":"nqSreNVsQ2eGzUMGnA8AHA","app_name":"Example CLI","app_type":"OAuthApp","app_usage":1,`+
				`"app_status":"PUBLISHED","app_requirements":{"user_role":"user"},"app_scopes":["meeting:write:meeting"]}`)
		default:
			reply(w, 404, `{"code":1401,"message":"APP ID does not exist: x"}`)
		}
	})
	c, _ := f.client()
	apps, err := c.Apps(context.Background(), marketplace.AppsApproved)
	if err != nil || len(apps) != 1 {
		t.Fatalf("%v %v", apps, err)
	}
	a := apps[0]
	if a.Name != "Example CLI" || a.Usage != 2 || a.RequestPending != 3 || a.LatestRequest.Year() != 2025 ||
		a.Approval == nil || a.Approval.ForEveryone() || a.Approval.ApprovedAt.Month() != 8 {
		t.Errorf("app %+v approval %+v", a, a.Approval)
	}
	if q := f.Calls()[0].Query; q.Get("type") != "approved_apps" || q.Get("page_size") != "300" {
		t.Errorf("query %v", q)
	}
	info, err := c.App(context.Background(), "nqSreNVsQ2eGzUMGnA8AHA")
	if err != nil || info.Name != "Example CLI" || !info.AdminManaged() || info.Scopes[0] != "meeting:write:meeting" {
		t.Fatalf("%+v %v", info, err)
	}
	if _, err := c.App(context.Background(), "unknownAppId00000000"); !marketplace.IsCode(err, 1401) {
		t.Errorf("unknown app: %v", err)
	}
}
