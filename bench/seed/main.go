// Command seed prepares zoomconnect homes for the bench scripts, through the
// product's own code: each profile is a real authorization against the
// built-in sandbox (on the home's sandbox state file, so later commands'
// in-process sandboxes know its tokens), recorded with steps.ProfileFor and
// steps.SecretsFor and saved by connection.Manager.Save in the system
// keyring, as the wizard saves it.
//
//	seed add    -home DIR -n N -prefix P   # N sandbox profiles P-001..P-N; P-001 is the default
//	seed expire -home DIR -profile NAME    # make NAME's access token expired (the next token refreshes)
//
// DIR gets the XDG layout the binary sees with XDG_CONFIG_HOME=DIR/config,
// XDG_DATA_HOME=DIR/data and XDG_STATE_HOME=DIR/state. The keyring is the
// one on the session bus, so seed refuses to run unless
// ZOOMCONNECT_BENCH_KEYRING=private says the bench scripts started it
// under .ci/with-keyring (a private, temporary gnome-keyring).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
)

const usage = `usage: seed add -home DIR -n N -prefix P
       seed expire -home DIR -profile NAME
Run by bench/compare inside .ci/with-keyring (ZOOMCONNECT_BENCH_KEYRING=private).`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	if os.Getenv("ZOOMCONNECT_BENCH_KEYRING") != "private" {
		return errors.New("refusing to write to this session's keyring, which may be yours; run through bench/compare, " +
			"which starts a private one with .ci/with-keyring and sets ZOOMCONNECT_BENCH_KEYRING=private")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	home := fs.String("home", "", "home directory (XDG dirs under it)")
	n := fs.Int("n", 1, "number of profiles (add)")
	prefix := fs.String("prefix", "p", "profile name prefix (add)")
	profile := fs.String("profile", "", "profile to expire (expire)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *home == "" {
		return errors.New(usage)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	st := storeAt(*home)
	switch args[0] {
	case "add":
		return add(ctx, st, *n, *prefix)
	case "expire":
		return expire(ctx, st, *profile)
	}
	return errors.New(usage)
}

// storeAt is the Store the binary opens with XDG_*_HOME under home.
func storeAt(home string) *storage.Store {
	return &storage.Store{
		ConfigDir: filepath.Join(home, "config", storage.AppDirName),
		DataDir:   filepath.Join(home, "data", storage.AppDirName),
		StateDir:  filepath.Join(home, "state", storage.AppDirName),
	}
}

// add saves n sandbox profiles prefix-001..prefix-n in the keyring. They
// are authorized last to first: the sandbox keeps only the latest
// authorization of a user and app, so the default (prefix-001) is the one
// whose refresh token still works.
func add(ctx context.Context, st *storage.Store, n int, prefix string) error {
	if err := os.MkdirAll(st.StateDir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", st.StateDir, err)
	}
	srv, err := sandbox.New(sandbox.Options{StateFile: filepath.Join(st.StateDir, "sandbox.json")})
	if err != nil {
		return fmt.Errorf("start the sandbox: %w", err)
	}
	defer srv.Close()
	m := &connection.Manager{Store: st, HTTPClient: oauthflow.NewHTTPClient(30 * time.Second)}
	creds := steps.CredentialsDoneMsg{AuthType: storage.AuthOrgApp, AppName: sandbox.DemoAppName,
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
func connect(ctx context.Context, m *connection.Manager, srv *sandbox.Server, creds steps.CredentialsDoneMsg, name string) error {
	cl := &oauthflow.Client{App: creds.App}
	res, err := authorize(ctx, cl, srv)
	if err != nil {
		return err
	}
	u, err := cl.Me(ctx, res.Token.AccessToken)
	if err != nil {
		return fmt.Errorf("users/me: %w", err)
	}
	env := &steps.Env{Now: time.Now, ProfileName: name, Sandbox: true, Endpoints: creds.App.Endpoints}
	p := steps.ProfileFor(env, creds, res, u, storage.BackendKeyring)
	if err := m.Save(ctx, &p, storage.BackendKeyring, steps.SecretsFor(creds, res)); err != nil {
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

// expire moves the access token's expiry (secrets and profile) a minute
// into the past, so the next `zoomconnect token` must refresh.
func expire(ctx context.Context, st *storage.Store, name string) error {
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
