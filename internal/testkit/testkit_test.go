package testkit

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/adrg/xdg"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

func TestBufferWhileWriting(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Fprintf(&b, "%d\n", i)
			_ = b.String()
		}()
	}
	wg.Wait()
	if n := strings.Count(b.String(), "\n"); n != 8 {
		t.Errorf("%d lines, want 8: %q", n, b.String())
	}
}

func TestSandboxServesUntilTheTestEnds(t *testing.T) {
	var url string
	t.Run("inner", func(t *testing.T) {
		srv := Sandbox(t, sandbox.Options{})
		url = srv.URL
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	})
	if resp, err := http.Get(url); err == nil {
		resp.Body.Close()
		t.Errorf("the sandbox at %s still answers after its test ended", url)
	}
}

func TestPrivateXDG(t *testing.T) {
	before := xdg.ConfigHome
	t.Run("inner", func(t *testing.T) {
		d := PrivateXDG(t)
		if xdg.ConfigHome != d.Config || xdg.StateHome != d.State || xdg.DataHome != d.Data || os.Getenv("XDG_CONFIG_DIRS") != d.ConfigDirs {
			t.Errorf("xdg = %s %s %s, want %+v", xdg.ConfigHome, xdg.DataHome, xdg.StateHome, d)
		}
	})
	if xdg.ConfigHome != before {
		t.Errorf("xdg.ConfigHome = %s after the test, want %s again", xdg.ConfigHome, before)
	}
}
