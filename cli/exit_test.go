package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func TestExitCodeTable(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("token %q: %w", "default", err) }
	zerr := func(k oauthflow.Kind) error { return &oauthflow.Error{Kind: k, Op: oauthflow.OpRefresh} }
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, ExitOK},
		{"plain", errors.New("boom"), ExitFailure},
		{"explicit", &ExitError{Code: 42, Err: errors.New("x")}, 42},
		{"usage", usageErrorf("bad"), ExitUsage},
		{"declined", &oauthflow.Error{Kind: oauthflow.KindDeclined, Op: oauthflow.OpAuthorize, ErrorCode: "access_denied"}, ExitDeclined},
		{"timed out (not pre-approval)", &oauthflow.Error{Kind: oauthflow.KindTimeout, Op: oauthflow.OpAuthorize}, ExitTimeout},
		{"deadline", wrap(context.DeadlineExceeded), ExitTimeout},
		{"network", wrap(zerr(oauthflow.KindNetwork)), ExitNetwork},
		{"server 5xx", &oauthflow.Error{Kind: oauthflow.KindServer, HTTPStatus: 503}, ExitNetwork},
		{"rate limited", &oauthflow.Error{Kind: oauthflow.KindRateLimited, HTTPStatus: 429}, ExitRateLimited},
		{"keyring unavailable", wrap(storage.ErrKeyringUnavailable), ExitStorage},
		{"keyring timeout", wrap(storage.ErrKeyringTimeout), ExitStorage},
		{"lock timeout", wrap(storage.ErrLockTimeout), ExitStorage},
		{"read back", wrap(storage.ErrReadBack), ExitStorage},
		{"secret file readable by others", wrap(storage.ErrInsecureFile), ExitStorage},
		{"secrets gone", wrap(storage.ErrSecretsMissing), ExitReconnect},
		{"reconnect sentinel", wrap(connection.ErrReconnectNeeded), ExitReconnect},
		{"reconnect error", &connection.ReconnectError{Profile: "default", Reason: "gone"}, ExitReconnect},
		{"invalid grant", &oauthflow.Error{Kind: oauthflow.KindInvalidGrant, Reason: "Invalid Token!", ErrorCode: "invalid_grant"}, ExitReconnect},
		{"4741 another install", &oauthflow.Error{Kind: oauthflow.KindRevoked, Code: 4741, Op: "users/me"}, ExitReconnect},
		{"4738 disabled by admin", &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Code: 4738, Op: oauthflow.OpRefresh}, ExitReconnect},
		{"admin app needs pre-approval", &oauthflow.Error{Kind: oauthflow.KindCallbackError, Op: oauthflow.OpAuthorize,
			Reason: "An account admin is required to install this type of app."}, ExitPreapproval},
		{"wizard canceled", wizard.ErrCanceled, ExitCanceled},
		{"context canceled", wrap(context.Canceled), ExitCanceled},
		{"flow canceled", zerr(oauthflow.KindCanceled), ExitCanceled},
		{"invalid client is generic", &oauthflow.Error{Kind: oauthflow.KindInvalidClient, ErrorCode: "invalid_client"}, ExitFailure},
		{"disk full", wrap(&storage.FileError{Op: "write", Path: "/x/p.json", Err: &fs.PathError{Op: "write", Path: "/x/.p.json.1.tmp", Err: syscall.ENOSPC}}), ExitStorage},
		{"read-only dir, as the store says it", wrap(&storage.FileError{Op: "write", Path: "/x/p.json", Err: syscall.EROFS}), ExitStorage},
		{"permission, in a flow error", &oauthflow.Error{Kind: oauthflow.KindStorage, Op: oauthflow.OpExchange}, ExitStorage},
		{"wizard quit after a failed save", &wizard.FailedError{Err: &storage.FileError{Op: "write", Path: "/x/p.json", Err: syscall.EACCES}}, ExitStorage},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.err); got != tt.want {
			t.Errorf("%s: ExitCode(%v) = %d, want %d", tt.name, tt.err, got, tt.want)
		}
	}
}

