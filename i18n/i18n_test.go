package i18n

import (
	"testing"
	"time"
)

func TestFromLocale(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"fr_FR.UTF-8", French, true}, {"fr_CA", French, true}, {"fr_BE.UTF-8", French, true},
		{"fr_CH@euro", French, true}, {"fr", French, true}, {"fr-FR", French, true},
		{"en_US.UTF-8", English, true}, {"de_DE.UTF-8", English, true}, {"C", English, true},
		{"POSIX", English, true}, {"C.UTF-8", English, true}, {"", "", false}, {"  ", "", false},
	} {
		got, ok := FromLocale(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("FromLocale(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestDetectOrder(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, c := range []struct {
		name string
		flag string
		env  map[string]string
		want Lang
	}{
		{"nothing", "", nil, English},
		{"LANG", "", map[string]string{"LANG": "fr_FR.UTF-8"}, French},
		{"LC_MESSAGES over LANG", "", map[string]string{"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, English},
		{"LC_ALL over LC_MESSAGES", "", map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "fr_CA.UTF-8"}, French},
		{"LC_ALL=C wins", "", map[string]string{"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, English},
		{"ZOOMCONNECT_LANG over the locale", "", map[string]string{"LC_ALL": "fr_FR.UTF-8", "ZOOMCONNECT_LANG": "en"}, English},
		{"the flag over everything", "fr", map[string]string{"ZOOMCONNECT_LANG": "en", "LC_ALL": "en_US"}, French},
	} {
		got, err := Detect(c.flag, env(c.env))
		if err != nil || got != c.want {
			t.Errorf("%s: Detect = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	if _, err := Detect("de", env(nil)); err == nil {
		t.Error("--lang de was accepted; want an error naming en and fr")
	}
}

func TestDuration(t *testing.T) {
	en, fr := New(English), New(French)
	for _, c := range []struct {
		d      time.Duration
		en, fr string
	}{
		{45 * time.Second, "45\u00a0s", "45\u00a0s"},
		{5 * time.Minute, "5\u00a0min", "5\u00a0min"},
		{time.Hour, "1\u00a0h", "1\u00a0h"},
		{65 * time.Minute, "1\u00a0h 5\u00a0min", "1\u00a0h 5\u00a0min"},
		{50 * time.Hour, "2\u00a0d", "2\u00a0j"},
	} {
		if got := en.Duration(c.d); got != c.en {
			t.Errorf("en Duration(%v) = %q, want %q", c.d, got, c.en)
		}
		if got := fr.Duration(c.d); got != c.fr {
			t.Errorf("fr Duration(%v) = %q, want %q", c.d, got, c.fr)
		}
	}
	if got := fr.Ago(3 * time.Hour); got != "il y a 3\u00a0h" {
		t.Errorf("fr Ago = %q", got)
	}
	if got := en.Clock(612 * time.Second); got != "10:12" {
		t.Errorf("Clock = %q", got)
	}
}

func TestDayAndList(t *testing.T) {
	tm := time.Date(2026, 1, 2, 15, 4, 0, 0, time.Local)
	if got := New(English).DayTime(tm); got != "Fri 2 Jan 15:04" {
		t.Errorf("en DayTime = %q", got)
	}
	if got := New(French).DayTime(tm); got != "ven. 2 janv. 15:04" {
		t.Errorf("fr DayTime = %q", got)
	}
	if got := New(French).List([]string{"a", "b", "c"}); got != "a, b et c" {
		t.Errorf("fr List = %q", got)
	}
	if got := New(French).Quote("Gérer"); got != "«\u00a0Gérer\u00a0»" {
		t.Errorf("fr Quote = %q", got)
	}
}

func TestArgCleansMarkupAndControls(t *testing.T) {
	if got := Arg("a`b**c\nd\x1b[31m"); got != "a'b*c d [31m" {
		t.Errorf("Arg = %q", got)
	}
	if got := Arg(Raw("`kept`")); got != "`kept`" {
		t.Errorf("Arg(Raw) = %q", got)
	}
}

// TestCheckTypography: each rule catches its mistake, and what French
// typography does not govern (code, URLs, template actions, a leading
// glyph) is left alone.
func TestCheckTypography(t *testing.T) {
	for _, c := range []struct {
		text string
		bad  int
	}{
		{"Étape\u00a0: ok\u202f; oui\u202f! non\u00a0? «\u00a0Gérer\u00a0» l’app", 0},
		{"Étape : ok", 1},
		{"ok; oui! non?", 3},
		{"« Gérer »", 2},
		{"l'app", 1},
		{`"Gérer"`, 2},
		{"`zoomconnect --x 'a': \"b\"` https://x.example/a?b=c {{.A}} 10:30", 0},
		{"```json\n{\"a\": 1}\n```\nfin", 0},
		{"! Attention\u00a0: rien", 0},
	} {
		if got := CheckTypography(c.text); len(got) != c.bad {
			t.Errorf("CheckTypography(%q) = %q, want %d problems", c.text, got, c.bad)
		}
	}
}
