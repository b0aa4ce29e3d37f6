package sandbox

import (
	"io"
	"net/http"
	"sync"
	"time"
)

// Browser stands in for a person's browser in tests and demos. Open records
// each authorize URL it is given and, while it approves, clicks Allow in the
// background: it fetches the URL's ApproveURL and follows the redirect to
// the loopback callback, as a real browser would.
type Browser struct {
	srv     *Server
	wg      sync.WaitGroup
	mu      sync.Mutex
	approve bool
	opened  []string
}

// NewBrowser returns a Browser for s; approve false makes a browser nobody
// looks at (it only records the URLs).
func (s *Server) NewBrowser(approve bool) *Browser {
	return &Browser{srv: s, approve: approve}
}

// Open records u and, while the browser approves, approves it in the
// background. Its signature fits steps.Env.OpenURL.
func (b *Browser) Open(u string) error {
	b.mu.Lock()
	b.opened = append(b.opened, u)
	approve := b.approve
	b.mu.Unlock()
	if !approve {
		return nil
	}
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		c := &http.Client{Timeout: 10 * time.Second}
		if resp, err := c.Get(b.srv.ApproveURL(u)); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}()
	return nil
}

// SetApprove changes whether later URLs are approved.
func (b *Browser) SetApprove(approve bool) {
	b.mu.Lock()
	b.approve = approve
	b.mu.Unlock()
}

// Opened returns the URLs opened so far, oldest first.
func (b *Browser) Opened() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.opened...)
}

// Wait waits for the approvals in flight to finish.
func (b *Browser) Wait() { b.wg.Wait() }
