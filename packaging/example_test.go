// Package packaging holds what the packages ship besides the binary
// (.goreleaser.yaml and .ci/package use it); this test keeps the example
// organization app file loadable.
package packaging

import (
	"testing"

	"github.com/zoomconnect/zoomconnect/storage"
)

// The example that packages install as /etc/xdg/zoomconnect/app.json.example
// is a valid app file once an admin copies it to app.json.
func TestExampleAppFileLoads(t *testing.T) {
	app, err := storage.LoadOrgApp("app.json.example")
	if err != nil {
		t.Fatalf("the example does not load as an organization app file: %v", err)
	}
	if app.Name == "" || app.ClientID == "" || app.AdminContact == "" {
		t.Errorf("the example should show name, client_id and admin_contact; got %+v", app)
	}
	if app.ClientSecret != "" {
		t.Error("the example must not suggest putting a client secret in a world-readable file")
	}
}
