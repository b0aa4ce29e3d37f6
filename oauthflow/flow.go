package oauthflow

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"golang.org/x/oauth2"
)

// CallbackPath is the loopback redirect path registered with Zoom.
const CallbackPath = "/callback"

// Bounds on the loopback server.
const (
	exchangeTimeout = 30 * time.Second // how long the browser response waits for the exchange
	shutdownGrace   = 2 * time.Second  // lets the last page reach the browser
)

// RedirectURLFor returns the loopback redirect URL for port, the exact text
// to put in a Zoom app's Redirect URL and Allow List.
func RedirectURLFor(port int) string {
	return "http://127.0.0.1:" + strconv.Itoa(port) + CallbackPath
}

// Start binds 127.0.0.1, starts the callback server and builds the authorize
// URL with a fresh state and PKCE S256 challenge. The session lives until
// Wait returns, Close is called, ctx ends, or the deadline passes; the port
// is closed in every case (after a timeout, once Flow.Linger has passed).
func (f *Flow) Start(ctx context.Context) (*Session, error) {
	if f.Client == nil {
		return nil, &Error{Kind: KindUnknown, Op: OpAuthorize, Err: errors.New("oauthflow: Flow.Client is nil")}
	}
	if e := f.Client.checkEndpoints(OpAuthorize); e != nil {
		return nil, e
	}
	state, err := newState()
	if err != nil {
		return nil, &Error{Kind: KindUnknown, Op: OpAuthorize, Err: err}
	}
	ln, err := f.listen()
	if err != nil {
		return nil, listenError(f.Port, err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	s := &Session{
		RedirectURL: RedirectURLFor(port),
		Deadline:    time.Now().Add(f.timeout()),
		host:        "127.0.0.1:" + strconv.Itoa(port),
		state:       state,
		verifier:    newVerifier(),
		done:        make(chan struct{}),
		served:      make(chan struct{}),
		linger:      f.Linger,
		t:           f.T,
	}
	s.AuthURL = authCodeURL(f.Client.OAuth2Config(s.RedirectURL), state, s.verifier)
	s.exchange = func(ctx context.Context, code string) (*Result, error) {
		tok, err := f.Client.Exchange(ctx, code, s.verifier, s.RedirectURL)
		if err != nil {
			return nil, err
		}
		return resultFor(tok), nil
	}
	s.ctx, s.cancel = context.WithDeadline(context.WithoutCancel(ctx), s.Deadline)
	s.serve(ln)
	s.closeWith(ctx)
	return s, nil
}

// closeWith closes the session when ctx ends or the deadline passes, even
// if nobody calls Wait: a caller that gave up before Wait (a screen left
// while Start was running) must not leave the loopback port open.
func (s *Session) closeWith(ctx context.Context) {
	stopCaller := context.AfterFunc(ctx, func() { s.Close() })
	stopDeadline := context.AfterFunc(s.ctx, func() {
		s.finish(nil, s.endedErr()) // a timeout, when the deadline passed
		s.settle()
	})
	s.watchMu.Lock()
	s.stopWatch = func() { stopCaller(); stopDeadline() }
	s.watchMu.Unlock()
}

func (f *Flow) listen() (net.Listener, error) {
	listen := f.Listen
	if listen == nil {
		listen = net.Listen
	}
	ln, err := listen("tcp4", "127.0.0.1:"+strconv.Itoa(f.Port))
	if err != nil {
		return nil, err
	}
	if _, ok := ln.Addr().(*net.TCPAddr); !ok {
		ln.Close()
		return nil, errors.New("listener is not TCP")
	}
	return ln, nil
}

// listenError explains a failed bind of the loopback port; a port another
// program holds says so, since the fix is to free it or pick another one.
func listenError(port int, err error) *Error {
	what := "cannot listen on 127.0.0.1:" + strconv.Itoa(port)
	if errors.Is(err, syscall.EADDRINUSE) {
		what += " (another program is using this port)"
	}
	return &Error{Kind: KindNetwork, Op: OpAuthorize, Err: fmt.Errorf("%s: %w", what, err)}
}

func (f *Flow) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultFlowTimeout
}

// newVerifier returns a fresh PKCE code verifier: 32 bytes from crypto/rand,
// base64url, 43 characters of RFC 7636's unreserved set.
func newVerifier() string { return oauth2.GenerateVerifier() }

// authCodeURL is the authorize URL of one attempt. It carries the state and
// the S256 challenge of verifier, stated explicitly (Zoom defaults to
// "plain"), and never the verifier itself.
func authCodeURL(cfg *oauth2.Config, state, verifier string) string {
	return cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
}

// newState returns 32 random bytes, base64url without padding.
func newState() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("oauthflow: reading random state: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// serve starts the hardened loopback server on ln.
func (s *Session) serve(ln net.Listener) {
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 2 * time.Second,
		ReadTimeout:       5 * time.Second,
		WriteTimeout:      exchangeTimeout + 5*time.Second,
		IdleTimeout:       time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          log.New(io.Discard, "", 0),
		BaseContext:       func(net.Listener) context.Context { return s.ctx },
	}
	s.srv.SetKeepAlivesEnabled(false)
	go func() {
		defer close(s.served)
		_ = s.srv.Serve(ln) // returns ErrServerClosed on Close
	}()
}

// Wait blocks until a valid callback arrives and its code is exchanged, the
// deadline passes, or ctx ends. The server is shut down before it returns,
// except after a timeout with Flow.Linger set (see settle).
func (s *Session) Wait(ctx context.Context) (*Result, error) {
	defer s.settle()
	timer := time.NewTimer(time.Until(s.Deadline))
	defer timer.Stop()
	select {
	case <-s.done:
	case <-ctx.Done():
		s.finish(nil, &Error{Kind: KindCanceled, Op: OpAuthorize, Err: context.Cause(ctx)})
	case <-timer.C:
		s.finish(nil, &Error{Kind: KindTimeout, Op: OpAuthorize, Err: context.DeadlineExceeded})
	case <-s.ctx.Done():
		s.finish(nil, s.endedErr())
	}
	<-s.done
	return s.res, s.err
}

// endedErr is the outcome when the session context ended first.
func (s *Session) endedErr() error {
	if errors.Is(s.ctx.Err(), context.DeadlineExceeded) {
		return &Error{Kind: KindTimeout, Op: OpAuthorize, Err: context.DeadlineExceeded}
	}
	return &Error{Kind: KindCanceled, Op: OpAuthorize, Err: errors.New("the login was closed")}
}

// settle shuts the server down once the outcome is known. After a timeout
// with Linger set it stays up for Linger, answering a late redirect with
// the expired page only (the result slot is taken, so no code is ever
// exchanged), then closes; Close ends it sooner.
func (s *Session) settle() {
	if s.linger <= 0 || KindOf(s.err) != KindTimeout {
		s.Close()
		return
	}
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	if s.lingering == nil {
		s.lingering = time.AfterFunc(s.linger, func() { _ = s.Close() })
	}
}

// expired reports that the session has ended with its deadline. It does
// not wait: while another request's exchange runs, it is false.
func (s *Session) expired() bool {
	select {
	case <-s.done:
		return KindOf(s.err) == KindTimeout
	default:
		return false
	}
}

// finish records the outcome once; later calls are ignored.
func (s *Session) finish(res *Result, err error) {
	s.claimed.Store(true)
	s.finishOnce.Do(func() { s.res, s.err = res, err; close(s.done) })
}

// Close shuts the loopback server down: the port is closed when it returns.
// It is idempotent and safe to call from any goroutine. A Wait still
// blocked returns KindCanceled.
func (s *Session) Close() error {
	s.closeOnce.Do(func() {
		s.watchMu.Lock()
		if s.stopWatch != nil {
			s.stopWatch()
		}
		if s.lingering != nil {
			s.lingering.Stop()
		}
		s.watchMu.Unlock()
		s.finish(nil, &Error{Kind: KindCanceled, Op: OpAuthorize, Err: errors.New("the login was closed")})
		s.cancel() // aborts an exchange still running
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		if err := s.srv.Shutdown(ctx); err != nil {
			s.closeErr = s.srv.Close() // force-close connections that outlived the grace
		}
		<-s.served
	})
	return s.closeErr
}
