package doctor

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"io/fs"
	"net"
	"strings"
	"syscall"

	"github.com/zoomconnect/zoomconnect/storage"
)

// inWords says what went wrong in err in plain words, for the text report;
// the raw error chain goes only to Result.Error (--json and the bundle).
func inWords(err error) string {
	if err == nil {
		return ""
	}
	for _, c := range wordRules() {
		if c.match(err) {
			return c.words
		}
	}
	return "an unexpected error (the exact error is in `zoomconnect doctor --json`)"
}

// wordRule pairs a kind of error with its words; the first match wins.
type wordRule struct {
	match func(error) bool
	words string
}

func is(target error) func(error) bool { return func(err error) bool { return errors.Is(err, target) } }

func as[T any]() func(error) bool {
	return func(err error) bool {
		var t T
		return errors.As(err, &t)
	}
}

// wordRules lists the kinds of errors doctor can name, most specific first.
func wordRules() []wordRule {
	return []wordRule{
		{is(storage.ErrKeyringTimeout), "the keyring did not answer in time (it may be locked, waiting for a password)"},
		{is(storage.ErrKeyringUnavailable), "no keyring service (Secret Service) answered on D-Bus"},
		{is(context.DeadlineExceeded), "no answer in time"},
		{isTimeout, "no answer in time"},
		{isDNSNotFound, "the name does not exist in DNS (no such host)"},
		{as[*net.DNSError](), "the DNS server did not answer the lookup"},
		{is(syscall.ECONNREFUSED), "the connection was refused (nothing listens there, or a firewall says no)"},
		{is(syscall.ENETUNREACH), "the network is unreachable (offline, or no route)"},
		{is(syscall.EHOSTUNREACH), "the host is unreachable (no route)"},
		{is(syscall.ECONNRESET), "the connection was reset by the other side or a firewall"},
		{is(io.EOF), "the connection closed before an answer came"},
		{is(io.ErrUnexpectedEOF), "the connection closed before an answer came"},
		{as[x509.UnknownAuthorityError](), "the certificate comes from an authority this system does not trust"},
		{as[x509.HostnameError](), "the certificate is for another host name"},
		{as[x509.CertificateInvalidError](), "the certificate is not valid (expired, not yet valid, or misused)"},
		{as[tls.RecordHeaderError](), "the other side does not speak TLS (HTTPS)"},
		{isProxy, "the HTTPS proxy failed or refused the connection"},
		{is(syscall.EADDRINUSE), "the port is already in use"},
		{is(syscall.EACCES), "permission denied"},
		{is(fs.ErrPermission), "permission denied"},
		{is(fs.ErrNotExist), "the file or directory does not exist"},
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isDNSNotFound(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound
}

func isProxy(err error) bool {
	var oe *net.OpError
	return errors.As(err, &oe) && oe.Op == "proxyconnect" || strings.Contains(err.Error(), "proxyconnect")
}

// errText is err's text, "" for nil (a lookup may fail with no error and
// no addresses).
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// orDefault is s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
