package oauthflow

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
)

func TestErrorTableEntriesAreComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, ex := range ErrorTable() {
		if ex.Key == "" || strings.TrimSpace(ex.Title) == "" || strings.TrimSpace(ex.Cause) == "" || strings.TrimSpace(ex.User) == "" {
			t.Errorf("entry %q lacks title/cause/user text", ex.Key)
		}
		if seen[ex.Key] {
			t.Errorf("duplicate key %q", ex.Key)
		}
		seen[ex.Key] = true
		if ex.Command != "" && !strings.HasPrefix(ex.Command, "zoomconnect ") {
			t.Errorf("%s: command %q is not a zoomconnect command", ex.Key, ex.Command)
		}
		known := strings.NewReplacer("{profile}", "", "{scopes}", "", "{retry_after}", "")
		for _, text := range []string{ex.Title, ex.Cause, ex.User, ex.Admin, ex.Command} {
			if strings.ContainsAny(known.Replace(text), "{}") {
				t.Errorf("%s: unknown placeholder in %q", ex.Key, text)
			}
		}
	}
	var required []string
	for _, k := range Kinds() {
		required = append(required, "kind:"+string(k))
	}
	for _, c := range []int{4700, 4702, 4704, 4705, 4706, 4709, 4711, 4717, 4733, 4734, 4735, 4737, 4738, 4740, 4741} {
		required = append(required, fmt.Sprintf("oauth:%d", c))
	}
	required = append(required, "token:invalid_grant", "token:invalid_client", "token:unsupported_grant_type",
		"api:124", "api:124:expired", "api:124:query", "api:4711", "http:429",
		"callback:access_denied", "callback:invalid_request", "callback:unauthorized_client",
		"callback:unsupported_response_type", "callback:invalid_scope", "callback:server_error",
		"callback:temporarily_unavailable", "preapproval:required", "preapproval:admin_app",
		"preapproval:private_app", "preapproval:dev_credentials")
	for _, k := range required {
		if !seen[k] {
			t.Errorf("no table entry for %s", k)
		}
	}
}

func TestReconnectFlagsMatchKinds(t *testing.T) {
	for _, k := range Kinds() {
		ex, _ := ExplanationFor("kind:" + string(k))
		if ex.Reconnect != k.reconnect() {
			t.Errorf("kind:%s reconnect flag %v, kind says %v", k, ex.Reconnect, k.reconnect())
		}
		if ex.Reconnect && !ex.Preapproval && !strings.Contains(ex.Command, "login") {
			t.Errorf("kind:%s needs reconnect but command is %q", k, ex.Command)
		}
	}
	for _, key := range []string{"oauth:4738", "preapproval:required", "preapproval:admin_app", "kind:disabled_by_admin"} {
		if ex, _ := ExplanationFor(key); !ex.Preapproval {
			t.Errorf("%s does not lead to pre-approval", key)
		}
	}
}

func TestExplainFallbacks(t *testing.T) {
	cases := map[string]struct {
		err error
		key string
	}{
		"plain":         {errors.New("boom"), "kind:unknown"},
		"canceled":      {fmt.Errorf("x: %w", context.Canceled), "kind:canceled"},
		"deadline":      {context.DeadlineExceeded, "kind:timeout"},
		"net":           {&net.OpError{Op: "dial", Err: errors.New("refused")}, "kind:network"},
		"unknown code":  {&Error{Kind: KindServer, Op: OpMe, Code: 9999}, "kind:server"},
		"unknown kind":  {&Error{Kind: Kind("brand_new")}, "kind:unknown"},
		"callback kind": {&Error{Kind: KindCallbackError, Op: OpAuthorize, ErrorCode: "weird_error"}, "kind:callback_error"},
		"wrapped":       {fmt.Errorf("save: %w", &Error{Kind: KindRevoked, Code: 4741, Op: OpRefresh}), "oauth:4741"},
	}
	for name, tc := range cases {
		if got := Explain(tc.err).Key; got != tc.key {
			t.Errorf("%s: key %q, want %q", name, got, tc.key)
		}
	}
	if Explain(nil).Key != "" {
		t.Error("nil error has an explanation")
	}
	if _, ok := ExplanationFor("no:such"); ok {
		t.Error("unknown key found")
	}
}

func TestExplainFillsDetails(t *testing.T) {
	err := &Error{Kind: KindMissingScopes, Op: OpMe, Code: 4711, TrackingID: "TID",
		Reason: "Invalid access token, does not contain scopes:[a:b, c:d].", MissingScopes: []string{"a:b", "c:d"}}
	ex := Explain(err).WithProfile("work")
	if ex.Key != "api:4711" || !strings.Contains(ex.Plain().Cause, "a:b or c:d") || ex.TrackingID != "TID" {
		t.Fatalf("%+v", ex)
	}
	if ex.Command != "zoomconnect login --profile work" {
		t.Fatalf("command %q", ex.Command)
	}
	if d, _ := ExplanationFor("kind:invalid_grant"); d.WithProfile("").Command != "zoomconnect login --profile default" {
		t.Fatalf("default profile: %q", d.WithProfile("").Command)
	}
	rl := Explain(&Error{Kind: KindRateLimited, HTTPStatus: 429, RetryAfter: 90 * time.Second})
	if !strings.Contains(rl.User, "2\u00a0min") || strings.Contains(rl.User, "RetryAfter") {
		t.Fatalf("rate limit text %q", rl.User)
	}
	for _, ex := range ErrorTable() {
		filled, _ := ExplanationFor(ex.Key)
		all := filled.WithProfile("p").Title + filled.WithProfile("p").Cause + filled.WithProfile("p").User +
			filled.WithProfile("p").Admin + filled.WithProfile("p").Command
		if strings.ContainsAny(all, "{}") {
			t.Errorf("%s keeps a placeholder: %q", ex.Key, all)
		}
	}
}

// TestExplanationIn: the same explanation in French, with the scopes and
// the wait filled in in French; the facts (key, command, flags) do not
// change with the language.
func TestExplanationIn(t *testing.T) {
	fr := i18n.New(i18n.French)
	rl := Explain(&Error{Kind: KindRateLimited, HTTPStatus: 429, RetryAfter: 90 * time.Second})
	if got := rl.In(fr).User; got != "Attendez 2\u00a0min et réessayez." {
		t.Errorf("French rate limit: %q", got)
	}
	if got := rl.In(fr).In(nil).User; got != rl.User {
		t.Errorf("back in English: %q, want %q", got, rl.User)
	}
	ms := Explain(&Error{Kind: KindMissingScopes, Op: OpMe, Code: 4711, MissingScopes: []string{"a:b", "c`d"}}).In(fr)
	if !strings.Contains(ms.Cause, "`a:b` ou `c'd`") {
		t.Errorf("French scopes, cleaned of markup: %q", ms.Cause)
	}
	en, _ := ExplanationFor("oauth:4738")
	x := en.In(fr)
	if x.Key != en.Key || x.Command != en.Command || x.Preapproval != en.Preapproval || x.Reconnect != en.Reconnect {
		t.Errorf("facts changed with the language: %+v vs %+v", x, en)
	}
	if x.Title == en.Title || !strings.Contains(x.Admin, "Gérer → Autorisations") {
		t.Errorf("not French: %+v", x)
	}
	if none := (Explanation{Key: "no:such", Title: "kept"}).In(fr); none.Title != "kept" {
		t.Errorf("an unknown key lost its words: %+v", none)
	}
}
