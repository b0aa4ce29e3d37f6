package cmdline

import "testing"

func TestPathAndTakesSandbox(t *testing.T) {
	for _, tt := range []struct {
		line, path  string
		ok, sandbox bool
	}{
		{"zoomconnect", "", true, true},
		{"zoomconnect --profile work", "", true, true},
		{"zoomconnect login --profile work", "login", true, true},
		{"zoomconnect refresh --profile work", "refresh", true, false},
		{"zoomconnect status", "status", true, false},
		{"zoomconnect admin approve --app X jill@example.com", "admin approve", true, true},
		{"zoomconnect admin preapproval", "admin preapproval", true, false},
		{"zoomconnect admin", "admin", true, true},
		{"zoomconnect errors 4702", "errors", true, false},
		{"curl https://zoom.us", "", false, false},
		{"", "", false, false},
	} {
		path, ok := Path(tt.line)
		if path != tt.path || ok != tt.ok {
			t.Errorf("Path(%q) = %q, %v; want %q, %v", tt.line, path, ok, tt.path, tt.ok)
		}
		if got := TakesSandbox(tt.line); got != tt.sandbox {
			t.Errorf("TakesSandbox(%q) = %v, want %v", tt.line, got, tt.sandbox)
		}
	}
}
