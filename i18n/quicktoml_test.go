package i18n

import (
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestQuickTOMLReadsEveryCatalogFile: the quick decoder takes every
// catalog file (none falls back to the slow one) and reads exactly what
// the full TOML decoder reads.
func TestQuickTOMLReadsEveryCatalogFile(t *testing.T) {
	for _, name := range Files() {
		data, err := ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var want any
		if err := toml.Unmarshal(data, &want); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, ok := quickTOML(string(data))
		if !ok {
			t.Errorf("%s: the quick decoder gave up on it, so every start would parse it with the slow one "+
				"(see quickTOML for the subset it reads)", name)
			continue
		}
		if !reflect.DeepEqual(any(got), want) {
			t.Errorf("%s: the quick decoder reads it differently from github.com/BurntSushi/toml", name)
		}
	}
}

// TestQuickTOMLLeavesTheRestToTheFullDecoder: input outside the subset,
// or invalid, is not decoded by quickTOML, so unmarshalTOML reports the
// full decoder's error or result.
func TestQuickTOMLLeavesTheRestToTheFullDecoder(t *testing.T) {
	for _, in := range []string{
		"a = 1\n",                    // not a string
		"a = 'literal'\n",            // literal string
		"a = \"x\"\na = \"y\"\n",     // duplicate key
		"[a]\n[a]\n",                 // table twice
		"[a]\nb = \"x\"\n[a.b]\n",    // a table over a string
		"a.b = \"x\"\n[a.b]\n",       // a header over a dotted key's table
		"a.b = \"x\"\n[a.b.c]\n",     // a header through one
		"[a]\nb = \"x\"\n[c]\n",      // (valid, the next one is not)
		"[a]\nb = \"x\"\n[c]\n[a]\n", // a header defined twice, apart
		"a = \"x\" b\n",              // junk after the value
		"a = \"unterminated\n",       // no closing quote
		"a = \"\"\"open\n",           // no closing quotes
		"a = \"bad \\q escape\"\n",   // unknown escape
		"a = \"ctl \x01\"\n",         // control character
		"a = \"x\"\r\n",              // carriage return
		"[[a]]\n",                    // array of tables
		"a = \"\"\"x\"\"\"\"\"\"\n",  // too many quotes at the end
		"a = \"\\uD800\"\n",          // surrogate
		"[a\n",                       // broken header
		"= \"x\"\n",                  // no key
	} {
		m, ok := quickTOML(in)
		var v any
		fullErr := toml.Unmarshal([]byte(in), &v)
		if ok && fullErr != nil {
			t.Errorf("quickTOML(%q) = %v, but the input is invalid TOML (%v)", in, m, fullErr)
		}
		if ok && fullErr == nil && !reflect.DeepEqual(any(m), v) {
			t.Errorf("quickTOML(%q) = %v, the full decoder reads %v", in, m, v)
		}
	}
	var v any
	if err := unmarshalTOML([]byte("a = \"x\"\na = \"y\"\n"), &v); err == nil {
		t.Error("a duplicate key decoded without an error")
	}
	if _, ok := quickTOML("a = 1\n"); ok {
		t.Error("an integer was decoded by the string-only decoder")
	}
}

// TestQuickTOMLStrings: the escapes, keys and multi-line rules the
// catalog uses read as the full decoder reads them.
func TestQuickTOMLStrings(t *testing.T) {
	in := "# c\n[t.\"x:1\"] # c\nk = \"a\\u00a0b\\\"\\\\\\n\\U0001F600\" # c\n" +
		"m = \"\"\"\nline one\nline \\\n   two \"quoted\" \"\"inner\"\"\"\"\"\n" +
		"[u]\n\"a:b\" = \"q\"\nx.y = \"1\"\nx.z = \"2\"\n[d.e]\n[d]\nf = \"3\"\n"
	got, ok := quickTOML(in)
	if !ok {
		t.Fatal("not decoded")
	}
	var want any
	if err := toml.Unmarshal([]byte(in), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(any(got), want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
}
