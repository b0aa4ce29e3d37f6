package oauthflow_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// decideDevice opens the code's page with the sandbox's no-browser
// decision, as curl would.
func decideDevice(t *testing.T, dc *oauthflow.DeviceCode, decision string) {
	t.Helper()
	code, page, err := fakeBrowser(dc.URL() + "&" + sandbox.ApproveParam + "=" + decision)
	if err != nil || code != http.StatusOK {
		t.Fatalf("deciding the code: %d, %v\n%s", code, err, page)
	}
}

// The device sign-in against the sandbox's device scenario: a code to
// approve, then the tokens, for the confidential client (Basic header on
// the device request) and the public one; a denied code is KindDeclined.
func TestDeviceSignInAgainstTheSandbox(t *testing.T) {
	for _, c := range []struct {
		name     string
		public   bool
		decision string
	}{{"confidential", false, "allow"}, {"public", true, "allow"}, {"denied", false, "deny"}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := startSandbox(t, sandbox.ScenarioDevice)
			client := sandboxClient(srv, c.public)
			ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
			defer cancel()
			dc, err := client.DeviceAuth(ctx)
			if err != nil {
				t.Fatalf("DeviceAuth: %v", err)
			}
			if dc.UserCode == "" || !strings.HasPrefix(dc.VerificationURI, srv.URL) || !strings.Contains(dc.URL(), "user_code=") {
				t.Fatalf("code %v, URL %q", dc, dc.URL())
			}
			if strings.Contains(dc.String(), "device_code") || strings.Contains(dc.GoString(), dc.UserCode+"x") {
				t.Errorf("String shows more than it should: %s", dc)
			}
			decideDevice(t, dc, c.decision)
			res, err := client.DeviceToken(ctx, dc)
			if c.decision == "deny" {
				if oauthflow.KindOf(err) != oauthflow.KindDeclined {
					t.Fatalf("denied: %v, want KindDeclined", err)
				}
				return
			}
			if err != nil || res.Token.AccessToken == "" || len(res.Scopes) == 0 {
				t.Fatalf("DeviceToken: %+v, %v", res, err)
			}
		})
	}
}

// An app without the device grant: whatever 4xx Zoom answers (the sandbox
// outside its device scenario, or a bare 404, 401, 403), the error is
// KindDeviceUnavailable and explains the browser flow; a 5xx is Zoom's
// trouble, not the app's.
func TestDeviceUnavailable(t *testing.T) {
	srv := startSandbox(t, sandbox.ScenarioApprove)
	_, err := sandboxClient(srv, false).DeviceAuth(t.Context())
	if oauthflow.KindOf(err) != oauthflow.KindDeviceUnavailable {
		t.Fatalf("sandbox without the grant: %v", err)
	}
	ex := oauthflow.Explain(err)
	if ex.Key != "kind:device_unavailable" || !strings.Contains(ex.User, "without `--device`") {
		t.Errorf("explained as %q: %q", ex.Key, ex.User)
	}
	for status, want := range map[int]oauthflow.Kind{
		http.StatusNotFound: oauthflow.KindDeviceUnavailable, http.StatusUnauthorized: oauthflow.KindDeviceUnavailable,
		http.StatusForbidden: oauthflow.KindDeviceUnavailable, http.StatusBadGateway: oauthflow.KindServer,
		http.StatusTooManyRequests: oauthflow.KindRateLimited,
	} {
		z := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != oauthflow.DeviceAuthPath {
				t.Errorf("device request to %s", r.URL.Path)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(`{"reason":"nope","error":"invalid_request"}`))
		}))
		c := &oauthflow.Client{App: oauthflow.App{ClientID: "C1234567890", Endpoints: oauthflow.Endpoints{AuthBaseURL: z.URL, APIBaseURL: z.URL}}}
		_, err := c.DeviceAuth(t.Context())
		if got := oauthflow.KindOf(err); got != want {
			t.Errorf("HTTP %d: %v (%s), want %s", status, err, got, want)
		}
		z.Close()
	}
}

// A code nobody approves in time: expired_token (or the code's expiry
// passing) is KindTimeout, explained as an expired code.
func TestDeviceCodeExpires(t *testing.T) {
	z := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == oauthflow.DeviceAuthPath {
			_, _ = w.Write([]byte(`{"device_code":"dev","user_code":"ABCD-EFGH","verification_uri":"https://zoom.example/activate","expires_in":900,"interval":1}`))
			return
		}
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"expired_token","error_description":"The device code has expired."}`))
	}))
	defer z.Close()
	c := &oauthflow.Client{App: oauthflow.App{ClientID: "C1234567890", Endpoints: oauthflow.Endpoints{AuthBaseURL: z.URL, APIBaseURL: z.URL}}}
	dc, err := c.DeviceAuth(t.Context())
	if err != nil || dc.URL() != "https://zoom.example/activate" {
		t.Fatalf("DeviceAuth: %v, %v", dc, err)
	}
	_, err = c.DeviceToken(t.Context(), dc)
	if oauthflow.KindOf(err) != oauthflow.KindTimeout || oauthflow.Explain(err).Key != "device:expired_token" {
		t.Fatalf("expired: %v (%s)", err, oauthflow.Explain(err).Key)
	}
	var oe *oauthflow.Error
	if !errors.As(err, &oe) || strings.Contains(oe.Error(), "dev\"") {
		t.Errorf("error %v", err)
	}
}
