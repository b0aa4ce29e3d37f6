package sandbox

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Probe knows its sandbox by instance, and nothing else: another
// instance, another program, a host that is not loopback.
func TestProbe(t *testing.T) {
	srv, err := New(Options{Scenario: ScenarioDeny})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	sc, err := Probe(t.Context(), srv.URL, srv.Instance().ID)
	if err != nil || sc != ScenarioDeny {
		t.Fatalf("Probe = %q, %v", sc, err)
	}
	if _, err := Probe(t.Context(), srv.URL, "another"); !errors.Is(err, ErrNotThatSandbox) {
		t.Errorf("another instance: %v", err)
	}
	if _, err := Probe(t.Context(), srv.URL, ""); !errors.Is(err, ErrNotThatSandbox) {
		t.Errorf("an empty instance: %v", err)
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(`{"instance":"x"}`)) }))
	defer other.Close()
	if _, err := Probe(t.Context(), other.URL, "y"); !errors.Is(err, ErrNotThatSandbox) {
		t.Errorf("another program: %v", err)
	}
	if _, err := Probe(t.Context(), "http://example.com", srv.Instance().ID); !errors.Is(err, ErrNotThatSandbox) {
		t.Errorf("a host that is not loopback: %v", err)
	}
}
