package wizard

import (
	"net/mail"
	"strings"
	"unicode"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// The validators of the credentials the wizard asks for. Each returns what
// to fix in words, "" when the (trimmed) value is fine; both front ends
// show the same message.

// CheckClientID returns what to fix in a client ID: Zoom's have letters,
// digits, _ and -, about 20-32 characters.
func CheckClientID(t *i18n.Printer, v string) string {
	if v == "" {
		return t.T("check.client_id_empty")
	}
	for _, r := range v {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '_' || r == '-') {
			return t.T("check.client_id_char", "Char", i18n.Raw(quoteRune(r)))
		}
	}
	if n := len(v); n < 10 || n > 64 {
		return t.N("check.client_id_length", n)
	}
	return ""
}

// quoteRune shows a character in a message: 'x', with ' ' for a space.
func quoteRune(r rune) string {
	if r == '\'' {
		return `"'"`
	}
	return "'" + string(r) + "'"
}

// CheckClientSecret returns what to fix in a client secret. An empty
// secret is fine: the app is then a public client. The message never
// quotes the secret.
func CheckClientSecret(t *i18n.Printer, v, clientID string) string {
	switch {
	case v == "":
		return ""
	case strings.IndexFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return t.T("check.secret_space")
	case v == clientID:
		return t.T("check.secret_is_id")
	}
	return ""
}

// CheckEmail returns what to fix in the optional expected account email.
func CheckEmail(t *i18n.Printer, v string) string {
	if v == "" {
		return ""
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || !strings.Contains(v[strings.LastIndex(v, "@")+1:], ".") {
		return t.T("check.email")
	}
	return ""
}

// Mismatch reports whether Zoom signed in another account than the
// expected one (an empty expectation never mismatches).
func Mismatch(expected, got string) bool {
	want := strings.TrimSpace(expected)
	return want != "" && !strings.EqualFold(want, strings.TrimSpace(got))
}
