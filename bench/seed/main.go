// Command seed prepares zoomconnect homes for the bench scripts (see package
// bench/internal/homes): sandbox profiles saved through the product's own
// code, their secrets in the session's keyring, which must be the private
// one the scripts start (ZOOMCONNECT_BENCH_KEYRING=private).
//
//	seed add    -home DIR -n N -prefix P   # N sandbox profiles P-001..P-N; P-001 is the default
//	seed expire -home DIR -profile NAME    # make NAME's access token expired (the next token refreshes)
//
// DIR gets the XDG layout the binary sees with XDG_CONFIG_HOME=DIR/config,
// XDG_DATA_HOME=DIR/data and XDG_STATE_HOME=DIR/state.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/zoomconnect/zoomconnect/bench/internal/homes"
)

const usage = `usage: seed add -home DIR -n N -prefix P
       seed expire -home DIR -profile NAME`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	if err := homes.PrivateKeyring(); err != nil {
		return err
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	home := fs.String("home", "", "home directory (XDG dirs under it)")
	n := fs.Int("n", 1, "number of profiles (add)")
	prefix := fs.String("prefix", "p", "profile name prefix (add)")
	profile := fs.String("profile", "", "profile to expire (expire)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *home == "" {
		return errors.New(usage)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	st := homes.StoreAt(*home)
	switch args[0] {
	case "add":
		return homes.Add(ctx, st, *n, *prefix)
	case "expire":
		return homes.Expire(ctx, st, *profile)
	}
	return errors.New(usage)
}
