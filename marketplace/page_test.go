package marketplace_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/zoomconnect/zoomconnect/marketplace"
)

// pagedRequests answers an app's requests three to a page, 7 in all, with
// page tokens p1, p2 (the last page has an empty token). expired lists the
// page tokens to refuse as expired, once each, in order.
func pagedRequests(t *testing.T, expired ...string) *fakeZoom {
	var mu sync.Mutex
	return newFake(t, func(w http.ResponseWriter, r *http.Request) {
		tok := r.URL.Query().Get("next_page_token")
		mu.Lock()
		if len(expired) > 0 && tok == expired[0] {
			expired = expired[1:]
			mu.Unlock()
			reply(w, 400, `{"code":300,"message":"The next page token is invalid or expired."}`)
			return
		}
		mu.Unlock()
		start := map[string]int{"": 0, "p1": 3, "p2": 6}[tok]
		next := map[string]string{"": "p1", "p1": "p2", "p2": ""}[tok]
		var items []string
		for i := start; i < min(start+3, 7); i++ {
			items = append(items, fmt.Sprintf(`{"request_user_id":"u%d","request_user_name":"User %d","request_user_email":"u%d@example.com",`+
				`"request_user_department":"Sales","request_date_time":"2025-07-21T17:32:28Z","reason":"r","status":"pending"}`, i, i, i))
		}
		reply(w, 200, `{"next_page_token":"`+next+`","page_size":3,"requests":[`+strings.Join(items, ",")+`]}`)
	})
}

func TestRequestsFollowsPageTokens(t *testing.T) {
	f := pagedRequests(t)
	c, _ := f.client()
	reqs, err := c.Requests(context.Background(), "app1", marketplace.StatusPending)
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 7 || reqs[6].UserID != "u6" || reqs[0].Department != "Sales" || reqs[0].Date.Year() != 2025 {
		t.Fatalf("requests %+v", reqs)
	}
	calls := f.Calls()
	if len(calls) != 3 {
		t.Fatalf("%d pages asked, want 3", len(calls))
	}
	for i, s := range calls {
		q := s.Query
		if s.Path != "/v2/marketplace/apps/app1/requests" || q.Get("status") != "pending" || q.Get("page_size") != "300" ||
			q.Get("next_page_token") != []string{"", "p1", "p2"}[i] {
			t.Errorf("page %d: %s %v", i, s.Path, q)
		}
	}
}

func TestExpiredPageTokenRestartsOnce(t *testing.T) {
	f := pagedRequests(t, "p2")
	c, _ := f.client()
	reqs, err := c.Requests(context.Background(), "app1", marketplace.StatusPending)
	if err != nil || len(reqs) != 7 {
		t.Fatalf("after one expiry: %d requests, %v", len(reqs), err)
	}
	var tokens []string
	for _, s := range f.Calls() {
		tokens = append(tokens, s.Query.Get("next_page_token"))
	}
	if got := strings.Join(tokens, ","); got != ",p1,p2,,p1,p2" {
		t.Errorf("page tokens sent %q, want the listing restarted from the first page", got)
	}
}

func TestExpiredPageTokenTwiceFails(t *testing.T) {
	f := pagedRequests(t, "p1", "p2")
	c, _ := f.client()
	_, err := c.Requests(context.Background(), "app1", marketplace.StatusPending)
	e := asError(t, err)
	if !e.PageTokenExpired || e.Key() != "marketplace:page_token_expired" || len(f.Calls()) != 5 {
		t.Fatalf("err %v (expired %v, key %s) after %d calls", err, e.PageTokenExpired, e.Key(), len(f.Calls()))
	}
	if !strings.Contains(err.Error(), "expired again") {
		t.Errorf("Error() = %s", err)
	}
}

func TestFirstPageErrorIsNotAPageToken(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, 400, `{"code":300,"message":"Invalid field."}`)
	})
	c, _ := f.client()
	_, err := c.Groups(context.Background())
	if e := asError(t, err); e.PageTokenExpired || len(f.Calls()) != 1 {
		t.Fatalf("a first-page 400 was taken for an expired token: %v, %d calls", err, len(f.Calls()))
	}
}

func TestRepeatedPageTokenStops(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, 200, `{"next_page_token":"same","groups":[{"id":"g1","name":"Sales"}]}`)
	})
	c, _ := f.client()
	if _, err := c.Groups(context.Background()); err == nil || len(f.Calls()) != 2 {
		t.Fatalf("a server repeating its page token: %v after %d calls", err, len(f.Calls()))
	}
}
