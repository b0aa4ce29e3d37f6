package oauthflow

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestResponseErrorReadsAndRedacts(t *testing.T) {
	h := http.Header{"X-Zm-Trackingid": {"v=2.0;rid=T1"}, "Retry-After": {"5"}}
	body := []byte(`{"code":4711,"message":"Invalid access token, does not contain scopes:[group:read:list_groups:admin]. tok-secret-1"}`)
	e := ResponseError("list groups", 400, h, body, time.Now(), "tok-secret-1")
	if e.Code != 4711 || e.Kind != KindMissingScopes || e.TrackingID != "v=2.0;rid=T1" || e.RetryAfter != 5*time.Second ||
		len(e.MissingScopes) != 1 || e.MissingScopes[0] != "group:read:list_groups:admin" || e.Op != "list groups" {
		t.Fatalf("%+v", e)
	}
	if strings.Contains(e.Reason, "tok-secret-1") || !strings.Contains(e.Reason, "[redacted]") {
		t.Errorf("Reason %q", e.Reason)
	}
}

func TestCallErrorClassifies(t *testing.T) {
	re := &oauth2.RetrieveError{Response: &http.Response{StatusCode: 401},
		Body: []byte(`{"reason":"Invalid client_id or client_secret sec-XYZ-1","error":"invalid_client"}`)}
	e := CallError(context.Background(), "token", fmt.Errorf("fetch: %w", re), time.Now(), "sec-XYZ-1")
	if e.Kind != KindInvalidClient || e.ErrorCode != "invalid_client" || strings.Contains(e.Error(), "sec-XYZ-1") {
		t.Fatalf("%+v / %s", e, e)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if e := CallError(ctx, "x", context.Canceled, time.Now()); e.Kind != KindCanceled {
		t.Errorf("canceled: %s", e.Kind)
	}
}

func TestRetryWait(t *testing.T) {
	if d, ok := RetryWait(0, 7*time.Second, 0); d != 7*time.Second || !ok {
		t.Errorf("Retry-After 7s: %v %v", d, ok)
	}
	if _, ok := RetryWait(0, time.Minute, 30*time.Second); ok {
		t.Error("a Retry-After over the cap was accepted")
	}
	for attempt := range 20 {
		if d, ok := RetryWait(attempt, 0, 10*time.Second); !ok || d <= 0 || d > 10*time.Second {
			t.Errorf("backoff %d: %v %v", attempt, d, ok)
		}
	}
	for _, k := range Kinds() {
		want := k == KindRateLimited || k == KindServer || k == KindNetwork
		if k.Retryable() != want {
			t.Errorf("%s.Retryable() = %v", k, !want)
		}
	}
}

// keyed is an error of another client that names its table row and wraps
// the *Error it was read from.
type keyed struct {
	key string
	err error
}

func (k *keyed) Error() string { return "other client: " + k.err.Error() }
func (k *keyed) Key() string   { return k.key }
func (k *keyed) Unwrap() error { return k.err }

func TestExplainPrefersTheOutermostKeyedError(t *testing.T) {
	inner := &Error{Kind: KindMissingScopes, Op: "pre-approve", Code: 4711, Reason: "does not contain scopes:[a:b:admin]",
		TrackingID: "T9", MissingScopes: []string{"a:b:admin"}}
	err := fmt.Errorf("cli: %w", &keyed{key: "marketplace:4711", err: inner})
	ex := Explain(err)
	if ex.Key != "marketplace:4711" || ex.TrackingID != "T9" || !strings.Contains(ex.User, "a:b:admin") {
		t.Fatalf("Explain = %+v", ex)
	}
	if ex := Explain(&keyed{key: "no such key", err: inner}); ex.Key != "kind:missing_scopes" {
		t.Errorf("unknown key falls back to the Kind: %s", ex.Key)
	}
	if ex := Explain(&keyed{key: "marketplace:1500", err: errors.New("plain")}); ex.Key != "marketplace:1500" || ex.Title == "" {
		t.Errorf("a keyed error with no *Error: %+v", ex)
	}
	if ex := Explain(inner); ex.Key != "api:4711" {
		t.Errorf("a plain *Error: %s", ex.Key)
	}
}
