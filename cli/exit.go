package cli

import (
	"context"
	"errors"
	"fmt"
	"syscall"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Exit codes. They are documented in README.md and in `zoomconnect --help`.
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitUsage       = 2
	ExitDeclined    = 3
	ExitTimeout     = 4
	ExitNetwork     = 5
	ExitRateLimited = 6
	ExitStorage     = 7
	ExitReconnect   = 8
	ExitPreapproval = 9
	ExitCanceled    = 130
)

// ExitError carries an explicit exit code with an error.
type ExitError struct {
	Code int
	Err  error
}

// Error implements error.
func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

// Unwrap returns the wrapped error.
func (e *ExitError) Unwrap() error { return e.Err }

// usageError is the usage error (exit code 2) that catalog message id
// says, wrapping cause (nil for none).
func usageError(cause error, id string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: i18n.NewError(cause, id, args...)}
}

// usageErrorf builds a usage error (exit code 2).
func usageErrorf(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// ExitCode maps an error to the process exit status: an *ExitError's own
// code, then reconnect-needed, then a Zoom/flow error anywhere in the chain
// (flowCode), then storage failures and cancellation; anything else is
// ExitFailure.
//
// A flow error wins over wizard.ErrCanceled: when the user quits the wizard
// after a failed attempt, the wizard returns an error wrapping both, and the
// exit status says why the attempt failed (declined 3, timed out 4, ...).
// Plain ErrCanceled (quit with no failed attempt, ctrl+c) is 130.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	var replaced *storage.ReplacedError
	if errors.As(err, &replaced) {
		return ExitUsage // the name given is no longer a connection; the message names the one to use
	}
	if errors.Is(err, connection.ErrReconnectNeeded) || errors.Is(err, storage.ErrSecretsMissing) || oauthflow.IsReconnect(err) {
		return ExitReconnect
	}
	if c := flowCode(err); c != 0 {
		return c
	}
	return plainCode(err)
}

// flowCode is the exit status for the *oauthflow.Error in err's chain, 0
// when there is none: its Kind's code, else pre-approval, else a timeout
// or ExitFailure (never ExitCanceled: the user leaving after a failure is
// reported as that failure).
func flowCode(err error) int {
	var oe *oauthflow.Error
	if !errors.As(err, &oe) {
		return 0
	}
	if oe.Op == oauthflow.OpAuthorize && errors.Is(err, syscall.EADDRINUSE) {
		return ExitUsage // only a port pinned with --port can be busy
	}
	if c := kindCode(oe.Kind); c != 0 {
		return c
	}
	if oauthflow.IsPreapproval(err) {
		return ExitPreapproval
	}
	if c := plainCode(err); c != ExitCanceled {
		return c
	}
	return ExitFailure
}

// plainCode classifies errors that are not Zoom's.
func plainCode(err error) int {
	switch {
	case storage.IsLocal(err):
		return ExitStorage
	case errors.Is(err, wizard.ErrCanceled), errors.Is(err, context.Canceled):
		return ExitCanceled
	case errors.Is(err, context.DeadlineExceeded):
		return ExitTimeout
	}
	return ExitFailure
}

// kindCode maps an oauthflow error kind to an exit code, 0 for "generic".
func kindCode(k oauthflow.Kind) int {
	switch k {
	case oauthflow.KindDeclined:
		return ExitDeclined
	case oauthflow.KindTimeout:
		return ExitTimeout
	case oauthflow.KindCanceled:
		return ExitCanceled
	case oauthflow.KindNetwork, oauthflow.KindServer:
		return ExitNetwork
	case oauthflow.KindRateLimited:
		return ExitRateLimited
	case oauthflow.KindStorage:
		return ExitStorage
	case oauthflow.KindInvalidGrant, oauthflow.KindRevoked, oauthflow.KindDisabledByAdmin, oauthflow.KindUserGone:
		return ExitReconnect
	}
	return 0
}
