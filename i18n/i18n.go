// Package i18n is zoomconnect's message catalog: every sentence a person
// reads, in English and in French, keyed by a message ID, with plural forms
// and named placeholders, plus the few formats that differ by language
// (durations, dates, lists, quotes).
//
// Messages live in locales/AREA.LANG.toml, one file per area and language,
// parsed with github.com/nicksnyder/go-i18n/v2 (CLDR plural rules, text/template
// placeholders such as {{.Profile}}). Language tags are matched with
// golang.org/x/text/language. It imports no UI package.
package i18n

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Lang is a language zoomconnect speaks.
type Lang string

// The languages of the catalog. English is the fallback for every message
// and for every locale that is not French.
const (
	English Lang = "en"
	French  Lang = "fr"
)

// Langs lists the catalog's languages, English first.
func Langs() []Lang { return []Lang{English, French} }

// tag is the language tag of l.
func (l Lang) tag() language.Tag {
	if l == French {
		return language.French
	}
	return language.English
}

// matcher matches a locale to the catalog's languages; a new one per call,
// so no package state is shared.
func matcher() language.Matcher {
	return language.NewMatcher([]language.Tag{language.English, language.French})
}

// FromLocale maps a POSIX locale or a language tag to a catalog language:
// "fr_FR.UTF-8", "fr_CA", "fr-BE", "fr_CH@euro" and "fr" are French;
// anything else that names a language ("en_GB", "de_DE", "C", "POSIX") is
// English. ok is false when s names no locale at all (empty), so the caller
// looks at the next variable.
func FromLocale(s string) (l Lang, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	// POSIX: language[_territory][.codeset][@modifier].
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return English, true // "C", "POSIX" and other non-tags
	}
	if base, _ := tag.Base(); base.String() == "fr" {
		return French, true
	}
	_, i, conf := matcher().Match(tag)
	if conf != language.No && i == 1 {
		return French, true
	}
	return English, true
}

// ParseFlag reads a --lang value: "en" or "fr" (a locale such as fr_CA is
// accepted too). The error says which values work.
func ParseFlag(v string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "en", "english":
		return English, nil
	case "fr", "french", "français", "francais":
		return French, nil
	}
	if l, ok := FromLocale(v); ok && l == French {
		return French, nil
	}
	return "", fmt.Errorf("--lang %q: use en (English) or fr (French)", v)
}

// Detect picks the language: the --lang flag when set, then
// ZOOMCONNECT_LANG, then the POSIX locale variables in their order of
// precedence (LC_ALL, LC_MESSAGES, LANG); English when none names one.
// getenv reads the environment (os.Getenv, or a map in tests). An invalid
// --lang is an error; an unknown locale in the environment is English.
func Detect(flag string, getenv func(string) string) (Lang, error) {
	if flag != "" {
		return ParseFlag(flag)
	}
	if v := getenv("ZOOMCONNECT_LANG"); v != "" {
		if l, err := ParseFlag(v); err == nil {
			return l, nil
		}
		if l, ok := FromLocale(v); ok {
			return l, nil
		}
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l, ok := FromLocale(getenv(name)); ok {
			return l, nil
		}
	}
	return English, nil
}
