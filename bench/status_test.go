package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/adrg/xdg"

	"github.com/zoomconnect/zoomconnect/bench/internal/homes"
	"github.com/zoomconnect/zoomconnect/cli"
	"github.com/zoomconnect/zoomconnect/internal/buildinfo"
)

// BenchmarkStatusOffline runs `zoomconnect status --offline` in process
// (cli.Main, as the binary does after its package initialization) on homes
// of 1 and 100 sandbox profiles whose secrets are in the real keyring. It
// needs the bench scripts' private keyring (bench/profile-status runs it
// with a CPU profile) and skips otherwise. With ZOOMCONNECT_BENCH_HOME=DIR
// the 100-profile case uses DIR, already seeded with bench/seed (so a CPU
// profile does not include the seeding).
func BenchmarkStatusOffline(b *testing.B) {
	if err := homes.PrivateKeyring(); err != nil {
		b.Skip("skipping: run it through bench/profile-status or bench/all: " + err.Error())
	}
	for _, n := range []int{1, 100} {
		b.Run(fmt.Sprintf("profiles=%d", n), func(b *testing.B) {
			home := os.Getenv("ZOOMCONNECT_BENCH_HOME")
			if home == "" || n != 100 {
				home = b.TempDir()
				if err := homes.Add(b.Context(), homes.StoreAt(home), n, fmt.Sprintf("bench%d", n)); err != nil {
					b.Fatal(err)
				}
			}
			useHome(b, home)
			b.ResetTimer()
			for b.Loop() {
				if code := cli.Main(context.Background(), buildinfo.Stamp{Version: "bench"}); code != 0 {
					b.Fatalf("status --offline exited %d", code)
				}
			}
		})
	}
}

// useHome points the process's XDG directories, arguments and stdout at a
// status --offline run in home, and restores them when b ends.
func useHome(b *testing.B, home string) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	args, stdout := os.Args, os.Stdout
	// Registered first, so it runs last: after b.Setenv has restored the
	// environment that xdg.Reload reads again.
	b.Cleanup(func() {
		os.Args, os.Stdout = args, stdout
		devnull.Close()
		xdg.Reload()
	})
	b.Setenv("HOME", home)
	b.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	b.Setenv("XDG_DATA_HOME", filepath.Join(home, "data"))
	b.Setenv("XDG_STATE_HOME", filepath.Join(home, "state"))
	xdg.Reload()
	os.Args, os.Stdout = []string{"zoomconnect", "status", "--offline"}, devnull
}
