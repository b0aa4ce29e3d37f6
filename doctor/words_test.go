package doctor

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/storage"
)

// inWords names common failures without the Go error chain.
func TestInWordsNamesCommonFailures(t *testing.T) {
	refused := &url.Error{Op: "Head", URL: "https://zoom.us", Err: &net.OpError{Op: "dial", Net: "tcp",
		Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}}
	cases := []struct {
		err  error
		want string
	}{
		{refused, "connection was refused"},
		{&net.DNSError{Err: "no such host", Name: "zoom.us", IsNotFound: true}, "does not exist in DNS"},
		{fmt.Errorf("keyring probe: keyring write: %w", storage.ErrKeyringTimeout), "did not answer in time"},
		{fmt.Errorf("keyring probe: %w", storage.ErrKeyringUnavailable), "no keyring service"},
		{&url.Error{Op: "Head", URL: "https://zoom.us", Err: x509.UnknownAuthorityError{}}, "authority this system does not trust"},
		{fmt.Errorf("wrapped: %w", context.DeadlineExceeded), "no answer in time"},
		{errors.New("something odd"), "unexpected error"},
	}
	for _, c := range cases {
		got := inWords(nil, c.err)
		if !strings.Contains(got, c.want) {
			t.Errorf("inWords(%v) = %q, want it to say %q", c.err, got, c.want)
		}
		if strings.Contains(got, "Head ") || strings.Contains(got, "dial tcp") || strings.Contains(got, "keyring probe") {
			t.Errorf("inWords(%v) = %q repeats the raw chain", c.err, got)
		}
	}
}

// A failed keyring and an unreachable host say the cause in words in
// Detail; the raw chain is kept in Error (for --json and the bundle).
func TestDetailsInWordsRawChainInError(t *testing.T) {
	raw := fmt.Errorf("keyring probe: keyring write: %w", syscall.EACCES)
	env := quietEnv()
	env.ProbeKeyring = func(context.Context) error { return raw }
	r := Run(context.Background(), env, []Check{{ID: "keyring", Timeout: time.Second, Run: checkKeyring}}).Results[0]
	if strings.Contains(r.Detail, "keyring probe") || !strings.Contains(r.Detail, "permission denied") || r.Error != raw.Error() {
		t.Errorf("keyring: detail %q error %q", r.Detail, r.Error)
	}
	dial := &url.Error{Op: "Head", URL: "https://zoom.us", Err: &net.OpError{Op: "dial", Net: "tcp",
		Err: &os.SyscallError{Syscall: "connect", Err: syscall.ENETUNREACH}}}
	tr := tlsFailure(&env, "zoom.us", dial)
	if strings.Contains(tr.Detail, `Head "https://zoom.us"`) || !strings.Contains(tr.Detail, "network is unreachable") ||
		!strings.Contains(tr.Error, "dial tcp") {
		t.Errorf("network: detail %q error %q", tr.Detail, tr.Error)
	}
}
