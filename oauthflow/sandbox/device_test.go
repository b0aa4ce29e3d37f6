package sandbox_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// deviceCode asks for a code as the public client.
func deviceCode(t *testing.T, s *sandbox.Server) result {
	t.Helper()
	return post(t, s.URL+"/oauth/devicecode", url.Values{"client_id": {sandbox.DemoPublicClientID}}, "", "")
}

// poll asks the token endpoint for a device code's tokens.
func poll(t *testing.T, s *sandbox.Server, code string) result {
	t.Helper()
	return post(t, s.URL+"/oauth/token", url.Values{"grant_type": {sandbox.DeviceGrantType}, "device_code": {code},
		"client_id": {sandbox.DemoPublicClientID}}, "", "")
}

// The device scenario: a code and its page; polls answer pending, then
// slow_down when too fast; the page's Allow gives the tokens, once.
func TestDeviceScenario(t *testing.T) {
	clk := newClock()
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioDevice, Now: clk.Now})
	r := deviceCode(t, s)
	code, user := r.str("device_code"), r.str("user_code")
	if r.status != http.StatusOK || code == "" || len(user) != 9 || r.str("verification_uri") != s.DeviceURL() ||
		r.str("verification_uri_complete") != s.DeviceURL()+"?user_code="+user || r.body["interval"] != 1.0 {
		t.Fatalf("device code: %d %s", r.status, r.raw)
	}
	if strings.Contains(s.DeviceURL(), code) {
		t.Fatal("the device code is in the page's address")
	}
	if p := poll(t, s, code); p.str("error") != "authorization_pending" {
		t.Fatalf("first poll: %s", p.raw)
	}
	if p := poll(t, s, code); p.str("error") != "slow_down" {
		t.Fatalf("second poll at once: %s", p.raw)
	}
	resp, page := get(t, s.DeviceURL()+"?user_code="+strings.ToLower(strings.ReplaceAll(user, "-", "")))
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `value="`+user+`"`) || !strings.Contains(page, `action="/oauth/device/decision"`) {
		t.Fatalf("device page %d:\n%s", resp.StatusCode, page)
	}
	d := post(t, s.URL+"/oauth/device/decision", url.Values{"user_code": {user}, "decision": {"allow"}}, "", "")
	if d.status != http.StatusOK || !strings.Contains(d.raw, `id="device-allowed"`) {
		t.Fatalf("allow: %d %s", d.status, d.raw)
	}
	clk.Add(sandbox.DeviceInterval)
	tok := poll(t, s, code)
	if tok.status != http.StatusOK || tok.str("access_token") == "" || tok.str("refresh_token") == "" {
		t.Fatalf("tokens: %d %s", tok.status, tok.raw)
	}
	if me(t, s, tok.str("access_token")).status != http.StatusOK {
		t.Error("the device sign-in's token does not work")
	}
	clk.Add(sandbox.DeviceInterval)
	wantJSON(t, poll(t, s, code), 400, `{"reason":"Invalid device code.","error":"invalid_grant"}`)
	if again := post(t, s.URL+"/oauth/device/decision", url.Values{"user_code": {user}, "decision": {"allow"}}, "", ""); again.status != http.StatusBadRequest {
		t.Errorf("a used code was approved again: %d", again.status)
	}
}

// Denied and expired codes; the no-browser decision parameter; a code
// of another client.
func TestDeviceDeniedExpiredAndForeign(t *testing.T) {
	clk := newClock()
	s := start(t, sandbox.Options{Scenario: sandbox.ScenarioDevice, Now: clk.Now})
	r := deviceCode(t, s)
	resp, page := get(t, r.str("verification_uri_complete")+"&"+sandbox.ApproveParam+"=deny")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `id="device-denied"`) {
		t.Fatalf("deny: %d\n%s", resp.StatusCode, page)
	}
	wantJSON(t, poll(t, s, r.str("device_code")), 400, `{"reason":"The user denied the authorization request.","error":"access_denied"}`)
	late := deviceCode(t, s)
	clk.Add(sandbox.DeviceCodeTTL + time.Second)
	if p := poll(t, s, late.str("device_code")); p.str("error") != "expired_token" {
		t.Fatalf("expired: %s", p.raw)
	}
	mine := deviceCode(t, s)
	other := post(t, s.URL+"/oauth/token", url.Values{"grant_type": {sandbox.DeviceGrantType}, "device_code": {mine.str("device_code")}},
		sandbox.DemoClientID, sandbox.DemoClientSecret)
	if other.str("error") != "invalid_grant" {
		t.Errorf("another client's poll: %s", other.raw)
	}
}

// Outside the device scenario the app has no device grant: a 400; an
// unknown client is refused first.
func TestDeviceGrantOnlyInItsScenario(t *testing.T) {
	s := start(t, sandbox.Options{})
	wantJSON(t, deviceCode(t, s), 400, `{"reason":"The device authorization grant is not enabled for this app.","error":"unauthorized_client"}`)
	r := post(t, s.URL+"/oauth/devicecode", url.Values{"client_id": {"nobody"}}, "", "")
	if r.str("error") != "invalid_client" {
		t.Errorf("unknown client: %s", r.raw)
	}
}
