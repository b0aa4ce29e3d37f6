package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// sandboxService is the in-process sandbox of one command: started at
// most once (a failure is not retried: it may have waited for the lock),
// on the store's state file under the lock that lets one sandbox at a time
// use it, and closed when the command ends. It is safe for concurrent use.
type sandboxService struct {
	mu  sync.Mutex
	url string
	srv *sandbox.Server
	// attached is the scenario of another process's running sandbox
	// that this command uses (srv is nil then); see attachSandbox.
	attached sandbox.Scenario
	// startErr is why starting failed.
	startErr error
	// unreported is set when a lazy start failed and no request has
	// reported it yet (Err).
	unreported bool
	// closers run in reverse order on Close.
	closers []func()
}

// sandboxStart is how to start the sandbox: where its state lives, which
// scenario (empty: the one its state file kept), how long to wait for
// another process's sandbox, where to say so, and its pages' language.
type sandboxStart struct {
	Store    *storage.Store
	Scenario string
	Wait     time.Duration
	Stderr   io.Writer
	T        *i18n.Printer
}

// notice says on Stderr, in T's language, that the sandbox waits up to
// wait for another process.
func (c sandboxStart) notice(wait time.Duration) {
	fmt.Fprintln(c.Stderr, "zoomconnect: "+page.PlainText(c.T.T("cli.sandbox.waiting", "Wait", c.T.Duration(wait))))
}

// Start starts the sandbox once, as cfg says, and returns its URL; later
// calls return the same URL, or the first call's error.
func (s *sandboxService) Start(ctx context.Context, cfg func() (sandboxStart, error)) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.url != "" {
		return s.url, nil
	}
	if s.startErr != nil {
		return "", s.startErr
	}
	u, err := s.start(ctx, cfg)
	s.startErr = err
	return u, err
}

// start is Start's one try. The caller holds s.mu.
func (s *sandboxService) start(ctx context.Context, config func() (sandboxStart, error)) (string, error) {
	cfg, err := config()
	if err != nil {
		return "", err
	}
	sc := sandbox.Scenario("")
	if cfg.Scenario != "" {
		if sc, err = parseScenario(cfg.Scenario); err != nil {
			return "", err
		}
	}
	dir := cfg.Store.StateDir
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &ExitError{Code: ExitStorage, Err: i18n.NewError(err, "cli.sandbox.mkdir", "Dir", dir, "Reason", err)}
	}
	attach := func() bool {
		u, running, ok := attachSandbox(ctx, dir, sc)
		if ok {
			s.url, s.attached = u, running
		}
		return ok
	}
	unlock, err := lockSandboxState(ctx, dir, cfg.Wait, cfg.notice, attach)
	if err != nil || s.url != "" {
		return s.url, err
	}
	srv, err := sandbox.New(sandbox.Options{Scenario: sc, StateFile: filepath.Join(dir, sandboxStateName), Lang: cfg.T.Lang()})
	if err != nil {
		unlock()
		return "", i18n.NewError(err, "cli.sandbox.start", "Reason", err)
	}
	s.url, s.srv = srv.URL, srv
	s.closers = append(s.closers, unlock, srv.Close) // run in reverse: close, then unlock
	if remove := publishSandbox(dir, srv); remove != nil {
		s.closers = append(s.closers, remove) // before the close: no process attaches to a closing sandbox
	}
	return srv.URL, nil
}

// sandboxAddrName is the file, beside the state file, where the process
// holding the sandbox lock says where its sandbox answers (0600): another
// command of the same user then uses that sandbox (attachSandbox) rather
// than wait for the lock — the admin approving in a second terminal while
// the wizard waits at the pre-approval wall.
const sandboxAddrName = "sandbox-addr.json"

// publishSandbox writes srv's address and instance to sandboxAddrName and
// returns what removes it; nil when it could not be written (then nothing
// can attach, and other commands wait for the lock as before).
func publishSandbox(dir string, srv *sandbox.Server) func() {
	path := filepath.Join(dir, sandboxAddrName)
	data, err := json.Marshal(sandboxAddr{URL: srv.URL, Instance: srv.Instance().ID})
	if err != nil || storage.WriteFileAtomic(path, data, 0o600) != nil {
		return nil
	}
	return func() { _ = os.Remove(path) }
}

// sandboxAddr is what sandboxAddrName holds.
type sandboxAddr struct {
	URL      string `json:"url"`
	Instance string `json:"instance"`
}

