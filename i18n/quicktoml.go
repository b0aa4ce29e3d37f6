package i18n

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// unmarshalTOML is the catalog's TOML decoder: quickTOML for the plain
// shape the catalog files have, github.com/BurntSushi/toml for anything
// else (and for every error, which it reports). The general decoder
// spent about 20 ms of CPU on the English files at every start, most of
// the time before a command's first output; quickTOML reads the same files
// in well under a millisecond. A test decodes every catalog file both ways
// and wants the same tables.
func unmarshalTOML(data []byte, v any) error {
	if m, ok := quickTOML(string(data)); ok {
		if p, isAny := v.(*any); isAny {
			*p = m
			return nil
		}
	}
	return toml.Unmarshal(data, v)
}

// quickTOML decodes the subset of TOML the catalog is written in: comment
// and blank lines, table headers ([a], [a.b], [error."oauth:4700"]) and
// `key = "basic string"` or `key = """multi-line basic string"""` pairs
// (bare, quoted or dotted keys), with an optional comment after the value.
// ok is false for anything outside that subset (other value types, literal
// strings, carriage returns, control characters, a table or key defined
// twice), and the caller then uses the full decoder.
func quickTOML(s string) (map[string]any, bool) {
	if strings.ContainsRune(s, '\r') || !utf8.ValidString(s) {
		return nil, false
	}
	d := quickDoc{root: map[string]any{}, defined: map[string]bool{}}
	d.cur = d.root
	for len(s) > 0 {
		line, rest := cutLine(s)
		t := strings.TrimLeft(line, " \t")
		var ok bool
		switch {
		case t == "" || t[0] == '#':
			s, ok = rest, isComment(t)
		case t[0] == '[':
			s, ok = rest, d.header(t)
		default:
			s, ok = d.pair(s[len(line)-len(t):])
		}
		if !ok {
			return nil, false
		}
	}
	return d.root, true
}

// quickDoc is quickTOML's state: the tables read so far, the one the last
// header opened (cur, at path section), and the paths of tables that a
// header or a dotted key defined (a header may name such a table only on
// the way to a new one; one created on a header's way may be defined later).
type quickDoc struct {
	root, cur map[string]any
	section   string
	defined   map[string]bool
}

// pathKey joins a key path for quickDoc.defined.
func pathKey(keys []string) string { return strings.Join(keys, "\x00") }

// header opens the table a header line names, creating the tables on its
// way; false when the table is defined already, a key on the way is not a
// table or was made by dotted keys, or the line is not a plain header.
func (d *quickDoc) header(line string) bool {
	if strings.HasPrefix(line, "[[") {
		return false
	}
	keys, rest, ok := quickPath(line[1:])
	if !ok || !strings.HasPrefix(rest, "]") || !isComment(rest[1:]) {
		return false
	}
	table := d.root
	for i, k := range keys {
		last := i == len(keys)-1
		p := pathKey(keys[:i+1])
		next, exists := table[k]
		if !exists {
			m := map[string]any{}
			table[k], table = m, m
			continue
		}
		m, isTable := next.(map[string]any)
		if !isTable || d.defined[p] && (last || d.dotted(p)) {
			return false
		}
		table = m
	}
	p := pathKey(keys)
	d.defined[p] = true
	d.cur, d.section = table, p
	return true
}

// dotted reports whether the table at path p was made by dotted keys
// (its path is longer than the section that was open then: marked with a
// trailing separator in defined).
func (d *quickDoc) dotted(p string) bool { return d.defined[p+"\x00"] }

// pair decodes `key = value` at the start of s (the rest of the file,
// from the key on) into the open table and returns what follows the
// value's line.
func (d *quickDoc) pair(s string) (string, bool) {
	keys, s, ok := quickPath(s)
	if !ok || !strings.HasPrefix(s, "=") {
		return "", false
	}
	s = strings.TrimLeft(s[1:], " \t")
	var v, rest string
	ok = false
	switch {
	case strings.HasPrefix(s, `"""`):
		v, rest, ok = quickMultiline(s[3:])
	case strings.HasPrefix(s, `"`):
		v, rest, ok = quickBasic(s[1:])
	}
	if !ok {
		return "", false
	}
	tail, after := cutLine(rest)
	if !isComment(tail) {
		return "", false
	}
	table, path := d.cur, d.section
	for _, k := range keys[:len(keys)-1] {
		path += "\x00" + k
		next, exists := table[k]
		if !exists {
			m := map[string]any{}
			table[k], table = m, m
			d.defined[path], d.defined[path+"\x00"] = true, true
			continue
		}
		m, isTable := next.(map[string]any)
		if !isTable || !d.dotted(path) {
			return "", false
		}
		table = m
	}
	last := keys[len(keys)-1]
	if _, dup := table[last]; dup {
		return "", false
	}
	table[last] = v
	return after, true
}

