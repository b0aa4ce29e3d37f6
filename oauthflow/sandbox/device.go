package sandbox

import (
	"crypto/rand"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The device sign-in (RFC 8628), served in ScenarioDevice only: every
// other scenario answers the device authorization request as Zoom would
// for an app without the grant (a 400), since Zoom enables it only for
// private apps, on request (zoom-oauth.md §1.1).
//
//	POST /oauth/devicecode          client auth as at the token endpoint: a code
//	GET  /oauth/device?user_code=   the page to approve the code (Allow, Deny);
//	                                ApproveParam decides with no page
//	POST /oauth/device/decision     the page's form
//	POST /oauth/token               grant_type=DeviceGrantType&device_code=...

// DeviceGrantType is the device code grant of the token endpoint.
const DeviceGrantType = "urn:ietf:params:oauth:grant-type:device_code"

// Device sign-in timings: codes last DeviceCodeTTL, as Zoom's (SK: 900 s),
// and may be polled every DeviceInterval (Zoom: 5 s; 1 s here, so a
// sandbox sign-in does not wait).
const (
	DeviceCodeTTL  = 15 * time.Minute
	DeviceInterval = time.Second
)

// msgNoDeviceGrant is what the sandbox answers, outside ScenarioDevice, to
// a device authorization request; Zoom's own words are not documented.
const msgNoDeviceGrant = "The device authorization grant is not enabled for this app."

// deviceRec is one device code, keyed by its hash.
type deviceRec struct {
	ClientID string    `json:"client_id"`
	UserCode string    `json:"user_code"`
	Scopes   []string  `json:"scopes"`
	UserID   string    `json:"user_id"`
	Expires  time.Time `json:"expires"`
	// Decision is "" until the person decides, then "allow" or "deny".
	Decision string    `json:"decision,omitempty"`
	LastPoll time.Time `json:"last_poll,omitzero"`
	Used     bool      `json:"used,omitempty"`
}

// deviceResponse is the device authorization response.
type deviceResponse struct {
	DeviceCode              string `json:"device_code"`
	UserCode                string `json:"user_code"`
	VerificationURI         string `json:"verification_uri"`
	VerificationURIComplete string `json:"verification_uri_complete"`
	ExpiresIn               int    `json:"expires_in"`
	Interval                int    `json:"interval"`
}

// DeviceURL is the page where a device code is approved.
func (s *Server) DeviceURL() string { return s.URL + "/oauth/device" }

// handleDeviceCode serves POST /oauth/devicecode.
func (s *Server) handleDeviceCode(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<14)
	if err := r.ParseForm(); err != nil {
		tokenErr("Invalid request body.", "invalid_request").write(w)
		return
	}
	client, ok := s.authClient(r)
	if !ok {
		tokenErr(msgInvalidClient, "invalid_client").write(w)
		return
	}
	if s.Scenario() != ScenarioDevice {
		tokenErr(msgNoDeviceGrant, "unauthorized_client").write(w)
		return
	}
	code, user := randomToken(), userCode()
	s.lock()
	if s.st.DeviceCodes == nil { // a state file from before the device sign-in
		s.st.DeviceCodes = map[string]*deviceRec{}
	}
	s.st.DeviceCodes[hashOf(code)] = &deviceRec{ClientID: client, UserCode: user, Scopes: s.st.Scenario.grantedScopes(),
		UserID: s.opts.User.ID, Expires: s.opts.Now().Add(DeviceCodeTTL)}
	err := s.saveLocked()
	s.unlock()
	if err != nil {
		saveFailed().write(w)
		return
	}
	reply{status: http.StatusOK, body: deviceResponse{
		DeviceCode: code, UserCode: user, VerificationURI: s.DeviceURL(),
		VerificationURIComplete: s.DeviceURL() + "?user_code=" + url.QueryEscape(user),
		ExpiresIn:               int(DeviceCodeTTL / time.Second), Interval: int(DeviceInterval / time.Second),
	}}.write(w)
}

// userCode is a code a person types: eight letters that cannot be read
// as one another (no I, O, 0 or 1), as XXXX-XXXX.
func userCode() string {
	const letters = "BCDFGHJKLMNPQRSTVWXZ"
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = letters[int(b[i])%len(letters)]
	}
	return string(b[:4]) + "-" + string(b[4:])
}

