package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// InstancePath answers which sandbox serves here: its instance ID and
// scenario, so that another process of the same user, which found the
// address in a 0600 file, can use this running sandbox instead of
// starting a second one on the same state file (see Probe).
const InstancePath = "/sandbox/instance"

// Instance is what InstancePath answers.
type Instance struct {
	// ID is random per Server: an address reused by another program, or
	// by a later sandbox, does not match.
	ID       string   `json:"instance"`
	Scenario Scenario `json:"scenario"`
}

// newInstanceID is a random ID for one Server.
func newInstanceID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

// Instance is s's instance ID and current scenario.
func (s *Server) Instance() Instance {
	return Instance{ID: s.instance, Scenario: s.Scenario()}
}

func (s *Server) handleInstance(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(s.Instance())
}

// ErrNotThatSandbox is Probe's answer when something else, or another
// sandbox, answers at the address.
var ErrNotThatSandbox = errors.New("sandbox: another program, or another sandbox, answers at that address")

// Probe asks the sandbox at baseURL (loopback only) whether it is the
// instance id, within one second, and returns its scenario.
func Probe(ctx context.Context, baseURL, id string) (Scenario, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+InstancePath, nil)
	if err != nil {
		return "", fmt.Errorf("sandbox: probe %s: %w", baseURL, err)
	}
	if h := req.URL.Hostname(); h != "127.0.0.1" && h != "::1" && h != "localhost" {
		return "", fmt.Errorf("sandbox: probe %s: %w", baseURL, ErrNotThatSandbox)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("sandbox: probe %s: %w", baseURL, err)
	}
	defer resp.Body.Close()
	var got Instance
	if resp.StatusCode != http.StatusOK || json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&got) != nil || got.ID != id || id == "" {
		return "", fmt.Errorf("sandbox: probe %s: %w", baseURL, ErrNotThatSandbox)
	}
	return got.Scenario, nil
}

// ApproveURL returns authURL with ApproveParam=allow added (see
// [Server.ApproveURL]); it needs no Server, only the attempt's URL.
func ApproveURL(authURL string) string { return withDecision(authURL, "allow") }
