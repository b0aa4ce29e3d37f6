package cli

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// services are what a command starts on demand and the run closes when it
// ends: the store (opened once) and the in-process sandbox.
type services struct {
	mu sync.Mutex
	st *storage.Store
	// sandbox is the in-process sandbox, once started (cli/sandboxsvc.go).
	sandbox sandboxService
}

// store returns the Store (storage.Default unless a test injected one),
// created once. Creating it removes the temp files killed writes left
// (SweepTemps).
func (o *rootOptions) store() (*storage.Store, error) {
	s := &o.svc
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st != nil {
		return s.st, nil
	}
	st := o.hooks.store
	if st == nil {
		var err error
		if st, err = storage.Default(); err != nil {
			return nil, &ExitError{Code: ExitStorage, Err: fmt.Errorf("open zoomconnect's storage: %w; check the data directories with: zoomconnect doctor", err)}
		}
	}
	s.st = st
	st.SweepTemps()
	return st, nil
}

// httpClient returns an HTTP client whose every call has a timeout (dial,
// TLS handshake, response headers and overall).
func (o *rootOptions) httpClient() *http.Client {
	c := oauthflow.NewHTTPClient(oauthflow.DefaultHTTPTimeout)
	if o.hooks.wrapTransport != nil {
		c.Transport = o.hooks.wrapTransport(c.Transport)
	}
	return c
}

// manager returns a connection.Manager on the store. Under --sandbox, or
// when the selected profile was made under --sandbox, it starts the
// in-process sandbox first (reporting a failure): for commands that reach
// Zoom while holding the profile's lock (logout), or run the wizard. Other
// sandbox profiles start it on first use through the Endpoints hook.
func (o *rootOptions) manager() (*connection.Manager, error) {
	m, err := o.onDemandManager()
	if err != nil {
		return nil, err
	}
	if profileIsSandbox(m.Store, o.Profile) {
		if _, err := o.startSandbox(context.Background()); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// onDemandManager is manager for the commands whose requests to Zoom come,
// if at all, outside the profile's lock (token, refresh, status; connection
// resolves a profile's hosts before locking it): a sandbox profile starts
// the built-in sandbox only when a request to it is about to be made, so
// status --offline and token on a fresh token never start it. Only
// --sandbox starts it at once.
func (o *rootOptions) onDemandManager() (*connection.Manager, error) {
	st, err := o.store()
	if err != nil {
		return nil, err
	}
	if o.Sandbox {
		if _, err := o.startSandbox(context.Background()); err != nil {
			return nil, err
		}
	}
	hc := o.httpClient()
	return &connection.Manager{
		Store:      st,
		HTTPClient: hc,
		Now:        o.Now,
		Endpoints:  o.profileEndpoints,
		Client:     o.zoomClient(hc),
		T:          o.t,
	}, nil
}

// close stops what the run started (the sandbox, its lock and files).
func (o *rootOptions) close() {
	o.svc.sandbox.Close()
}
