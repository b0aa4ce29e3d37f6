package zoomapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// ErrBadField is wrapped by the error of a -f/-F field that cannot be
// read (no "=", an empty or malformed key, a key used both as a value and
// as an object).
var ErrBadField = errors.New("bad request field")

// Field is one key=value parameter of a request, like gh api's: Raw (-f)
// values are strings; typed (-F) values true, false, null and integers
// become JSON literals. A key "a[b]" sets b inside object a, "a[]" appends
// to array a (in a JSON body; in a query string the key is sent as it is).
type Field struct {
	Key   string
	Value string
	Typed bool
}

// ParseField reads "key=value" (typed is -F).
func ParseField(s string, typed bool) (Field, error) {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return Field{}, i18n.NewError(ErrBadField, "api.field_invalid", "Field", s)
	}
	return Field{Key: k, Value: v, Typed: typed}, nil
}

// value is f's JSON value.
func (f Field) value() any {
	if !f.Typed {
		return f.Value
	}
	switch f.Value {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if n, err := strconv.ParseInt(f.Value, 10, 64); err == nil {
		return n
	}
	return f.Value
}

// Spec is a request as the command line gives it.
type Spec struct {
	// Method is -X; empty means GET, or POST when there are fields or an
	// input body (as gh api does).
	Method string
	Path   string
	Fields []Field
	// Input is the request body (--input), sent as it is; HasInput says
	// one was given (an empty file is an empty body). With an input, the
	// fields go to the query string.
	Input    []byte
	HasInput bool
	// Paginate follows next_page_token (GET only).
	Paginate bool
}

// Build turns s into a Request: the method, the fields as the query of a
// GET (or HEAD, or with an input body) and as a JSON object body
// otherwise.
func (s Spec) Build() (Request, error) {
	m := strings.ToUpper(strings.TrimSpace(s.Method))
	switch {
	case m == "" && (len(s.Fields) > 0 || s.HasInput):
		m = http.MethodPost
	case m == "":
		m = http.MethodGet
	}
	if !validMethod(m) {
		return Request{}, i18n.NewError(ErrBadField, "api.method_invalid", "Method", s.Method)
	}
	if s.Paginate && m != http.MethodGet {
		return Request{}, i18n.NewError(ErrBadField, "api.paginate_get", "Method", m)
	}
	r := Request{Method: m, Path: s.Path, Paginate: s.Paginate}
	switch {
	case s.HasInput:
		r.Body, r.Query = s.Input, queryOf(s.Fields)
	case m == http.MethodGet || m == http.MethodHead:
		r.Query = queryOf(s.Fields)
	case len(s.Fields) > 0:
		b, err := bodyOf(s.Fields)
		if err != nil {
			return Request{}, err
		}
		r.Body = b
	}
	return r, nil
}

func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range m {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// queryOf is fields as query parameters, in order; nil for none.
func queryOf(fields []Field) url.Values {
	if len(fields) == 0 {
		return nil
	}
	q := url.Values{}
	for _, f := range fields {
		q.Add(f.Key, f.Value)
	}
	return q
}

// bodyOf is fields as a JSON object, nested keys ("a[b]", "a[]") as
// objects and arrays.
func bodyOf(fields []Field) ([]byte, error) {
	root := map[string]any{}
	for _, f := range fields {
		if err := set(root, f); err != nil {
			return nil, err
		}
	}
	return json.Marshal(root)
}

// set puts f's value at its key path in root.
func set(root map[string]any, f Field) error {
	parts, err := keyParts(f.Key)
	if err != nil {
		return err
	}
	bad := i18n.NewError(ErrBadField, "api.field_conflict", "Key", f.Key)
	obj := root
	for i, p := range parts {
		last := i == len(parts)-1
		switch {
		case last && p == "":
			return bad // "a[]" is handled by its parent
		case last:
			obj[p] = f.value()
		case parts[i+1] == "" && i+1 == len(parts)-1:
			arr, ok := obj[p].([]any)
			if _, exists := obj[p]; exists && !ok {
				return bad
			}
			obj[p] = append(arr, f.value())
			return nil
		default:
			next, ok := obj[p].(map[string]any)
			if _, exists := obj[p]; exists && !ok {
				return bad
			}
			if next == nil {
				next = map[string]any{}
				obj[p] = next
			}
			obj = next
		}
	}
	return nil
}

// keyParts splits "a[b][c]" into a, b, c and "a[]" into a, "".
func keyParts(key string) ([]string, error) {
	name, rest, nested := strings.Cut(key, "[")
	if name == "" {
		return nil, i18n.NewError(ErrBadField, "api.field_invalid", "Field", key)
	}
	parts := []string{name}
	if !nested {
		return parts, nil
	}
	rest = "[" + rest
	for rest != "" {
		end := strings.IndexByte(rest, ']')
		if rest[0] != '[' || end < 0 {
			return nil, i18n.NewError(ErrBadField, "api.field_invalid", "Field", key)
		}
		parts = append(parts, rest[1:end])
		rest = rest[end+1:]
	}
	for _, p := range parts[1 : len(parts)-1] {
		if p == "" {
			return nil, i18n.NewError(ErrBadField, "api.field_invalid", "Field", key)
		}
	}
	return parts, nil
}