// When the user quits the wizard after a failed attempt, tui.Run returns an
// error wrapping wizard.ErrCanceled and the last flow error: the flow error
// decides the exit status, whichever way the two are wrapped.
func TestExitCodeFlowErrorWinsOverCanceled(t *testing.T) {
	flow := func(k oauthflow.Kind) *oauthflow.Error { return &oauthflow.Error{Kind: k, Op: oauthflow.OpAuthorize} }
	preapproval := &oauthflow.Error{Kind: oauthflow.KindCallbackError, Op: oauthflow.OpAuthorize,
		Reason: "An account admin is required to install this type of app."}
	tests := []struct {
		name string
		last error
		want int
	}{
		{"declined", &oauthflow.Error{Kind: oauthflow.KindDeclined, Op: oauthflow.OpAuthorize, ErrorCode: "access_denied"}, ExitDeclined},
		{"timeout", flow(oauthflow.KindTimeout), ExitTimeout},
		{"network", flow(oauthflow.KindNetwork), ExitNetwork},
		{"server", &oauthflow.Error{Kind: oauthflow.KindServer, Op: oauthflow.OpExchange, HTTPStatus: 502}, ExitNetwork},
		{"rate limited", &oauthflow.Error{Kind: oauthflow.KindRateLimited, Op: oauthflow.OpExchange, HTTPStatus: 429}, ExitRateLimited},
		{"pre-approval", preapproval, ExitPreapproval},
		{"disabled by admin", &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Code: 4738, Op: oauthflow.OpMe}, ExitReconnect},
		{"invalid client", &oauthflow.Error{Kind: oauthflow.KindInvalidClient, ErrorCode: "invalid_client"}, ExitFailure},
	}
	for _, tt := range tests {
		wrapped := map[string]error{
			"%w: %w":  fmt.Errorf("%w: %w", wizard.ErrCanceled, tt.last),
			"%w (%w)": fmt.Errorf("wizard: %w (last attempt: %w)", tt.last, wizard.ErrCanceled),
			"Join":    errors.Join(wizard.ErrCanceled, tt.last),
		}
		for how, err := range wrapped {
			if got := ExitCode(err); got != tt.want {
				t.Errorf("%s wrapped with %s: ExitCode = %d, want %d", tt.name, how, got, tt.want)
			}
		}
	}
	// What tui.Run really returns: wizard.FailedError, with the attempt's error
	// (the pre-approval screen's wizard.PreapprovalError, even over a timeout).
	timeout := flow(oauthflow.KindTimeout)
	for _, c := range []struct {
		err  error
		want int
	}{
		{&wizard.FailedError{Err: timeout}, ExitTimeout},
		{&wizard.FailedError{Err: wizard.PreapprovalError(timeout)}, ExitPreapproval},
		{&wizard.FailedError{Err: wizard.PreapprovalError(nil)}, ExitPreapproval},
		{fmt.Errorf("wizard: %w", &wizard.FailedError{Err: flow(oauthflow.KindNetwork)}), ExitNetwork},
	} {
		if got := ExitCode(c.err); got != c.want {
			t.Errorf("ExitCode(%v) = %d, want %d", c.err, got, c.want)
		}
	}
	if got := ExitCode(fmt.Errorf("wizard: %w", wizard.ErrCanceled)); got != ExitCanceled {
		t.Errorf("plain ErrCanceled: %d, want %d", got, ExitCanceled)
	}
}

func TestZoomErrorsAreExplainedWithTrackingID(t *testing.T) {
	opts := newRootOptions()
	opts.Profile = "work"
	err := fmt.Errorf("token: %w", &oauthflow.Error{Kind: oauthflow.KindRevoked, Code: 4741, Op: "users/me",
		Reason: "The token has been revoked.", TrackingID: "v=2.0;clid=us05;rid=WEB_abc"})
	text := opts.describeError(err)
	// One set of labels for every front end (issue 8): the cause follows
	// the title unlabelled, as on the screens, instead of "Why: ".
	for _, want := range []string{"The token has been revoked.", "Zoom keeps only the latest authorization", "What to do: ", "WEB_abc", "--profile work"} {
		if !containsLine(text, want) {
			t.Errorf("explanation lacks %q:\n%s", want, text)
		}
	}
	if got := opts.describeError(&ExitError{Code: 8}); got != "" {
		t.Errorf("a silent exit printed %q", got)
	}
}

// A full disk is a storage failure that names the path and what to do,
// never "Could not reach Zoom".
func TestFileErrorsAreDescribedAsStorage(t *testing.T) {
	opts := newRootOptions()
	err := fmt.Errorf("save %q: %w", "work", &storage.FileError{Op: "write", Path: "/home/ann/.config/zoomconnect/profiles/work.json",
		Err: &fs.PathError{Op: "write", Path: "/home/ann/.config/zoomconnect/profiles/.work.json.1.tmp", Err: syscall.ENOSPC}})
	text := opts.describeError(err)
	for _, want := range []string{"/home/ann/.config/zoomconnect/profiles/work.json", "the disk is full", "Free some space", "zoomconnect doctor"} {
		if !strings.Contains(text, want) {
			t.Errorf("description lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "reach Zoom") || strings.Contains(text, "proxy") {
		t.Errorf("a full disk is described as a network problem:\n%s", text)
	}
}

// TestDeclinedFileIsOneStorageLine (issue 7, item 14): declining the 0600
// file exits 7 with one line (no ERROR banner, no chain), followed by what
// became of the fresh tokens.
func TestDeclinedFileIsOneStorageLine(t *testing.T) {
	st := testStore(t)
	r := runCLIWith(t, st, nil, "", func(o *rootOptions) {
		o.hooks.assumeTerminal = true
		o.hooks.wizard = func(_ context.Context, cfg *wizard.Config) (wizard.Saved, error) {
			declined := wizard.NewFileDeclinedError(cfg, fmt.Errorf("keyring write: %w", storage.ErrKeyringUnavailable))
			return wizard.Saved{}, &wizard.AbandonedError{Err: declined, Line: "The fresh tokens were revoked at Zoom."}
		}
	})
	if r.code != ExitStorage {
		t.Fatalf("exit %d, want %d\n%s", r.code, ExitStorage, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 2 || strings.Contains(r.stderr, "ERROR") || !strings.Contains(lines[1], "revoked") {
		t.Errorf("want two lines (not saved; tokens revoked), got:\n%s", r.stderr)
	}
}
