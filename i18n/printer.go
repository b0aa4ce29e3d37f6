package i18n

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"unicode"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.toml
var locales embed.FS

// Files lists the catalog's files (locales/AREA.LANG.toml), for tests and
// tools.
func Files() []string {
	names, _ := fs.Glob(locales, "locales/*.toml")
	return names
}

// ReadFile returns one catalog file.
func ReadFile(name string) ([]byte, error) { return locales.ReadFile(name) }

// bundles holds one parsed bundle per language, built on first use: only
// the languages a run needs are parsed (English, the fallback, and the
// chosen one). The embedded files cannot change, so a bundle, once built,
// is never modified.
var bundles sync.Map // Lang -> func() *goi18n.Bundle

// bundle returns the parsed messages of l and of English.
func bundle(l Lang) *goi18n.Bundle {
	f, _ := bundles.LoadOrStore(l, sync.OnceValue(func() *goi18n.Bundle { return load(l) }))
	return f.(func() *goi18n.Bundle)()
}

// load parses the files of English and of l into a new bundle. A broken
// embedded file is a programming error (tests parse every file) and panics.
func load(l Lang) *goi18n.Bundle {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, name := range Files() {
		lang := fileLang(name)
		if lang != English && lang != l {
			continue
		}
		data, err := locales.ReadFile(name)
		if err == nil {
			_, err = b.ParseMessageFileBytes(data, name)
		}
		if err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", name, err))
		}
	}
	return b
}

// fileLang is the language of a catalog file: "welcome.fr.toml" is French.
func fileLang(name string) Lang {
	base := strings.TrimSuffix(path.Base(name), ".toml")
	return Lang(base[strings.LastIndexByte(base, '.')+1:])
}

// Printer renders the catalog's messages in one language (falling back to
// English for a message French lacks, which tests forbid). Build one with
// New; a nil *Printer prints English, so code that was given none still
// speaks. A Printer is safe for concurrent use.
type Printer struct {
	lang Lang
	loc  *goi18n.Localizer
}

// New returns the Printer of l (English for an unknown l).
func New(l Lang) *Printer {
	if l != French {
		l = English
	}
	return &Printer{lang: l, loc: goi18n.NewLocalizer(bundle(l), string(l), string(English))}
}

// english is the shared English printer that a nil *Printer stands for.
var english = sync.OnceValue(func() *Printer { return New(English) })

// or is p, or the English printer when p is nil.
func (p *Printer) or() *Printer {
	if p == nil {
		return english()
	}
	return p
}

// Lang is the printer's language.
func (p *Printer) Lang() Lang { return p.or().lang }

// T renders message id with named arguments given as pairs: T("x",
// "Profile", name) fills {{.Profile}}. An int "Count" pair picks the plural
// form as N does, so an error or message built with T counts too. String arguments are cleaned of
// control characters and of the inline markup characters of package page
// (see Arg). A message missing from the catalog renders as its ID in
// brackets, which tests catch.
func (p *Printer) T(id string, pairs ...any) string {
	return p.render(id, nil, pairs)
}

// N renders the plural form of id that fits count ({{.Count}} holds it).
func (p *Printer) N(id string, count int, pairs ...any) string {
	return p.render(id, count, append(pairs, "Count", count))
}

// Has reports whether the catalog has message id in the printer's
// language (or, failing that, in English).
func (p *Printer) Has(id string) bool {
	_, err := p.or().loc.Localize(&goi18n.LocalizeConfig{MessageID: id})
	var nf *goi18n.MessageNotFoundErr
	return !errors.As(err, &nf)
}

func (p *Printer) render(id string, count any, pairs []any) string {
	p = p.or()
	data := make(map[string]any, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		k, _ := pairs[i].(string)
		if n, ok := pairs[i+1].(int); ok && k == "Count" && count == nil {
			count = n
		}
		switch v := pairs[i+1].(type) {
		case Message:
			data[k] = p.T(v.ID, v.Args...) // catalog text in the same language
			continue
		case Sayer:
			data[k] = v.Say(p) // an error that says itself, in the same language
			continue
		}
		data[k] = Arg(pairs[i+1])
	}
	s, err := p.loc.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil || s == "" {
		return "[" + id + "]"
	}
	return s
}

// Arg is how a value is shown inside a message: a string (or a
// fmt.Stringer's string, or an error's text) cleaned so that it cannot break the line or the
// markup around it — control characters and line breaks become spaces,
// "`" becomes "'" and "**" becomes "*" (see package page's inline markup);
// a Raw string is kept as it is; other values are left alone.
func Arg(v any) any {
	switch v := v.(type) {
	case Raw:
		return string(v)
	case string:
		return clean(v)
	case error:
		return clean(v.Error())
	case fmt.Stringer:
		return clean(v.String())
	}
	return v
}

// Message is an argument that is itself a catalog message: the printer
// renders it in its own language, so a message can name another ("the
// {{.Keyring}}") whatever the language it is later said in. An argument
// that is a Sayer (an error that says itself) is said in the printer's
// language too.
type Message struct {
	ID   string
	Args []any
}

// Msg is the Message of id with args.
func Msg(id string, args ...any) Message { return Message{ID: id, Args: args} }

// Raw is an argument the catalog puts in a message as it is, for text that
// is itself catalog text or markup (a message built from other messages).
type Raw string

func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '`':
			return '\''
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return ' '
		}
		return r
	}, s)
	return strings.ReplaceAll(s, "**", "*")
}