// handleDevicePage serves GET /oauth/device: the code's page, or with
// ApproveParam the decision at once.
func (s *Server) handleDevicePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	code := normUserCode(q.Get("user_code"))
	if d := q.Get(ApproveParam); d != "" {
		s.decideDevice(w, code, d)
		return
	}
	s.renderPage(w, http.StatusOK, page{Mode: "device", AppName: s.opts.AppName, Text: code,
		User: s.opts.User.DisplayName + " <" + s.opts.User.Email + ">"})
}

// handleDeviceDecision serves the device page's form.
func (s *Server) handleDeviceDecision(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<14)
	if err := r.ParseForm(); err != nil {
		s.renderPage(w, http.StatusBadRequest, page{Mode: "error", Title: s.t.T("sandboxpage.bad_request"), Text: s.t.T("sandboxpage.bad_form")})
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != s.URL {
		s.renderPage(w, http.StatusForbidden, page{Mode: "error", Title: s.t.T("sandboxpage.forbidden"), Text: s.t.T("sandboxpage.own_page")})
		return
	}
	s.decideDevice(w, normUserCode(r.PostForm.Get("user_code")), r.PostForm.Get("decision"))
}

// normUserCode is a typed code as the sandbox issues it: upper case, with
// its dash.
func normUserCode(v string) string {
	v = strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(v))
	if len(v) == 8 {
		return v[:4] + "-" + v[4:]
	}
	return v
}

// decideDevice records the person's decision on the live code code.
func (s *Server) decideDevice(w http.ResponseWriter, code, decision string) {
	if decision != "allow" && decision != "deny" {
		s.renderPage(w, http.StatusBadRequest, page{Mode: "error", Title: s.t.T("sandboxpage.unknown_decision"),
			Text: s.t.T("sandboxpage.choose", "Param", ApproveParam)})
		return
	}
	s.lock()
	s.stats.Consents++
	var rec *deviceRec
	for _, d := range s.st.DeviceCodes {
		if d.UserCode == code && d.Decision == "" && !d.Used && s.opts.Now().Before(d.Expires) {
			rec = d
		}
	}
	var err error
	if rec != nil {
		rec.Decision = decision
		err = s.saveLocked()
	}
	s.unlock()
	switch {
	case rec == nil:
		s.renderPage(w, http.StatusBadRequest, page{Mode: "error", Title: s.t.T("sandboxpage.device_unknown"),
			Text: s.t.T("sandboxpage.device_unknown_text")})
	case err != nil:
		s.renderPage(w, http.StatusInternalServerError, page{Mode: "error", Title: s.t.T("sandboxpage.error"), Text: s.t.T("sandboxpage.state_failed")})
	default:
		s.renderPage(w, http.StatusOK, page{Mode: "device_" + decision, AppName: s.opts.AppName})
	}
}

// deviceTokenLocked answers a poll for a device code: pending, slow_down
// (polled again within half the interval), denied, expired, or the
// tokens, once.
func (s *Server) deviceTokenLocked(form url.Values, client string) reply {
	rec := s.st.DeviceCodes[hashOf(form.Get("device_code"))]
	if rec == nil || rec.ClientID != client || rec.Used {
		return tokenErr("Invalid device code.", "invalid_grant")
	}
	now := s.opts.Now()
	last := rec.LastPoll
	rec.LastPoll = now
	var rep reply
	switch {
	case !now.Before(rec.Expires):
		rep = tokenErr("The device code has expired.", "expired_token")
	case rec.Decision == "deny":
		rec.Used = true
		rep = tokenErr("The user denied the authorization request.", "access_denied")
	case rec.Decision == "allow":
		rec.Used = true
		g := s.newGrantLocked(&codeRec{ClientID: rec.ClientID, Scopes: rec.Scopes, UserID: rec.UserID})
		s.stats.Exchanges++
		rep = *s.tokensLocked(g)
	case !last.IsZero() && now.Sub(last) < DeviceInterval/2:
		rep = tokenErr("Polling too fast; slow down.", "slow_down")
	default:
		rep = tokenErr("The user has not yet approved the device code.", "authorization_pending")
	}
	if err := s.saveLocked(); err != nil {
		return saveFailed()
	}
	return rep
}
