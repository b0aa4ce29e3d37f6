package marketplace_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow"
)

func TestBaseURL(t *testing.T) {
	for _, suffix := range []string{"", "/", "/v2", "/v2/"} {
		f := newFake(t, okGroups)
		c, _ := f.client()
		c.BaseURL = f.URL + suffix
		if _, err := c.Groups(context.Background()); err != nil {
			t.Fatalf("BaseURL %q: %v", c.BaseURL, err)
		}
		if p := f.Calls()[0].Path; p != "/v2/groups" {
			t.Errorf("BaseURL %q: request to %s", c.BaseURL, p)
		}
	}
	c := &marketplace.Client{BaseURL: "http://api.example.com", TokenSource: nil}
	_, err := c.Groups(context.Background())
	if !errors.Is(err, oauthflow.ErrInsecureEndpoint) || oauthflow.Explain(err).Key != "config:insecure_endpoint" {
		t.Errorf("plain http to a remote host: %v", err)
	}
	creds := marketplace.AccountCredentials{AccountID: "a", ClientID: "b", ClientSecret: "c", AuthBaseURL: "http://zoom.example.com"}
	c = &marketplace.Client{BaseURL: "https://api.zoom.us", TokenSource: creds.TokenSource(context.Background())}
	if _, err := c.Groups(context.Background()); !errors.Is(err, oauthflow.ErrInsecureEndpoint) {
		t.Errorf("plain http to a remote OAuth host: %v", err)
	}
}

func TestRateLimitHonoursRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for name, retryAfter := range map[string]string{
		"seconds":   "7",
		"HTTP date": now.Add(7 * time.Second).Format(http.TimeFormat),
		"ISO 8601":  now.Add(7 * time.Second).Format(time.RFC3339),
	} {
		t.Run(name, func(t *testing.T) {
			var n atomic.Int32
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					w.Header().Set("Retry-After", retryAfter)
					reply(w, 429, `{"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}`)
					return
				}
				okGroups(w, r)
			})
			c, sl := f.client()
			c.Now = func() time.Time { return now }
			groups, err := c.Groups(context.Background())
			if err != nil || len(groups) != 1 {
				t.Fatalf("Groups after a 429: %v %v", groups, err)
			}
			if w := sl.Waits(); len(w) != 1 || w[0] != 7*time.Second {
				t.Errorf("waits %v, want [7s]", w)
			}
		})
	}
}

func TestLongRetryAfterIsNotWaited(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		reply(w, 429, `{"code":429,"message":"You have exceeded the daily rate limit (2000) of List groups API requests."}`)
	})
	c, sl := f.client()
	_, err := c.Groups(context.Background())
	e := asError(t, err)
	if len(sl.Waits()) != 0 || len(f.Calls()) != 1 || e.RetryAfter != time.Hour || e.Key() != "marketplace:429" {
		t.Fatalf("waits %v, %d calls, RetryAfter %v, key %s", sl.Waits(), len(f.Calls()), e.RetryAfter, e.Key())
	}
	if ex := oauthflow.Explain(err); !strings.Contains(ex.User, "1\u00a0h") {
		t.Errorf("the explanation does not say how long to wait: %q", ex.User)
	}
	if oauthflow.KindOf(err) != oauthflow.KindRateLimited {
		t.Errorf("KindOf = %s: exit codes would not see a rate limit", oauthflow.KindOf(err))
	}
}

func TestServerErrorsAreRetriedWithBackoff(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, 503, `{"code":503,"message":"Service Unavailable"}`)
	})
	c, sl := f.client()
	c.MaxRetries = 2
	_, err := c.Groups(context.Background())
	e := asError(t, err)
	if len(f.Calls()) != 3 || len(sl.Waits()) != 2 || e.Key() != "marketplace:5xx" {
		t.Fatalf("%d calls, waits %v, key %s; want 3 calls and 2 waits", len(f.Calls()), sl.Waits(), e.Key())
	}
	for _, w := range sl.Waits() {
		if w <= 0 || w > 30*time.Second {
			t.Errorf("backoff wait %v", w)
		}
	}
}

func TestOther4xxAreNeverRetried(t *testing.T) {
	for _, body := range []string{`{"code":1500,"message":"User can not pre approve this app"}`,
		`{"code":300,"message":"Validation Failed."}`, `not json`} {
		f := newFake(t, func(w http.ResponseWriter, r *http.Request) { reply(w, 400, body) })
		c, sl := f.client()
		_, err := c.PreApproveAll(context.Background(), "app1", true)
		if err == nil || len(f.Calls()) != 1 || len(sl.Waits()) != 0 {
			t.Errorf("%s: err %v after %d calls, waits %v", body, err, len(f.Calls()), sl.Waits())
		}
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) { reply(w, 500, `{}`) })
	c, _ := f.client()
	ctx, cancel := context.WithCancel(context.Background())
	c.Sleep = func(done <-chan struct{}, _ time.Duration) bool { cancel(); <-done; return false }
	_, err := c.Groups(ctx)
	if !errors.Is(err, context.Canceled) || oauthflow.KindOf(err) != oauthflow.KindCanceled {
		t.Fatalf("err %v kind %s", err, oauthflow.KindOf(err))
	}
	if ex := oauthflow.Explain(err); ex.Key != "kind:canceled" {
		t.Errorf("Explain key %s", ex.Key)
	}
}

