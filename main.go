// Command zoomconnect connects people to Zoom with OAuth 2.0 and keeps the
// connection alive. See README.md and `zoomconnect --help`.
package main

import (
	"context"
	"io"
	"os"

	"github.com/cli/browser"

	"github.com/zoomconnect/zoomconnect/cli"
	"github.com/zoomconnect/zoomconnect/internal/buildinfo"
)

// A release build sets these, as GoReleaser does (see .goreleaser.yaml):
//
//	go build -ldflags "-X main.version=1.2.3 -X main.commit=SHA -X main.date=2026-11-01T12:00:00Z"
//
// Left empty, `zoomconnect version` reads what the Go toolchain recorded.
var version, commit, date string

func main() {
	quietBrowser()
	os.Exit(cli.Main(context.Background(), buildinfo.Stamp{Version: version, Commit: commit, Date: date}))
}

// quietBrowser configures github.com/cli/browser, once, before anything
// runs. Its package-level Stdout and Stderr are its documented
// configuration and default to os.Stdout and os.Stderr: an opener such as
// xdg-open that prints ("Opening in existing browser session.") would then
// write into `zoomconnect token`'s machine output on stdout, or over the
// wizard's screen on stderr. Nothing is lost by discarding them: a failed
// opener still returns an error, which the wizard shows with the URL to
// open by hand.
func quietBrowser() {
	browser.Stdout = io.Discard
	browser.Stderr = io.Discard
}
