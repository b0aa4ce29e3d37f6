// Package assets embeds the text zoomconnect shows: the Zoom error table,
// scope descriptions, remediation guides and page templates. Code and copy
// stay apart, so the wording can change without touching logic, and the
// same table serves the TUI, --json output and the docs.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed all:content
var content embed.FS

// FS is the embedded content, rooted at the content directory.
func FS() fs.FS {
	sub, err := fs.Sub(content, "content")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// Text returns an embedded file as a string. A missing name is a
// programming error (every name is a literal tested in assets_test.go), so
// it panics.
func Text(name string) string {
	b, err := fs.ReadFile(FS(), name)
	if err != nil {
		panic("assets: " + err.Error())
	}
	return string(b)
}
