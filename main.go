// Command zoomconnect connects people to Zoom with OAuth 2.0 and keeps the
// connection alive. See README.md and `zoomconnect --help`.
package main

import (
	"context"
	"io"
	"os"

	"github.com/cli/browser"

	"github.com/zoomconnect/zoomconnect/cli"
)

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
var version = ""

func main() {
	quietBrowser()
	os.Exit(cli.Main(context.Background(), version))
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
