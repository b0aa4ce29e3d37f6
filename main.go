// Command zoomconnect connects people to Zoom with OAuth 2.0 and keeps the
// connection alive. See README.md and `zoomconnect --help`.
package main

import (
	"context"
	"os"

	"github.com/zoomconnect/zoomconnect/cli"
)

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
var version = ""

func main() {
	os.Exit(cli.Main(context.Background(), version))
}
