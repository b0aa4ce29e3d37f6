package zoomapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// pageTokenKey is the field of Zoom's listings that names the next page.
const pageTokenKey = "next_page_token"

// member is one key of a JSON object, in the order it came.
type member struct {
	key   string
	value json.RawMessage
}

// object reads a JSON object keeping its keys' order; ok is false for
// anything else (an array, a scalar, invalid JSON).
func object(b []byte) (members []member, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, false
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		members = append(members, member{key, v})
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, false
	}
	return members, true
}

// nextPageToken is a page's next_page_token, "" on the last page (or a
// page that is not a listing).
func nextPageToken(page []byte) string {
	var p struct {
		Next string `json:"next_page_token"`
	}
	_ = json.Unmarshal(page, &p)
	return p.Next
}

// mergePages joins the pages of a listing into one JSON document: the
// first page's object with every array that the pages carry under the
// same key concatenated in page order, and next_page_token empty (there
// is no next page). Pages that are arrays are concatenated.
func mergePages(pages [][]byte) ([]byte, error) {
	if len(pages) == 1 {
		return pages[0], nil
	}
	if arr, ok := concatArrays(pages); ok {
		return arr, nil
	}
	first, ok := object(pages[0])
	if !ok {
		return nil, errors.New("the first page is not a JSON object or array")
	}
	rest := make([]map[string]json.RawMessage, 0, len(pages)-1)
	for i, p := range pages[1:] {
		members, ok := object(p)
		if !ok {
			return nil, fmt.Errorf("page %d is not a JSON object", i+2)
		}
		m := make(map[string]json.RawMessage, len(members))
		for _, x := range members {
			m[x.key] = x.value
		}
		rest = append(rest, m)
	}
	var out bytes.Buffer
	out.WriteByte('{')
	for i, x := range first {
		if i > 0 {
			out.WriteByte(',')
		}
		k, _ := json.Marshal(x.key)
		out.Write(k)
		out.WriteByte(':')
		v := x.value
		switch {
		case x.key == pageTokenKey:
			v = json.RawMessage(`""`)
		case isArray(v):
			all := [][]byte{v}
			for _, m := range rest {
				if w, ok := m[x.key]; ok && isArray(w) {
					all = append(all, w)
				}
			}
			v, _ = concatArrays(all)
		}
		out.Write(v)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

func isArray(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '['
}

// concatArrays joins JSON arrays into one; ok is false when one is not an
// array.
func concatArrays(arrays [][]byte) (json.RawMessage, bool) {
	var out bytes.Buffer
	out.WriteByte('[')
	n := 0
	for _, a := range arrays {
		var items []json.RawMessage
		if !isArray(a) || json.Unmarshal(a, &items) != nil {
			return nil, false
		}
		for _, it := range items {
			if n > 0 {
				out.WriteByte(',')
			}
			out.Write(it)
			n++
		}
	}
	out.WriteByte(']')
	return out.Bytes(), true
}
