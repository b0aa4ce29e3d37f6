package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// BenchmarkStatusOffline measures start-to-exit of the built binary running
// `zoomconnect status --offline` on one saved connection.
func BenchmarkStatusOffline(b *testing.B) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	h := newHome(b)
	if err := connect(ctx, h, srv, "default"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		// Exit 1 is expected: status flags the plaintext secrets file.
		if r := h.run(ctx, nil, "status", "--offline"); r.code > 1 || !strings.Contains(r.stdout, "default") {
			b.Fatalf("status --offline: exit %d: %s%s", r.code, r.stdout, r.stderr)
		}
	}
}

// BenchmarkSandboxFlow measures one whole connection in process: loopback
// authorize → approve → callback → code exchange → users/me → save.
func BenchmarkSandboxFlow(b *testing.B) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	h := newHome(b)
	cl := &oauthflow.Client{App: oauthflow.App{ClientID: sandbox.DemoClientID, ClientSecret: sandbox.DemoClientSecret,
		Endpoints: oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}}}
	for b.Loop() {
		res, err := authorize(ctx, srv)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := cl.Me(ctx, res.Token.AccessToken); err != nil {
			b.Fatal(err)
		}
		if err := save(ctx, h, srv, "default", res); err != nil {
			b.Fatal(err)
		}
	}
}