// attachSandbox finds the running sandbox another process published in
// dir and checks it answers as that instance; it returns its URL and
// scenario. It does not attach when want names a scenario other than the
// running one: that run asked for a sandbox answering otherwise.
func attachSandbox(ctx context.Context, dir string, want sandbox.Scenario) (string, sandbox.Scenario, bool) {
	data, err := os.ReadFile(filepath.Join(dir, sandboxAddrName))
	var addr sandboxAddr
	if err != nil || json.Unmarshal(data, &addr) != nil {
		return "", "", false
	}
	running, err := sandbox.Probe(ctx, addr.URL, addr.Instance)
	if err != nil || (want != "" && want != running) {
		return "", "", false
	}
	return addr.URL, running, true
}

// Attached reports whether this command uses another process's running
// sandbox, and its scenario.
func (s *sandboxService) Attached() (sandbox.Scenario, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attached, s.url != "" && s.srv == nil
}

// URL is the running sandbox's base URL ("" before it started).
func (s *sandboxService) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Server is the running sandbox (nil before it started).
func (s *sandboxService) Server() *sandbox.Server {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.srv
}

// Lazy is Start for a request about to be made: on failure it returns
// sandboxUnavailable, a URL where calls fail fast, and keeps the reason
// for Err, so that it is reported once.
func (s *sandboxService) Lazy(ctx context.Context, cfg func() (sandboxStart, error)) string {
	u, err := s.Start(ctx, cfg)
	if err != nil {
		s.mu.Lock()
		s.unreported = true
		s.mu.Unlock()
		return sandboxUnavailable
	}
	return u
}

// TakeErr is why the sandbox did not start (nil when it did or was not
// tried); the caller reports it from now on, so Err no longer does.
func (s *sandboxService) TakeErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.startErr != nil {
		s.unreported = false
	}
	return s.startErr
}

// Err is why a lazily started sandbox failed, when no request reported
// it: the run says it after the command.
func (s *sandboxService) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.unreported {
		return nil
	}
	return s.startErr
}

// OnClose adds fn to what Close runs (before what was added earlier).
func (s *sandboxService) OnClose(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closers = append(s.closers, fn)
}

// Close stops the sandbox, releases its lock and runs the OnClose
// functions, last added first.
func (s *sandboxService) Close() {
	s.mu.Lock()
	fns := s.closers
	s.closers = nil
	s.mu.Unlock()
	for i := len(fns) - 1; i >= 0; i-- {
		fns[i]()
	}
}

// startSandbox starts the in-process sandbox once, on the store's state
// file, and returns its URL. It is closed when the command finishes. An
// empty --sandbox-scenario keeps the scenario saved in the state file.
func (o *rootOptions) startSandbox(ctx context.Context) (string, error) {
	return o.svc.sandbox.Start(ctx, o.sandboxStart)
}

// sandboxStart is how this command starts the sandbox.
func (o *rootOptions) sandboxStart() (sandboxStart, error) {
	st, err := o.store()
	if err != nil {
		return sandboxStart{}, err
	}
	return sandboxStart{Store: st, Scenario: o.SandboxScenario, Wait: o.sandboxWait(), Stderr: o.Stderr, T: o.t}, nil
}

// sandboxLockWait bounds a short command's wait for another process's
// in-process sandbox (testHooks.sandboxLockWait overrides it).
const sandboxLockWait = 30 * time.Second

// sandboxWait is how long this command waits for a busy sandbox: a short
// command waits sandboxLockWait, the wizard not at all (the other process
// is most likely a wizard, which can run for minutes).
func (o *rootOptions) sandboxWait() time.Duration {
	if o.isWizard {
		return 0
	}
	if o.hooks.sandboxLockWait > 0 {
		return o.hooks.sandboxLockWait
	}
	return sandboxLockWait
}

// lockSandboxState takes the lock that lets one in-process sandbox at a
// time use the state file: two live sandboxes on one file would overwrite
// each other's rotated tokens. It tries once; when another process holds
// the lock, attach may use that process's sandbox instead (true: nil
// unlock and error); else it fails at once with wait 0, or says so at once
// (notice) and waits up to wait. It is never silent.
func lockSandboxState(ctx context.Context, dir string, wait time.Duration, notice func(time.Duration), attach func() bool) (unlock func(), err error) {
	lock := flock.New(filepath.Join(dir, "sandbox.lock"))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, &ExitError{Code: ExitStorage, Err: i18n.NewError(err, "cli.sandbox.lock_failed", "Lock", lock.Path(), "Dir", dir, "Reason", err)}
	}
	if !ok && attach != nil && attach() {
		return nil, nil
	}
	if !ok && wait > 0 {
		notice(wait)
		lctx, cancel := context.WithTimeout(ctx, wait)
		defer cancel()
		ok, err = lock.TryLockContext(lctx, 50*time.Millisecond)
		if err != nil && ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	if !ok {
		return nil, &ExitError{Code: ExitStorage, Err: i18n.NewError(nil, "cli.sandbox.busy", "Lock", lock.Path())}
	}
	return func() { _ = lock.Unlock() }, nil
}
