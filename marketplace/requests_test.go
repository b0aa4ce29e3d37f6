package marketplace_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/marketplace"
)

// requestQueue answers an app's requests by status from lists, and PATCH
// with 204 No Content.
func requestQueue(t *testing.T, byStatus map[string][]string) *fakeZoom {
	return newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPatch {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		st := r.URL.Query().Get("status")
		var items []string
		for _, id := range byStatus[st] {
			items = append(items, fmt.Sprintf(`{"request_user_id":%q,"request_user_name":"Name %s","request_user_email":"%s@example.com","status":%q}`, id, id, id, st))
		}
		reply(w, 200, `{"next_page_token":"","requests":[`+strings.Join(items, ",")+`]}`)
	})
}

func patches(t *testing.T, f *fakeZoom) []map[string]any {
	var out []map[string]any
	for _, s := range f.Calls() {
		if s.Method == http.MethodPatch {
			if s.Path != "/v2/marketplace/apps/app1/requests" {
				t.Errorf("PATCH %s", s.Path)
			}
			out = append(out, jsonBody(t, s))
		}
	}
	return out
}

func TestApproveByEmail(t *testing.T) {
	f := requestQueue(t, map[string][]string{"pending": {"jill", "sam"}, "approved": {"old"}})
	c, _ := f.client()
	who := []string{"JILL@example.com", "old@example.com", "nobody@example.com", "jill@example.com", "sam"}
	res, err := c.UpdateRequests(context.Background(), "app1", marketplace.Approve, who)
	if err != nil {
		t.Fatal(err)
	}
	want := []marketplace.Outcome{marketplace.OutcomeDone, marketplace.OutcomeAlready, marketplace.OutcomeNotFound,
		marketplace.OutcomeDuplicate, marketplace.OutcomeDone}
	if !reflect.DeepEqual(outcomes(res), want) {
		t.Fatalf("outcomes %v, want %v", outcomes(res), want)
	}
	if res[0].ID != "jill" || res[0].Name != "Name jill" || res[4].Email != "sam@example.com" {
		t.Errorf("results %+v", res)
	}
	p := patches(t, f)
	if len(p) != 1 || p[0]["action"] != "approve" || !slices.Equal(ids(p[0], "request_user_ids"), []string{"jill", "sam"}) {
		t.Fatalf("PATCH bodies %v", p)
	}
}

func TestDeclineLooksUpRejected(t *testing.T) {
	f := requestQueue(t, map[string][]string{"pending": {"a"}, "approved": {"b"}, "rejected": {"c"}})
	c, _ := f.client()
	res, err := c.UpdateRequests(context.Background(), "app1", marketplace.Decline, []string{"b@example.com", "c@example.com"})
	if err != nil || !reflect.DeepEqual(outcomes(res), []marketplace.Outcome{marketplace.OutcomeNotFound, marketplace.OutcomeAlready}) {
		t.Fatalf("%v %v", outcomes(res), err)
	}
	if len(patches(t, f)) != 0 {
		t.Error("a PATCH was sent with nobody to decline")
	}
}

func TestApproveBatchesOfThirty(t *testing.T) {
	var pending []string
	for i := range 35 {
		pending = append(pending, fmt.Sprintf("u%02d", i))
	}
	f := requestQueue(t, map[string][]string{"pending": pending})
	c, _ := f.client()
	res, err := c.UpdateRequests(context.Background(), "app1", marketplace.Approve, pending)
	if err != nil {
		t.Fatal(err)
	}
	p := patches(t, f)
	if len(p) != 2 || len(ids(p[0], "request_user_ids")) != 30 || len(ids(p[1], "request_user_ids")) != 5 {
		t.Fatalf("%d PATCHes: %v", len(p), p)
	}
	for _, r := range res {
		if r.Outcome != marketplace.OutcomeDone {
			t.Fatalf("result %+v", r)
		}
	}
}

func TestApproveAllAndDeclineAll(t *testing.T) {
	f := requestQueue(t, map[string][]string{"pending": {"a", "b"}})
	c, _ := f.client()
	for _, action := range []marketplace.RequestAction{marketplace.ApproveAll, marketplace.DeclineAll} {
		res, err := c.UpdateRequests(context.Background(), "app1", action, nil)
		if err != nil || len(res) != 2 || res[1].Outcome != marketplace.OutcomeDone || res[1].ID != "b" {
			t.Fatalf("%s: %+v %v", action, res, err)
		}
	}
	p := patches(t, f)
	if len(p) != 2 || p[0]["action"] != "approve_all" || p[1]["action"] != "decline_all" || p[0]["request_user_ids"] != nil {
		t.Fatalf("PATCH bodies %v", p)
	}
	if _, err := c.UpdateRequests(context.Background(), "app1", marketplace.ApproveAll, []string{"a"}); err == nil {
		t.Error("approve_all with names was accepted")
	}
	if _, err := c.UpdateRequests(context.Background(), "app1", marketplace.Approve, nil); err == nil {
		t.Error("approve with nobody was accepted")
	}
}

func TestFailedPatchIsReportedPerPerson(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPatch {
			reply(w, 404, `{"code":1401,"message":"App ID does not exist: app1"}`)
			return
		}
		reply(w, 200, `{"requests":[{"request_user_id":"a","request_user_email":"a@example.com","status":"pending"}]}`)
	})
	c, _ := f.client()
	res, err := c.UpdateRequests(context.Background(), "app1", marketplace.Approve, []string{"a@example.com"})
	if !marketplace.IsCode(err, 1401) || res[0].Outcome != marketplace.OutcomeFailed || res[0].Err != err {
		t.Fatalf("%+v %v", res, err)
	}
}
