package marketplace_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/marketplace"
)

// directory answers GET /users/{email} for userN@example.com with ID idN,
// and preApprove with answer (nil: echo every ID sent).
func directory(t *testing.T, answer func(body map[string]any) (int, string)) *fakeZoom {
	return newFake(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/v2/users/"):
			email := strings.TrimPrefix(r.URL.Path, "/v2/users/")
			var n int
			if _, err := fmt.Sscanf(email, "user%d@example.com", &n); err != nil {
				reply(w, 404, `{"code":1001,"message":"User does not exist: `+email+`."}`)
				return
			}
			reply(w, 200, fmt.Sprintf(`{"id":"id%d","email":%q,"display_name":"User %d","status":"active"}`, n, email, n))
		case strings.HasSuffix(r.URL.Path, "/preApprove") && r.Method == http.MethodPost:
			var body map[string]any
			_ = json.NewDecoder(r.Body).Decode(&body)
			if answer != nil {
				status, b := answer(body)
				reply(w, status, b)
				return
			}
			b, _ := json.Marshal(map[string]any{"executed_at": "2025-08-01T09:30:00Z", "user_ids": body["user_ids"], "group_ids": []string{}})
			reply(w, 201, string(b))
		default:
			reply(w, 404, `{"code":404,"message":"unexpected `+r.Method+" "+r.URL.Path+`"}`)
		}
	})
}

func emails(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("user%d@example.com", i+1)
	}
	return out
}

func preApproveCalls(f *fakeZoom) []seen {
	var out []seen
	for _, s := range f.Calls() {
		if strings.HasSuffix(s.Path, "/preApprove") {
			out = append(out, s)
		}
	}
	return out
}

func TestFortyFiveEmailsInThreeCalls(t *testing.T) {
	f := directory(t, nil)
	c, _ := f.client()
	ctx := context.Background()
	targets, err := c.ResolveUsers(ctx, emails(45))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.PreApprove(ctx, "HwSqvKE3RX6fR_k_nOqi7g", marketplace.ApproveUsers, targets)
	if err != nil {
		t.Fatal(err)
	}
	calls := preApproveCalls(f)
	if len(calls) != 3 {
		t.Fatalf("%d preApprove calls, want 3", len(calls))
	}
	var sent []string
	for i, s := range calls {
		body := jsonBody(t, s)
		got := ids(body, "user_ids")
		if body["action"] != "approve_user" || len(got) != []int{20, 20, 5}[i] || body["group_ids"] != nil {
			t.Errorf("call %d: %s", i, s.Body)
		}
		sent = append(sent, got...)
	}
	for i, r := range res {
		want := fmt.Sprintf("id%d", i+1)
		if r.Outcome != marketplace.OutcomeDone || r.ID != want || sent[i] != want || r.Name != fmt.Sprintf("User %d", i+1) ||
			!r.At.Equal(time.Date(2025, 8, 1, 9, 30, 0, 0, time.UTC)) {
			t.Errorf("result %d: %+v", i, r)
		}
	}
}

func TestEmailIsPathEscaped(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, 200, `{"id":"x1","email":"jo+zoom@example.com","status":"active"}`)
	})
	c, _ := f.client()
	if _, err := c.User(context.Background(), "jo+zoom@example.com"); err != nil {
		t.Fatal(err)
	}
	s := f.Calls()[0]
	if s.Path != "/v2/users/jo+zoom@example.com" || s.Raw != "/v2/users/jo%2Bzoom%40example.com" {
		t.Errorf("path %s (raw %s)", s.Path, s.Raw)
	}
}

