package wizard

import (
	"strings"
	"testing"
)

const goodID = "AbC123dEf456GhI789jK"

func TestCheckClientID(t *testing.T) {
	for in, want := range map[string]string{
		goodID:                  "",
		"abc_DEF-123456789":     "",
		"":                      "Enter the client ID",
		"abc def 123456789":     "' ' cannot be",
		"\"" + goodID + "\"":    `'"' cannot be`,
		"ÄbC123dEf456GhI789jK":  "'Ä' cannot be",
		"short1":                "6 characters",
		strings.Repeat("a", 65): "65 characters",
	} {
		got := CheckClientID(nil, in)
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("CheckClientID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckClientSecretNeverQuotesIt(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""}, {"abcDEF123", ""}, {"abc DEF", "space or line break"}, {"abc\tDEF", "space"}, {goodID, "client ID"},
	} {
		got := CheckClientSecret(nil, tc.in, goodID)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("CheckClientSecret(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if tc.in != "" && strings.Contains(got, tc.in) {
			t.Errorf("message quotes the secret: %q", got)
		}
	}
}

func TestCheckEmail(t *testing.T) {
	for in, ok := range map[string]bool{
		"": true, "ada@example.com": true, "a.b+c@sub.example.org": true,
		"ada": false, "ada@": false, "@example.com": false, "ada@localhost": false,
		"Ada <ada@example.com>": false, "ada @example.com": false,
	} {
		if got := CheckEmail(nil, in); (got == "") != ok {
			t.Errorf("CheckEmail(%q) = %q, want ok=%v", in, got, ok)
		}
	}
}
