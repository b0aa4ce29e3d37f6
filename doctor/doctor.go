// Package doctor runs zoomconnect's pre-flight and health checks: is Zoom
// reachable (DNS, TLS, proxies, TLS interception), is the clock right, can
// the loopback redirect bind, can a browser open, does the keyring answer,
// are the saved files sane, does the stored connection still work. Every
// check says pass, warn, fail or skip, and gives the exact fix.
//
// It imports no UI package. Everything it touches (network, files, clock,
// environment, storage) comes through [Env], so tests inject fakes.
package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/zoomconnect/zoomconnect/schema"
)

// Status is the outcome of one check: the JSON contract's check outcome
// (schema.Check), so doctor says "ok" where the text report says ok.
type Status = schema.Check

// Statuses, from best to worst (skip means "not checked").
const (
	Pass = schema.CheckOK
	Warn = schema.CheckWarn
	Fail = schema.CheckFail
	Skip = schema.CheckSkip
)

// Result is what one check found.
type Result struct {
	Status  Status `json:"status"`
	Summary string `json:"summary_text"`
	// Detail explains the result in words.
	Detail string `json:"detail_text,omitempty"`
	// Error is the raw error chain behind a failure, in English, for
	// --json and the support bundle only (the text report says it in
	// words, in Detail).
	Error string `json:"error_chain,omitempty"`
	// Fix is the exact command to run or action to take; empty on pass.
	Fix string `json:"fix_text,omitempty"`
	// Code is an error-table key (such as "oauth:4741") when a Zoom error
	// was met.
	Code string `json:"error_key,omitempty"`
	// TrackingID is Zoom's x-zm-trackingid, for support.
	TrackingID string `json:"tracking_id,omitempty"`
	// Facts are small machine-readable findings ("ssh": "true").
	Facts map[string]string `json:"facts,omitempty"`
}

// Check is one named health check.
type Check struct {
	ID string
	// Title names the check for people, in the report's language.
	Title string
	// Network marks checks that need the network; with Env.Offline they
	// are skipped with a fix instead of run, or run Offline instead.
	Network bool
	// Offline, for a Network check, is what it can still tell from local
	// records under Env.Offline (nil: the check is skipped).
	Offline func(ctx context.Context, env *Env) Result
	// Timeout bounds Run; 0 means DefaultTimeout.
	Timeout time.Duration
	Run     func(ctx context.Context, env *Env) Result
}

// DefaultTimeout bounds a check whose Timeout is 0.
const DefaultTimeout = 10 * time.Second

// CheckResult is one check's result in a Report.
type CheckResult struct {
	ID       string        `json:"id"`
	Title    string        `json:"title_text"`
	Duration time.Duration `json:"duration_ns"`
	Result
}

// Report is the outcome of Run, in the order the checks were given.
type Report struct {
	// Schema is schema.Version: the report is a document of zoomconnect's
	// JSON contract.
	Schema    int           `json:"schema"`
	StartedAt time.Time     `json:"started_at"`
	Offline   bool          `json:"offline"`
	Results   []CheckResult `json:"results"`
}

// Run runs checks concurrently (they only read), each bounded by its
// timeout, and returns their results in the given order. A check that
// ignores its context or panics is reported as a failure, never waited on
// forever.
func Run(ctx context.Context, env Env, checks []Check) Report {
	env.fill()
	rep := Report{Schema: schema.Version, StartedAt: env.Now().UTC(), Offline: env.Offline, Results: make([]CheckResult, len(checks))}
	var wg sync.WaitGroup
	for i, c := range checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			res := runOne(ctx, &env, c)
			rep.Results[i] = CheckResult{ID: c.ID, Title: c.Title, Duration: time.Since(start), Result: res}
		}()
	}
	wg.Wait()
	return rep
}

// runOne runs a single check with its timeout and offline rule.
func runOne(ctx context.Context, env *Env, c Check) Result {
	t := env.T
	if c.Network && env.Offline {
		if c.Offline == nil {
			return Result{Status: Skip, Summary: t.T("doctor.offline"), Fix: t.T("doctor.offline_fix")}
		}
		c.Run = c.Offline
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	done := make(chan Result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- Result{Status: Fail, Summary: t.T("doctor.crashed", "Panic", fmt.Sprint(p)), Fix: t.T("doctor.crashed_fix")}
			}
		}()
		done <- c.Run(ctx, env)
	}()
	select {
	case r := <-done:
		return r
	case <-ctx.Done():
		return Result{Status: Fail, Summary: t.T("doctor.hung", "Timeout", t.Duration(timeout)), Fix: t.T("doctor.hung_fix")}
	}
}

// Failed reports whether any check failed.
func (r Report) Failed() bool { return r.Count(Fail) > 0 }

// Count returns how many results have status s.
func (r Report) Count(s Status) int {
	n := 0
	for _, c := range r.Results {
		if c.Status == s {
			n++
		}
	}
	return n
}

// Get returns the result of the check with id, if it ran.
func (r Report) Get(id string) (CheckResult, bool) {
	for _, c := range r.Results {
		if c.ID == id {
			return c, true
		}
	}
	return CheckResult{}, false
}

// JSON encodes the report, indented. Results hold no secret: checks never
// put token or secret values in them.
func (r Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode doctor report: %w", err)
	}
	return append(b, '\n'), nil
}
