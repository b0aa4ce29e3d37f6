package connection

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests when a goroutine outlives them: the
// refresh lock, keyring timeouts and fake servers must all be released.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
