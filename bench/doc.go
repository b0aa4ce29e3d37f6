// Package bench holds the bench scripts' Go parts: whole-command
// benchmarks that need the private keyring of the scripts (status_test.go),
// the seed and ptyframe tools, and package internal/homes. See
// bench/README.md.
package bench
