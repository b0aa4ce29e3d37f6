package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
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
	Lang     i18n.Lang
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
		return "", &ExitError{Code: ExitStorage, Err: fmt.Errorf("create %s for the sandbox's state: %w; make sure it is yours and writable (zoomconnect doctor checks it)", dir, err)}
	}
	unlock, err := lockSandboxState(ctx, dir, cfg.Wait, cfg.Stderr)
	if err != nil {
		return "", err
	}
	srv, err := sandbox.New(sandbox.Options{Scenario: sc, StateFile: filepath.Join(dir, sandboxStateName), Lang: cfg.Lang})
	if err != nil {
		unlock()
		return "", fmt.Errorf("start the built-in sandbox: %w; check the state directory with: zoomconnect doctor", err)
	}
	s.url, s.srv = srv.URL, srv
	s.closers = append(s.closers, unlock, srv.Close) // run in reverse: close, then unlock
	return srv.URL, nil
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
	return sandboxStart{Store: st, Scenario: o.SandboxScenario, Wait: o.sandboxWait(), Stderr: o.Stderr, Lang: o.t.Lang()}, nil
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
// the lock it fails at once with wait 0, else says so on stderr at once and
// waits up to wait. It is never silent.
func lockSandboxState(ctx context.Context, dir string, wait time.Duration, stderr io.Writer) (unlock func(), err error) {
	lock := flock.New(filepath.Join(dir, "sandbox.lock"))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, &ExitError{Code: ExitStorage, Err: fmt.Errorf("lock the built-in sandbox's state (%s): %w; check that %s is yours and writable (zoomconnect doctor)",
			lock.Path(), err, dir)}
	}
	if !ok && wait > 0 {
		fmt.Fprintf(stderr, "zoomconnect: another zoomconnect process is using the built-in sandbox's state (perhaps the wizard in another terminal); "+
			"waiting up to %s for it to finish. Close it to go on now.\n", wait)
		lctx, cancel := context.WithTimeout(ctx, wait)
		defer cancel()
		ok, err = lock.TryLockContext(lctx, 50*time.Millisecond)
		if err != nil && ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	if !ok {
		return nil, &ExitError{Code: ExitStorage, Err: fmt.Errorf("another zoomconnect process is using the built-in sandbox "+
			"(perhaps the wizard in another terminal): close it (q or ctrl+c there), then run this again (lock: %s)", lock.Path())}
	}
	return func() { _ = lock.Unlock() }, nil
}
