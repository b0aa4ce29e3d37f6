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

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/storage"
)

// inWords says what went wrong in err in plain words, in t's language,
// for the text report; the raw error chain goes only to Result.Error
// (--json and the bundle). An error that says itself (storage's,
// connection's) is said in its own words.
func inWords(t *i18n.Printer, err error) string {
	if err == nil {
		return ""
	}
	for _, c := range wordRules() {
		if c.match(err) {
			return t.T("doctor.words." + c.id)
		}
	}
	if s, ok := i18n.Say(t, err); ok {
		return s
	}
	return t.T("doctor.words.unexpected")
}

// wordRule pairs a kind of error with the catalog ID of its words
// (doctor.words.ID); the first match wins.
type wordRule struct {
	match func(error) bool
	id    string
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
		{is(storage.ErrKeyringTimeout), "keyring_timeout"},
		{is(storage.ErrKeyringUnavailable), "keyring_unavailable"},
		{is(context.DeadlineExceeded), "no_answer"},
		{isTimeout, "no_answer"},
		{isDNSNotFound, "dns_not_found"},
		{as[*net.DNSError](), "dns"},
		{is(syscall.ECONNREFUSED), "refused"},
		{is(syscall.ENETUNREACH), "net_unreachable"},
		{is(syscall.EHOSTUNREACH), "host_unreachable"},
		{is(syscall.ECONNRESET), "reset"},
		{is(io.EOF), "closed"},
		{is(io.ErrUnexpectedEOF), "closed"},
		{as[x509.UnknownAuthorityError](), "unknown_authority"},
		{as[x509.HostnameError](), "wrong_host"},
		{as[x509.CertificateInvalidError](), "invalid_cert"},
		{as[tls.RecordHeaderError](), "not_tls"},
		{isProxy, "proxy"},
		{is(syscall.EADDRINUSE), "port_in_use"},
		{is(syscall.EACCES), "permission"},
		{is(fs.ErrPermission), "permission"},
		{is(fs.ErrNotExist), "not_exist"},
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
