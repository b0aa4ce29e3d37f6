// Package homes seeds zoomconnect homes for the bench tools through the
// product's own code: each profile is a real authorization against the
// built-in sandbox (on the home's sandbox state file, so later commands'
// in-process sandboxes know its tokens), recorded with steps.ProfileFor and
// steps.SecretsFor and saved by connection.Manager.Save in the system
// keyring, as the wizard saves it. Callers must make sure the keyring is a
// private one (see PrivateKeyring).
package homes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// KeyringEnv is set to "private" by the bench scripts once they run under
// .ci/with-keyring (a temporary gnome-keyring on a private D-Bus session).
const KeyringEnv = "ZOOMCONNECT_BENCH_KEYRING"

// PrivateKeyring returns nil when KeyringEnv says the session's keyring is
// the bench scripts' private one, else an error saying how to get one: a
// seed would otherwise write into the user's own keyring.
func PrivateKeyring() error {
	if os.Getenv(KeyringEnv) == "private" {
		return nil
	}
	return errors.New("refusing to write to this session's keyring, which may be yours; run through a bench script " +
		"(bench/compare, bench/all), which starts a private one with .ci/with-keyring and sets " + KeyringEnv + "=private")
}

// StoreAt is the Store the binary opens with XDG_*_HOME under home.
func StoreAt(home string) *storage.Store {
	return &storage.Store{
		ConfigDir: filepath.Join(home, "config", storage.AppDirName),
		DataDir:   filepath.Join(home, "data", storage.AppDirName),
		StateDir:  filepath.Join(home, "state", storage.AppDirName),
	}
}

// Add saves n sandbox profiles prefix-001..prefix-n in the keyring. They
// are authorized last to first: the sandbox keeps only the latest
// authorization of a user and app, so the default (prefix-001) is the one
// whose refresh token still works.
func Add(ctx context.Context, st *storage.Store, n int, prefix string) error {
	if err := os.MkdirAll(st.StateDir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", st.StateDir, err)
	}
	srv, err := sandbox.New(sandbox.Options{StateFile: filepath.Join(st.StateDir, "sandbox.json")})
	if err != nil {
		return fmt.Errorf("start the sandbox: %w", err)
	}
	defer srv.Close()
	m := &connection.Manager{Store: st, HTTPClient: oauthflow.NewHTTPClient(30 * time.Second)}
	creds := wizard.Creds{AuthType: storage.AuthOrgApp, AppName: sandbox.DemoAppName,
		App: oauthflow.App{ClientID: sandbox.DemoClientID, ClientSecret: sandbox.DemoClientSecret,
			Endpoints: oauthflow.Endpoints{AuthBaseURL: srv.URL, APIBaseURL: srv.URL}}}
	for i := n; i >= 1; i-- {
		name := fmt.Sprintf("%s-%03d", prefix, i)
		if err := connect(ctx, m, srv, creds, name); err != nil {
			return fmt.Errorf("profile %s: %w", name, err)
		}
	}
	if err := st.SetDefaultProfile(prefix + "-001"); err != nil {
		return fmt.Errorf("set the default profile: %w", err)
	}
	return nil
}

// connect authorizes once and saves the result as profile name, the way
// the wizard's identity screen records it (sandbox marker, keyring).
func connect(ctx context.Context, m *connection.Manager, srv *sandbox.Server, creds wizard.Creds, name string) error {
	cl := &oauthflow.Client{App: creds.App}
	res, err := authorize(ctx, cl, srv)
	if err != nil {
		return err
	}
	u, err := cl.Me(ctx, res.Token.AccessToken)
	if err != nil {
		return fmt.Errorf("users/me: %w", err)
	}
	cfg := &wizard.Config{Now: time.Now, Profile: name, Sandbox: &wizard.Sandbox{}, Endpoints: creds.App.Endpoints}
	p := wizard.ProfileFor(cfg, creds, res, u, storage.BackendKeyring)
	if err := m.Save(ctx, &p, storage.BackendKeyring, wizard.SecretsFor(creds, res)); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	return nil
}

// authorize runs the loopback flow and approves it as curl on the sandbox
// hint would.
func authorize(ctx context.Context, cl *oauthflow.Client, srv *sandbox.Server) (*oauthflow.Result, error) {
	f := &oauthflow.Flow{Client: cl, Timeout: time.Minute}
	sess, err := f.Start(ctx)
	if err != nil {
		return nil, fmt.Errorf("start the flow: %w", err)
	}
	defer sess.Close()
	errc := make(chan error, 1)
	go func() {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.ApproveURL(sess.AuthURL), nil)
		if err == nil {
			var resp *http.Response
			if resp, err = http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}
		errc <- err
	}()
	res, err := sess.Wait(ctx)
	if err != nil {
		return nil, fmt.Errorf("wait for the callback: %w", err)
	}
	if err := <-errc; err != nil {
		return nil, fmt.Errorf("approve: %w", err)
	}
	return res, nil
}

// Expire moves the access token's expiry (secrets and profile) a minute
// into the past, so the next `zoomconnect token` must refresh.
func Expire(ctx context.Context, st *storage.Store, name string) error {
	p, err := st.LoadProfile(name)
	if err != nil {
		return err
	}
	sec, err := st.LoadSecrets(ctx, p)
	if err != nil {
		return err
	}
	past := time.Now().Add(-time.Minute).UTC()
	sec.Expiry, p.AccessExpiry = past, past
	if err := st.SaveSecrets(ctx, p, p.SecretBackend, sec); err != nil {
		return err
	}
	return st.SaveProfile(p)
}
