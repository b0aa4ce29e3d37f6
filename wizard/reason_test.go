package wizard

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

func TestReasonPicksInnermostMeaningfulCause(t *testing.T) {
	noBus := errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret Service can answer")
	_, statErr := os.Stat(filepath.Join(t.TempDir(), "missing.json"))
	zoom := &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Op: oauthflow.OpRefresh, Code: 4738, Reason: "disabled"}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"keyring chain", fmt.Errorf(`save "default": %w`, fmt.Errorf(`save secrets of "default": %w`,
			fmt.Errorf("keyring write: %w: %w", storage.ErrKeyringUnavailable, noBus))),
			"No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret Service can answer."},
		{"sentinel alone", fmt.Errorf("keyring write: %w", storage.ErrKeyringUnavailable), "The system keyring is not available."},
		{"timeout", fmt.Errorf("save: %w", fmt.Errorf("keyring set: %w (waited 5s)", storage.ErrKeyringTimeout)),
			"The system keyring did not answer in time."},
		{"file error keeps its path", fmt.Errorf("load: %w", statErr), "Stat " + statErr.(*fs.PathError).Path + ": no such file or directory."},
		{"zoom error uses Explain", fmt.Errorf("refresh: %w", zoom), oauthflow.Explain(zoom).Title},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Reason(tc.err)
			if !strings.HasPrefix(got, strings.TrimSuffix(tc.want, ".")) || !strings.HasSuffix(got, ".") {
				t.Fatalf("Reason = %q, want %q", got, tc.want)
			}
		})
	}
	if Reason(nil) != "" {
		t.Fatal("Reason(nil) is not empty")
	}
}

// TestExplainViewPlainErrorIsNotBlamedOnZoom: a local failure (a save)
// shows its own cause, not "Something went wrong talking to Zoom".