func TestResolveUsersOutcomes(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		switch strings.TrimPrefix(r.URL.Path, "/v2/users/") {
		case "ann@example.com", "ann.alias@example.com":
			reply(w, 200, `{"id":"ann1","email":"ann@example.com","first_name":"Ann","last_name":"Lee","status":"active"}`)
		case "pat@example.com":
			reply(w, 200, `{"email":"pat@example.com","status":"pending"}`)
		case "ivy@example.com":
			reply(w, 400, `{"code":1120,"message":"No valid invitation found for this user."}`)
		default:
			reply(w, 404, `{"code":1001,"message":"User does not exist: nobody@example.com."}`)
		}
	})
	c, _ := f.client()
	in := []string{"ann@example.com", "pat@example.com", "ivy@example.com", "nobody@example.com", " ANN@example.com", "ann.alias@example.com"}
	res, err := c.ResolveUsers(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	want := []marketplace.Outcome{marketplace.OutcomeResolved, marketplace.OutcomePending, marketplace.OutcomePending,
		marketplace.OutcomeNotFound, marketplace.OutcomeDuplicate, marketplace.OutcomeDuplicate}
	if got := outcomes(res); !reflect.DeepEqual(got, want) {
		t.Fatalf("outcomes %v, want %v", got, want)
	}
	if res[0].Name != "Ann Lee" || res[0].ID != "ann1" || !marketplace.IsCode(res[3].Err, 1001) || !marketplace.IsCode(res[2].Err, 1120) {
		t.Errorf("results %+v", res)
	}
	if len(f.Calls()) != 5 {
		t.Errorf("%d lookups; the duplicate should not be looked up", len(f.Calls()))
	}
	// Only the resolved one is sent.
	g := directory(t, nil)
	gc, _ := g.client()
	out, err := gc.PreApprove(context.Background(), "app1", marketplace.ApproveUsers, res)
	if err != nil || !reflect.DeepEqual(outcomes(out)[1:], want[1:]) || out[0].Outcome != marketplace.OutcomeDone {
		t.Fatalf("PreApprove: %v %v", outcomes(out), err)
	}
	if calls := preApproveCalls(g); len(calls) != 1 || !slices.Equal(ids(jsonBody(t, calls[0]), "user_ids"), []string{"ann1"}) {
		t.Errorf("sent %v", calls)
	}
}

func TestResolveUsersStopsOnAccountWideFailure(t *testing.T) {
	var n atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		reply(w, 400, `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user:admin]."}`)
	})
	c, _ := f.client()
	res, err := c.ResolveUsers(context.Background(), emails(4))
	if asError(t, err).Key() != "marketplace:4711" || n.Load() != 1 {
		t.Fatalf("err %v after %d lookups", err, n.Load())
	}
	want := []marketplace.Outcome{marketplace.OutcomeFailed, marketplace.OutcomeSkipped, marketplace.OutcomeSkipped, marketplace.OutcomeSkipped}
	if !reflect.DeepEqual(outcomes(res), want) || !errors.Is(res[3].Err, err) {
		t.Fatalf("outcomes %v", outcomes(res))
	}
}

func TestEchoedIDsAreMerged(t *testing.T) {
	cases := map[string]struct {
		answer string
		want   marketplace.Outcome
	}{
		"no arrays":    {`{"executed_at":"2025-08-01T09:30:00Z"}`, marketplace.OutcomeDone},
		"empty arrays": {`{"executed_at":"2025-08-01T09:30:00Z","user_ids":[],"group_ids":[]}`, marketplace.OutcomeDone},
		"empty body":   {``, marketplace.OutcomeDone},
		"odd date":     {`{"executed_at":"Aug 1, 2025","user_ids":["id1","id2"]}`, marketplace.OutcomeDone},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := directory(t, func(map[string]any) (int, string) { return 201, tc.answer })
			c, _ := f.client()
			targets, _ := c.ResolveUsers(context.Background(), emails(2))
			res, err := c.PreApprove(context.Background(), "app1", marketplace.ApproveUsers, targets)
			if err != nil || res[0].Outcome != tc.want || res[1].Outcome != tc.want {
				t.Fatalf("%v %v", outcomes(res), err)
			}
		})
	}
	f := directory(t, func(map[string]any) (int, string) { return 201, `{"user_ids":["id2"]}` })
	c, _ := f.client()
	targets, _ := c.ResolveUsers(context.Background(), emails(2))
	res, _ := c.PreApprove(context.Background(), "app1", marketplace.DisapproveUsers, targets)
	if !reflect.DeepEqual(outcomes(res), []marketplace.Outcome{marketplace.OutcomeUnconfirmed, marketplace.OutcomeDone}) {
		t.Errorf("partial echo: %v", outcomes(res))
	}
	if body := jsonBody(t, preApproveCalls(f)[0]); body["action"] != "disapprove_user" {
		t.Errorf("body %v", body)
	}
}

