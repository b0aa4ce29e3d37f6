//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package accessible

import "errors"

// echoOff is not available here: the secret is read with
// term.ReadPassword instead (see lineReader.readSecret).
func echoOff(uintptr) (func(), error) { return nil, errors.ErrUnsupported }
