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

// catalogs holds one catalog per printer language, built on first use.
// The embedded files cannot change, so what a catalog has read stays
// true.
var catalogs sync.Map // Lang -> func() *catalog

// catalogOf returns the catalog of l (and English, its fallback).
func catalogOf(l Lang) *catalog {
	f, _ := catalogs.LoadOrStore(l, sync.OnceValue(func() *catalog { return newCatalog(l) }))
	return f.(func() *catalog)()
}

// catalog is the messages of one language and of English, parsed area by
// area as they are first asked for: a command reads the files its
// messages come from (the wizard's first screen: 10 of the 31 English
// files, 57 of their 146 KB), not every file at start-up. files maps the first part of a
// message ID ("welcome" in "welcome.title") to the files of both languages
// that may define it (see areaIndex). mu guards bundle and loaded: go-i18n's
// Bundle is not safe to add to while a Localizer reads it.
type catalog struct {
	files  map[string][]string
	mu     sync.RWMutex
	bundle *goi18n.Bundle
	loc    *goi18n.Localizer
	loaded map[string]bool // file names added to bundle
}

// newCatalog indexes the files of English and of l; it parses none.
func newCatalog(l Lang) *catalog {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", unmarshalTOML)
	c := &catalog{files: map[string][]string{}, bundle: b, loaded: map[string]bool{},
		loc: goi18n.NewLocalizer(b, string(l), string(English))}
	for _, name := range Files() {
		if lang := fileLang(name); lang != English && lang != l {
			continue
		}
		data, err := locales.ReadFile(name)
		if err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", name, err))
		}
		for _, area := range areaIndex(string(data)) {
			c.files[area] = append(c.files[area], name)
		}
	}
	return c
}

// localize renders cfg's message, reading the files of its area first if
// no message of that area was asked for yet.
func (c *catalog) localize(cfg *goi18n.LocalizeConfig) (string, error) {
	area, _, _ := strings.Cut(cfg.MessageID, ".")
	c.mu.RLock()
	if c.areaLoaded(area) {
		defer c.mu.RUnlock()
		return c.loc.Localize(cfg)
	}
	c.mu.RUnlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.loadArea(area)
	return c.loc.Localize(cfg)
}

// areaLoaded reports whether every file of area is in the bundle.
func (c *catalog) areaLoaded(area string) bool {
	for _, name := range c.files[area] {
		if !c.loaded[name] {
			return false
		}
	}
	return true
}

// loadArea parses the files of area not parsed yet (c.mu held for
// writing). A broken embedded file is a programming error (tests parse
// every file) and panics.
func (c *catalog) loadArea(area string) {
	for _, name := range c.files[area] {
		if c.loaded[name] {
			continue
		}
		data, err := locales.ReadFile(name)
		if err == nil {
			_, err = c.bundle.ParseMessageFileBytes(data, name)
		}
		if err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", name, err))
		}
		c.loaded[name] = true
	}
}

// areaIndex lists the areas (first parts of message IDs) a catalog file
// may define, found without parsing it: the first key of every line that
// opens with "[" (a table header, or a line of a multi-line string, which
// at worst names an area the file does not have) and of every line before
// the first header. It is a superset of the file's areas, so a message is
// always looked for in its file; a test checks that on every file.
func areaIndex(s string) []string {
	var areas []string
	seen := map[string]bool{}
	header := false
	for len(s) > 0 {
		var line string
		line, s = cutLine(s)
		line = strings.TrimLeft(line, " \t")
		if strings.HasPrefix(line, "[") {
			header = true
			line = strings.TrimLeft(line, "[")
		} else if header {
			continue
		}
		keys, _, ok := quickPath(line)
		if !ok {
			continue
		}
		if area, _, _ := strings.Cut(keys[0], "."); !seen[area] {
			seen[area] = true
			areas = append(areas, area)
		}
	}
	return areas
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
	cat  *catalog
}

// New returns the Printer of l (English for an unknown l).
func New(l Lang) *Printer {
	if l != French {
		l = English
	}
	return &Printer{lang: l, cat: catalogOf(l)}
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
	_, err := p.or().cat.localize(&goi18n.LocalizeConfig{MessageID: id})
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
	s, err := p.cat.localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
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
