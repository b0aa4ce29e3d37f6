package assets

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestErrorTableParsesStrictly(t *testing.T) {
	dec := json.NewDecoder(strings.NewReader(Text("errors.json")))
	dec.DisallowUnknownFields()
	var entries []ErrorEntry
	if err := dec.Decode(&entries); err != nil {
		t.Fatalf("errors.json: %v", err)
	}
	if len(entries) < 50 {
		t.Fatalf("only %d entries", len(entries))
	}
	for _, e := range entries {
		if e.Key == "" || e.Title == "" || e.Cause == "" || e.User == "" {
			t.Errorf("incomplete entry %+v", e)
		}
		if got, ok := ErrorByKey(e.Key); !ok || got != e {
			t.Errorf("ErrorByKey(%q) = %+v, %v", e.Key, got, ok)
		}
	}
	if _, ok := ErrorByKey("nope"); ok {
		t.Fatal("unknown key found")
	}
}

func TestErrorsReturnsACopy(t *testing.T) {
	a := Errors()
	a[0].Title = "changed"
	if Errors()[0].Title == "changed" {
		t.Fatal("Errors exposes the shared table")
	}
}

func TestScopesTable(t *testing.T) {
	dec := json.NewDecoder(strings.NewReader(Text("scopes.json")))
	dec.DisallowUnknownFields()
	var all []ScopeText
	if err := dec.Decode(&all); err != nil {
		t.Fatalf("scopes.json: %v", err)
	}
	for _, name := range []string{"meeting:write", "recording:read", "user_info:read", "user:read",
		"meeting:write:meeting", "cloud_recording:read:list_user_recordings", "user:read:user"} {
		s, ok := Scope(name)
		if !ok || s.Description == "" {
			t.Errorf("no description for %s", name)
		}
	}
	if _, ok := Scope("meeting:read"); ok {
		t.Error("unexpected scope")
	}
}

func TestCallbackPageTemplateExists(t *testing.T) {
	page := Text("pages/callback.html")
	for _, want := range []string{"{{.Title}}", "{{.Body}}", "{{.Detail}}"} {
		if !strings.Contains(page, want) {
			t.Errorf("callback.html lacks %s", want)
		}
	}
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") || strings.Contains(page, "<script") {
		t.Error("callback page links outside or runs script")
	}
}
