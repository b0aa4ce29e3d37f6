package oauthflow

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
)

// verdict is what the validator decided about one callback.
type verdict int

const (
	verdictBadState    verdict = iota // wrong or missing state: ignored, keep waiting
	verdictAlreadyDone                // valid state, but the single result is taken
	verdictDone                       // this request decided the outcome
)

// ServeHTTP is the loopback callback handler. Only GET /callback with this
// session's Host, no foreign Origin and the right state can decide the
// outcome; everything else is answered and ignored.
func (s *Session) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setPageHeaders(w.Header())
	switch {
	case r.Host != s.host:
		writePage(w, s.t, http.StatusBadRequest, pageInvalid, nil)
	case r.Header.Get("Origin") != "" && r.Header.Get("Origin") != "http://"+s.host:
		writePage(w, s.t, http.StatusForbidden, pageInvalid, nil)
	case r.URL.Path != CallbackPath:
		writePage(w, s.t, http.StatusNotFound, pageNotFound, nil)
	case r.Method != http.MethodGet:
		w.Header().Set("Allow", http.MethodGet)
		writePage(w, s.t, http.StatusMethodNotAllowed, pageInvalid, nil)
	default:
		s.serveCallback(w, r)
	}
}

func (s *Session) serveCallback(w http.ResponseWriter, r *http.Request) {
	v, res, err := s.complete(r.Context(), r.URL.Query())
	switch {
	case v == verdictBadState:
		writePage(w, s.t, http.StatusBadRequest, pageInvalid, nil)
	case s.expired():
		// Sent back after the deadline (or while an exchange was cut by
		// it): the terminal has stopped waiting for this sign-in.
		writePage(w, s.t, http.StatusGone, pageExpired, nil)
	case v == verdictAlreadyDone:
		writePage(w, s.t, http.StatusOK, pageAlreadyDone, nil)
	case err != nil || res == nil:
		writePage(w, s.t, http.StatusBadRequest, pageFailure, err)
	default:
		writePage(w, s.t, http.StatusOK, pageSuccess, nil)
	}
}

// stateOK compares got with the session's state in constant time.
func (s *Session) stateOK(got string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.state)) == 1
}

// complete validates one callback query and, when it carries this session's
// state and nobody claimed the result before, decides the outcome: an error
// redirect, or a code exchanged at once. It is the single validator behind
// both the HTTP handler and CompleteFromURL.
func (s *Session) complete(ctx context.Context, q url.Values) (verdict, *Result, error) {
	if !s.stateOK(q.Get("state")) {
		return verdictBadState, nil, nil
	}
	if !s.claimed.CompareAndSwap(false, true) {
		return verdictAlreadyDone, nil, nil
	}
	res, err := s.decide(ctx, q)
	s.finish(res, err)
	<-s.done
	return verdictDone, s.res, s.err
}

// decide turns a validated callback into a Result or an *Error.
func (s *Session) decide(ctx context.Context, q url.Values) (*Result, error) {
	if code := q.Get("error"); code != "" {
		kind := KindCallbackError
		if code == "access_denied" {
			kind = KindDeclined
		}
		return nil, finishError(&Error{Kind: kind, Op: OpAuthorize, ErrorCode: Sanitize(code),
			Reason: Sanitize(q.Get("error_description"))})
	}
	code := q.Get("code")
	if code == "" {
		return nil, &Error{Kind: KindCallbackError, Op: OpAuthorize, ErrorCode: "invalid_request",
			Reason: "the redirect carried neither a code nor an error"}
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), exchangeTimeout)
	defer cancel()
	stop := context.AfterFunc(s.ctx, cancel) // Close or the deadline aborts the exchange
	defer stop()
	res, err := s.exchange(ctx, code)
	if err != nil && errors.Is(s.ctx.Err(), context.DeadlineExceeded) {
		return nil, s.endedErr() // cut by the deadline: a timeout, as Wait reports it
	}
	return res, err
}

// The refusals of CompleteFromURL, wrapped in its *Error, so that a front
// end can say them in its own words.
var (
	// ErrNotThisRedirect: the pasted text is not this session's redirect
	// URL (another host, port, path or scheme, or not a URL).
	ErrNotThisRedirect = errors.New("not the address this login redirected to")
	// ErrOtherAttempt: the redirect URL carries another attempt's state.
	ErrOtherAttempt = errors.New("the address belongs to another login attempt")
)

// CompleteFromURL finishes the login from the callback URL the user pasted
// from the browser's address bar (SSH or headless use, where the browser
// cannot reach this machine's loopback). The URL goes through the same
// validator as the loopback handler: same host, path and state. A URL with
// a wrong state is rejected and the session keeps waiting.
func (s *Session) CompleteFromURL(ctx context.Context, pasted string) (*Result, error) {
	u, err := url.Parse(pasted)
	if err != nil || u.Scheme != "http" || u.Host != s.host || u.Path != CallbackPath {
		return nil, &Error{Kind: KindCallbackError, Op: OpAuthorize, ErrorCode: "invalid_request", Err: ErrNotThisRedirect,
			Reason: "that is not the address this login redirected to; paste the whole " + s.RedirectURL + "?… address"}
	}
	v, res, err := s.complete(ctx, u.Query())
	switch v {
	case verdictBadState:
		return nil, &Error{Kind: KindCallbackError, Op: OpAuthorize, ErrorCode: "invalid_request", Err: ErrOtherAttempt,
			Reason: "that address belongs to another login attempt (its state does not match)"}
	case verdictAlreadyDone:
		<-s.done
		if s.err != nil {
			return nil, s.err
		}
		return s.res, nil
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}
