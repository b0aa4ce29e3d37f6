package oauthflow

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// RFC 7636 Appendix B: the 32 random octets, the verifier they encode to,
// and its S256 challenge. (A verifier sometimes quoted with this challenge,
// "dBjftJeZ4CVP-mJ92K9BjLrWZUAWakHdpDEqBP5M4jU", is a corrupted copy: it
// hashes to W6OM6i1F..., and it is not the encoding of these octets.)
var rfcOctets = []byte{116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
	22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121}

const (
	rfcVerifier  = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	rfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
)

// Checklist item 2: every attempt gets a fresh verifier in RFC 7636's
// charset and length, and no two repeat.
func TestVerifiersAreFreshAndWellFormed(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z0-9._~-]{43,128}$`)
	seen := make(map[string]bool, 10000)
	for range 10000 {
		v := newVerifier()
		if !re.MatchString(v) {
			t.Fatalf("verifier %d chars outside RFC 7636 §4.1", len(v))
		}
		if seen[v] {
			t.Fatal("a verifier repeated")
		}
		seen[v] = true
	}
	fz := newFakeZoom(t)
	a, b := startFlow(t, fz, true, 0), startFlow(t, fz, true, 0)
	if a.verifier == b.verifier || !re.MatchString(a.verifier) {
		t.Fatal("two attempts share a verifier, or Start does not use newVerifier")
	}
}

// Checklist item 2 (and 1): the authorize URL carries base64url(sha256(v))
// with method S256, checked against the RFC 7636 Appendix B vector, and
// never the verifier.
func TestAuthorizeURLCarriesRFC7636Challenge(t *testing.T) {
	if base64.RawURLEncoding.EncodeToString(rfcOctets) != rfcVerifier {
		t.Fatal("the test vector is miscopied: the verifier is not base64url of the RFC's octets")
	}
	c := &Client{App: App{ClientID: testClientID}}
	raw := authCodeURL(c.OAuth2Config(RedirectURLFor(1234)), "STATE", rfcVerifier)
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("code_challenge") != rfcChallenge || q.Get("code_challenge_method") != "S256" {
		t.Fatalf("challenge %q method %q, want the RFC 7636 Appendix B values",
			q.Get("code_challenge"), q.Get("code_challenge_method"))
	}
	if strings.Contains(raw, rfcVerifier) || q.Has("code_verifier") {
		t.Fatalf("verifier in the authorize URL %s", raw)
	}
}

// captureLogs sends the standard logger and slog's default to a buffer for
// the rest of the test. Tests of this package do not run in parallel.
func captureLogs(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	prevOut, prevFlags, prevSlog := log.Writer(), log.Flags(), slog.Default()
	log.SetOutput(&buf)
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { log.SetOutput(prevOut); log.SetFlags(prevFlags); slog.SetDefault(prevSlog) })
	return &buf
}

// echoVerifier answers /token with 400 and puts the code_verifier it got
// into every field Zoom could fill: reason, error, description, tracking ID.
func echoVerifier(w http.ResponseWriter, r *http.Request, _ int) {
	v := r.PostForm.Get("code_verifier")
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Zm-Trackingid", "rid="+v)
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(map[string]string{"reason": "bad verifier " + v,
		"error": "invalid_" + v, "error_description": "verifier " + v + " rejected"})
}

// Checklist item 2: across a full flow, success and failure, the verifier
// reaches /token (and only there): not the authorize URL, the browser
// pages, the error, its explanation, printed values or any log output.
func TestVerifierNeverLeaksInAFullFlow(t *testing.T) {
	logs := captureLogs(t)
	for _, fail := range []bool{false, true} {
		fz := newFakeZoom(t)
		if fail {
			fz.tokenReply = echoVerifier
		}
		s := startFlow(t, fz, true, 0)
		_, page, hdr := get(t, browser(t), s.AuthURL, nil)
		res, err := s.Wait(context.Background())
		if fail == (err == nil) {
			t.Fatalf("fail=%v: err %v", fail, err)
		}
		if got := fz.lastTokenReq().Form.Get("code_verifier"); got != s.verifier {
			t.Fatalf("token request carried verifier %q, not this session's", got)
		}
		ex, _ := json.Marshal(Explain(err))
		out := strings.Join([]string{s.AuthURL, page, fmt.Sprint(hdr), fmt.Sprintf("%v %+v %#v", s, s, res),
			fmt.Sprintf("%v %+v", err, err), string(ex), logs.String()}, "\n")
		if strings.Contains(out, s.verifier) {
			t.Fatalf("fail=%v: the verifier leaked:\n%s", fail, out)
		}
	}
}
