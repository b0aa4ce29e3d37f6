package sandbox_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// A Browser that approves lands on the loopback callback with a code; one
// set not to approve only records the URL.
func TestBrowserApprovesOrOnlyRecords(t *testing.T) {
	srv := start(t, sandbox.Options{})
	var hits atomic.Int32
	cb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("code") != "" {
			hits.Add(1)
		}
	}))
	t.Cleanup(cb.Close)
	authURL := srv.URL + "/oauth/authorize?" + url.Values{
		"response_type": {"code"}, "client_id": {sandbox.DemoClientID}, "state": {"s1"},
		"redirect_uri": {cb.URL + "/callback"}, "code_challenge": {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
		"code_challenge_method": {"S256"},
	}.Encode()
	b := srv.NewBrowser(true)
	if err := b.Open(authURL); err != nil {
		t.Fatal(err)
	}
	b.Wait()
	if hits.Load() != 1 {
		t.Fatalf("callback hit %d times, want 1", hits.Load())
	}
	b.SetApprove(false)
	if err := b.Open(authURL); err != nil {
		t.Fatal(err)
	}
	b.Wait()
	if hits.Load() != 1 || len(b.Opened()) != 2 {
		t.Fatalf("an idle browser approved (hits %d) or did not record (%d opened)", hits.Load(), len(b.Opened()))
	}
}
