package wizard

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Reason is the one sentence a screen shows for err, in English: see
// ReasonIn.
func Reason(err error) string { return ReasonIn(nil, err) }

// ReasonIn is the one sentence a screen shows for err, in t's language:
// the innermost meaningful cause of a wrapped chain, capitalised and
// ending with a period, instead of the whole "save X: save secrets of X:
// keyring write: ..." chain. A Zoom error is named by its explanation's
// title; an error that says itself (i18n.Sayer: storage's, a file error
// with its path) says itself in t's language; other errors keep their
// (English) text. Generic sentinels (the keyring is unavailable, a
// context was canceled) only speak when nothing more specific was wrapped.
func ReasonIn(t *i18n.Printer, err error) string {
	if err == nil {
		return ""
	}
	var oe *oauthflow.Error
	if errors.As(err, &oe) {
		if title := oauthflow.Explain(err).In(t).Title; title != "" {
			return sentence(page.PlainText(title))
		}
	}
	leaf := innermost(err)
	if s, ok := leaf.(i18n.Sayer); ok {
		return sentence(page.PlainText(s.Say(t)))
	}
	return sentence(oauthflow.Sanitize(leaf.Error()))
}

// generic lists wrapped errors that say less than what they wrap. It is a
// function, not a package variable, so no caller can change the list.
func generic() []error {
	return []error{storage.ErrKeyringUnavailable, storage.ErrReadBack, context.Canceled}
}

// innermost walks err's wrap tree depth first and returns the last leaf
// that is not generic (a file error counts as a leaf, so its path stays,
// and so does an error that says itself).
func innermost(err error) error {
	var best, last error
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		var pe *fs.PathError
		var le *os.LinkError
		var xe *exec.Error
		if asExact(e, &pe) || asExact(e, &le) || asExact(e, &xe) {
			last = e
			best = e
			return
		}
		if _, ok := e.(i18n.Sayer); ok && !isGeneric(e) {
			last, best = e, e // its words say what it wraps, in the person's language
			return
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, c := range u.Unwrap() {
				walk(c)
			}
			return
		case interface{ Unwrap() error }:
			if inner := u.Unwrap(); inner != nil {
				walk(inner)
				return
			}
		}
		last = e
		if !isGeneric(e) {
			best = e
		}
	}
	walk(err)
	if best == nil {
		best = last
	}
	if best == nil {
		return err
	}
	return best
}

// asExact reports whether e itself (not something it wraps) is a *T.
func asExact[T any](e error, target *T) bool {
	t, ok := e.(T)
	if ok {
		*target = t
	}
	return ok
}

func isGeneric(e error) bool {
	for _, g := range generic() {
		if e == g {
			return true
		}
	}
	return false
}

// sentence capitalises s and ends it with a period.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}