// Every error the reference documents has its own row in the error table,
// which oauthflow.Explain finds.
func TestDocumentedErrorsAreExplained(t *testing.T) {
	cases := []struct {
		status  int
		body    string
		call    func(*marketplace.Client) error
		wantKey string
	}{
		{400, `{"code":1500,"message":"User can not pre approve this app"}`, preApproveAll, "marketplace:1500"},
		{400, `{"code":1404,"message":"application_pre_approved_status_off"}`, preApproveAll, "marketplace:1404"},
		{404, `{"code":1401,"message":"App ID does not exist: nqSreNVsQ2eGzUMGnA8AHA"}`, getApp, "marketplace:1401"},
		{400, `{"code":1505,"message":"Internal server error, please try again."}`, listApps, "marketplace:1505"},
		{404, `{"code":1001,"message":"User does not exist: jchill@example.com."}`, getUser, "marketplace:1001"},
		{400, `{"code":1120,"message":"No valid invitation found for this user."}`, getUser, "marketplace:1120"},
		{400, `{"code":200,"message":"Only available for Paid account."}`, listGroups, "marketplace:200"},
		{404, `{"code":4130,"message":"A group with this JJcuSipRRS2JqYmk8mfBbA does not exist."}`, preApproveAll, "marketplace:4130"},
		{401, `{"code":124,"message":"Invalid access token."}`, listGroups, "marketplace:124"},
		{400, `{"code":4711,"message":"Invalid access token, does not contain scopes:[marketplace:write:app_pre_approve:admin, marketplace_app:write:admin]."}`, preApproveAll, "marketplace:4711"},
		{403, `{"code":4700,"message":"Invalid access token, does not contain scopes:[marketplace:read:app_request:admin]."}`, listApps, "marketplace:4711"},
		{429, `{"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}`, listGroups, "marketplace:429"},
		{403, `{"message":"Forbidden"}`, listGroups, "marketplace:403"},
		{418, `{"code":9999,"message":"Something new."}`, listGroups, "marketplace:unknown"},
	}
	for _, tc := range cases {
		t.Run(tc.wantKey, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "86400") // never waited for
				reply(w, tc.status, tc.body)
			})
			c, _ := f.client()
			err := tc.call(c)
			e := asError(t, err)
			if e.Key() != tc.wantKey || e.HTTPStatus != tc.status || e.TrackingID != "v=2.0;clid=test;rid=TEST_1" {
				t.Fatalf("key %s status %d tracking %q; want %s: %v", e.Key(), e.HTTPStatus, e.TrackingID, tc.wantKey, err)
			}
			ex := oauthflow.Explain(err)
			if ex.Key != tc.wantKey || ex.Title == "" || ex.User == "" || ex.TrackingID == "" || ex.Reason == "" {
				t.Errorf("Explain = %+v", ex)
			}
			if strings.ContainsAny(ex.Title+ex.Cause+ex.User+ex.Command, "{}") {
				t.Errorf("placeholder left in %+v", ex)
			}
			if tc.wantKey == "marketplace:4711" && !strings.Contains(ex.User, "marketplace:") {
				t.Errorf("the missing scope is not named: %q", ex.User)
			}
		})
	}
}

func TestErrorLine(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, 400, `{"code":1500,"message":"User can not pre approve this app"}`)
	})
	c, _ := f.client()
	err := preApproveAll(c)
	want := `pre-approve: Zoom says "User can not pre approve this app" (1500, HTTP 400) [Zoom tracking ID v=2.0;clid=test;rid=TEST_1]`
	if err.Error() != want || !marketplace.IsCode(err, 1500) {
		t.Errorf("Error() = %s\nwant      %s", err, want)
	}
}

func preApproveAll(c *marketplace.Client) error {
	_, err := c.PreApproveAll(context.Background(), "app1", true)
	return err
}
func getApp(c *marketplace.Client) error {
	_, err := c.App(context.Background(), "nqSreNVsQ2eGzUMGnA8AHA")
	return err
}
func listApps(c *marketplace.Client) error {
	_, err := c.Apps(context.Background(), marketplace.AppsActiveRequests)
	return err
}
func getUser(c *marketplace.Client) error {
	_, err := c.User(context.Background(), "jchill@example.com")
	return err
}
func listGroups(c *marketplace.Client) error {
	_, err := c.Groups(context.Background())
	return err
}
