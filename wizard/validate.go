package wizard

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
)

// The validators of the credentials the wizard asks for. Each returns what
// to fix in words, "" when the (trimmed) value is fine; both front ends
// show the same message.

// CheckClientID returns what to fix in a client ID: Zoom's have letters,
// digits, _ and -, about 20-32 characters.
func CheckClientID(v string) string {
	if v == "" {
		return "Enter the client ID: marketplace.zoom.us → Manage → your app → App Credentials → Client ID."
	}
	for _, r := range v {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '_' || r == '-') {
			return fmt.Sprintf("%q cannot be in a Zoom client ID (only letters, digits, _ and -). "+
				"Paste the Client ID alone, without quotes, URL or secret.", r)
		}
	}
	if n := len(v); n < 10 || n > 64 {
		return fmt.Sprintf("This is %d characters; Zoom client IDs have about 20-32. "+
			"Copy the whole Client ID from App Credentials, and nothing else.", n)
	}
	return ""
}

// CheckClientSecret returns what to fix in a client secret. An empty
// secret is fine: the app is then a public client. The message never
// quotes the secret.
func CheckClientSecret(v, clientID string) string {
	switch {
	case v == "":
		return ""
	case strings.IndexFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return "The secret contains a space or line break. Paste the Client Secret again from App Credentials."
	case v == clientID:
		return "This is the client ID. Paste the Client Secret (App Credentials → Client Secret) here instead."
	}
	return ""
}

// CheckEmail returns what to fix in the optional expected account email.
func CheckEmail(v string) string {
	if v == "" {
		return ""
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || !strings.Contains(v[strings.LastIndex(v, "@")+1:], ".") {
		return "Type the address of your Zoom account, like name@example.com, or leave it empty."
	}
	return ""
}

// Mismatch reports whether Zoom signed in another account than the
// expected one (an empty expectation never mismatches).
func Mismatch(expected, got string) bool {
	want := strings.TrimSpace(expected)
	return want != "" && !strings.EqualFold(want, strings.TrimSpace(got))
}
