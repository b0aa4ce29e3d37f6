package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// A profile's state follows its records, with the command that fixes it:
// a logout left incomplete wins over a recorded reconnect.
func TestProfileOfStates(t *testing.T) {
	li := &storage.LogoutIncomplete{At: time.Now(), Where: "system keyring"}
	for _, tc := range []struct {
		p         storage.Profile
		state     State
		fix, auth string
	}{
		{storage.Profile{Name: "work"}, StateOK, "", "org_app"},
		{storage.Profile{Name: "me", AuthType: storage.AuthOwnApp, ReconnectReason: "4741"}, StateReconnectNeeded, "zoomconnect login --profile me", "own_app"},
		{storage.Profile{Name: "x", ReconnectReason: "4741", LogoutIncomplete: li}, StateLogoutIncomplete, "zoomconnect logout --profile x", "org_app"},
		{storage.Profile{Name: "demo", AuthBaseURL: storage.SandboxMarker, APIBaseURL: storage.SandboxMarker, ReconnectReason: "4741"},
			StateReconnectNeeded, "zoomconnect login --sandbox --profile demo", "org_app"},
	} {
		got := ProfileOf(&tc.p, "work", "loc", "host")
		if got.State != tc.state || got.FixCommand != tc.fix || string(got.AuthType) != tc.auth || got.Default != (tc.p.Name == "work") {
			t.Errorf("%s: state %s fix %q auth %s default %v", tc.p.Name, got.State, got.FixCommand, got.AuthType, got.Default)
		}
		if got.Sandbox != tc.p.IsSandbox() || got.Secrets.Backend != "keyring" || got.Secrets.Location != "loc" {
			t.Errorf("%s: sandbox %v secrets %+v", tc.p.Name, got.Sandbox, got.Secrets)
		}
	}
	file := ProfileOf(&storage.Profile{Name: "f", SecretBackend: storage.BackendFile}, "", "/p", "")
	if file.Secrets.Backend != "file" {
		t.Errorf("file backend: %+v", file.Secrets)
	}
}

// Times are UTC; the age is counted on the report's clock; the commands
// resume or discard the attempt of that profile.
func TestPendingOf(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	created := time.Date(2026, 12, 2, 10, 0, 0, 0, paris)
	got := PendingOf(storage.Pending{Profile: "work", Stage: "preapproval", CreatedAt: created, ClientID: "cid"}, created.Add(90*time.Second))
	if got.AgeSeconds != 90 || got.CreatedAt.Location() != time.UTC || got.ResumeCommand != "zoomconnect login --profile work" ||
		got.DiscardCommand != "zoomconnect logout --profile work" || got.AuthType != AuthOrgApp {
		t.Errorf("%+v", got)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "request_sent_at") {
		t.Errorf("an unsent request has a time: %s", b)
	}
}

// ErrorOf says Zoom's code, status, words and tracking ID; the fix command
// is fitted to the profile; nil stays nil.
func TestErrorOf(t *testing.T) {
	if ErrorOf(nil, nil) != nil {
		t.Fatal("ErrorOf(nil) is not nil")
	}
	zerr := fmt.Errorf("refresh: %w", &oauthflow.Error{Kind: oauthflow.KindRevoked, Op: oauthflow.OpRefresh, Code: 4741,
		HTTPStatus: 400, Reason: "Token is invalid", TrackingID: "trk-1"})
	demo := &storage.Profile{Name: "demo", AuthBaseURL: storage.SandboxMarker, APIBaseURL: storage.SandboxMarker}
	e := ErrorOf(zerr, demo)
	if e.Code != 4741 || e.HTTPStatus != 400 || e.Message != "Token is invalid" || e.TrackingID != "trk-1" || e.Kind != string(oauthflow.KindRevoked) || e.Key == "" {
		t.Errorf("%+v", e)
	}
	if !strings.Contains(e.Command, "--sandbox") || !strings.Contains(e.Command, "demo") {
		t.Errorf("the fix command is not fitted to the sandbox profile: %q", e.Command)
	}
	me := ErrorOf(&marketplace.Error{Call: "approve", HTTPStatus: 403, Code: 4711, Message: "Invalid access token, does not contain scopes", TrackingID: "trk-2",
		MissingScopes: []string{"marketplace:update:request"}}, nil)
	if me.Code != 4711 || me.HTTPStatus != 403 || me.TrackingID != "trk-2" || len(me.MissingScopes) != 1 || !strings.Contains(me.Message, "scopes") {
		t.Errorf("%+v", me)
	}
	plain := ErrorOf(errors.New("disk full"), nil)
	if plain.Message != "disk full" || plain.Code != 0 {
		t.Errorf("%+v", plain)
	}
	f := FailureOf(zerr, nil)
	if f.Schema != Version || f.OK || f.Error == nil {
		t.Errorf("%+v", f)
	}
}
