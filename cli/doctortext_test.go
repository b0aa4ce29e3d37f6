package cli

import (
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/doctor"
)

// The text report shows a failure's cause in words, never the raw error
// chain, which only --json (and the bundle) carry.
func TestDoctorTextHidesRawErrorChain(t *testing.T) {
	rep := doctor.Report{Results: []doctor.CheckResult{{ID: "zoom", Title: "Zoom is reachable", Result: doctor.Result{
		Status: doctor.Fail, Summary: "cannot reach zoom.us", Detail: "Connection failed: the network is unreachable.",
		Error: `Head "https://zoom.us": dial tcp: connect: network is unreachable`, Fix: "check the network"}}}}
	var b strings.Builder
	_ = textOut{}.writeDoctor(&b, rep)
	if strings.Contains(b.String(), "dial tcp") || !strings.Contains(b.String(), "the network is unreachable") {
		t.Errorf("text report:\n%s", b.String())
	}
	b.Reset()
	if err := (&rootOptions{}).writeJSON(&b, rep); err != nil || !strings.Contains(b.String(), `"error_chain": "Head \"https://zoom.us\": dial tcp`) {
		t.Errorf("--json lacks the raw error (%v):\n%s", err, b.String())
	}
}