// cutLine splits s after its first line (the newline is dropped).
func cutLine(s string) (line, rest string) {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// quickPath reads a dotted key path (bare keys or basic strings) at the
// start of s and returns the blanks-trimmed rest.
func quickPath(s string) (keys []string, rest string, ok bool) {
	for {
		s = strings.TrimLeft(s, " \t")
		var k string
		if strings.HasPrefix(s, `"`) {
			if k, s, ok = quickBasic(s[1:]); !ok {
				return nil, "", false
			}
		} else {
			n := bareLen(s)
			if n == 0 {
				return nil, "", false
			}
			k, s = s[:n], s[n:]
		}
		keys = append(keys, k)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return keys, s, true
		}
		s = s[1:]
	}
}

// bareLen is the length of the bare key at the start of s.
func bareLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return i
		}
	}
	return len(s)
}

// isComment reports whether the rest of a line holds nothing but blanks
// and an optional comment.
func isComment(s string) bool {
	s = strings.TrimLeft(s, " \t")
	return s == "" || s[0] == '#' && !hasControl(s)
}

// hasControl reports a control character other than tab, which TOML
// forbids in comments and strings.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return true
		}
	}
	return false
}

// quickBasic decodes a basic string whose opening quote is already read;
// rest follows the closing quote.
func quickBasic(s string) (v, rest string, ok bool) {
	end := strings.IndexByte(s, '"')
	if end >= 0 && strings.IndexByte(s[:end], '\\') < 0 && !hasControl(s[:end]) {
		return s[:end], s[end+1:], true // no escapes: the text as it is
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), s[i+1:], true
		case c == '\\':
			r, n, ok := quickEscape(s[i:])
			if !ok {
				return "", "", false
			}
			b.WriteRune(r)
			i += n
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", "", false
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", "", false
}

// quickMultiline decodes a multi-line basic string whose opening quotes
// are already read: a newline right after them is dropped, and a
// backslash at the end of a line drops it and the blanks that follow.
func quickMultiline(s string) (v, rest string, ok bool) {
	s = strings.TrimPrefix(s, "\n")
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case strings.HasPrefix(s[i:], `"""`):
			// One or two quotes may come right before the closing three.
			n := 3
			for i+n < len(s) && s[i+n] == '"' {
				n++
			}
			if n > 5 {
				return "", "", false
			}
			b.WriteString(s[i : i+n-3])
			return b.String(), s[i+n:], true
		case c == '\\' && lineEndsAt(s[i+1:]):
			i++
			for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
				i++
			}
		case c == '\\':
			r, n, ok := quickEscape(s[i:])
			if !ok {
				return "", "", false
			}
			b.WriteRune(r)
			i += n
		case c < 0x20 && c != '\t' && c != '\n' || c == 0x7f:
			return "", "", false
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", "", false
}

// lineEndsAt reports whether s holds only blanks up to its next newline.
func lineEndsAt(s string) bool {
	line, _ := cutLine(s)
	return strings.TrimLeft(line, " \t") == "" && len(line) < len(s)
}

// quickEscape decodes the escape sequence at the start of s (a
// backslash), returning the rune and the bytes read.
func quickEscape(s string) (rune, int, bool) {
	if len(s) < 2 {
		return 0, 0, false
	}
	switch s[1] {
	case 'b':
		return '\b', 2, true
	case 't':
		return '\t', 2, true
	case 'n':
		return '\n', 2, true
	case 'f':
		return '\f', 2, true
	case 'r':
		return '\r', 2, true
	case '"':
		return '"', 2, true
	case '\\':
		return '\\', 2, true
	case 'u', 'U':
		n := 4
		if s[1] == 'U' {
			n = 8
		}
		if len(s) < 2+n {
			return 0, 0, false
		}
		code, err := strconv.ParseUint(s[2:2+n], 16, 32)
		if err != nil || !utf8.ValidRune(rune(code)) {
			return 0, 0, false
		}
		return rune(code), 2 + n, true
	}
	return 0, 0, false
}