func TestFailedBatchStopsTheRest(t *testing.T) {
	var n atomic.Int32
	f := directory(t, func(body map[string]any) (int, string) {
		if n.Add(1) == 2 {
			return 400, `{"code":1500,"message":"User can not pre approve this app"}`
		}
		return 201, `{"executed_at":"2025-08-01T09:30:00Z"}`
	})
	c, _ := f.client()
	targets, _ := c.ResolveUsers(context.Background(), emails(45))
	res, err := c.PreApprove(context.Background(), "app1", marketplace.ApproveUsers, targets)
	if !marketplace.IsCode(err, 1500) || len(preApproveCalls(f)) != 2 {
		t.Fatalf("err %v after %d calls", err, len(preApproveCalls(f)))
	}
	count := map[marketplace.Outcome]int{}
	for _, r := range res {
		count[r.Outcome]++
	}
	if count[marketplace.OutcomeDone] != 20 || count[marketplace.OutcomeFailed] != 20 || count[marketplace.OutcomeSkipped] != 5 {
		t.Errorf("outcomes %v", count)
	}
	if res[44].Err != err || res[20].Err != err {
		t.Error("failed and skipped results do not carry the error")
	}
}

func TestPreApproveGroupsAndAll(t *testing.T) {
	f := directory(t, func(body map[string]any) (int, string) {
		b, _ := json.Marshal(map[string]any{"executed_at": "2025-08-01T09:30:00Z", "group_ids": body["group_ids"]})
		return 201, string(b)
	})
	c, _ := f.client()
	targets := []marketplace.Result{{Input: "Sales", ID: "g1", Name: "Sales", Outcome: marketplace.OutcomeResolved}}
	res, err := c.PreApprove(context.Background(), "app1", marketplace.ApproveGroups, targets)
	if err != nil || res[0].Outcome != marketplace.OutcomeDone {
		t.Fatalf("%v %v", res, err)
	}
	body := jsonBody(t, preApproveCalls(f)[0])
	if body["action"] != "approve_group" || !slices.Equal(ids(body, "group_ids"), []string{"g1"}) || body["user_ids"] != nil {
		t.Errorf("body %v", body)
	}
	for _, on := range []bool{true, false} {
		at, err := c.PreApproveAll(context.Background(), "app1", on)
		if err != nil || at.IsZero() {
			t.Fatalf("PreApproveAll(%v): %v %v", on, at, err)
		}
	}
	calls := preApproveCalls(f)
	if a, b := jsonBody(t, calls[1]), jsonBody(t, calls[2]); a["action"] != "approve_all" || b["action"] != "disapprove_all" || len(a) != 1 {
		t.Errorf("bodies %s / %s", calls[1].Body, calls[2].Body)
	}
	if _, err := c.PreApprove(context.Background(), "", marketplace.ApproveUsers, targets); err == nil {
		t.Error("an empty app ID was accepted")
	}
	if _, err := c.PreApprove(context.Background(), "app1", "approve_all", targets); err == nil {
		t.Error("approve_all was accepted as a per-target action")
	}
}

func TestResolveGroups(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("next_page_token") == "" {
			reply(w, 200, `{"next_page_token":"more","groups":[{"id":"g1","name":"Engineering","total_members":5},{"id":"g2","name":"Marketing","total_members":2}]}`)
			return
		}
		reply(w, 200, `{"next_page_token":"","groups":[{"id":"g3","name":"Marketing","total_members":4},{"id":"g4","name":"engineering","total_members":1},{"id":"g5","name":"Support"}]}`)
	})
	c, _ := f.client()
	res, err := c.ResolveGroups(context.Background(), []string{"Engineering", "support", "Marketing", "Nope", "engineering"})
	if !errors.Is(err, marketplace.ErrGroupNames) {
		t.Fatalf("err %v", err)
	}
	want := []marketplace.Outcome{marketplace.OutcomeResolved, marketplace.OutcomeResolved, marketplace.OutcomeAmbiguous,
		marketplace.OutcomeNotFound, marketplace.OutcomeResolved}
	if !reflect.DeepEqual(outcomes(res), want) {
		t.Fatalf("outcomes %v, want %v", outcomes(res), want)
	}
	if res[0].ID != "g1" || res[1].ID != "g5" || res[4].ID != "g4" {
		t.Errorf("exact match first, then case-insensitive: %+v", res)
	}
	if msg := res[2].Err.Error(); !strings.Contains(msg, "g2") || !strings.Contains(msg, "g3") || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("ambiguity %q / %v", msg, err)
	}
	if len(f.Calls()) != 2 {
		t.Errorf("groups listed %d times", len(f.Calls())-1)
	}
	ok, err := c.ResolveGroups(context.Background(), []string{"Support"})
	if err != nil || ok[0].Outcome != marketplace.OutcomeResolved {
		t.Errorf("%v %v", ok, err)
	}
}
