package sandbox_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// call sends an API request with a Bearer token and an optional JSON body.
func userCall(t *testing.T, s *sandbox.Server, method, path, token, body string) result {
	t.Helper()
	req, _ := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return do(t, req)
}

func TestRecordingsArePaged(t *testing.T) {
	clk := newClock()
	s := start(t, sandbox.Options{Now: clk.Now})
	tok := connect(t, s).str("access_token")
	var ids []float64
	next, pages := "", 0
	for {
		path := "/v2/users/me/recordings?page_size=3"
		if next != "" {
			path += "&next_page_token=" + next
		}
		r := userCall(t, s, "GET", path, tok, "")
		if r.status != 200 {
			t.Fatalf("page %d: %d %s", pages+1, r.status, r.raw)
		}
		pages++
		for _, m := range r.body["meetings"].([]any) {
			ids = append(ids, m.(map[string]any)["id"].(float64))
		}
		if r.body["total_records"] != float64(sandbox.DemoRecordings) || r.body["page_size"] != float64(3) {
			t.Errorf("page %d: %s", pages, r.raw)
		}
		if next = r.str("next_page_token"); next == "" {
			break
		}
	}
	if pages != 3 || len(ids) != sandbox.DemoRecordings || ids[0] == ids[6] {
		t.Errorf("%d pages, ids %v; want 3 pages of the %d recordings", pages, ids, sandbox.DemoRecordings)
	}
}

func TestCreateMeeting(t *testing.T) {
	s := start(t, sandbox.Options{})
	tok := connect(t, s).str("access_token")
	r := userCall(t, s, "POST", "/v2/users/me/meetings", tok, `{"topic":"Standup","type":2,"duration":"15"}`)
	if r.status != 201 || r.str("topic") != "Standup" || r.body["duration"] != float64(15) || r.str("join_url") == "" {
		t.Errorf("create: %d %s", r.status, r.raw)
	}
	wantJSON(t, userCall(t, s, "POST", "/v2/users/me/meetings", tok, `{"topic":`), 400,
		`{"code":300,"message":"Request Body should be a valid JSON object."}`)
	wantJSON(t, userCall(t, s, "POST", "/v2/users/me/meetings", tok, `{"type":99}`), 400, `{"code":300,"message":"Invalid field."}`)
}

func TestListMeetingsLacksScope(t *testing.T) {
	s := start(t, sandbox.Options{})
	tok := connect(t, s).str("access_token")
	wantJSON(t, userCall(t, s, "GET", "/v2/users/me/meetings", tok, ""), 400,
		`{"code":4711,"message":"Invalid access token, does not contain scopes:[meeting:read:list_meetings, meeting:read]."}`)
}

func TestUserAPIAnswersLikeUsersMe(t *testing.T) {
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioRateLimit})
	tok := connect(t, s).str("access_token")
	r := userCall(t, s, "GET", "/v2/users/me/recordings", tok, "")
	if r.status != 429 || r.header.Get("Retry-After") == "" {
		t.Errorf("the rate-limit scenario's first call: %d %s", r.status, r.raw)
	}
	if r := userCall(t, s, "GET", "/v2/users/me/recordings", tok, ""); r.status != 200 {
		t.Errorf("the second call: %d %s", r.status, r.raw)
	}
	wantJSON(t, userCall(t, s, "GET", "/v2/users/me/recordings", "nope", ""), 401, `{"code":124,"message":"Invalid access token."}`)
	s.ExpireAccessTokens()
	wantJSON(t, userCall(t, s, "GET", "/v2/users/me/recordings", tok, ""), 401, `{"code":124,"message":"Access token is expired."}`)

	rv := start(t, sandbox.Options{Scenario: sandbox.ScenarioRevoked})
	tok = connect(t, rv).str("access_token")
	if r := userCall(t, rv, "GET", "/v2/users/me/recordings", tok, ""); r.status != 200 {
		t.Fatalf("first call: %d %s", r.status, r.raw)
	}
	wantJSON(t, userCall(t, rv, "GET", "/v2/users/me/recordings", tok, ""), 401, `{"code":4741,"message":"The token has been revoked."}`)
}
