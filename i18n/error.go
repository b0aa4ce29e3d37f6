package i18n

import (
	"errors"

	"github.com/zoomconnect/zoomconnect/page"
)

// Sayer is an error that can say itself to a person in a language, from
// the catalog. Its Error() stays English: the text of logs, --json and a
// "Details:" line.
type Sayer interface {
	error
	// Say is the error's text in t's language, in the catalog's inline
	// markup.
	Say(t *Printer) string
}

// Error is an error whose words are one catalog message: Error() is the
// English text with the markup removed, Say the text in a language. It
// wraps Err (a sentinel, or the cause), which errors.Is and errors.As
// see; Err's own text is not part of the message.
type Error struct {
	// ID is the catalog message; Args its name/value pairs, as for T.
	ID   string
	Args []any
	Err  error
}

// NewError returns the error of message id with args, wrapping err (which
// may be nil).
func NewError(err error, id string, args ...any) *Error {
	return &Error{ID: id, Args: args, Err: err}
}

// Error is the message in English, without markup.
func (e *Error) Error() string { return page.PlainText(e.Say(nil)) }

// Say is the message in t's language.
func (e *Error) Say(t *Printer) string { return t.T(e.ID, e.Args...) }

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// Say is the text of the outermost Sayer in err's chain in t's language;
// ok is false when the chain has none.
func Say(t *Printer, err error) (text string, ok bool) {
	var s Sayer
	if !errors.As(err, &s) {
		return "", false
	}
	return s.Say(t), true
}
