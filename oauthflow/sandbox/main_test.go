package sandbox

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests when a goroutine outlives them: every
// server the tests start must be closed, slow-token waits included.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
